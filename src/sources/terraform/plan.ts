/**
 * Terraform plan JSON (`terraform show -json plan.out`; a state's `terraform show -json`
 * works too): the OCI VCNs, subnets, clusters and (virtual) node pools of
 * `planned_values.root_module` and its child modules, with attribute names as in
 * oracle/terraform-provider-oci (internal/service/core/core_{vcn,subnet}_resource.go,
 * internal/service/containerengine/containerengine_{cluster,node_pool,virtual_node_pool}_resource.go).
 *
 * Names and refs are resource addresses. An id that is unknown until apply (a subnet created
 * by the same plan) is missing from planned_values (or null inside a list); the resource's
 * `configuration` expression then lists what it references ("oci_core_subnet.pods.id"), which
 * is followed through module outputs and input variables back to a planned resource address.
 *
 * Positions: at[''] is the resource's "address" key; at[field] is the attribute's key in
 * planned_values, or in the configuration when the value is unknown.
 *
 * Which attribute fills which model field is oci-resources.ts, shared with OCI CLI JSON; this
 * file finds the resources and reads an attribute at the provider's spelling of its API path.
 */
import type { NotKnown, Positions, Unknowns } from '../../core/model.js';
import { emptyDraft, type Draft } from '../file/draft.js';
import { readResource, readSubnet, type ApiPath, type AttributeRef, type Needed, type OciKind, type OciResource } from '../file/oci-resources.js';
import type { FileProblems } from '../file/problems.js';
import { at, type MapNode, type Node, type Pos } from '../file/tree.js';
import { readList, readString } from '../file/values.js';

type Path = Array<string | number>;

interface PlannedResource {
  map: MapNode;
  address: string;
  type: string;
  name: string;
  values: MapNode | undefined;
  /** Module instance address ('' for the root module), e.g. module.network or module.oke[0]. */
  module: string;
  addressAt: Pos;
}

/** Where an expression is evaluated: a module instance, its configuration, and how it was called. */
interface ModuleScope {
  instance: string;
  config: MapNode | undefined;
  parent?: { scope: ModuleScope; call: string } | undefined;
}

const KINDS: ReadonlyMap<string, OciKind> = new Map([
  ['oci_core_vcn', 'vcn'],
  ['oci_core_subnet', 'subnet'],
  ['oci_containerengine_cluster', 'cluster'],
  ['oci_containerengine_node_pool', 'nodePool'],
  ['oci_containerengine_virtual_node_pool', 'virtualNodePool'],
]);

/** Enough to follow any sane chain of module outputs and variables; stops reference cycles. */
const MAX_REFERENCE_HOPS = 32;

export function isTerraformJson(root: MapNode): boolean {
  return root.entries.has('format_version') && (root.entries.has('planned_values') || root.entries.has('values') || root.entries.has('terraform_version'));
}

export function readTerraformPlan(root: MapNode, fp: FileProblems): Draft {
  const draft = emptyDraft();
  const rootModule = at(root, 'planned_values', 'root_module') ?? at(root, 'values', 'root_module');
  if (rootModule?.kind !== 'map') {
    fp.add(root.at, 'Terraform JSON without planned_values.root_module: pass the output of "terraform show -json plan.out"');
    return draft;
  }
  const plan = new Plan(root);
  plan.collect(rootModule, '');
  for (const res of plan.resources) {
    const kind = KINDS.get(res.type);
    if (kind === undefined) continue;
    const r = new TfResource(res, plan, fp);
    if (kind !== 'subnet') {
      readResource(kind, r, draft);
      continue;
    }
    draft.subnets.push(readSubnet(r, draft));
  }
  return draft;
}

/** The plan's resources, indexed by address, and its configuration for unknown values. */
class Plan {
  readonly resources: PlannedResource[] = [];
  private readonly byAddress = new Map<string, PlannedResource>();
  /** Address without its last instance key -> instances, for count/for_each references. */
  private readonly instances = new Map<string, string[]>();
  private readonly configRoot: MapNode | undefined;
  private readonly configIndex = new Map<MapNode, Map<string, MapNode>>();

