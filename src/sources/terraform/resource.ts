/**
 * One planned resource instance read by API path (oci-resources.ts maps API paths to model
 * fields): the provider spells a path in snake case with every nested block a one-element list
 * (node_config_details[0].size). A value is known when planned values hold it; unknown when
 * after_unknown says so, or when planned values lack it and the configuration sets it; unset
 * otherwise. An unknown reference is traced through the configuration (expressions.ts); what
 * the plan does not determine is recorded in `unknown` (the checks that need it are skipped
 * and named by the not-checked rule), never guessed.
 *
 * Positions: at[''] is the resource's "address" key; at[field] is the attribute's key in
 * planned_values, or in the configuration when the value is unknown.
 */
import type { Location, NotKnown, Positions, Unknowns } from '../../core/model.js';
import { newVocabulary, ownMaps, type InputVocabulary, type Vocabulary, type VocabularyKind } from '../../core/vocabulary.js';
import { POOL_FIELDS_TO_NAME, type ApiPath, type AttributeRef, type Needed, type OciResource } from '../file/oci-resources.js';
import type { FileProblems, Spot } from '../file/problems.js';
import { at, atPath, type MapNode, type Node, type Pos } from '../file/tree.js';
import { readList, readString } from '../file/values.js';
import type { InstanceContext, Resolution, Resolver } from './expressions.js';
import type { ModuleScope, PlanIndex, PlannedResource } from './plan-index.js';

type Path = Array<string | number>;

/** Text of an attribute path for messages: node_config_details[0].size (once per provider path). */
export function pathText(path: Path): string {
  let text = PATH_TEXTS.get(path);
  if (text === undefined) {
    text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    PATH_TEXTS.set(path, text);
  }
  return text;
}
const PATH_TEXTS = new WeakMap<Path, string>();

/**
 * A reference read from the plan. Where it stands and its attribute's name (for a message about
 * it) are made only when asked for: a big plan's pools hold tens of thousands of references until
 * they are resolved, and a Location and a name each cost more than the rest of the reference.
 */
class PlanRef implements AttributeRef {
  // What oci-resources.ts pendingOf adds when it makes the reference a pending one, made room for
  // here: added later, they would cost each reference a second allocation.
  declare kind: unknown;
  declare set: unknown;
  declare attach: unknown;
  declare fills: unknown;
  declare slot: unknown;
  declare loose: unknown;
  constructor(
    readonly text: string,
    private readonly fp: FileProblems,
    private readonly where: Spot,
    private readonly address: string,
    private readonly path: Path,
    /** The list item, or -1 for the attribute itself. */
    private readonly item: number,
  ) {
    this.kind = undefined;
    this.set = undefined;
    this.attach = undefined;
    this.fills = undefined;
    this.slot = undefined;
    this.loose = undefined;
  }
  get at(): Location {
    return this.fp.locationOf(this.where);
  }
  get field(): string {
    const label = `${this.address}.${pathText(this.path)}`;
    return this.item < 0 ? label : `${label}[${this.item}]`;
  }
}

/** Provider attributes that are not the API name in snake case (core_subnet_resource.go). */
const PROVIDER_NAMES: ReadonlyMap<string, string> = new Map([
  ['ipv6CidrBlock', 'ipv6cidr_block'],
  ['ipv6CidrBlocks', 'ipv6cidr_blocks'],
  ['ipv4CidrBlocks', 'ipv4cidr_blocks'],
]);

/** The provider paths spelt so far, as a tree of API path steps (a lookup allocates nothing). */
interface Spelt {
  path?: Path;
  next?: Map<string | number, Spelt>;
}
const PROVIDER_PATHS: Spelt = {};

