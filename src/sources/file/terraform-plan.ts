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
 */
import type { Cidr } from '../../core/cidr.js';
import { DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../core/facts.js';
import type { Cluster, CniType, Location, NodePool, Positions, Subnet, Vcn } from '../../core/model.js';
import { CNI_TYPES } from './config-fields.js';
import { attachPool, DEFAULT_SERVICES, emptyDraft, PLACEHOLDER_CIDR, type Draft, type LoosePool } from './draft.js';
import type { FileProblems } from './problems.js';
import { at, type MapNode, type Node, type Pos } from './tree.js';
import {
  readBoolean,
  readCidr,
  readEnum,
  readIpv6Cidr,
  readList,
  readPositiveNumber,
  readString,
  readSurge,
  readVersion,
  readWholeNumber,
  surgeNodes,
} from './values.js';

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

const READ_TYPES = new Set([
  'oci_core_vcn',
  'oci_core_subnet',
  'oci_containerengine_cluster',
  'oci_containerengine_node_pool',
  'oci_containerengine_virtual_node_pool',
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
    if (!READ_TYPES.has(res.type)) continue;
    const r = new TfResource(res, plan, fp);
    switch (res.type) {
      case 'oci_core_vcn':
        draft.vcns.push(readVcn(r));
        break;
      case 'oci_core_subnet':
        draft.subnets.push(readSubnet(r, draft));
        break;
      case 'oci_containerengine_cluster':
        draft.clusters.push(readCluster(r, draft));
        break;
      case 'oci_containerengine_node_pool':
        readNodePool(r, draft);
        break;
      case 'oci_containerengine_virtual_node_pool':
        readVirtualNodePool(r, draft);
        break;
    }
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
        add(this.resolve(references(expr), parent.scope, hops + 1));
      } else if (head === 'module') {
        if (third === undefined) continue;
        const call = second.replace(/\[.*\]$/, '');
        const config = at(scope.config, 'module_calls', call, 'module');
        const child: ModuleScope = {
          instance: scope.instance === '' ? `module.${second}` : `${scope.instance}.module.${second}`,
          config: config?.kind === 'map' ? config : undefined,
          parent: { scope, call },
        };
        add(this.resolve(references(at(config, 'outputs', third, 'expression')), child, hops + 1));
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

function references(expr: Node | undefined): string[] {
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

/** A reference read from the plan: an OCID as known, or the address it resolves to. */
interface TfRef {
  text: string;
  at: Location;
  field: string;
}

class TfResource {
  readonly at: Positions = {};
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
  }

  get address(): string {
    return this.res.address;
  }

  label(path: Path): string {
    return `${this.res.address}.${pathText(path)}`;
  }

  /** The known value at `path` (null and absent mean unknown or unset). */
  value(path: Path): Node | undefined {
    const v = at(this.res.values, ...path);
    return v?.kind === 'scalar' && v.value === null ? undefined : v;
  }

  /** The configuration expression for `path`: nested blocks are lists in both trees. */
  expression(path: Path): Node | undefined {
    const exact = at(at(this.config, 'expressions'), ...path);
    if (exact) return exact;
    // A set block (placement_configs) may be ordered differently in the plan: try its first block.
    return at(at(this.config, 'expressions'), ...path.map((p) => (typeof p === 'number' ? 0 : p)));
  }

  /** Position of the attribute's key: in planned values, else in the configuration. */
  keyPos(path: Path): Pos | undefined {
    const last = path[path.length - 1];
    if (typeof last !== 'string') return undefined;
    const parent = at(this.res.values, ...path.slice(0, -1));
    const inValues = parent?.kind === 'map' ? parent.entries.get(last)?.keyAt : undefined;
    if (inValues) return inValues;
    const cfgParent = at(at(this.config, 'expressions'), ...path.slice(0, -1));
    return cfgParent?.kind === 'map' ? cfgParent.entries.get(last)?.keyAt : undefined;
  }

  /** Record the key position of `path` under the model field name; returns the value. */
  field(name: string, path: Path): Node | undefined {
    const pos = this.keyPos(path);
    if (pos && this.at[name] === undefined) this.at[name] = this.fp.location(pos);
    return this.value(path);
  }

  /** Whether the configuration sets `path` although the plan does not know its value yet. */
  configured(path: Path): boolean {
    return this.value(path) === undefined && this.expression(path) !== undefined;
  }

  /** One reference (vcn_id, subnet_id, cluster_id): the known OCID, or the resource it refers to. */
  ref(name: string, path: Path): TfRef | undefined {
    const value = this.field(name, path);
    const label = this.label(path);
    if (value !== undefined) {
      const text = readString(value, label, this.fp);
      return text === undefined ? undefined : { text, at: this.fp.location(value.at), field: label };
    }
    const targets = this.plan.resolve(references(this.expression(path)), this.scope);
    return this.unknownRef(name, path, targets[0]);
  }

  /** A list of references (pod_subnet_ids): known OCIDs, unknown items from the expression's references. */
  refList(name: string, path: Path): TfRef[] {
    const value = this.field(name, path);
    const label = this.label(path);
    const targets = this.plan.resolve(references(this.expression(path)), this.scope);
    if (value === undefined) {
      if (this.expression(path) === undefined) return [];
      if (targets.length === 0) return [this.unknownRef(name, path, undefined)].filter((r): r is TfRef => r !== undefined);
      const pos = this.fp.location(this.keyPos(path) ?? this.res.addressAt);
      return targets.map((t) => ({ text: t, at: pos, field: label }));
    }
    if (value.kind !== 'seq') {
      readList(value, label, this.fp, () => undefined);
      return [];
    }
    const out: TfRef[] = [];
    let nextTarget = 0;
    value.items.forEach((item, i) => {
      const itemLabel = `${label}[${i}]`;
      this.at[`${name}[${i}]`] = this.fp.location(item.at);
      if (item.kind === 'scalar' && item.value === null) {
        // Unknown item: the expression's references, in order, stand for the unknown items.
        const target = targets[nextTarget++];
        if (target !== undefined) out.push({ text: target, at: this.fp.location(item.at), field: itemLabel });
        else this.fp.add(item.at, unknownMessage(itemLabel));
        return;
      }
      const text = readString(item, itemLabel, this.fp);
      if (text !== undefined) out.push({ text, at: this.fp.location(item.at), field: itemLabel });
    });
    return out;
  }

  private unknownRef(name: string, path: Path, target: string | undefined): TfRef | undefined {
    const label = this.label(path);
    if (!this.configured(path)) return undefined;
    const pos = this.keyPos(path) ?? this.res.addressAt;
    if (target === undefined) {
      this.fp.add(pos, unknownMessage(label));
      return undefined;
    }
    return { text: target, at: this.fp.location(pos), field: label };
  }

  /** A plain string attribute; `unknown` is used when the configuration sets it but the plan does not know it yet. */
  string(name: string, path: Path, unknown?: string): string | undefined {
    const v = this.field(name, path);
    if (v === undefined) return this.configured(path) ? unknown : undefined;
    return readString(v, this.label(path), this.fp);
  }
}

function unknownMessage(label: string): string {
  return `${label}: unknown until apply, and its expression does not refer to a resource in this plan; set it from a resource or a known OCID`;
}

function pending(draft: Draft, kind: 'vcn' | 'subnet', ref: TfRef | undefined, set: (resolved: string) => void): void {
  if (ref) draft.refs.push({ kind, text: ref.text, at: ref.at, field: ref.field, set });
}

function readVcn(r: TfResource): Vcn {
  const cidrBlocks: Cidr[] = [];
  const list = r.field('cidrBlocks', ['cidr_blocks']);
  if (list?.kind === 'seq' && list.items.length > 0) {
    cidrBlocks.push(...(readList(list, r.label(['cidr_blocks']), r.fp, (n, p) => readCidr(n, p, r.fp)) ?? []));
  } else {
    // cidr_block is the older single-block attribute; cidr_blocks replaced it.
    const single = r.field('cidrBlocks', ['cidr_block']);
    const cidr = single ? readCidr(single, r.label(['cidr_block']), r.fp) : undefined;
    if (cidr) cidrBlocks.push(cidr);
    else if (!single) r.fp.add(r.res.addressAt, `${r.address}: no cidr_blocks known at plan time; oke-cni needs the VCN's CIDR blocks`);
  }
  return {
    ref: r.address,
    name: r.address,
    ocid: r.string('ocid', ['id']),
    compartmentId: r.string('compartmentId', ['compartment_id']),
    cidrBlocks,
    at: r.at,
  };
}

function readSubnet(r: TfResource, draft: Draft): Subnet {
  const cidrNode = r.field('cidrBlock', ['cidr_block']);
  if (!cidrNode) r.fp.add(r.res.addressAt, `${r.address}: cidr_block is not known at plan time; oke-cni needs the subnet's CIDR block`);
  const prohibit = r.field('prohibitPublicIpOnVnic', ['prohibit_public_ip_on_vnic']);
  const ipv6: string[] = [];
  const ipv6List = r.field('ipv6CidrBlocks', ['ipv6cidr_blocks']);
  if (ipv6List) ipv6.push(...(readList(ipv6List, r.label(['ipv6cidr_blocks']), r.fp, (n, p) => readIpv6Cidr(n, p, r.fp)) ?? []));
  const ipv6Single = r.field('ipv6CidrBlocks', ['ipv6cidr_block']);
  const single = ipv6Single ? readIpv6Cidr(ipv6Single, r.label(['ipv6cidr_block']), r.fp) : undefined;
  if (single && !ipv6.includes(single)) ipv6.push(single);
  const subnet: Subnet = {
    ref: r.address,
    name: r.address,
    ocid: r.string('ocid', ['id']),
    compartmentId: r.string('compartmentId', ['compartment_id']),
    vcn: '',
    cidrBlock: (cidrNode && readCidr(cidrNode, r.label(['cidr_block']), r.fp)) || PLACEHOLDER_CIDR,
    // Unset means false in OCI and in the provider: a public subnet.
    prohibitPublicIpOnVnic: (prohibit && readBoolean(prohibit, r.label(['prohibit_public_ip_on_vnic']), r.fp)) || false,
    // An AD set from something unknown at plan time is still an AD-specific subnet.
    availabilityDomain: r.string('availabilityDomain', ['availability_domain'], '(known after apply)'),
    ipv6CidrBlocks: ipv6,
    disabledRules: [],
    at: r.at,
  };
  pending(draft, 'vcn', r.ref('vcn', ['vcn_id']), (ref) => (subnet.vcn = ref));
  return subnet;
}

function readCluster(r: TfResource, draft: Draft) {
  const versionNode = r.field('kubernetesVersion', ['kubernetes_version']);
  const kubernetesVersion = versionNode ? readVersion(versionNode, r.label(['kubernetes_version']), r.fp) : undefined;
  if (!versionNode) r.fp.add(r.res.addressAt, `${r.address}: kubernetes_version is not known at plan time; oke-cni needs it`);
  const cniNode = r.field('cniType', ['cluster_pod_network_options', 0, 'cni_type']);
  const cniType = cniNode ? readEnum<CniType>(cniNode, r.label(['cluster_pod_network_options', 0, 'cni_type']), CNI_TYPES, r.fp) : undefined;
  const servicesNode = r.field('servicesCidr', ['options', 0, 'kubernetes_network_config', 0, 'services_cidr']);
  const servicesCidr = servicesNode
    ? readCidr(servicesNode, r.label(['options', 0, 'kubernetes_network_config', 0, 'services_cidr']), r.fp, true)
    : undefined;
  const families = r.field('ipv6', ['options', 0, 'ip_families']);
  const ipFamilies =
    families && readList(families, r.label(['options', 0, 'ip_families']), r.fp, (n, p) => readString(n, p, r.fp));
  const cluster: Cluster = {
    name: r.address,
    ocid: r.string('ocid', ['id']),
    compartmentId: r.string('compartmentId', ['compartment_id']),
    vcn: '',
    kubernetesVersion: kubernetesVersion ?? '',
    cniType: cniType ?? 'OCI_VCN_IP_NATIVE',
    servicesCidr: servicesCidr ?? DEFAULT_SERVICES,
    ipv6: ipFamilies?.includes('IPv6') ?? false,
    serviceMesh: undefined,
    disabledRules: [],
    nodePools: [],
    at: r.at,
  };
  pending(draft, 'vcn', r.ref('vcn', ['vcn_id']), (ref) => (cluster.vcn = ref));
  return { cluster, ref: r.address, cniTypeGiven: cniType !== undefined };
}

function attachToCluster(r: TfResource, draft: Draft, loose: LoosePool): void {
  const ref = r.ref('cluster', ['cluster_id']);
  if (!ref) {
    if (!r.configured(['cluster_id'])) r.fp.add(r.res.addressAt, `${r.address}: cluster_id is not set`);
    return;
  }
  draft.refs.push({ kind: 'cluster', text: ref.text, at: ref.at, field: ref.field, attach: attachPool(loose) });
}

function readNodePool(r: TfResource, draft: Draft): void {
  const npn = ['node_config_details', 0, 'node_pool_pod_network_option_details', 0];
  const sizeNode = r.field('size', ['node_config_details', 0, 'size']);
  let size = sizeNode ? readWholeNumber(sizeNode, r.label(['node_config_details', 0, 'size']), r.fp) : undefined;
  // Before node_config_details, pools were placed with subnet_ids x quantity_per_subnet.
  const legacySubnets = r.refList('subnet', ['subnet_ids']);
  if (size === undefined && !sizeNode) {
    const q = r.field('size', ['quantity_per_subnet']);
    const perSubnet = q ? readWholeNumber(q, r.label(['quantity_per_subnet']), r.fp) : undefined;
    if (perSubnet !== undefined) size = perSubnet * Math.max(1, legacySubnets.length);
    else if (!q) r.fp.add(r.res.addressAt, `${r.address}: node_config_details[0].size is not known at plan time`);
  }
  const surgeNode = r.field('maxSurge', ['node_pool_cycling_details', 0, 'maximum_surge']);
  const surge = surgeNode ? readSurge(surgeNode, r.label(['node_pool_cycling_details', 0, 'maximum_surge']), r.fp, true) : undefined;
  const ocpusNode = r.field('ocpus', ['node_shape_config', 0, 'ocpus']);
  const maxPodsNode = r.field('maxPodsPerNode', [...npn, 'max_pods_per_node']);
  const cniNode = r.value([...npn, 'cni_type']);
  const versionNode = r.field('kubernetesVersion', ['kubernetes_version']);
  const kubernetesVersion = versionNode ? readVersion(versionNode, r.label(['kubernetes_version']), r.fp) : undefined;
  const pool: NodePool = {
    name: r.address,
    ocid: r.string('ocid', ['id']),
    compartmentId: r.string('compartmentId', ['compartment_id']),
    type: 'managed',
    shape: r.string('shape', ['node_shape']),
    ocpus: ocpusNode ? readPositiveNumber(ocpusNode, r.label(['node_shape_config', 0, 'ocpus']), r.fp) : undefined,
    size: size ?? 0,
    maxSize: size ?? 0,
    maxSurge: surge ? surgeNodes(surge, size ?? 0) : DEFAULT_MAX_SURGE,
    maxPodsPerNode: (maxPodsNode && readWholeNumber(maxPodsNode, r.label([...npn, 'max_pods_per_node']), r.fp)) ?? DEFAULT_MAX_PODS_PER_NODE,
    subnet: undefined,
    podSubnets: [],
    nsgIds: stringList(r, 'nsgIds', ['node_config_details', 0, 'nsg_ids']),
    podNsgIds: stringList(r, 'podNsgIds', [...npn, 'pod_nsg_ids']),
    image: image(r),
    kubernetesVersion,
    disabledRules: [],
    at: r.at,
  };
  if (pool.shape === undefined && !r.configured(['node_shape'])) r.fp.add(r.res.addressAt, `${r.address}: node_shape is not set`);
  const placements = r.value(['node_config_details', 0, 'placement_configs']);
  const placementCount = placements?.kind === 'seq' ? placements.items.length : 1;
  // Every placement config (one per AD) names the worker subnet; the first one stands for the pool.
  let workerRef = undefined as TfRef | undefined;
  for (let i = 0; i < placementCount && workerRef === undefined; i++) {
    workerRef = r.ref('subnet', ['node_config_details', 0, 'placement_configs', i, 'subnet_id']);
  }
  workerRef ??= legacySubnets[0];
  if (workerRef) {
    pool.subnet = workerRef.text;
    pending(draft, 'subnet', workerRef, (ref) => (pool.subnet = ref));
  }
  r.refList('podSubnets', [...npn, 'pod_subnet_ids']).forEach((ref, i) => {
    pool.podSubnets.push(ref.text);
    pending(draft, 'subnet', ref, (resolved) => (pool.podSubnets[i] = resolved));
  });
  const cniType = cniNode ? readEnum<CniType>(cniNode, r.label([...npn, 'cni_type']), CNI_TYPES, r.fp) : undefined;
  attachToCluster(r, draft, { pool, cniType, versionGiven: kubernetesVersion !== undefined });
}

function readVirtualNodePool(r: TfResource, draft: Draft): void {
  const sizeNode = r.field('size', ['size']);
  const size = sizeNode ? readWholeNumber(sizeNode, r.label(['size']), r.fp) : undefined;
  if (!sizeNode) r.fp.add(r.res.addressAt, `${r.address}: size is not known at plan time`);
  const surgeNode = r.field('maxSurge', ['virtual_node_pool_cycling_details', 0, 'maximum_surge']);
  const surge = surgeNode ? readSurge(surgeNode, r.label(['virtual_node_pool_cycling_details', 0, 'maximum_surge']), r.fp, true) : undefined;
  const versionNode = r.field('kubernetesVersion', ['kubernetes_version']);
  const kubernetesVersion = versionNode ? readVersion(versionNode, r.label(['kubernetes_version']), r.fp) : undefined;
  const pool: NodePool = {
    name: r.address,
    ocid: r.string('ocid', ['id']),
    compartmentId: r.string('compartmentId', ['compartment_id']),
    type: 'virtual',
    // Virtual nodes run pods on a pod shape (Pod.Standard.E4.Flex), not a compute shape.
    shape: r.string('shape', ['pod_configuration', 0, 'shape']),
    ocpus: undefined,
    size: size ?? 0,
    maxSize: size ?? 0,
    maxSurge: surge ? surgeNodes(surge, size ?? 0) : DEFAULT_MAX_SURGE,
    maxPodsPerNode: DEFAULT_MAX_PODS_PER_NODE,
    subnet: undefined,
    podSubnets: [],
    nsgIds: stringList(r, 'nsgIds', ['nsg_ids']),
    podNsgIds: stringList(r, 'podNsgIds', ['pod_configuration', 0, 'nsg_ids']),
    image: undefined,
    kubernetesVersion,
    disabledRules: [],
    at: r.at,
  };
  const worker = r.ref('subnet', ['placement_configurations', 0, 'subnet_id']);
  if (worker) {
    pool.subnet = worker.text;
    pending(draft, 'subnet', worker, (ref) => (pool.subnet = ref));
  }
  const pod = r.ref('podSubnets', ['pod_configuration', 0, 'subnet_id']);
  if (pod) {
    pool.podSubnets.push(pod.text);
    pending(draft, 'subnet', pod, (ref) => (pool.podSubnets[0] = ref));
  }
  attachToCluster(r, draft, { pool, cniType: undefined, versionGiven: kubernetesVersion !== undefined });
}

/** NSG ids as known; unknown ones (NSGs created by the same plan) stand as the NSG's address. */
function stringList(r: TfResource, name: string, path: Path): string[] {
  return r.refList(name, path).map((ref) => ref.text);
}

function image(r: TfResource): string | undefined {
  // node_source.source_name is the image's name (known once the pool exists); the others are
  // what the configuration set: an image name (deprecated node_image_name) or an image OCID.
  for (const path of [['node_source', 0, 'source_name'], ['node_image_name'], ['node_source_details', 0, 'image_id'], ['node_image_id']]) {
    const v = r.value(path);
    if (v !== undefined) return r.string('image', path);
  }
  return undefined;
}
