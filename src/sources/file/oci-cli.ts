/**
 * OCI CLI JSON: what `oci ce cluster get`, `oci ce node-pool get/list`,
 * `oci ce virtual-node-pool get/list`, `oci network subnet get/list` and
 * `oci network vcn get/list` print: {"data": {...}} or {"data": [...]}, with the API's
 * camelCase names in kebab case (the CLI prints the Python SDK's snake_case names with
 * dashes: nodeConfigDetails -> "node-config-details"). Key names follow the models in
 * oci-containerengine (NodePool, NodePoolNodeConfigDetails, OciVcnIpNativeNodePoolPodNetworkOptionDetails,
 * Cluster, ClusterCreateOptions, VirtualNodePool) and oci-core (Subnet, Vcn).
 *
 * The kind of each object comes from its OCID (ocid1.nodepool., ocid1.subnet. ...), else
 * from its keys. Refs are OCIDs; names are the display names. Objects that OCI lists after
 * deletion (lifecycle-state DELETED, TERMINATED, ...) are skipped: they use no addresses.
 *
 * Positions: at[''] is the "name"/"display-name" key (the object's first key without one);
 * at[field] is the key of the attribute that fills the model field.
 *
 * Which attribute fills which model field is oci-resources.ts, shared with Terraform plans;
 * this file finds the objects and reads an attribute at the kebab-case spelling of its API path.
 */
import type { Positions } from '../../core/model.js';
import { InputVocabulary, newVocabulary, type Vocabulary } from '../../core/vocabulary.js';
import { isGone } from '../oci-objects.js';
import { emptyDraft, type Draft } from './draft.js';
import { POOL_FIELDS_TO_NAME, readResource, type ApiPath, type AttributeRef, type OciKind, type OciResource } from './oci-resources.js';
import type { FileProblems } from './problems.js';
import { at, entryAt, type MapNode, type Node } from './tree.js';
import { ocidType, readList, readString } from './values.js';

type Path = Array<string | number>;

const BY_OCID_TYPE: Record<string, OciKind> = {
  vcn: 'vcn',
  subnet: 'subnet',
  cluster: 'cluster',
  nodepool: 'nodePool',
  virtualnodepool: 'virtualNodePool',
  securitylist: 'securityList',
};


export function isOciCliJson(root: MapNode): boolean {
  const data = at(root, 'data');
  return data?.kind === 'map' || data?.kind === 'seq';
}

export function readOciCli(root: MapNode, fp: FileProblems): Draft {
  const draft = emptyDraft();
  const words = new InputVocabulary('oci-cli');
  const data = at(root, 'data') as Node;
  const items = data.kind === 'seq' ? data.items.map((n, i) => ({ node: n, path: `data[${i}]` })) : [{ node: data, path: 'data' }];
  for (const { node, path } of items) {
    if (node.kind !== 'map') {
      fp.add(node.at, `${path}: expected an OCI object, got ${node.kind === 'seq' ? 'a list' : 'a single value'}`);
      continue;
    }
    const state = at(node, 'lifecycle-state');
    if (state?.kind === 'scalar' && typeof state.value === 'string' && isGone(state.value)) continue;
    const kind = kindOf(node);
    if (kind === undefined) {
      fp.add(
        node.at,
        `${path}: not a VCN, subnet, cluster or node pool; expected the output of "oci network vcn|subnet get|list" or "oci ce cluster|node-pool|virtual-node-pool get|list"`,
      );
      continue;
    }
    const o = new CliObject(node, path, kind, fp, words);
    if (o.ocid !== undefined) readResource(kind, o, draft);
  }
  return draft;
}

function kindOf(node: MapNode): OciKind | undefined {
  const id = at(node, 'id');
  if (id?.kind === 'scalar' && typeof id.value === 'string') {
    const byId = BY_OCID_TYPE[ocidType(id.value) ?? ''];
    if (byId) return byId;
  }
  const has = (k: string): boolean => node.entries.has(k);
  if (has('pod-configuration') && has('cluster-id')) return 'virtualNodePool';
  if (has('node-shape') || (has('cluster-id') && has('node-config-details'))) return 'nodePool';
  if (has('vcn-id') && has('kubernetes-version')) return 'cluster';
  if (has('vcn-id') && (has('cidr-block') || has('ipv4-cidr-blocks'))) return 'subnet';
  if (has('cidr-blocks') && !has('vcn-id')) return 'vcn';
  if (has('ingress-security-rules') || has('egress-security-rules')) return 'securityList';
  return undefined;
}

const NAME_KEY: Record<OciKind, string> = {
  vcn: 'display-name',
  subnet: 'display-name',
  cluster: 'name',
  nodePool: 'name',
  virtualNodePool: 'display-name',
  securityList: 'display-name',
};

/** The CLI prints the API's camelCase names in kebab case: nodeConfigDetails -> node-config-details. */
function kebab(path: ApiPath): Path {
  return path.map((step) => (typeof step === 'number' ? step : step.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)));
}