/** The provider's path for an API path: snake case, and a nested object is a block, which the plan writes as a one-element list. */
export function providerPath(path: ApiPath): Path {
  // Every resource asks for the same few dozen paths, thousands of times in a big plan: spell each once.
  let node = PROVIDER_PATHS;
  for (const step of path) {
    node.next ??= new Map();
    let child = node.next.get(step);
    if (child === undefined) node.next.set(step, (child = {}));
    node = child;
  }
  node.path ??= spellProviderPath(path);
  return node.path;
}

/** A provider path's parent (all but its last step), once per path. */
const PARENTS = new WeakMap<Path, Path>();
function parentOf(path: Path): Path {
  let parent = PARENTS.get(path);
  if (parent === undefined) PARENTS.set(path, (parent = path.slice(0, -1)));
  return parent;
}

/** The attribute's name in messages: its block and itself (node_config_details.size), once per path. */
const ATTRIBUTE_NAMES = new WeakMap<Path, string>();
function attributeName(path: Path): string {
  let name = ATTRIBUTE_NAMES.get(path);
  if (name === undefined) ATTRIBUTE_NAMES.set(path, (name = path.filter((s): s is string => typeof s === 'string').slice(-2).join('.')));
  return name;
}

/** A model field without its list item (podSubnets[0].x -> x), once per field. */
const FIELD_NAMES = new Map<string, string>();
function fieldName(field: string): string {
  let name = FIELD_NAMES.get(field);
  if (name === undefined) FIELD_NAMES.set(field, (name = field.replace(/^.*\]\./, '')));
  return name;
}