  constructor(root: MapNode) {
    const cfg = at(root, 'configuration', 'root_module');
    this.configRoot = cfg?.kind === 'map' ? cfg : undefined;
  }

  collect(module: Node, moduleAddress: string): void {
    if (module.kind !== 'map') return;
    const resources = at(module, 'resources');
    if (resources?.kind === 'seq') {
      for (const item of resources.items) {
        if (item.kind !== 'map') continue;
        const mode = at(item, 'mode');
        if (mode?.kind === 'scalar' && mode.value !== 'managed') continue;
        const address = str(at(item, 'address'));
        const type = str(at(item, 'type'));
        const name = str(at(item, 'name'));
        if (address === undefined || type === undefined || name === undefined) continue;
        const values = at(item, 'values');
        const res: PlannedResource = {
          map: item,
          address,
          type,
          name,
          values: values?.kind === 'map' ? values : undefined,
          module: moduleAddress,
          addressAt: item.entries.get('address')?.keyAt ?? item.at,
        };
        this.resources.push(res);
        this.byAddress.set(address, res);
        const base = address.replace(/\[[^\]]*\]$/, '');
        if (base !== address) {
          const list = this.instances.get(base);
          if (list) list.push(address);
          else this.instances.set(base, [address]);
        }
      }
    }
    const children = at(module, 'child_modules');
    if (children?.kind === 'seq') {
      for (const child of children.items) this.collect(child, str(at(child, 'address')) ?? moduleAddress);
    }
  }

  /** The scope of a module instance address such as module.a[0].module.b. */
  scope(instance: string): ModuleScope {
    let scope: ModuleScope = { instance: '', config: this.configRoot };
    if (instance === '') return scope;
    // module.a[0].module.b -> [a[0], b]
    for (const step of instance.split(/\.?module\./).filter((s) => s !== '')) {
      const call = step.replace(/\[.*\]$/, '');
      const config = at(scope.config, 'module_calls', call, 'module');
      scope = {
        instance: scope.instance === '' ? `module.${step}` : `${scope.instance}.module.${step}`,
        config: config?.kind === 'map' ? config : undefined,
        parent: { scope, call },
      };
    }
    return scope;
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
    return index.get(`${res.type}.${res.name}`);
  }

  /** Planned resource addresses that the references of an expression lead to. */
  resolve(refs: readonly string[], scope: ModuleScope, hops = 0): string[] {
    const out: string[] = [];
    if (hops > MAX_REFERENCE_HOPS) return out;
    const add = (addresses: string[]): void => {
      for (const a of addresses) if (!out.includes(a)) out.push(a);
    };
    for (const ref of refs) {
      const parts = splitReference(ref);
      const [head, second, third] = parts;
      if (head === undefined || second === undefined) continue;
      if (head === 'var') {
        const parent = scope.parent;
        if (!parent) continue;
        const expr = at(parent.scope.config, 'module_calls', parent.call, 'expressions', second);
        add(this.resolve(expressionReferences(expr), parent.scope, hops + 1));
      } else if (head === 'module') {
        if (third === undefined) continue;
        const call = second.replace(/\[.*\]$/, '');
        const config = at(scope.config, 'module_calls', call, 'module');
        const child: ModuleScope = {
          instance: scope.instance === '' ? `module.${second}` : `${scope.instance}.module.${second}`,
          config: config?.kind === 'map' ? config : undefined,
          parent: { scope, call },
        };
        add(this.resolve(expressionReferences(at(config, 'outputs', third, 'expression')), child, hops + 1));
      } else if (!['data', 'local', 'each', 'count', 'path', 'self', 'terraform'].includes(head)) {
        add(this.addresses(scope.instance === '' ? `${head}.${second}` : `${scope.instance}.${head}.${second}`));
      }
    }
    return out;
  }

  private addresses(address: string): string[] {
    if (this.byAddress.has(address)) return [address];
    return this.instances.get(address) ?? [];
  }
}

/** "module.net[0].subnet_id" -> ["module", "net[0]", "subnet_id"]; dots inside [...] stay. */
function splitReference(ref: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of ref) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