class CliObject implements OciResource {
  readonly at: Positions = {};
  readonly form = 'oci-cli' as const;
  /** Undefined when the object has no valid OCID of its kind (reported); such an object is not read. */
  readonly ocid: string | undefined;
  readonly ref: string;
  readonly name: string;
  readonly vocabulary: Vocabulary | undefined;

  constructor(
    readonly map: MapNode,
    readonly path: string,
    readonly kind: OciKind,
    readonly fp: FileProblems,
    words: InputVocabulary,
  ) {
    const spoken = kind === 'virtualNodePool' ? 'nodePool' : kind === 'securityList' ? undefined : kind;
    this.vocabulary = spoken === undefined ? undefined : newVocabulary(spoken, words);
    if (spoken === 'nodePool') for (const [field, path] of POOL_FIELDS_TO_NAME) this.recordName(field, kebab(path), false);
    const nameEntry = map.entries.get(NAME_KEY[kind]);
    this.at[''] = fp.location(nameEntry?.keyAt ?? map.entries.values().next().value?.keyAt ?? map.at);
    const idNode = this.field('ocid', ['id']);
    if (idNode === undefined) {
      fp.add(map.at, `${path}: missing "id" (the OCID other objects refer to)`);
    } else {
      const id = readString(idNode, `${path}.id`, fp)?.trim();
      const want = kind === 'nodePool' ? 'nodepool' : kind === 'virtualNodePool' ? 'virtualnodepool' : kind === 'securityList' ? 'securitylist' : kind;
      if (id !== undefined && ocidType(id) !== want) fp.add(idNode.at, `${path}.id: "${id}" is not a ${want} OCID`);
      else this.ocid = id;
    }
    this.ref = this.ocid ?? '';
    const nameNode = nameEntry?.value;
    this.name = (nameNode && readString(nameNode, `${path}.${NAME_KEY[kind]}`, fp)) || this.ocid || path;
  }

  label(path: ApiPath): string {
    return `${this.path}${kebab(path)
      .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
      .join('')}`;
  }

  value(path: ApiPath): Node | undefined {
    const v = at(this.map, ...kebab(path));
    return v?.kind === 'scalar' && v.value === null ? undefined : v;
  }

  field(name: string, path: ApiPath): Node | undefined {
    const keys = kebab(path);
    const e = entryAt(this.map, ...keys);
    if (e && this.at[name] === undefined) this.at[name] = this.fp.location(e.keyAt);
    this.recordName(name, keys, e !== undefined);
    return this.value(path);
  }

  /** The key's name for messages: its object and itself (node-config-details.size); a key the JSON has wins. */
  private recordName(modelField: string, keys: Path, present: boolean): void {
    const v = this.vocabulary;
    const field = modelField.replace(/^.*\]\./, '');
    if (v === undefined || (v.fields.has(field) && (this.named.has(field) || !present))) return;
    const name = keys.filter((k): k is string => typeof k === 'string').slice(-2).join('.');
    v.fields.set(field, name);
    v.input.add(v.kind, field, name);
    if (present) this.named.add(field);
  }

  /** Fields named after a key the JSON has. */
  private readonly named = new Set<string>();

  string(name: string, path: ApiPath): string | undefined {
    const v = this.field(name, path);
    return v ? readString(v, this.label(path), this.fp)?.trim() : undefined;
  }

  reference(name: string, path: ApiPath): AttributeRef | undefined {
    const v = this.field(name, path);
    const text = v ? readString(v, this.label(path), this.fp)?.trim() : undefined;
    return v && text !== undefined ? { text, at: this.fp.location(v.at), field: this.label(path) } : undefined;
  }

  references(name: string, path: ApiPath): AttributeRef[] {
    const v = this.field(name, path);
    if (!v) return [];
    if (v.kind === 'seq') v.items.forEach((item, i) => (this.at[`${name}[${i}]`] = this.fp.location(item.at)));
    return (
      readList(v, this.label(path), this.fp, (n, itemPath) => {
        const text = readString(n, itemPath, this.fp)?.trim();
        return text === undefined ? undefined : { text, at: this.fp.location(n.at), field: itemPath };
      }) ?? []
    );
  }

  requiredString(name: string, path: ApiPath): string | undefined {
    if (this.field(name, path) === undefined) this.missing(path);
    return this.string(name, path);
  }

  /** Only an absent key is missing: a null one reads as no reference. */
  requiredReference(name: string, path: ApiPath): AttributeRef | undefined {
    if (entryAt(this.map, ...kebab(path)) === undefined) this.missing(path);
    return this.reference(name, path);
  }

  /** Every check words it the same: the attribute is not in the CLI's output. */
  missing(path: ApiPath): void {
    this.fp.add(this.map.at, `${this.path}: missing "${kebab(path).join('.')}"`);
  }
}
