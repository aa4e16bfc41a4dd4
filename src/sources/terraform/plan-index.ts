/**
 * What a plan (or a state) holds, indexed once: the resource instances of planned_values (or
 * values), the data sources read at plan time (prior_state, then planned_values), each
 * instance's change (actions, before, after_unknown) from resource_changes, and the
 * configuration of every module with the values the plan carries (root variables, constants).
 *
 * Terraform's JSON output: hashicorp/terraform internal/command/jsonplan (planned values omit
 * unknown attributes and write unknown list items as null; after_unknown mirrors them with
 * true) and internal/command/jsonconfig (expressions are constant_value or references; dynamic
 * blocks are left out; module_calls nest each module's configuration).
 */
import { itemAt, itemCount } from '../file/lazy-json.js';
import { at, type MapNode, type Node, type Pos, type SeqNode } from '../file/tree.js';
import { splitInstanceKey } from './address.js';

export interface PlannedResource {
  map: MapNode;
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  values: MapNode | undefined;
  /** Module instance address ('' for the root module), e.g. module.network or module.oke[0]. */
  module: string;
  /** count.index or each.key of this instance. */
  key: string | number | undefined;
  addressAt: Pos;
}

export interface Change {
  actions: readonly string[];
  before: MapNode | undefined;
  afterUnknown: Node | undefined;
  map: MapNode;
}

/**
 * A planned instance whose values are read from the plan each time they are asked for: a big
 * plan's tree keeps no parsed values (lazy-json.ts), so holding them here for every instance
 * would keep the whole plan parsed. A reader keeps what it reads for as long as it reads.
 */
class Instance implements PlannedResource {
  constructor(
    /** The resources list it is item `item` of (a node of its own each, for a big plan's every instance, was MBs). */
    private readonly list: SeqNode,
    private readonly item: number,
    readonly address: string,
    readonly mode: 'managed' | 'data',
    readonly type: string,
    readonly name: string,
    readonly module: string,
    readonly key: string | number | undefined,
  ) {}
  get map(): MapNode {
    return itemAt(this.list, this.item) as MapNode;
  }
  /** Its "address" key, found when asked for (a position each for a big plan's every instance was MBs). */
  get addressAt(): Pos {
    return this.map.entries.get('address')?.keyAt ?? this.map.at;
  }
  get values(): MapNode | undefined {
    const values = at(this.map, 'values');
    return values?.kind === 'map' ? values : undefined;
  }
}

/** A resource change; its before and after_unknown read from the plan when asked for, as Instance's values. */
class PlannedChange implements Change {
  constructor(
    private readonly list: SeqNode,
    private readonly item: number,
    readonly actions: readonly string[],
  ) {}
  get map(): MapNode {
    return itemAt(this.list, this.item) as MapNode;
  }
  get before(): MapNode | undefined {
    const before = at(this.map, 'change', 'before');
    return before?.kind === 'map' ? before : undefined;
  }
  get afterUnknown(): Node | undefined {
    return at(this.map, 'change', 'after_unknown');
  }
}

/** Where an expression is evaluated: a module instance, its configuration, and how it was called. */
export interface ModuleScope {
  /** module.a["x"].module.b, or '' for the root module */
  instance: string;
  config: MapNode | undefined;
  /** The module instance's own count.index / each.key (in the parent's module call). */
  key: string | number | undefined;
  parent?: { scope: ModuleScope; call: string } | undefined;
}

export class PlanIndex {
  readonly managed: PlannedResource[] = [];
  readonly data: PlannedResource[] = [];
  readonly changes = new Map<string, Change>();
  private readonly byAddress = new Map<string, PlannedResource>();
  /** Address without its last instance key -> its instances. */
  private readonly instances = new Map<string, PlannedResource[]>();
  private readonly configRoot: MapNode | undefined;
  private readonly configIndex = new Map<MapNode, Map<string, MapNode>>();
  readonly variables: Node | undefined;
  /** One frozen list for each list of actions (a plan's changes are a few kinds: ["no-op"], ["create"], ...). */
  private readonly actionLists = new Map<string, readonly string[]>();
  /** One string for each text read more than once (resource types, compartment OCIDs, shapes, images...). */
  private readonly strings = new Map<string, string>();

  constructor(readonly root: MapNode) {
    const cfg = at(root, 'configuration', 'root_module');
    this.configRoot = cfg?.kind === 'map' ? cfg : undefined;
    this.variables = at(root, 'variables');
    const planned = at(root, 'planned_values', 'root_module') ?? at(root, 'values', 'root_module');
    const seenData = new Set<string>();
    // Data sources read at plan time carry their values in prior_state; those read during apply
    // are in planned_values with what is known of them.
    const prior = at(root, 'prior_state', 'values', 'root_module');
    if (prior) this.collect(prior, '', 'data', seenData);
    if (planned) this.collect(planned, '', 'both', seenData);
    const changes = at(root, 'resource_changes');
    if (changes?.kind === 'seq') {
      for (let i = 0, n = itemCount(changes); i < n; i++) {
        const item = itemAt(changes, i);
        if (item.kind !== 'map') continue;
        const address = str(at(item, 'address'));
        const actions = at(item, 'change', 'actions');
        if (address === undefined || actions?.kind !== 'seq') continue;
        // The planned instance's string for the same address: one copy, not two.
        this.changes.set(this.byAddress.get(address)?.address ?? address, new PlannedChange(changes, i, this.actionList(actions.items.map((a) => str(a) ?? ''))));
      }
    }
  }