function expressionReferences(expr: Node | undefined): string[] {
  const refs = at(expr, 'references');
  if (refs?.kind !== 'seq') return [];
  return refs.items.map((n) => str(n)).filter((s): s is string => s !== undefined);
}

function str(node: Node | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** Text of an attribute path for messages: node_config_details[0].size. */
function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Provider attributes that are not the API name in snake case (core_subnet_resource.go). */
const PROVIDER_NAMES: ReadonlyMap<string, string> = new Map([
  ['ipv6CidrBlock', 'ipv6cidr_block'],
  ['ipv6CidrBlocks', 'ipv6cidr_blocks'],
  ['ipv4CidrBlocks', 'ipv4cidr_blocks'],
]);

/** The provider's path for an API path: snake case, and a nested object is a block, which the plan writes as a one-element list. */
function providerPath(path: ApiPath): Path {
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

/** What a plan lacks when a value oke-cni needs is neither known nor configured. */
const NOT_SET: Record<Needed, string> = {
  vcnCidrBlock: "sets no cidr_blocks; oke-cni needs the VCN's CIDR blocks",
  subnetCidrBlock: "sets no cidr_block; oke-cni needs the subnet's CIDR block",
  clusterVersion: 'sets no kubernetes_version; oke-cni needs it',
  poolSize: 'sets no node_config_details[0].size',
  virtualPoolSize: 'sets no size',
};

const AFTER_APPLY = 'known only after apply';

/** A planned resource: names and refs are its address; paths are API paths, read at the provider's spelling. */
class TfResource implements OciResource {
  readonly at: Positions = {};
  readonly unknown: Unknowns = {};
  readonly ref: string;
  readonly name: string;
  readonly ocid: string | undefined;
  private readonly config: MapNode | undefined;
  private readonly scope: ModuleScope;

  constructor(
    readonly res: PlannedResource,
    private readonly plan: Plan,
    readonly fp: FileProblems,
  ) {
    this.config = plan.resourceConfig(res);
    this.scope = plan.scope(res.module);
    this.at[''] = fp.location(res.addressAt);
    this.ref = res.address;
    this.name = res.address;
    this.ocid = this.string('ocid', ['id']);
  }

  label(path: ApiPath): string {
    return `${this.res.address}.${pathText(providerPath(path))}`;
  }

  /** The known value at `path` (null and absent mean unknown or unset). */
  value(path: ApiPath): Node | undefined {
    return this.known(providerPath(path));
  }

  private known(path: Path): Node | undefined {
    const v = at(this.res.values, ...path);
    return v?.kind === 'scalar' && v.value === null ? undefined : v;
  }

  /** The configuration expression for `path`: nested blocks are lists in both trees. */
  private expression(path: Path): Node | undefined {
    const exact = at(at(this.config, 'expressions'), ...path);
    if (exact) return exact;
    // A set block (placement_configs) may be ordered differently in the plan: try its first block.
    return at(at(this.config, 'expressions'), ...path.map((p) => (typeof p === 'number' ? 0 : p)));
  }

  /** Position of the attribute's key: in planned values, else in the configuration. */
  private keyPos(path: Path): Pos | undefined {
    const last = path[path.length - 1];
    if (typeof last !== 'string') return undefined;
    const parent = at(this.res.values, ...path.slice(0, -1));
    const inValues = parent?.kind === 'map' ? parent.entries.get(last)?.keyAt : undefined;
    if (inValues) return inValues;
    const cfgParent = at(at(this.config, 'expressions'), ...path.slice(0, -1));
    return cfgParent?.kind === 'map' ? cfgParent.entries.get(last)?.keyAt : undefined;
  }

  field(name: string, path: ApiPath): Node | undefined {
    const p = providerPath(path);
    const pos = this.keyPos(p);
    if (pos && this.at[name] === undefined) this.at[name] = this.fp.location(pos);
    const value = this.known(p);
    if (value === undefined && this.expression(p) !== undefined) this.markUnknown(name, path, AFTER_APPLY);
    return value;
  }

  /** Record that the value of model field `name` is not known: the checks that need it are skipped. */
  markUnknown(name: string, path: ApiPath, reason: string): NotKnown {
    const p = providerPath(path);
    const nk: NotKnown = { field: `${this.res.address}.${pathText(p)}`, reason, at: this.fp.location(this.keyPos(p) ?? this.res.addressAt) };
    this.unknown[name] ??= nk;
    return this.unknown[name] as NotKnown;
  }

  /** Whether the configuration sets `path` although the plan does not know its value yet. */
  configured(path: ApiPath): boolean {
    const p = providerPath(path);
    return this.known(p) === undefined && this.expression(p) !== undefined;
  }

  /** One reference (vcn_id, subnet_id, cluster_id): the known OCID, or the resource it refers to. */
  reference(name: string, path: ApiPath): AttributeRef | undefined {
    const value = this.field(name, path);
    const label = this.label(path);
    if (value !== undefined) {
      const text = readString(value, label, this.fp);
      return text === undefined ? undefined : { text, at: this.fp.location(value.at), field: label };
    }
    const p = providerPath(path);
    const targets = this.plan.resolve(expressionReferences(this.expression(p)), this.scope);
    return this.unknownRef(path, targets[0]);
  }

  /** A list of references (pod_subnet_ids): known OCIDs, unknown items from the expression's references. */
  references(name: string, path: ApiPath): AttributeRef[] {
    const value = this.field(name, path);
    const label = this.label(path);
    const p = providerPath(path);
    const targets = this.plan.resolve(expressionReferences(this.expression(p)), this.scope);
    if (value === undefined) {
      if (this.expression(p) === undefined || targets.length === 0) return [];
      delete this.unknown[name];
      const pos = this.fp.location(this.keyPos(p) ?? this.res.addressAt);
      return targets.map((t) => ({ text: t, at: pos, field: label }));
    }
    if (value.kind !== 'seq') {
      readList(value, label, this.fp, () => undefined);
      return [];
    }
    const out: AttributeRef[] = [];
    let nextTarget = 0;
    value.items.forEach((item, i) => {
      const itemLabel = `${label}[${i}]`;
      this.at[`${name}[${i}]`] = this.fp.location(item.at);
      if (item.kind === 'scalar' && item.value === null) {
        // Unknown item: the expression's references, in order, stand for the unknown items.
        const target = targets[nextTarget++];
        if (target !== undefined) out.push({ text: target, at: this.fp.location(item.at), field: itemLabel });
        else this.markUnknown(name, path, `${itemLabel} is ${AFTER_APPLY}`);
        return;
      }
      const text = readString(item, itemLabel, this.fp);
      if (text !== undefined) out.push({ text, at: this.fp.location(item.at), field: itemLabel });
    });
    return out;
  }

  private unknownRef(path: ApiPath, target: string | undefined): AttributeRef | undefined {
    const label = this.label(path);
    if (!this.configured(path) || target === undefined) return undefined;
    const pos = this.keyPos(providerPath(path)) ?? this.res.addressAt;
    for (const [field, nk] of Object.entries(this.unknown)) if (nk?.field === label) delete this.unknown[field];
    return { text: target, at: this.fp.location(pos), field: label };
  }

  /** A plain string attribute; undefined when the plan does not know it yet. */
  string(name: string, path: ApiPath): string | undefined {
    const v = this.field(name, path);
    return v === undefined ? undefined : readString(v, this.label(path), this.fp);
  }

  requiredString(name: string, path: ApiPath): string | undefined {
    const text = this.string(name, path);
    if (text === undefined && !this.configured(path)) this.notSet(path);
    return text;
  }

  requiredReference(name: string, path: ApiPath): AttributeRef | undefined {
    const ref = this.reference(name, path);
    if (ref === undefined && !this.configured(path)) this.notSet(path);
    return ref;
  }

  private notSet(path: ApiPath): void {
    this.fp.add(this.res.addressAt, `${this.res.address}: ${pathText(providerPath(path))} is not set`);
  }

  missing(path: ApiPath, needed: Needed): void {
    // Configured but unknown until apply: field() recorded it, the checks that need it are skipped.
    if (this.configured(path)) return;
    this.fp.add(this.res.addressAt, `${this.res.address} ${NOT_SET[needed]}`);
  }
}
