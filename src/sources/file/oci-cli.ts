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
 */
import type { Cidr } from '../../core/cidr.js';
import { DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../core/facts.js';
import type { Cluster, CniType, Location, NodePool, Positions, Subnet, Vcn } from '../../core/model.js';
import { CNI_TYPES } from './config-fields.js';
import { attachPool, DEFAULT_SERVICES, emptyDraft, PLACEHOLDER_CIDR, type Draft, type DraftCluster, type LoosePool } from './draft.js';
import type { FileProblems } from './problems.js';
import { at, type MapNode, type Node } from './tree.js';
import {
  ocidType,
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
type CliKind = 'vcn' | 'subnet' | 'cluster' | 'nodePool' | 'virtualNodePool';

const BY_OCID_TYPE: Record<string, CliKind> = {
  vcn: 'vcn',
  subnet: 'subnet',
  cluster: 'cluster',
  nodepool: 'nodePool',
  virtualnodepool: 'virtualNodePool',
};

/** Lifecycle states of objects that no longer hold addresses. */
const GONE = new Set(['DELETED', 'DELETING', 'TERMINATED', 'TERMINATING', 'FAILED']);

export function isOciCliJson(root: MapNode): boolean {
  const data = at(root, 'data');
  return data?.kind === 'map' || data?.kind === 'seq';
}

export function readOciCli(root: MapNode, fp: FileProblems): Draft {
  const draft = emptyDraft();
  const data = at(root, 'data') as Node;
  const items = data.kind === 'seq' ? data.items.map((n, i) => ({ node: n, path: `data[${i}]` })) : [{ node: data, path: 'data' }];
  for (const { node, path } of items) {
    if (node.kind !== 'map') {
      fp.add(node.at, `${path}: expected an OCI object, got ${node.kind === 'seq' ? 'a list' : 'a single value'}`);
      continue;
    }
    const state = at(node, 'lifecycle-state');
    if (state?.kind === 'scalar' && typeof state.value === 'string' && GONE.has(state.value)) continue;
    const kind = kindOf(node);
    if (kind === undefined) {
      fp.add(
        node.at,
        `${path}: not a VCN, subnet, cluster or node pool; expected the output of "oci network vcn|subnet get|list" or "oci ce cluster|node-pool|virtual-node-pool get|list"`,
      );
      continue;
    }
    const o = new CliObject(node, path, kind, fp);
    if (o.id === undefined) continue;
    switch (kind) {
      case 'vcn':
        draft.vcns.push(readVcn(o));
        break;
      case 'subnet':
        draft.subnets.push(readSubnet(o, draft));
        break;
      case 'cluster':
        draft.clusters.push(readCluster(o, draft));
        break;
      case 'nodePool':
        readNodePool(o, draft);
        break;
      case 'virtualNodePool':
        readVirtualNodePool(o, draft);
        break;
    }
  }
  return draft;
}

function kindOf(node: MapNode): CliKind | undefined {
  const id = at(node, 'id');
  if (id?.kind === 'scalar' && typeof id.value === 'string') {
    const byId = BY_OCID_TYPE[ocidType(id.value) ?? ''];
    if (byId) return byId;
  }
  const has = (k: string): boolean => node.entries.has(k);
  if (has('pod-configuration') && has('cluster-id')) return 'virtualNodePool';
  if (has('node-shape') || (has('cluster-id') && has('node-config-details'))) return 'nodePool';
  if (has('vcn-id') && has('kubernetes-version')) return 'cluster';
  if (has('vcn-id') && has('cidr-block')) return 'subnet';
  if (has('cidr-blocks') && !has('vcn-id')) return 'vcn';
  return undefined;
}

const NAME_KEY: Record<CliKind, string> = {
  vcn: 'display-name',
  subnet: 'display-name',
  cluster: 'name',
  nodePool: 'name',
  virtualNodePool: 'display-name',
};

class CliObject {
  readonly at: Positions = {};
  readonly id: string | undefined;
  readonly name: string;

  constructor(
    readonly map: MapNode,
    readonly path: string,
    readonly kind: CliKind,
    readonly fp: FileProblems,
  ) {
    const nameEntry = map.entries.get(NAME_KEY[kind]);
    this.at[''] = fp.location(nameEntry?.keyAt ?? map.entries.values().next().value?.keyAt ?? map.at);
    const idNode = this.field('ocid', ['id']);
    if (idNode === undefined) {
      fp.add(map.at, `${path}: missing "id" (the OCID other objects refer to)`);
    } else {
      const id = readString(idNode, `${path}.id`, fp)?.trim();
      const want = kind === 'nodePool' ? 'nodepool' : kind === 'virtualNodePool' ? 'virtualnodepool' : kind;
      if (id !== undefined && ocidType(id) !== want) fp.add(idNode.at, `${path}.id: "${id}" is not a ${want} OCID`);
      else this.id = id;
    }
    const nameNode = nameEntry?.value;
    this.name = (nameNode && readString(nameNode, `${path}.${NAME_KEY[kind]}`, fp)) || this.id || path;
  }

  label(p: Path): string {
    return `${this.path}${p.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
  }

  /** The value at `p` (null counts as absent), recording its key position as the model field's. */
  field(name: string, p: Path): Node | undefined {
    const last = p[p.length - 1];
    const parent = at(this.map, ...p.slice(0, -1));
    const e = typeof last === 'string' && parent?.kind === 'map' ? parent.entries.get(last) : undefined;
    if (e && this.at[name] === undefined) this.at[name] = this.fp.location(e.keyAt);
    const v = at(this.map, ...p);
    return v?.kind === 'scalar' && v.value === null ? undefined : v;
  }

  string(name: string, p: Path): string | undefined {
    const v = this.field(name, p);
    return v ? readString(v, this.label(p), this.fp)?.trim() : undefined;
  }

  ref(name: string, p: Path): { text: string; at: Location; field: string } | undefined {
    const v = this.field(name, p);
    const text = v ? readString(v, this.label(p), this.fp)?.trim() : undefined;
    return v && text !== undefined ? { text, at: this.fp.location(v.at), field: this.label(p) } : undefined;
  }

  refList(name: string, p: Path): Array<{ text: string; at: Location; field: string }> {
    const v = this.field(name, p);
    if (!v) return [];
    if (v.kind === 'seq') v.items.forEach((item, i) => (this.at[`${name}[${i}]`] = this.fp.location(item.at)));
    return (
      readList(v, this.label(p), this.fp, (n, itemPath) => {
        const text = readString(n, itemPath, this.fp)?.trim();
        return text === undefined ? undefined : { text, at: this.fp.location(n.at), field: itemPath };
      }) ?? []
    );
  }

  required(name: string, p: Path): Node | undefined {
    const v = this.field(name, p);
    if (v === undefined) this.fp.add(this.map.at, `${this.path}: missing "${p.join('.')}"`);
    return v;
  }
}

function pending(draft: Draft, kind: 'vcn' | 'subnet', ref: { text: string; at: Location; field: string } | undefined, set: (r: string) => void): void {
  if (ref) draft.refs.push({ kind, text: ref.text, at: ref.at, field: ref.field, set });
}

function readVcn(o: CliObject): Vcn {
  const cidrBlocks: Cidr[] = [];
  const list = o.field('cidrBlocks', ['cidr-blocks']);
  if (list) cidrBlocks.push(...(readList(list, o.label(['cidr-blocks']), o.fp, (n, p) => readCidr(n, p, o.fp)) ?? []));
  if (cidrBlocks.length === 0 && !list) {
    // cidr-block: the single block VCNs had before cidr-blocks.
    const single = o.required('cidrBlocks', ['cidr-block']);
    const cidr = single ? readCidr(single, o.label(['cidr-block']), o.fp) : undefined;
    if (cidr) cidrBlocks.push(cidr);
  }
  const id = o.id as string;
  return { ref: id, name: o.name, ocid: id, compartmentId: o.string('compartmentId', ['compartment-id']), cidrBlocks, at: o.at };
}

function readSubnet(o: CliObject, draft: Draft): Subnet {
  const id = o.id as string;
  const cidrNode = o.required('cidrBlock', ['cidr-block']);
  const prohibit = o.field('prohibitPublicIpOnVnic', ['prohibit-public-ip-on-vnic']);
  const ipv6: string[] = [];
  const list = o.field('ipv6CidrBlocks', ['ipv6-cidr-blocks']);
  if (list) ipv6.push(...(readList(list, o.label(['ipv6-cidr-blocks']), o.fp, (n, p) => readIpv6Cidr(n, p, o.fp)) ?? []));
  const singleNode = o.field('ipv6CidrBlocks', ['ipv6-cidr-block']);
  const single = singleNode ? readIpv6Cidr(singleNode, o.label(['ipv6-cidr-block']), o.fp) : undefined;
  if (single !== undefined && !ipv6.includes(single)) ipv6.push(single);
  const subnet: Subnet = {
    ref: id,
    name: o.name,
    ocid: id,
    compartmentId: o.string('compartmentId', ['compartment-id']),
    vcn: '',
    cidrBlock: (cidrNode && readCidr(cidrNode, o.label(['cidr-block']), o.fp)) || PLACEHOLDER_CIDR,
    // Absent means false in the API: a public subnet.
    prohibitPublicIpOnVnic: (prohibit && readBoolean(prohibit, o.label(['prohibit-public-ip-on-vnic']), o.fp)) || false,
    availabilityDomain: o.string('availabilityDomain', ['availability-domain']),
    ipv6CidrBlocks: ipv6,
    disabledRules: [],
    at: o.at,
  };
  if (!o.map.entries.has('vcn-id')) o.required('vcn', ['vcn-id']);
  pending(draft, 'vcn', o.ref('vcn', ['vcn-id']), (ref) => (subnet.vcn = ref));
  return subnet;
}

function readCluster(o: CliObject, draft: Draft): DraftCluster {
  const id = o.id as string;
  const versionNode = o.required('kubernetesVersion', ['kubernetes-version']);
  const cniNode = o.field('cniType', ['cluster-pod-network-options', 0, 'cni-type']);
  const cniType = cniNode ? readEnum<CniType>(cniNode, o.label(['cluster-pod-network-options', 0, 'cni-type']), CNI_TYPES, o.fp) : undefined;
  const servicesPath = ['options', 'kubernetes-network-config', 'services-cidr'];
  const servicesNode = o.field('servicesCidr', servicesPath);
  const families = o.field('ipv6', ['options', 'ip-families']);
  const ipFamilies = families && readList(families, o.label(['options', 'ip-families']), o.fp, (n, p) => readString(n, p, o.fp));
  const cluster: Cluster = {
    name: o.name,
    ocid: id,
    compartmentId: o.string('compartmentId', ['compartment-id']),
    vcn: '',
    kubernetesVersion: (versionNode && readVersion(versionNode, o.label(['kubernetes-version']), o.fp)) || '',
    cniType: cniType ?? 'OCI_VCN_IP_NATIVE',
    servicesCidr: (servicesNode && readCidr(servicesNode, o.label(servicesPath), o.fp, true)) || DEFAULT_SERVICES,
    ipv6: ipFamilies?.includes('IPv6') ?? false,
    serviceMesh: undefined,
    disabledRules: [],
    nodePools: [],
    at: o.at,
  };
  if (!o.map.entries.has('vcn-id')) o.required('vcn', ['vcn-id']);
  pending(draft, 'vcn', o.ref('vcn', ['vcn-id']), (ref) => (cluster.vcn = ref));
  return { cluster, ref: id, cniTypeGiven: cniType !== undefined };
}

function attachToCluster(o: CliObject, draft: Draft, loose: LoosePool): void {
  if (!o.map.entries.has('cluster-id')) o.required('cluster', ['cluster-id']);
  const ref = o.ref('cluster', ['cluster-id']);
  if (ref) draft.refs.push({ kind: 'cluster', text: ref.text, at: ref.at, field: ref.field, attach: attachPool(loose) });
}

function readNodePool(o: CliObject, draft: Draft): void {
  const npn = ['node-config-details', 'node-pool-pod-network-option-details'];
  const sizeNode = o.field('size', ['node-config-details', 'size']);
  let size = sizeNode ? readWholeNumber(sizeNode, o.label(['node-config-details', 'size']), o.fp) : undefined;
  // Pools placed the old way: subnet-ids x quantity-per-subnet.
  const legacySubnets = o.refList('subnet', ['subnet-ids']);
  if (!sizeNode) {
    const q = o.field('size', ['quantity-per-subnet']);
    const perSubnet = q ? readWholeNumber(q, o.label(['quantity-per-subnet']), o.fp) : undefined;
    if (perSubnet !== undefined) size = perSubnet * Math.max(1, legacySubnets.length);
    else if (!q) o.fp.add(o.map.at, `${o.path}: missing "node-config-details.size"`);
  }
  const surgePath = ['node-pool-cycling-details', 'maximum-surge'];
  const surgeNode = o.field('maxSurge', surgePath);
  const surge = surgeNode ? readSurge(surgeNode, o.label(surgePath), o.fp, true) : undefined;
  const ocpusNode = o.field('ocpus', ['node-shape-config', 'ocpus']);
  const maxPodsNode = o.field('maxPodsPerNode', [...npn, 'max-pods-per-node']);
  const cniNode = o.field('cniType', [...npn, 'cni-type']);
  const versionNode = o.field('kubernetesVersion', ['kubernetes-version']);
  const kubernetesVersion = versionNode ? readVersion(versionNode, o.label(['kubernetes-version']), o.fp) : undefined;
  const shapeNode = o.required('shape', ['node-shape']);
  const pool: NodePool = {
    name: o.name,
    ocid: o.id,
    compartmentId: o.string('compartmentId', ['compartment-id']),
    type: 'managed',
    shape: shapeNode ? readString(shapeNode, o.label(['node-shape']), o.fp)?.trim() : undefined,
    ocpus: ocpusNode ? readPositiveNumber(ocpusNode, o.label(['node-shape-config', 'ocpus']), o.fp) : undefined,
    size: size ?? 0,
    maxSize: size ?? 0,
    maxSurge: surge ? surgeNodes(surge, size ?? 0) : DEFAULT_MAX_SURGE,
    maxPodsPerNode: (maxPodsNode && readWholeNumber(maxPodsNode, o.label([...npn, 'max-pods-per-node']), o.fp)) ?? DEFAULT_MAX_PODS_PER_NODE,
    subnet: undefined,
    podSubnets: [],
    nsgIds: o.refList('nsgIds', ['node-config-details', 'nsg-ids']).map((r) => r.text),
    podNsgIds: o.refList('podNsgIds', [...npn, 'pod-nsg-ids']).map((r) => r.text),
    image: image(o),
    kubernetesVersion,
    disabledRules: [],
    at: o.at,
  };
  // Every placement config (one per AD) names the worker subnet; the first one stands for the pool.
  const worker = o.ref('subnet', ['node-config-details', 'placement-configs', 0, 'subnet-id']) ?? legacySubnets[0];
  if (worker) {
    pool.subnet = worker.text;
    pending(draft, 'subnet', worker, (ref) => (pool.subnet = ref));
  }
  o.refList('podSubnets', [...npn, 'pod-subnet-ids']).forEach((ref, i) => {
    pool.podSubnets.push(ref.text);
    pending(draft, 'subnet', ref, (resolved) => (pool.podSubnets[i] = resolved));
  });
  const cniType = cniNode ? readEnum<CniType>(cniNode, o.label([...npn, 'cni-type']), CNI_TYPES, o.fp) : undefined;
  attachToCluster(o, draft, { pool, cniType, versionGiven: kubernetesVersion !== undefined });
}

function readVirtualNodePool(o: CliObject, draft: Draft): void {
  const sizeNode = o.required('size', ['size']);
  const size = sizeNode ? readWholeNumber(sizeNode, o.label(['size']), o.fp) : undefined;
  const surgePath = ['virtual-node-pool-cycling-details', 'maximum-surge'];
  const surgeNode = o.field('maxSurge', surgePath);
  const surge = surgeNode ? readSurge(surgeNode, o.label(surgePath), o.fp, true) : undefined;
  const versionNode = o.field('kubernetesVersion', ['kubernetes-version']);
  const kubernetesVersion = versionNode ? readVersion(versionNode, o.label(['kubernetes-version']), o.fp) : undefined;
  const pool: NodePool = {
    name: o.name,
    ocid: o.id,
    compartmentId: o.string('compartmentId', ['compartment-id']),
    type: 'virtual',
    // Virtual nodes run pods on a pod shape (Pod.Standard.E4.Flex), not a compute shape.
    shape: o.string('shape', ['pod-configuration', 'shape']),
    ocpus: undefined,
    size: size ?? 0,
    maxSize: size ?? 0,
    maxSurge: surge ? surgeNodes(surge, size ?? 0) : DEFAULT_MAX_SURGE,
    maxPodsPerNode: DEFAULT_MAX_PODS_PER_NODE,
    subnet: undefined,
    podSubnets: [],
    nsgIds: o.refList('nsgIds', ['nsg-ids']).map((r) => r.text),
    podNsgIds: o.refList('podNsgIds', ['pod-configuration', 'nsg-ids']).map((r) => r.text),
    image: undefined,
    kubernetesVersion,
    disabledRules: [],
    at: o.at,
  };
  const worker = o.ref('subnet', ['placement-configurations', 0, 'subnet-id']);
  if (worker) {
    pool.subnet = worker.text;
    pending(draft, 'subnet', worker, (ref) => (pool.subnet = ref));
  }
  const pod = o.ref('podSubnets', ['pod-configuration', 'subnet-id']);
  if (pod) {
    pool.podSubnets.push(pod.text);
    pending(draft, 'subnet', pod, (ref) => (pool.podSubnets[0] = ref));
  }
  attachToCluster(o, draft, { pool, cniType: undefined, versionGiven: kubernetesVersion !== undefined });
}

function image(o: CliObject): string | undefined {
  // node-source.source-name is the image's display name; node-image-name is its deprecated twin;
  // node-source-details.image-id is only an OCID.
  for (const p of [['node-source', 'source-name'], ['node-image-name'], ['node-source-details', 'image-id'], ['node-image-id']]) {
    if (at(o.map, ...p) !== undefined && o.field('image', p) !== undefined) return o.string('image', p);
  }
  return undefined;
}
