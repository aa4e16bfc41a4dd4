/**
 * Findings speak the input's language. Rules write the model's field names (the oke-cni config's
 * own keys: maxPodsPerNode, podSubnets, nsgIds...); an object read from a Terraform plan or OCI
 * CLI JSON carries the vocabulary its reader recorded while reading it (which attribute filled
 * which model field), and the lint runner rewrites the finding's words with it. A Terraform
 * user reads `node_pool_pod_network_option_details.max_pods_per_node`, an OCI CLI user
 * `node-pool-pod-network-option-details.max-pods-per-node`; the config file and live OCI keep
 * the model's names. Pure: no rule has an if/else per source.
 */

export type Dialect = 'terraform' | 'oci-cli';

/** The kinds of model object a vocabulary is recorded for. */
export type VocabularyKind = 'vcn' | 'subnet' | 'cluster' | 'nodePool';

/** The words of one input file: each kind's model fields as that file writes them (first seen wins). */
export class InputVocabulary {
  private readonly byKind = new Map<VocabularyKind, Map<string, string>>();
  constructor(readonly dialect: Dialect) {}

  add(kind: VocabularyKind, field: string, name: string): void {
    let names = this.byKind.get(kind);
    if (names === undefined) this.byKind.set(kind, (names = new Map()));
    if (!names.has(field)) names.set(field, name);
  }

  /** The input's name for a model field of `kind`, else of any other kind (a subnet's finding naming its pools' maxPodsPerNode). */
  name(field: string, kind: VocabularyKind): string | undefined {
    const own = this.byKind.get(kind)?.get(field);
    if (own !== undefined) return own;
    for (const other of LOOKUP_ORDER) {
      const name = other === kind ? undefined : this.byKind.get(other)?.get(field);
      if (name !== undefined) return name;
    }
    return undefined;
  }
}

const LOOKUP_ORDER: readonly VocabularyKind[] = ['nodePool', 'subnet', 'cluster', 'vcn'];

/** One object's vocabulary: where it is in the input's terms, and what its fields are called. */
export interface Vocabulary {
  kind: VocabularyKind;
  input: InputVocabulary;
  /** Model field -> the attribute as this object's input writes it (what messages name). */
  fields: Map<string, string>;
  /**
   * Model field -> what a user changes to fix it, where that is not the attribute itself: a
   * resource inside a Terraform module is changed through the module input (or root variable)
   * that feeds it, never by editing the module.
   */
  changes: Map<string, string>;
  /** Terraform: the resource address (the stable location of every finding on the object). */
  address?: string | undefined;
  /** Terraform: the resource type, e.g. oci_containerengine_node_pool. */
  resourceType?: string | undefined;
  /** The object's own name attribute (a pool's `name`), shown beside its address. */
  displayName?: string | undefined;
}

export function newVocabulary(kind: VocabularyKind, input: InputVocabulary): Vocabulary {
  return { kind, input, fields: new Map(), changes: new Map() };
}

/** Maps a VocabularySharer handed out: shared, so changed only through ownMaps. */
const SHARED = new WeakSet<Map<string, string>>();

/**
 * Objects whose field names (and changes) are the same share one Map of each. A big plan's
 * thousands of pools all write the same attributes; a Map each held tens of MB while the plan was
 * read and until the report was written. A vocabulary is shared once its reader has read the
 * object; a reader that names more of its fields later calls ownMaps first.
 */
export class VocabularySharer {
  private readonly shared = new Map<string, Map<string, string>>();

  share(v: Vocabulary): void {
    v.fields = this.one(v.fields);
    // Equal entries in the same order: one table serves a fields map and a changes map alike.
    v.changes = this.one(v.changes);
  }

  private one(map: Map<string, string>): Map<string, string> {
    let key = '';
    for (const [field, name] of map) key += `${field}\0${name}\0`;
    const found = this.shared.get(key);
    if (found !== undefined) return found;
    this.shared.set(key, map);
    SHARED.add(map);
    return map;
  }
}

/** Before a vocabulary's maps change: copies of its own where they are shared (copy on write). */
export function ownMaps(v: Vocabulary): void {
  if (SHARED.has(v.fields)) v.fields = new Map(v.fields);
  if (SHARED.has(v.changes)) v.changes = new Map(v.changes);
}

/** Something a finding can be about that may carry a vocabulary. */
export interface Spoken {
  vocabulary?: Vocabulary | undefined;
}

/** The input's name for `field` of `subject`; undefined for the config file and live OCI, whose names are the model's. */
export function inputName(subject: Spoken, field: string): string | undefined {
  const v = subject.vocabulary;
  return v?.fields.get(field) ?? v?.input.name(field, v.kind);
}

/** The input's name for `field` of `subject`, or `canonical` (the model's name) when it has none. */
export function fieldName(subject: Spoken, field: string, canonical: string = field): string {
  return inputName(subject, field) ?? canonical;
}

/**
 * speak(text, subject, true) made once per text and set of words: the findings of a big plan's
 * thousands of pools share a few remediations, and each was rewritten (and held) anew. The words
 * must not change while it is in use (the lint run: reading is done).
 */
export class RemediationSpeaker {
  private readonly made = new Map<Map<string, string>, Map<Map<string, string>, Map<InputVocabulary, Map<string, string>>>>();

  speak(text: string, subject: Spoken): string {
    const v = subject.vocabulary;
    if (v === undefined || text === '') return text;
    let byChanges = this.made.get(v.fields);
    if (byChanges === undefined) this.made.set(v.fields, (byChanges = new Map()));
    let byInput = byChanges.get(v.changes);
    if (byInput === undefined) byChanges.set(v.changes, (byInput = new Map()));
    let byText = byInput.get(v.input);
    if (byText === undefined) byInput.set(v.input, (byText = new Map()));
    const key = `${v.kind}\0${text}`;
    let spoken = byText.get(key);
    if (spoken === undefined) byText.set(key, (spoken = speak(text, subject, true)));
    return spoken;
  }
}

/** A model field as a word: lower camel case with at least one capital (maxPodsPerNode, nsgIds). */
const FIELD_WORD = /(?<![\w.-])([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)(?![\w-])(: (?=[\w"[{-]))?/g;

/**
 * `text` with the model's field names replaced by the subject's input's (in remediations, by what
 * to change). Lines of an indented snippet (a rule to paste) are left as written: their keys are
 * the snippet's own syntax.
 */
export function speak(text: string, subject: Spoken, remediation = false): string {
  const v = subject.vocabulary;
  if (v === undefined || text === '') return text;
  const word = (_match: string, w: string, colon: string | undefined): string => {
    const name = (remediation ? v.changes.get(w) : undefined) ?? v.fields.get(w) ?? v.input.name(w, v.kind);
    if (name === undefined) return `${w}${colon ?? ''}`;
    // "prohibitPublicIpOnVnic: true" is the config's syntax; Terraform writes "attribute = true".
    return `${name}${colon === undefined ? '' : v.input.dialect === 'terraform' ? ' = ' : colon}`;
  };
  return text
    .split('\n')
    .map((line) => (/^\s/.test(line) || /^[{[]/.test(line) ? line : line.replace(FIELD_WORD, word)))
    .join('\n');
}