  /**
   * One string for equal texts: JSON.parse makes a new string for every value, and a big plan's
   * thousands of pools repeat the same few types, compartments, shapes and images.
   */
  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  private actionList(actions: string[]): readonly string[] {
    const key = actions.join('\0');
    let list = this.actionLists.get(key);
    if (list === undefined) this.actionLists.set(key, (list = Object.freeze(actions)));
    return list;
  }

  get hasRootModule(): boolean {
    return at(this.root, 'planned_values', 'root_module')?.kind === 'map' || at(this.root, 'values', 'root_module')?.kind === 'map';
  }

  private collect(module: Node, moduleAddress: string, which: 'data' | 'both', seenData: Set<string>): void {
    if (module.kind !== 'map') return;
    const resources = at(module, 'resources');
    if (resources?.kind === 'seq') {
      for (let i = 0, n = itemCount(resources); i < n; i++) {
        const item = itemAt(resources, i);
        if (item.kind !== 'map') continue;
        const mode = str(at(item, 'mode')) === 'data' ? 'data' : 'managed';
        if (which === 'data' && mode !== 'data') continue;
        const address = str(at(item, 'address'));
        const type = str(at(item, 'type'));
        const name = str(at(item, 'name'));
        if (address === undefined || type === undefined || name === undefined) continue;
        if (mode === 'data') {
          if (seenData.has(address)) continue;
          seenData.add(address);
        }
        const index = at(item, 'index');
        const key = index?.kind === 'scalar' && (typeof index.value === 'string' || typeof index.value === 'number') ? index.value : splitInstanceKey(address).key;
        const res = new Instance(resources, i, address, mode, this.intern(type), this.intern(name), moduleAddress, key);
        (mode === 'data' ? this.data : this.managed).push(res);
        this.byAddress.set(address, res);
        const { base } = splitInstanceKey(address);
        if (base !== address) {
          const list = this.instances.get(base);
          if (list) list.push(res);
          else this.instances.set(base, [res]);
        }
      }
    }
    const children = at(module, 'child_modules');
    if (children?.kind === 'seq') {
      for (const child of children.items) this.collect(child, str(at(child, 'address')) ?? moduleAddress, which, seenData);
    }
  }

  resource(address: string): PlannedResource | undefined {
    return this.byAddress.get(address);
  }

  /** The instances of a resource written without a key: itself when it has no count/for_each. */
  instancesOf(address: string): PlannedResource[] {
    const single = this.byAddress.get(address);
    if (single) return [single];
    return this.instances.get(address) ?? [];
  }

  /** The scope of a module instance address such as module.a[0].module.b. */
  scope(instance: string): ModuleScope {
    let scope: ModuleScope = { instance: '', config: this.configRoot, key: undefined };
    if (instance === '') return scope;
    for (const step of moduleSteps(instance)) scope = this.child(scope, step);
    return scope;
  }

  /** The scope of a module call `step` (e.g. network or workers["a"]) inside `scope`. */
  child(scope: ModuleScope, step: string): ModuleScope {
    const { base: call, key } = splitInstanceKey(step);
    const config = at(scope.config, 'module_calls', call, 'module');
    return {
      instance: scope.instance === '' ? `module.${step}` : `${scope.instance}.module.${step}`,
      config: config?.kind === 'map' ? config : undefined,
      key,
      parent: { scope, call },
    };
  }

  /** The configuration block of a resource in its module (each module's blocks indexed once). */
  resourceConfig(res: PlannedResource): MapNode | undefined {
    const config = this.scope(res.module).config;
    if (config === undefined) return undefined;
    let index = this.configIndex.get(config);
    if (index === undefined) {
      index = new Map();
      const resources = at(config, 'resources');
      if (resources?.kind === 'seq') {
        for (const r of resources.items) {
          const address = str(at(r, 'address'));
          if (r.kind === 'map' && address !== undefined && !index.has(address)) index.set(address, r);
        }
      }
      this.configIndex.set(config, index);
    }
    return index.get(`${res.mode === 'data' ? 'data.' : ''}${res.type}.${res.name}`);
  }
}

/** module.a[0].module.b["x"] -> ["a[0]", "b[\"x\"]"] */
export function moduleSteps(instance: string): string[] {
  const steps: string[] = [];
  let rest = instance;
  while (rest.startsWith('module.')) {
    rest = rest.slice('module.'.length);
    const next = nextModule(rest);
    steps.push(next < 0 ? rest : rest.slice(0, next));
    rest = next < 0 ? '' : rest.slice(next + 1);
  }
  return steps;
}

/** Index of the "." before the next "module." outside quotes, or -1. */
function nextModule(text: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '.' && text.startsWith('module.', i + 1)) return i;
  }
  return -1;
}

export function str(node: Node | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}