function spellProviderPath(path: ApiPath): Path {
  const out: Path = [];
  path.forEach((step, i) => {
    if (typeof step === 'number') {
      out.push(step);
      return;
    }
    out.push(PROVIDER_NAMES.get(step) ?? step.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    if (typeof path[i + 1] === 'string') out.push(0);
  });
  return out;
}

/** The model field each needed value fills. */
const NEEDED_FIELD: Record<Needed, string> = {
  vcnCidrBlock: 'cidrBlocks',
  subnetCidrBlock: 'cidrBlocks',
  clusterVersion: 'kubernetesVersion',
  poolSize: 'size',
  virtualPoolSize: 'size',
};

const NOT_IN_PLAN = 'not in the planned values, so known only after apply';

export const AFTER_APPLY = 'known only after apply';

/** A planned resource: names and refs are its address (a data source's ref is its OCID when known); paths are API paths. */
export class TfResource implements OciResource {
  readonly at: Positions;
  readonly unknown: Unknowns = {};
  readonly ref: string;
  readonly name: string;
  readonly ocid: string | undefined;
  readonly vocabulary: Vocabulary | undefined;
  /** Fields whose recorded name is an attribute the plan does not set (replaced by one it sets). */
  private readonly namedFromAbsent = new Set<string>();
  private readonly config: MapNode | undefined;
  private readonly scope: ModuleScope;
  private readonly ctx: InstanceContext;
  /** The planned values, read from the plan once for this reading (PlanIndex keeps none); null once forgotten. */
  private read: MapNode | undefined | null;

  constructor(
    readonly res: PlannedResource,
    private readonly plan: PlanIndex,
    private readonly resolver: Resolver,
    readonly fp: FileProblems,
    /** after_unknown of the resource's change: true where a value is known only after apply. */
    private readonly afterUnknown: Node | undefined,
    /** Configuration expressions are read for the planned (after) values only. */
    withConfig = true,
    /** The old generation of a pool replaced create-before-destroy: the address of its replacement. */
    readonly replacedBy?: string,
    /** The plan's vocabulary and the kind of object this resource is read as. */
    words?: { input: InputVocabulary; kind: VocabularyKind },
  ) {
    this.read = res.values;
    this.config = withConfig ? plan.resourceConfig(res) : undefined;
    this.scope = plan.scope(res.module);
    this.ctx = resolver.contextOf(res, this.config, this.scope);
    this.at = fp.positions(res.addressAt);
    fp.place(this.at, '', res.addressAt);
    this.ref = res.address;
    this.name = res.address;
    if (words) {
      // One literal with every field (a spread, or a field added later, costs a big plan seconds).
      const { kind, input, fields, changes } = newVocabulary(words.kind, words.input);
      const resourceType = `${res.mode === 'data' ? 'data.' : ''}${res.type}`;
      const own = this.known(['name']) ?? this.known(['display_name']);
      const displayName = own?.kind === 'scalar' && typeof own.value === 'string' && own.value !== '' ? own.value : undefined;
      this.vocabulary =
        displayName === undefined
          ? { kind, input, fields, changes, address: res.address, resourceType }
          : { kind, input, fields, changes, address: res.address, resourceType, displayName };
      if (words.kind === 'nodePool') for (const [field, path] of POOL_FIELDS_TO_NAME) this.recordName(field, providerPath(path), false);
    }
    // An id known only after apply is no unknown a check needs (the resource is named by its address).
    const id = this.field('ocid', ['id'], false, false);
    this.ocid = id === undefined ? undefined : readString(id, this.label(['id']), this.fp);
  }

  private get values(): MapNode | undefined {
    if (this.read === null) this.read = this.res.values;
    return this.read;
  }

  /**
   * Done with the object for now: its parsed values are let go, and read from the plan again if
   * asked for. The security reader goes on with the plan's subnets and clusters once every object
   * is read; a big plan's thousands of subnets each held their parsed values until then.
   */
  forget(): void {
    this.read = null;
  }

  label(path: ApiPath): string {
    return `${this.res.address}.${pathText(providerPath(path))}`;
  }

  /** The known value at `path` (null and absent mean unknown or unset). */
  value(path: ApiPath): Node | undefined {
    return this.known(providerPath(path));
  }

  private known(path: Path): Node | undefined {
    const v = atPath(this.values, path);
    return v?.kind === 'scalar' && v.value === null ? undefined : v;
  }

  /** True where after_unknown marks the value, or a block holding it, as known only after apply. */
  private afterApply(path: Path): boolean {
    let cur = this.afterUnknown;
    for (const step of path) {
      if (cur?.kind === 'scalar') return cur.value === true;
      cur = at(cur, step);
    }
    return cur?.kind === 'scalar' ? cur.value === true : false;
  }

  /** The configuration expression for `path`: nested blocks are lists in both trees. */
  private expression(path: Path): Node | undefined {
    const exprs = at(this.config, 'expressions');
    const exact = atPath(exprs, path);
    if (exact) return exact;
    // A set block (placement_configs) may be ordered differently in the plan: try its first block.
    return at(exprs, ...path.map((p) => (typeof p === 'number' ? 0 : p)));
  }

  private isUnknown(path: Path): boolean {
    return this.known(path) === undefined && (this.afterApply(path) || this.expression(path) !== undefined);
  }

  /** Position of the attribute's key: in planned values, else in the configuration. */
  private keyPos(path: Path): Pos | undefined {
    const last = path[path.length - 1];
    if (typeof last !== 'string') return undefined;
    const parent = atPath(this.values, parentOf(path));
    const inValues = parent?.kind === 'map' ? parent.entries.get(last)?.keyAt : undefined;
    if (inValues) return inValues;
    const cfgParent = atPath(at(this.config, 'expressions'), parentOf(path));
    return cfgParent?.kind === 'map' ? cfgParent.entries.get(last)?.keyAt : undefined;
  }

  /** The known value at `path`; a list with unknown (null) items is unknown as a whole, except to references(). */
  field(name: string, path: ApiPath, nullItems = false, recordUnknown = true): Node | undefined {
    const p = providerPath(path);
    const pos = this.keyPos(p);
    if (pos && !(name in this.at)) this.fp.place(this.at, name, pos);
    const value = this.known(p);
    const unknown = value === undefined && this.isUnknown(p);
    if (unknown && recordUnknown) this.markUnknown(name, p, AFTER_APPLY);
    this.recordName(name, p, value !== undefined || unknown);
    if (!nullItems && value?.kind === 'seq' && value.items.some((item) => item.kind === 'scalar' && item.value === null)) {
      if (recordUnknown) this.markUnknown(name, p, AFTER_APPLY);
      return undefined;
    }
    return value;
  }

  /**
   * The attribute's name for messages (its block and itself: node_config_details.size), and for a
   * resource inside a module what feeds it (core/vocabulary.ts). An attribute the plan sets wins
   * over one it leaves out (cidr_block / ipv4cidr_blocks).
   */
  private recordName(field: string, p: Path, set: boolean): void {
    const v = this.vocabulary;
    if (v === undefined) return;
    const name = fieldName(field);
    if (v.fields.has(name) && !(set && this.namedFromAbsent.has(name))) return;
    const attr = attributeName(p);
    ownMaps(v);
    v.fields.set(name, attr);
    v.input.add(v.kind, name, attr);
    if (set) this.namedFromAbsent.delete(name);
    else this.namedFromAbsent.add(name);
    const change = set ? this.changeFor(p, attr) : undefined;
    if (change !== undefined) v.changes.set(name, change);
  }

  /**
   * For a resource inside a module, what a user changes to change the attribute at `p` (named
   * `what`): the module input or root variable that feeds it, never an edit of the module itself.
   */
  private changeFor(p: Path, what: string): string | undefined {
    if (this.res.module === '') return undefined;
    const chain = this.resolver.feeders(this.expression(p), this.scope, at(this.config, 'for_each_expression'), this.res.key);
    return chain === undefined
      ? `${what} of ${this.res.address} (set inside ${this.res.module}, not from a module input)`
      : `${chain[0]} (${[...chain.slice(1), `feeding ${what} of ${this.res.address}`].join(', ')})`;
  }

  /** Record that model field `name` is not known: the checks that need it are skipped. */
  private markUnknown(name: string, p: Path, reason: string): void {
    const nk: NotKnown = { field: `${this.res.address}.${pathText(p)}`, reason, at: this.fp.location(this.keyPos(p) ?? this.res.addressAt) };
    const change = this.changeFor(p, pathText(p));
    if (change !== undefined) nk.change = change;
    this.unknown[name] = nk;
  }

  /**
   * Whether the configuration writes an expression for `path` (an Optional+Computed attribute such
   * as security_list_ids is unknown in after_unknown whether or not it is set); undefined when the
   * plan carries no configuration for the resource.
   */
  expressed(path: ApiPath): boolean | undefined {
    if (this.config === undefined) return undefined;
    return this.expression(providerPath(path)) !== undefined;
  }

  /** Whether the plan sets `path` although it does not know its value yet. */
  configured(path: ApiPath): boolean {
    return this.isUnknown(providerPath(path));
  }

  private resolveAt(p: Path): Resolution {
    return this.resolver.resolve(this.expression(p), this.scope, this.ctx);
  }

  /** One reference (vcn_id, subnet_id, cluster_id): the known OCID, or the one instance its expression refers to. */
  reference(name: string, path: ApiPath): AttributeRef | undefined {
    const value = this.field(name, path);
    const p = providerPath(path);
    if (value !== undefined) {
      const text = this.readText(value, this.label(path));
      return text === undefined ? undefined : new PlanRef(text, this.fp, this.fp.spot(value.at), this.res.address, p, -1);
    }
    if (!this.isUnknown(p)) return undefined;
    const found = this.resolveAt(p);
    const why = whyUnknown(found, 1);
    if (why !== undefined) {
      this.markUnknown(name, p, why);
      return undefined;
    }
    delete this.unknown[name];
    return new PlanRef(found.targets[0] as string, this.fp, this.fp.spot(this.keyPos(p) ?? this.res.addressAt), this.res.address, p, -1);
  }

  /** A list of references (pod_subnet_ids, nsg_ids): known OCIDs, unknown items from the expression's references. */
  references(name: string, path: ApiPath): AttributeRef[] {
    const value = this.field(name, path, true);
    const p = providerPath(path);
    if (value === undefined) {
      if (!this.isUnknown(p)) return [];
      const found = this.resolveAt(p);
      const why = found.targets.length === 0 && found.unknown === undefined ? `${AFTER_APPLY}; its expression refers to nothing the plan holds` : whyUnknown(found);
      if (why !== undefined) {
        this.markUnknown(name, p, why);
        return [];
      }
      delete this.unknown[name];
      const where = this.fp.spot(this.keyPos(p) ?? this.res.addressAt);
      return found.targets.map((t) => new PlanRef(t, this.fp, where, this.res.address, p, -1));
    }
    const label = this.label(path);
    if (value.kind !== 'seq') {
      readList(value, label, this.fp, () => undefined);
      return [];
    }
    const out: AttributeRef[] = [];
    const unknownItems = value.items.filter((item) => item.kind === 'scalar' && item.value === null).length;
    // Unknown items: the expression's targets stand for them, in order, when there are as many.
    const found = unknownItems > 0 ? this.resolveAt(p) : { targets: [] };
    const why = unknownItems > 0 ? whyUnknown(found, unknownItems) : undefined;
    if (why !== undefined) this.markUnknown(name, p, `${why}`);
    let next = 0;
    value.items.forEach((item, i) => {
      this.fp.place(this.at, `${name}[${i}]`, item.at);
      if (item.kind === 'scalar' && item.value === null) {
        const target = why === undefined ? found.targets[next++] : undefined;
        if (target !== undefined) out.push(new PlanRef(target, this.fp, this.fp.spot(item.at), this.res.address, p, i));
        return;
      }
      const text = this.readText(item, `${label}[${i}]`);
      if (text !== undefined) out.push(new PlanRef(text, this.fp, this.fp.spot(item.at), this.res.address, p, i));
    });
    return out;
  }

  /** A plain string attribute; undefined when the plan does not know it yet. */
  string(name: string, path: ApiPath): string | undefined {
    const v = this.field(name, path);
    return v === undefined ? undefined : this.readText(v, this.label(path));
  }

  /** A string value, one copy for equal texts across the plan (PlanIndex.intern). */
  private readText(node: Node, label: string): string | undefined {
    const text = readString(node, label, this.fp);
    return text === undefined ? undefined : this.plan.intern(text);
  }

  requiredString(name: string, path: ApiPath): string | undefined {
    const text = this.string(name, path);
    if (text === undefined) this.notInPlan(name, path);
    return text;
  }

  requiredReference(name: string, path: ApiPath): AttributeRef | undefined {
    const ref = this.reference(name, path);
    if (ref === undefined) this.notInPlan(name, path);
    return ref;
  }

  /**
   * A value the resource must have that the plan neither knows nor configures: Terraform leaves
   * unknown values out of planned values, so it is unknown, never an input error.
   */
  private notInPlan(name: string, path: ApiPath): void {
    if (this.unknown[name] === undefined) this.markUnknown(name, providerPath(path), NOT_IN_PLAN);
  }

  missing(path: ApiPath, needed: Needed): void {
    this.notInPlan(NEEDED_FIELD[needed], path);
  }
}

/** Why a resolution does not give `count` targets (undefined when it does; any count for lists). */
function whyUnknown(found: Resolution, count?: number): string | undefined {
  if (found.unknown !== undefined) return `${AFTER_APPLY}; ${found.unknown}`;
  if (count === undefined) return undefined;
  if (found.targets.length === count) return undefined;
  if (found.targets.length === 0) return `${AFTER_APPLY}; its expression refers to nothing the plan holds`;
  return `${AFTER_APPLY}; it could be any of ${found.targets.join(', ')}`;
}
