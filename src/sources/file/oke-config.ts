/**
 * The oke-cni config format (YAML or JSON): vcns, subnets and clusters with nested node
 * pools, keyed as in the OCI API. Every key is checked against CONFIG_FIELDS; references are
 * names or OCIDs and are resolved later across all files.
 *
 * Positions: an object's at[''] is its `name` key (its first key when it has no name); at[key]
 * is the key for every key present, also under the model's field name where that differs
 * (disableRules -> disabledRules, ipFamilies -> ipv6); at['list[i]'] is each list item's value.
 */
import type { Cidr } from '../../core/cidr.js';
import { maxSizeWithTag, readMaxNodesTag } from '../../core/max-nodes-tag.js';
import { ignoreTagSuppression, maxNodesTagValue } from '../oci-objects.js';
import { DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../core/facts.js';
import type {
  Cluster,
  CniType,
  Location,
  ModelSuppression,
  NetworkSecurityGroup,
  NodePool,
  NodePoolType,
  Positions,
  SecondaryVnicProfile,
  SecurityList,
  ServiceMeshProduct,
  Subnet,
  Vcn,
} from '../../core/model.js';
import { locate } from '../../core/model.js';
import {
  isPort,
  parseProtocol,
  parseRuleCidr,
  protocolName,
  rulePeer,
  type Direction,
  type IcmpMatch,
  type PortRange,
  type Protocol,
  type SecurityRule,
} from '../../core/security-rules/types.js';
import { IP_PROTOCOL, MAX_PORT, MIN_PORT } from '../../core/facts.js';
import {
  CONFIG_FIELDS,
  KIND_LABELS,
  OCID_TYPES,
  type FieldSpec,
  type ObjectKind,
  type RefKind,
} from './config-fields.js';
import { DEFAULT_SERVICES, emptyDraft, PLACEHOLDER_CIDR, type Draft, type DraftCluster } from './draft.js';
import type { FileProblems } from './problems.js';
import type { MapNode, Node, Pos } from './tree.js';
import {
  didYouMean,
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
  type Surge,
} from './values.js';

interface RefText {
  text: string;
  at: Pos;
  field: string;
}

interface ObjectItem {
  map: MapNode;
  path: string;
}

/** The model field a config key fills, where the names differ. */
const MODEL_FIELD: Record<string, string> = { disableRules: 'disabledRules', ipFamilies: 'ipv6', cidrBlock: 'cidrBlocks' };

/** One object's keys, read and type-checked against its CONFIG_FIELDS entry. */
class Fields {
  private readonly values = new Map<string, unknown>();
  readonly at: Positions = {};
  readonly label: string;
  readonly pos: Pos;

  constructor(
    readonly map: MapNode,
    readonly kind: Exclude<ObjectKind, 'root'>,
    path: string,
    readonly fp: FileProblems,
  ) {
    const specs: Record<string, FieldSpec> = CONFIG_FIELDS[kind];
    const nameEntry = map.entries.get('name');
    const name = nameEntry?.value.kind === 'scalar' && typeof nameEntry.value.value === 'string' ? nameEntry.value.value : undefined;
    this.label = name !== undefined && name.trim() !== '' ? `${KIND_LABELS[kind]} "${name}"` : path;
    this.pos = nameEntry?.keyAt ?? map.entries.values().next().value?.keyAt ?? map.at;
    this.at[''] = fp.location(this.pos);

    for (const [key, e] of map.entries) {
      const spec = specs[key];
      if (spec === undefined) {
        fp.add(e.keyAt, `unknown key "${key}" in ${this.label}${didYouMean(key, Object.keys(specs))}`);
        continue;
      }
      this.at[key] = fp.location(e.keyAt);
      const modelField = MODEL_FIELD[key];
      if (modelField !== undefined && !map.entries.has(modelField)) this.at[modelField] = fp.location(e.keyAt);
      if (e.value.kind === 'seq') e.value.items.forEach((item, i) => (this.at[`${key}[${i}]`] = fp.location(item.at)));
      const value = this.read(spec, e.value, key);
      if (value !== undefined) this.values.set(key, value);
    }
    for (const [key, spec] of Object.entries(specs)) {
      if (spec.required && !map.entries.has(key)) this.missing(key);
    }
  }

  /** A problem with the value of `key` (at the value). */
  report(key: string, message: string): void {
    this.fp.add(this.map.entries.get(key)?.value.at ?? this.pos, message);
  }

  missing(key: string, why = ''): void {
    this.fp.add(this.pos, `${this.label}: missing required key "${key}"${why}`);
  }

  location(pos: Pos): Location {
    return this.fp.location(pos);
  }

  has(key: string): boolean {
    return this.map.entries.has(key);
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  private read(spec: FieldSpec, node: Node, path: string): unknown {
    const fp = this.fp;
    switch (spec.type) {
      case 'name':
      case 'string':
        // Names are matched against references, which are trimmed: trim both alike.
        return readString(node, path, fp)?.trim();
      case 'ocid': {
        const text = readString(node, path, fp);
        if (text === undefined) return undefined;
        const want = (OCID_TYPES as Partial<Record<ObjectKind, string>>)[this.kind];
        if (want === undefined) return text.trim();
        if (ocidType(text) !== want) {
          fp.add(node.at, `${path}: "${text}" is not a ${KIND_LABELS[this.kind]} OCID (ocid1.${want}.…)`);
          return undefined;
        }
        return text.trim();
      }
      case 'ref':
        return this.ref(node, path);
      case 'refList':
        return readList(node, path, fp, (n, p) => this.ref(n, p));
      case 'cidr':
        return readCidr(node, path, fp);
      case 'anyCidr':
        return readCidr(node, path, fp, true);
      case 'cidrList':
        return readList(node, path, fp, (n, p) => readCidr(n, p, fp));
      case 'ipv6CidrList':
        return readList(node, path, fp, (n, p) => readIpv6Cidr(n, p, fp));
      case 'boolean':
        return readBoolean(node, path, fp);
      case 'wholeNumber':
        return readWholeNumber(node, path, fp);
      case 'positiveNumber':
        return readPositiveNumber(node, path, fp);
      case 'surge':
        return readSurge(node, path, fp);
      case 'version':
        return readVersion(node, path, fp);
      case 'enum':
        return readEnum(node, path, spec.values ?? [], fp);
      case 'enumList':
        return readList(node, path, fp, (n, p) => readEnum(n, p, spec.values ?? [], fp));
      case 'stringList':
        return readList(node, path, fp, (n, p) => readString(n, p, fp)?.trim());
      case 'ruleList':
        return readList(node, path, fp, (n, p) => readRuleSwitch(n, p, fp));
      case 'objectList':
        return readObjects(node, path, fp);
      case 'object':
        if (node.kind === 'map') return { map: node, path } satisfies ObjectItem;
        fp.add(node.at, `${path}: expected a mapping (key: value lines), got ${node.kind === 'seq' ? 'a list' : 'a single value'}`);
        return undefined;
      case 'protocol':
        return readProtocol(node, path, fp);
      case 'port': {
        const n = readWholeNumber(node, path, fp);
        if (n !== undefined && !isPort(n)) {
          fp.add(node.at, `${path}: ${n} is not a port (${MIN_PORT} to ${MAX_PORT})`);
          return undefined;
        }
        return n;
      }
      case 'tags':
        return readTags(node, path, fp);
    }
  }

  private ref(node: Node, path: string): RefText | undefined {
    const text = readString(node, path, this.fp);
    return text === undefined ? undefined : { text: text.trim(), at: node.at, field: path };
  }
}

/** A disableRules item: "rule-id", or {id: rule-id, reason: why} (reason '' when the mapping gives none: invalid-suppression reports it). */
export interface RuleSwitch {
  id: string;
  reason?: string | undefined;
  at: Pos;
}

function readRuleSwitch(node: Node, path: string, fp: FileProblems): RuleSwitch | undefined {
  if (node.kind !== 'map') {
    const id = readString(node, path, fp)?.trim();
    return id === undefined ? undefined : { id, at: node.at };
  }
  for (const [key, e] of node.entries) if (key !== 'id' && key !== 'reason') fp.add(e.keyAt, `${path}: unknown key "${key}" (a rule switch is {id, reason})${didYouMean(key, ['id', 'reason'])}`);
  const idNode = node.entries.get('id')?.value;
  if (idNode === undefined) {
    fp.add(node.at, `${path}: missing key "id" (the rule id to suppress)`);
    return undefined;
  }
  const id = readString(idNode, `${path}.id`, fp)?.trim();
  const reasonNode = node.entries.get('reason')?.value;
  const reason = reasonNode === undefined || (reasonNode.kind === 'scalar' && reasonNode.value === null) ? '' : readString(reasonNode, `${path}.reason`, fp);
  return id === undefined || reason === undefined ? undefined : { id, reason: reason.trim(), at: node.at };
}

/**
 * An object's disableRules split in two: plain ids switch the rule off for it (findings dropped,
 * as before), {id, reason} items are suppressions; plus the oke-cni-ignore freeform tag.
 */
function ruleSwitches(f: Fields, tags?: Map<string, string>): { disabledRules: string[]; suppressions: ModelSuppression[] } {
  const items = f.get<RuleSwitch[]>('disableRules') ?? [];
  const suppressions: ModelSuppression[] = items
    .filter((i) => i.reason !== undefined)
    .map((i) => ({ ruleIds: [i.id], reason: i.reason as string, at: f.fp.location(i.at), via: 'disableRules' }));
  const tagged = tags ? ignoreTagSuppression(tags, undefined, locate(f.at, 'freeformTags')) : undefined;
  if (tagged) suppressions.push(tagged);
  return { disabledRules: items.filter((i) => i.reason === undefined).map((i) => i.id), suppressions };
}

function readProtocol(node: Node, path: string, fp: FileProblems): Protocol | undefined {
  const v = node.kind === 'scalar' ? node.value : undefined;
  const p = typeof v === 'string' || typeof v === 'number' ? parseProtocol(v) : undefined;
  if (p === undefined) {
    fp.add(node.at, `${path}: expected a protocol: all, tcp, udp, icmp, icmpv6 or an IANA protocol number 0-255 such as "6"`);
  }
  return p;
}

/** Freeform tags as a Map (a file's keys never become a plain object's), each value a string. */
function readTags(node: Node, path: string, fp: FileProblems): Map<string, string> | undefined {
  if (node.kind !== 'map') {
    fp.add(node.at, `${path}: expected a mapping of tag keys to values`);
    return undefined;
  }
  const tags = new Map<string, string>();
  for (const [key, e] of node.entries) {
    const value = readString(e.value, `${path}.${key}`, fp);
    if (value !== undefined) tags.set(key, value);
  }
  return tags;
}

function readObjects(node: Node, path: string, fp: FileProblems): ObjectItem[] | undefined {
  return readList(node, path, fp, (n, p) => {
    if (n.kind === 'map') return { map: n, path: p };
    fp.add(n.at, `${p}: expected a mapping (key: value lines), got ${n.kind === 'seq' ? 'a list' : 'a single value'}`);
    return undefined;
  });
}

/** Read a whole oke-cni config document into a draft. */
export function readOkeConfig(root: MapNode, fp: FileProblems): Draft {
  const draft = emptyDraft();
  const specs: Record<string, FieldSpec> = CONFIG_FIELDS.root;
  const lists: Partial<Record<ListKey, ObjectItem[]>> = {};
  for (const [key, e] of root.entries) {
    if (specs[key] === undefined) {
      fp.add(e.keyAt, `unknown top-level key "${key}"${didYouMean(key, Object.keys(specs))}`);
      continue;
    }
    if (key === '$schema') readString(e.value, key, fp);
    else lists[key as ListKey] = readObjects(e.value, key, fp);
  }
  const pending = (kind: RefKind, ref: RefText, set: (resolved: string) => void): void => {
    draft.refs.push({ kind, text: ref.text, at: fp.location(ref.at), field: ref.field, set });
  };

  for (const item of lists.vcns ?? []) draft.vcns.push(readVcn(new Fields(item.map, 'vcn', item.path, fp)));
  for (const item of lists.subnets ?? []) draft.subnets.push(readSubnet(new Fields(item.map, 'subnet', item.path, fp), pending));
  for (const item of lists.clusters ?? []) draft.clusters.push(readCluster(item, fp, pending));
  for (const item of lists.securityLists ?? []) {
    (draft.securityLists ??= []).push(readSecurityList(new Fields(item.map, 'securityList', item.path, fp), fp, pending));
  }
  for (const item of lists.networkSecurityGroups ?? []) {
    (draft.networkSecurityGroups ??= []).push(readNsg(new Fields(item.map, 'networkSecurityGroup', item.path, fp), fp, pending));
  }
  return draft;
}

type ListKey = 'vcns' | 'subnets' | 'clusters' | 'securityLists' | 'networkSecurityGroups';

/** Refs of a list key, each registered to resolve in place. */
function pendingList(f: Fields, key: string, kind: RefKind, pending: Pending): string[] | undefined {
  const refs = f.get<RefText[]>(key);
  if (refs === undefined) return undefined;
  const out = refs.map((r) => r.text);
  refs.forEach((ref, i) => pending(kind, ref, (resolved) => (out[i] = resolved)));
  return out;
}

type Pending = (kind: RefKind, ref: RefText, set: (resolved: string) => void) => void;

function readVcn(f: Fields): Vcn {
  const name = f.get<string>('name') ?? '';
  const cidrBlocks = f.get<Cidr[]>('cidrBlocks') ?? [];
  const written = f.map.entries.get('cidrBlocks')?.value;
  if (written?.kind === 'seq' && written.items.length === 0) {
    f.missing('cidrBlocks', ' (the list is empty: a VCN has at least one CIDR block)');
  }
  return {
    ref: name,
    name,
    ocid: f.get<string>('ocid'),
    compartmentId: f.get<string>('compartmentId'),
    cidrBlocks,
    at: f.at,
  };
}

/**
 * `cidrBlock: CIDR` (one block) and/or `cidrBlocks: [CIDR, ...]` (a subnet with several IPv4 CIDR
 * blocks); together they are one list, cidrBlock first, each block once.
 */
function subnetCidrBlocks(f: Fields): Cidr[] {
  const single = f.get<Cidr>('cidrBlock');
  const list = f.get<Cidr[]>('cidrBlocks') ?? [];
  if (!f.has('cidrBlock') && !f.has('cidrBlocks')) f.missing('cidrBlock', ' (or cidrBlocks, for a subnet with several CIDR blocks)');
  const written = f.map.entries.get('cidrBlocks')?.value;
  if (written?.kind === 'seq' && written.items.length === 0 && !f.has('cidrBlock')) f.missing('cidrBlocks', ' (the list is empty: a subnet has at least one CIDR block)');
  const listAt = list.map((_, i) => f.at[`cidrBlocks[${i}]`]);
  const singleAt = f.map.entries.get('cidrBlock')?.value.at;
  const blocks: Cidr[] = [];
  const positions: Location[] = [];
  const add = (cidr: Cidr | undefined, at: Location | undefined): void => {
    if (cidr === undefined || blocks.some((b) => b.text === cidr.text)) return;
    blocks.push(cidr);
    if (at) positions.push(at);
  };
  add(single, singleAt && f.location(singleAt));
  list.forEach((cidr, i) => add(cidr, listAt[i]));
  positions.forEach((at, i) => (f.at[`cidrBlocks[${i}]`] = at));
  return blocks;
}

function readSubnet(f: Fields, pending: Pending): Subnet {
  const name = f.get<string>('name') ?? '';
  const cidrBlocks = subnetCidrBlocks(f);
  const subnet: Subnet = {
    ref: name,
    name,
    ocid: f.get<string>('ocid'),
    compartmentId: f.get<string>('compartmentId'),
    vcn: '',
    cidrBlocks: cidrBlocks.length > 0 ? cidrBlocks : [PLACEHOLDER_CIDR],
    // Unset means false in OCI: a public subnet.
    prohibitPublicIpOnVnic: f.get<boolean>('prohibitPublicIpOnVnic') ?? false,
    availabilityDomain: f.get<string>('availabilityDomain')?.trim(),
    ipv6CidrBlocks: f.get<string[]>('ipv6CidrBlocks') ?? [],
    ...ruleSwitches(f),
    at: f.at,
  };
  const vcn = f.get<RefText>('vcn');
  if (vcn) pending('vcn', vcn, (ref) => (subnet.vcn = ref));
  const securityListIds = pendingList(f, 'securityListIds', 'securityList', pending);
  if (securityListIds !== undefined) subnet.securityListIds = securityListIds;
  return subnet;
}

function readCluster(item: ObjectItem, fp: FileProblems, pending: Pending): DraftCluster {
  const f = new Fields(item.map, 'cluster', item.path, fp);
  const name = f.get<string>('name') ?? '';
  const ipFamilies = f.get<string[]>('ipFamilies');
  const ipv6Flag = f.get<boolean>('ipv6');
  const ipv6FromFamilies = ipFamilies?.includes('IPv6');
  if (ipv6Flag !== undefined && ipv6FromFamilies !== undefined && ipv6Flag !== ipv6FromFamilies) {
    f.report('ipv6', `ipv6: ${ipv6Flag} contradicts ipFamilies [${ipFamilies?.join(', ')}]; keep one of the two`);
  }
  const cniType = f.get<CniType>('cniType');
  const cluster: Cluster = {
    name,
    ocid: f.get<string>('ocid'),
    compartmentId: f.get<string>('compartmentId'),
    vcn: '',
    kubernetesVersion: f.get<string>('kubernetesVersion') ?? '',
    cniType: cniType ?? 'OCI_VCN_IP_NATIVE',
    servicesCidr: f.get<Cidr>('servicesCidr') ?? DEFAULT_SERVICES,
    ipv6: ipv6Flag ?? ipv6FromFamilies ?? false,
    serviceMesh: f.get<ServiceMeshProduct>('serviceMesh'),
    ...ruleSwitches(f),
    nodePools: [],
    at: f.at,
  };
  const vcn = f.get<RefText>('vcn');
  if (vcn) pending('vcn', vcn, (ref) => (cluster.vcn = ref));
  const endpointSubnet = f.get<RefText>('endpointSubnet');
  if (endpointSubnet) {
    cluster.endpointSubnet = endpointSubnet.text;
    pending('subnet', endpointSubnet, (ref) => (cluster.endpointSubnet = ref));
  }
  const endpointNsgIds = pendingList(f, 'endpointNsgIds', 'nsg', pending);
  if (endpointNsgIds !== undefined) cluster.endpointNsgIds = endpointNsgIds;

  const seen = new Map<string, Pos>();
  for (const p of f.get<ObjectItem[]>('nodePools') ?? []) {
    const pf = new Fields(p.map, 'nodePool', p.path, fp);
    const pool = readNodePool(pf, cluster, pending, fp);
    const first = seen.get(pool.name);
    if (pool.name !== '' && first) {
      fp.add(pf.pos, `node pool "${pool.name}" is defined twice in cluster "${name}" (first at line ${first.line}, column ${first.column})`);
    } else {
      seen.set(pool.name, pf.pos);
    }
    cluster.nodePools.push(pool);
  }
  return { cluster, ref: name, cniTypeGiven: cniType !== undefined };
}

function readNodePool(f: Fields, cluster: Cluster, pending: Pending, fp: FileProblems): NodePool {
  const type = f.get<NodePoolType>('type') ?? 'managed';
  if (type !== 'virtual') {
    // A VM-backed pool needs a compute shape and a worker subnet; OKE rejects one without them.
    if (!f.has('shape')) f.missing('shape', ` (required for ${type} node pools)`);
    if (!f.has('subnet')) f.missing('subnet', ` (the worker node subnet; required for ${type} node pools)`);
  }
  const size = f.get<number>('size') ?? 0;
  const maxSizeGiven = f.get<number>('maxSize');
  if (maxSizeGiven !== undefined && f.get<number>('size') !== undefined && maxSizeGiven < size) {
    f.report('maxSize', `maxSize: ${maxSizeGiven} is below size ${size}; maxSize is the autoscaler's ceiling`);
  }
  // The oke-cni-max-nodes tag, as the OCI sources read it: maxSize when the file gives none.
  const maxNodesTag = maxNodesTagValue(f.get<Map<string, string>>('freeformTags'), undefined);
  const maxSize = Math.max(size, maxSizeGiven ?? maxSizeWithTag(maxNodesTag, size, size));
  const surge = f.get<Surge>('maxSurge');
  const pool: NodePool = {
    name: f.get<string>('name') ?? '',
    ocid: f.get<string>('ocid'),
    compartmentId: f.get<string>('compartmentId'),
    type,
    shape: f.get<string>('shape')?.trim(),
    ocpus: f.get<number>('ocpus'),
    size,
    maxSize,
    maxSurge: surge === undefined ? DEFAULT_MAX_SURGE : surgeNodes(surge, maxSize),
    maxPodsPerNode: f.get<number>('maxPodsPerNode') ?? DEFAULT_MAX_PODS_PER_NODE,
    workerSubnets: [],
    podSubnets: [],
    nsgIds: pendingList(f, 'nsgIds', 'nsg', pending) ?? [],
    podNsgIds: pendingList(f, 'podNsgIds', 'nsg', pending) ?? [],
    image: f.get<string>('image')?.trim(),
    kubernetesVersion: f.get<string>('kubernetesVersion') ?? (cluster.kubernetesVersion || undefined),
    maxNodesTag,
    maxSizeSource: maxSizeGiven === undefined && maxNodesTag !== undefined && readMaxNodesTag(maxNodesTag, size).ok ? 'tag' : undefined,
    ...ruleSwitches(f, f.get<Map<string, string>>('freeformTags')),
    at: f.at,
  };
  if (maxNodesTag !== undefined && f.at.freeformTags) f.at.maxNodesTag = f.at.freeformTags;
  const subnet = f.get<RefText>('subnet');
  if (subnet) {
    pool.workerSubnets.push(subnet.text);
    pending('subnet', subnet, (ref) => (pool.workerSubnets[0] = ref));
  }
  (f.get<RefText[]>('podSubnets') ?? []).forEach((ref, i) => {
    pool.podSubnets.push(ref.text);
    pending('subnet', ref, (resolved) => (pool.podSubnets[i] = resolved));
  });
  const profiles = f.get<ObjectItem[]>('secondaryVnics');
  if (profiles !== undefined) {
    pool.maxPodsPerNodeSet = f.has('maxPodsPerNode');
    pool.secondaryVnics = profiles.map((item) => readSecondaryVnic(new Fields(item.map, 'secondaryVnic', item.path, fp), pending));
  }
  return pool;
}

/** One secondary VNIC profile of a node pool; its subnet and NSGs resolve like every other reference. */
function readSecondaryVnic(f: Fields, pending: Pending): SecondaryVnicProfile {
  const profile: SecondaryVnicProfile = {
    subnet: '',
    ipCount: f.get<number>('ipCount'),
    nsgIds: pendingList(f, 'nsgIds', 'nsg', pending) ?? [],
    displayName: f.get<string>('displayName'),
    at: f.at,
  };
  const subnet = f.get<RefText>('subnet');
  if (subnet) {
    profile.subnet = subnet.text;
    pending('subnet', subnet, (ref) => (profile.subnet = ref));
  }
  return profile;
}

function readSecurityList(f: Fields, fp: FileProblems, pending: Pending): SecurityList {
  const name = f.get<string>('name') ?? '';
  const rules: SecurityRule[] = [];
  for (const item of f.get<ObjectItem[]>('ingressSecurityRules') ?? []) {
    const rule = readSecurityRule(new Fields(item.map, 'ingressRule', item.path, fp), fp, pending, 'ingress');
    if (rule) rules.push(rule);
  }
  for (const item of f.get<ObjectItem[]>('egressSecurityRules') ?? []) {
    const rule = readSecurityRule(new Fields(item.map, 'egressRule', item.path, fp), fp, pending, 'egress');
    if (rule) rules.push(rule);
  }
  return { ref: name, name, ocid: f.get<string>('ocid'), compartmentId: f.get<string>('compartmentId'), rules, form: 'oke-cni', at: f.at };
}

function readNsg(f: Fields, fp: FileProblems, pending: Pending): NetworkSecurityGroup {
  const name = f.get<string>('name') ?? '';
  const rules: SecurityRule[] = [];
  for (const item of f.get<ObjectItem[]>('rules') ?? []) {
    const rf = new Fields(item.map, 'nsgRule', item.path, fp);
    const direction = rf.get<string>('direction');
    if (direction === undefined) continue;
    const rule = readSecurityRule(rf, fp, pending, direction === 'INGRESS' ? 'ingress' : 'egress');
    if (rule) rules.push(rule);
  }
  return { ref: name, name, ocid: f.get<string>('ocid'), compartmentId: f.get<string>('compartmentId'), rules, form: 'oke-cni', at: f.at };
}

/** The options object that fits each protocol, and the protocols each options object needs. */
const OPTIONS_PROTOCOL: Record<'tcpOptions' | 'udpOptions' | 'icmpOptions', readonly Protocol[]> = {
  tcpOptions: [IP_PROTOCOL.tcp],
  udpOptions: [IP_PROTOCOL.udp],
  icmpOptions: [IP_PROTOCOL.icmp, IP_PROTOCOL.icmpv6],
};

/** One rule of a security list (direction from its list) or of an NSG (direction from its key). */
function readSecurityRule(f: Fields, fp: FileProblems, pending: Pending, direction: Direction): SecurityRule | undefined {
  const peerKey = direction === 'ingress' ? 'source' : 'destination';
  const typeKey = direction === 'ingress' ? 'sourceType' : 'destinationType';
  // NSG rules carry both keys; only the one of the rule's direction applies.
  if (f.kind === 'nsgRule' && !f.has(peerKey)) f.missing(peerKey, ` (an ${direction === 'ingress' ? 'INGRESS' : 'EGRESS'} rule names its ${peerKey})`);
  const protocol = f.get<Protocol>('protocol');
  const peerText = f.get<string>(peerKey);
  const peerType = f.get<string>(typeKey);
  if (protocol === undefined || peerText === undefined) return undefined;

  let ok = true;
  const peer = rulePeer(peerText, peerType);
  if ((peerType ?? 'CIDR_BLOCK') === 'CIDR_BLOCK' && peer.kind === 'other' && !/^[0-9a-f:]+\/\d{1,3}$/i.test(peerText.trim())) {
    f.report(peerKey, `${peerKey}: "${peerText}" is not a CIDR block (e.g. 10.0.0.0/16 or 0.0.0.0/0); set ${typeKey}: SERVICE_CIDR_BLOCK for a service label`);
    ok = false;
  }
  if (peerType === 'SERVICE_CIDR_BLOCK' && parseRuleCidr(peerText) !== undefined) {
    f.report(peerKey, `${peerKey}: "${peerText}" is a CIDR block, but ${typeKey} is SERVICE_CIDR_BLOCK (e.g. all-iad-services-in-oracle-services-network)`);
    ok = false;
  }
  for (const [key, protocols] of Object.entries(OPTIONS_PROTOCOL)) {
    if (f.has(key) && !protocols.includes(protocol)) {
      f.report(key, `${key} needs protocol ${protocols.map(protocolName).join(' or ')}, but the rule's protocol is ${protocolName(protocol)}`);
      ok = false;
    }
  }
  const ports = f.get<ObjectItem>(protocol === IP_PROTOCOL.udp ? 'udpOptions' : 'tcpOptions');
  const portOptions = ports ? new Fields(ports.map, 'portOptions', ports.path, fp) : undefined;
  const range = (key: string): PortRange | undefined => {
    const item = portOptions?.get<ObjectItem>(key);
    if (!item) return undefined;
    const rf = new Fields(item.map, 'portRange', item.path, fp);
    const min = rf.get<number>('min');
    const max = rf.get<number>('max');
    if (min === undefined || max === undefined) return undefined;
    if (min > max) rf.report('max', `max: ${max} is below min ${min}`);
    return { min, max };
  };
  const destinationPorts = range('destinationPortRange');
  const sourcePorts = range('sourcePortRange');
  const icmpItem = f.get<ObjectItem>('icmpOptions');
  let icmp: IcmpMatch | undefined;
  if (icmpItem) {
    const icf = new Fields(icmpItem.map, 'icmpOptions', icmpItem.path, fp);
    const type = icf.get<number>('type');
    if (type !== undefined) icmp = { type, code: icf.get<number>('code') };
  }
  if (!ok) return undefined;
  const rule: SecurityRule = {
    direction,
    protocol,
    stateless: f.get<boolean>('isStateless') ?? false,
    peer,
    destinationPorts,
    sourcePorts,
    icmp,
    description: f.get<string>('description'),
    at: f.at,
  };
  if (peer.kind === 'nsg') {
    const at = f.map.entries.get(peerKey)?.value.at;
    if (at) pending('nsg', { text: peer.nsg, at, field: peerKey }, (ref) => (rule.peer = { kind: 'nsg', nsg: ref }));
  }
  return rule;
}
