/**
 * The OCI resources that OCI CLI JSON and a Terraform plan both describe (VCN, subnet,
 * cluster, node pool, virtual node pool), read into the model once. Attribute paths here are
 * the OCI API's (oci-core Vcn, Subnet; oci-containerengine Cluster, NodePool, VirtualNodePool),
 * in its camelCase. Each format spells them its own way, the OCI CLI in kebab case
 * (nodeConfigDetails.size -> node-config-details.size), the Terraform provider in snake case
 * with every nested block a one-element list (node_config_details[0].size), and says for
 * itself when a value is missing: absent from the CLI's output, or unset or unknown until
 * apply in a plan. Names, refs, positions and references stay with each format too.
 */
import type { Cidr } from '../../core/cidr.js';
import { API_DEFAULT_CNI_TYPE, DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../core/facts.js';
import { readMaxNodesTag } from '../../core/max-nodes-tag.js';
import { locate, type Cluster, type CniType, type Location, type ModelSuppression, type NodePool, type Positions, type SecondaryVnicProfile, type Subnet, type Unknowns, type Vcn } from '../../core/model.js';
import { IGNORE_TAG, ignoreTagSuppression, maxNodesTagValue, placementSubnetIds, subnetCidrBlockTexts, tagValue } from '../oci-objects.js';
import { CNI_TYPES } from './config-fields.js';
import { attachCarried, DEFAULT_SERVICES, PLACEHOLDER_CIDR, type Draft, type DraftCluster, type LoosePool } from './draft.js';
import type { FileProblems } from './problems.js';
import type { Node } from './tree.js';
import type { RuleForm } from '../../core/security-rules/types.js';
import type { Vocabulary } from '../../core/vocabulary.js';
import { readSecurityListResource } from './oci-security.js';
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
  type Surge,
} from './values.js';

/** An attribute path in the API's names: ['nodeConfigDetails', 'placementConfigs', 0, 'subnetId']. */
export type ApiPath = ReadonlyArray<string | number>;

export type OciKind = 'vcn' | 'subnet' | 'cluster' | 'nodePool' | 'virtualNodePool' | 'securityList';

/** A reference as the file wrote it: an OCID, or the Terraform address an unknown id resolves to. */
export interface AttributeRef {
  text: string;
  at: Location;
  /** The attribute as the file spells it, for messages. */
  field: string;
}

/** Values oke-cni cannot check a resource without; a plan words each one apart when it is unknown. */
export type Needed = 'vcnCidrBlock' | 'subnetCidrBlock' | 'clusterVersion' | 'poolSize' | 'virtualPoolSize';

/**
 * One resource of a file, read by API path. `field` and what reads through it record the
 * attribute's key position under the model field's name (the first one read wins).
 */
export interface OciResource {
  readonly fp: FileProblems;
  readonly at: Positions;
  /** Values the file leaves unknown (a plan's "known after apply"), by model field; shared with the model object like `at`. */
  readonly unknown?: Unknowns;
  /** Set when the resource is the old generation of a pool replaced create-before-destroy (see NodePool.replacedBy). */
  readonly replacedBy?: string | undefined;
  /** The key references to it use: its OCID (OCI CLI) or its address (Terraform). */
  readonly ref: string;
  readonly name: string;
  readonly ocid: string | undefined;
  /** The attribute as the file spells it, for messages: data[0].node-config-details.size. */
  label(path: ApiPath): string;
  /** The value the file gives at `path` (null counts as absent), without recording a position. */
  value(path: ApiPath): Node | undefined;
  /** The same, recording the attribute's key position under `modelField`. */
  field(modelField: string, path: ApiPath): Node | undefined;
  string(modelField: string, path: ApiPath): string | undefined;
  /** A reference to another resource (vcnId, subnetId, clusterId). */
  reference(modelField: string, path: ApiPath): AttributeRef | undefined;
  /** A list of them (podSubnetIds, nsgIds); each item's position is recorded as `modelField[i]`. */
  references(modelField: string, path: ApiPath): AttributeRef[];
  /** A string the resource must set (its value may still be unknown until apply). */
  requiredString(modelField: string, path: ApiPath): string | undefined;
  /** A reference the resource must set (its value may still be unknown until apply). */
  requiredReference(modelField: string, path: ApiPath): AttributeRef | undefined;
  /** Report that a value oke-cni needs is not there: `path` is the attribute, `needed` which check. */
  missing(path: ApiPath, needed: Needed): void;
  /** The object's input's names for the model fields read so far (core/vocabulary.ts). */
  readonly vocabulary?: Vocabulary | undefined;
  /** The input form security rules are written in (for "the rule to add"): OCI CLI JSON; a plan's are read by terraform/security.ts. */
  readonly form?: RuleForm;
}

export function readResource(kind: OciKind, o: OciResource, draft: Draft): void {
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
    case 'securityList':
      (draft.securityLists ??= []).push(readSecurityListResource(o, 'oci-cli'));
      break;
  }
}

/**
 * One empty list for every object's lists that are empty (a big plan's pools have four each, a
 * list object apiece otherwise). Frozen: nothing adds to a model object's lists once it is read.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];
function listOr<T>(items: T[]): T[] {
  return items.length === 0 ? NONE : items;
}

/** The same for a pool read whole that knows every value: nothing marks a read pool's values unknown again (attaching it to its cluster makes a new record). */
const ALL_KNOWN: Unknowns = Object.freeze({});
function unknownsOr(unknown: Unknowns | undefined): Unknowns | undefined {
  return unknown !== undefined && Object.keys(unknown).length === 0 ? ALL_KNOWN : unknown;
}

/** A list of references to security lists or NSGs: OCIDs no file defines are kept (see resolve.ts). */
function pendingIds(draft: Draft, kind: 'securityList' | 'nsg', refs: readonly AttributeRef[], out: string[]): void {
  const base = out.length;
  for (const ref of refs) out.push(ref.text);
  refs.forEach((ref, i) => pendingItem(draft, kind, ref, out, base + i));
}

/**
 * Model fields a remediation may name for a node pool that does not set them yet (give the pool
 * secondary VNIC profiles): each reader records their names as it records every field it reads.
 */
export const POOL_FIELDS_TO_NAME: ReadonlyArray<readonly [string, ApiPath]> = [
  ['secondaryVnics', ['secondaryVnics']],
  ['ipCount', ['secondaryVnics', 0, 'createVnicDetails', 'ipCount']],
];

/** The value at `path` read with `reader`; undefined when absent (or wrong, which `reader` reports). */
function read<T>(o: OciResource, modelField: string, path: ApiPath, reader: (node: Node, label: string, fp: FileProblems) => T | undefined): T | undefined {
  const v = o.field(modelField, path);
  return v === undefined ? undefined : reader(v, o.label(path), o.fp);
}

function required(o: OciResource, modelField: string, path: ApiPath, needed: Needed): Node | undefined {
  const v = o.field(modelField, path);
  if (v === undefined) o.missing(path, needed);
  return v;
}

/** The API and the provider carry maximumSurge as a string: "1" is a node count there. */
function readMaxSurge(node: Node, label: string, fp: FileProblems): Surge | undefined {
  return readSurge(node, label, fp, true);
}

function readCniType(node: Node, label: string, fp: FileProblems): CniType | undefined {
  return readEnum<CniType>(node, label, CNI_TYPES, fp);
}

/**
 * The pending reference made of `ref` itself: a reader may make its position and field name only
 * when asked for (a plan's tens of thousands of references), and copying them out would make them.
 * `rest` must not name a field of `ref` (the Terraform reader's PlanRef makes room for these).
 */
function pendingOf<T extends object>(ref: AttributeRef, rest: T): AttributeRef & T {
  return Object.assign(ref, rest);
}

/**
 * The set() of a pending reference that fills one item of a list: one function for every such
 * reference, the list and index on the reference itself (a closure each, with the scope it keeps
 * alive, cost a big plan's pools MBs until their references were resolved).
 */
function fillItem(this: { fills: string[]; slot: number }, resolved: string): void {
  this.fills[this.slot] = resolved;
}

/** A pending reference that fills list[item] once resolved. */
function pendingItem(draft: Draft, kind: 'vcn' | 'subnet' | 'securityList' | 'nsg', ref: AttributeRef, list: string[], item: number): void {
  draft.refs.push(pendingOf(ref, { kind, set: fillItem, fills: list, slot: item }));
}

function pending(draft: Draft, kind: 'vcn' | 'subnet', ref: AttributeRef | undefined, set: (resolved: string) => void): void {
  if (ref) draft.refs.push(pendingOf(ref, { kind, set }));
}

function readVcn(o: OciResource): Vcn {
  return { ref: o.ref, name: o.name, ocid: o.ocid, compartmentId: o.string('compartmentId', ['compartmentId']), cidrBlocks: vcnCidrBlocks(o), at: o.at, unknown: o.unknown, vocabulary: o.vocabulary };
}

function vcnCidrBlocks(o: OciResource): Cidr[] {
  const list = o.field('cidrBlocks', ['cidrBlocks']);
  // Without a cidrBlocks list (or with an empty one, as a plan may have before apply), the
  // single cidrBlock that VCNs had before cidrBlocks.
  if (list !== undefined && !(list.kind === 'seq' && list.items.length === 0)) {
    return readList(list, o.label(['cidrBlocks']), o.fp, (n, p) => readCidr(n, p, o.fp)) ?? [];
  }
  const single = required(o, 'cidrBlocks', ['cidrBlock'], 'vcnCidrBlock');
  const cidr = single && readCidr(single, o.label(['cidrBlock']), o.fp);
  return cidr ? [cidr] : [];
}

/**
 * cidrBlock (the first block) and ipv4CidrBlocks (all of them), merged by oci-objects.ts.
 * Positions: 'cidrBlocks' is the first attribute found, 'cidrBlocks[i]' where block i is written.
 */
function subnetCidrBlocks(o: OciResource): Cidr[] {
  const found = new Map<string, { cidr: Cidr; at: Location }>();
  const single = o.field('cidrBlocks', ['cidrBlock']);
  const singleCidr = single && readCidr(single, o.label(['cidrBlock']), o.fp);
  if (single && singleCidr) found.set(singleCidr.text, { cidr: singleCidr, at: o.fp.location(single.at) });
  const list = o.field('cidrBlocks', ['ipv4CidrBlocks']);
  const listed: string[] = [];
  if (list !== undefined) {
    const items = list.kind === 'seq' ? list.items : [];
    const cidrs = readList(list, o.label(['ipv4CidrBlocks']), o.fp, (n, p) => readCidr(n, p, o.fp)) ?? [];
    cidrs.forEach((cidr, i) => {
      listed.push(cidr.text);
      const item = items[i];
      if (!found.has(cidr.text)) found.set(cidr.text, { cidr, at: o.fp.location((item ?? list).at) });
    });
  }
  if (single === undefined && listed.length === 0) o.missing(['cidrBlock'], 'subnetCidrBlock');
  const texts = subnetCidrBlockTexts(singleCidr?.text, listed);
  return texts.flatMap((text, i) => {
    const block = found.get(text);
    if (!block) return [];
    o.at[`cidrBlocks[${i}]`] = block.at;
    return [block.cidr];
  });
}

export function readSubnet(o: OciResource, draft: Draft): Subnet {
  const blocks = subnetCidrBlocks(o);
  const subnet: Subnet = {
    ref: o.ref,
    name: o.name,
    ocid: o.ocid,
    compartmentId: o.string('compartmentId', ['compartmentId']),
    vcn: '',
    cidrBlocks: blocks.length > 0 ? blocks : [PLACEHOLDER_CIDR],
    prohibitPublicIpOnVnic: prohibitPublicIp(o),
    availabilityDomain: o.string('availabilityDomain', ['availabilityDomain']),
    ipv6CidrBlocks: ipv6CidrBlocks(o),
    disabledRules: NONE,
    suppressions: listOr(fileSuppressions(o)),
    at: o.at,
    unknown: o.unknown,
    vocabulary: o.vocabulary,
  };
  pending(draft, 'vcn', o.requiredReference('vcn', ['vcnId']), (ref) => (subnet.vcn = ref));
  // OCI CLI JSON here; a plan's security_list_ids (addresses, or the VCN's default list when unset)
  // are read by terraform/security.ts, which knows the plan's lists.
  if (o.form === 'oci-cli' && o.value(['securityListIds']) !== undefined) {
    subnet.securityListIds = [];
    pendingIds(draft, 'securityList', o.references('securityListIds', ['securityListIds']), subnet.securityListIds);
  }
  return subnet;
}

/**
 * Private when either flag says so. OCI's CreateSubnetDetails (oci-core SDK docs): "For IPv4,
 * prohibitInternetIngress behaves similarly to prohibitPublicIpOnVnic", and the provider sets
 * prohibit_public_ip_on_vnic from prohibit_internet_ingress, so a plan that sets only the latter
 * knows the former only after apply. Unset (both) means false in the API and the provider: public.
 */
function prohibitPublicIp(o: OciResource): boolean {
  const onVnic = read(o, 'prohibitPublicIpOnVnic', ['prohibitPublicIpOnVnic'], readBoolean);
  const noIngress = read(o, 'prohibitInternetIngress', ['prohibitInternetIngress'], readBoolean);
  if (onVnic === true || noIngress === true) {
    if (o.unknown) delete o.unknown.prohibitPublicIpOnVnic;
    if (onVnic !== true && o.at.prohibitInternetIngress) o.at.prohibitPublicIpOnVnic = o.at.prohibitInternetIngress;
    return true;
  }
  // Either flag unknown until apply leaves the answer unknown too.
  const unknownIngress = o.unknown?.prohibitInternetIngress;
  if (o.unknown && unknownIngress) o.unknown.prohibitPublicIpOnVnic ??= unknownIngress;
  return false;
}

function ipv6CidrBlocks(o: OciResource): string[] {
  const blocks = read(o, 'ipv6CidrBlocks', ['ipv6CidrBlocks'], (n, label, fp) => readList(n, label, fp, (item, p) => readIpv6Cidr(item, p, fp))) ?? [];
  const single = read(o, 'ipv6CidrBlocks', ['ipv6CidrBlock'], readIpv6Cidr);
  if (single !== undefined && !blocks.includes(single)) blocks.push(single);
  return blocks;
}

function readCluster(o: OciResource, draft: Draft): DraftCluster {
  const versionNode = required(o, 'kubernetesVersion', ['kubernetesVersion'], 'clusterVersion');
  const cniType = read(o, 'cniType', ['clusterPodNetworkOptions', 0, 'cniType'], readCniType);
  const servicesCidr = read(o, 'servicesCidr', ['options', 'kubernetesNetworkConfig', 'servicesCidr'], (n, label, fp) => readCidr(n, label, fp, true));
  const ipFamilies = read(o, 'ipv6', ['options', 'ipFamilies'], (n, label, fp) => readList(n, label, fp, (item, p) => readString(item, p, fp)));
  const cluster: Cluster = {
    name: o.name,
    ocid: o.ocid,
    compartmentId: o.string('compartmentId', ['compartmentId']),
    vcn: '',
    kubernetesVersion: (versionNode && readVersion(versionNode, o.label(['kubernetesVersion']), o.fp)) ?? '',
    // Unless a node pool says otherwise (see attachCarried): the API's default.
    cniType: cniType ?? API_DEFAULT_CNI_TYPE,
    servicesCidr: servicesCidr ?? DEFAULT_SERVICES,
    ipv6: ipFamilies?.includes('IPv6') ?? false,
    serviceMesh: undefined,
    disabledRules: NONE,
    suppressions: listOr(fileSuppressions(o)),
    nodePools: [],
    at: o.at,
    unknown: o.unknown,
    vocabulary: o.vocabulary,
  };
  pending(draft, 'vcn', o.requiredReference('vcn', ['vcnId']), (ref) => (cluster.vcn = ref));
  // The endpoint's subnet is looked up by OCID in the rule that needs it: one no file gives is "not checked", not an error.
  // OCI CLI JSON here; a plan's endpoint_config (traced when known only after apply) is read by terraform/security.ts.
  const endpointSubnet = o.form !== 'oci-cli' || o.value(['endpointConfig', 'subnetId']) === undefined ? undefined : o.string('endpointSubnet', ['endpointConfig', 'subnetId']);
  if (endpointSubnet !== undefined) cluster.endpointSubnet = endpointSubnet;
  if (o.form === 'oci-cli' && o.value(['endpointConfig', 'nsgIds']) !== undefined) {
    cluster.endpointNsgIds = [];
    pendingIds(draft, 'nsg', o.references('endpointNsgIds', ['endpointConfig', 'nsgIds']), cluster.endpointNsgIds);
  }
  return { cluster, ref: o.ref, cniTypeGiven: cniType !== undefined };
}

function readNodePool(o: OciResource, draft: Draft): void {
  const sizeNode = o.field('size', ['nodeConfigDetails', 'size']);
  let size = sizeNode && readWholeNumber(sizeNode, o.label(['nodeConfigDetails', 'size']), o.fp);
  // Pools placed before nodeConfigDetails existed: quantityPerSubnet nodes in each of subnetIds.
  const legacySubnets = o.references('subnet', ['subnetIds']);
  if (!sizeNode) {
    const perSubnetNode = o.field('size', ['quantityPerSubnet']);
    const perSubnet = perSubnetNode && readWholeNumber(perSubnetNode, o.label(['quantityPerSubnet']), o.fp);
    if (perSubnet !== undefined) size = perSubnet * Math.max(1, legacySubnets.length);
    else if (!perSubnetNode) o.missing(['nodeConfigDetails', 'size'], 'poolSize');
  }
  const podNetwork = ['nodeConfigDetails', 'nodePoolPodNetworkOptionDetails'];
  const surge = read(o, 'maxSurge', ['nodePoolCyclingDetails', 'maximumSurge'], readMaxSurge);
  sizeFollows(o);
  const kubernetesVersion = read(o, 'kubernetesVersion', ['kubernetesVersion'], readVersion);
  const pool: NodePool = {
    name: o.name,
    ocid: o.ocid,
    compartmentId: o.string('compartmentId', ['compartmentId']),
    type: 'managed',
    shape: o.requiredString('shape', ['nodeShape']),
    ocpus: read(o, 'ocpus', ['nodeShapeConfig', 'ocpus'], readPositiveNumber),
    size: size ?? 0,
    maxSize: size ?? 0,
    maxSurge: surge ? surgeNodes(surge, size ?? 0) : DEFAULT_MAX_SURGE,
    maxPodsPerNode: read(o, 'maxPodsPerNode', [...podNetwork, 'maxPodsPerNode'], readWholeNumber) ?? DEFAULT_MAX_PODS_PER_NODE,
    workerSubnets: [],
    podSubnets: [],
    // NSGs that a plan creates stand as their addresses.
    nsgIds: listOr(o.references('nsgIds', ['nodeConfigDetails', 'nsgIds']).map((r) => r.text)),
    podNsgIds: listOr(o.references('podNsgIds', [...podNetwork, 'podNsgIds']).map((r) => r.text)),
    image: image(o),
    kubernetesVersion,
    replacedBy: o.replacedBy,
    disabledRules: NONE,
    suppressions: listOr(fileSuppressions(o)),
    at: o.at,
    unknown: o.unknown,
    vocabulary: o.vocabulary,
  };
  applyMaxNodesTag(o, pool, surge);
  // Every placement config (one per AD) names a worker subnet; all of them count (oci-objects.ts).
  const placements = o.value(['nodeConfigDetails', 'placementConfigs']);
  const placementCount = placements?.kind === 'seq' ? placements.items.length : 1;
  const workers: AttributeRef[] = [];
  for (let i = 0; i < placementCount; i++) {
    const ref = o.reference('subnet', ['nodeConfigDetails', 'placementConfigs', i, 'subnetId']);
    if (ref) workers.push(ref);
  }
  addWorkerSubnets(draft, pool, workers.length > 0 ? workers : legacySubnets);
  const podSubnets = o.references('podSubnets', [...podNetwork, 'podSubnetIds']);
  // Lists made at their size: one grown by push holds 17 slots (MBs over a big plan's pools).
  pool.podSubnets = podSubnets.map((ref) => ref.text);
  podSubnets.forEach((ref, i) => pendingItem(draft, 'subnet', ref, pool.podSubnets, i));
  readSecondaryVnics(o, draft, pool, podNetwork);
  const cniType = read(o, 'cniType', [...podNetwork, 'cniType'], readCniType);
  attachToCluster(o, draft, { pool, cniType, versionGiven: kubernetesVersion !== undefined });
  pool.unknown = unknownsOr(pool.unknown);
}

/**
 * NodePool.secondaryVnics[].createVnicDetails.{subnetId, ipCount, nsgIds} and displayName (oci-containerengine
 * NodePoolSecondaryVnicDetails; Terraform secondary_vnics { create_vnic_details { subnet_id, ip_count, nsg_ids } };
 * OCI CLI secondary-vnics). Each profile's positions are recorded on the pool as secondaryVnics[i].<key>.
 */
function readSecondaryVnics(o: OciResource, draft: Draft, pool: NodePool, podNetwork: readonly string[]): void {
  const list = o.value(['secondaryVnics']);
  if (list?.kind !== 'seq' || list.items.length === 0) return;
  o.field('secondaryVnics', ['secondaryVnics']);
  pool.maxPodsPerNodeSet = o.value([...podNetwork, 'maxPodsPerNode']) !== undefined;
  pool.secondaryVnics = list.items.map((_item, i) => {
    const base = ['secondaryVnics', i, 'createVnicDetails'];
    const key = (name: string) => `secondaryVnics[${i}].${name}`;
    const profile: SecondaryVnicProfile = {
      subnet: '',
      ipCount: read(o, key('ipCount'), [...base, 'ipCount'], readWholeNumber),
      nsgIds: o.references(key('nsgIds'), [...base, 'nsgIds']).map((r) => r.text),
      displayName: o.string(key('displayName'), ['secondaryVnics', i, 'displayName']),
      at: {},
    };
    const subnet = o.requiredReference(key('subnet'), [...base, 'subnetId']);
    if (subnet) {
      profile.subnet = subnet.text;
      pending(draft, 'subnet', subnet, (ref) => (profile.subnet = ref));
    }
    const first = o.at[key('subnet')] ?? o.at[key('ipCount')] ?? locate(o.at, 'secondaryVnics');
    profile.at = { '': first };
    for (const name of ['subnet', 'ipCount', 'nsgIds', 'displayName']) {
      const at = o.at[key(name)];
      if (at) profile.at[name] = at;
    }
    return profile;
  });
}

function readVirtualNodePool(o: OciResource, draft: Draft): void {
  const sizeNode = required(o, 'size', ['size'], 'virtualPoolSize');
  const size = sizeNode && readWholeNumber(sizeNode, o.label(['size']), o.fp);
  const surge = read(o, 'maxSurge', ['virtualNodePoolCyclingDetails', 'maximumSurge'], readMaxSurge);
  sizeFollows(o);
  const kubernetesVersion = read(o, 'kubernetesVersion', ['kubernetesVersion'], readVersion);
  const pool: NodePool = {
    name: o.name,
    ocid: o.ocid,
    compartmentId: o.string('compartmentId', ['compartmentId']),
    type: 'virtual',
    // Virtual nodes run pods on a pod shape (Pod.Standard.E4.Flex), not a compute shape.
    shape: o.string('shape', ['podConfiguration', 'shape']),
    ocpus: undefined,
    size: size ?? 0,
    maxSize: size ?? 0,
    maxSurge: surge ? surgeNodes(surge, size ?? 0) : DEFAULT_MAX_SURGE,
    maxPodsPerNode: DEFAULT_MAX_PODS_PER_NODE,
    workerSubnets: [],
    podSubnets: [],
    nsgIds: o.references('nsgIds', ['nsgIds']).map((r) => r.text),
    podNsgIds: o.references('podNsgIds', ['podConfiguration', 'nsgIds']).map((r) => r.text),
    image: undefined,
    kubernetesVersion,
    replacedBy: o.replacedBy,
    disabledRules: NONE,
    suppressions: listOr(fileSuppressions(o)),
    at: o.at,
    unknown: o.unknown,
    vocabulary: o.vocabulary,
  };
  applyMaxNodesTag(o, pool, surge);
  const placements = o.value(['placementConfigurations']);
  const placementCount = placements?.kind === 'seq' ? placements.items.length : 1;
  const workers: AttributeRef[] = [];
  for (let i = 0; i < placementCount; i++) {
    const ref = o.reference('subnet', ['placementConfigurations', i, 'subnetId']);
    if (ref) workers.push(ref);
  }
  addWorkerSubnets(draft, pool, workers);
  const pod = o.reference('podSubnets', ['podConfiguration', 'subnetId']);
  if (pod) {
    pool.podSubnets = [pod.text];
    pendingItem(draft, 'subnet', pod, pool.podSubnets, 0);
  }
  attachToCluster(o, draft, { pool, cniType: undefined, versionGiven: kubernetesVersion !== undefined });
  pool.unknown = unknownsOr(pool.unknown);
}

/** maxSize is the size, and a percentage surge is of the size: unknown when the size is. */
function sizeFollows(o: OciResource): void {
  const size = o.unknown?.size;
  if (o.unknown === undefined || size === undefined) return;
  o.unknown.maxSize ??= size;
  o.unknown.maxSurge ??= size;
}

/** The worker subnets of every placement, distinct as written (oci-objects.ts placementSubnetIds). */
function addWorkerSubnets(draft: Draft, pool: NodePool, refs: readonly AttributeRef[]): void {
  const distinctTexts = placementSubnetIds(refs.map((r) => r.text));
  const chosen = distinctTexts.map((text) => refs.find((r) => r.text === text) as AttributeRef);
  const base = pool.workerSubnets.length;
  // Made at its size, as podSubnets.
  pool.workerSubnets = pool.workerSubnets.concat(chosen.map((ref) => ref.text));
  chosen.forEach((ref, k) => pendingItem(draft, 'subnet', ref, pool.workerSubnets, base + k));
}

/** Freeform and defined tags as Maps (a file's keys never become a plain object's). */
function tagTree(node: Node | undefined): Map<string, unknown> | undefined {
  if (node?.kind !== 'map') return undefined;
  const tree = new Map<string, unknown>();
  for (const [key, e] of node.entries) tree.set(key, e.value.kind === 'map' ? tagTree(e.value) : e.value.kind === 'scalar' ? e.value.value : '[...]');
  return tree;
}

/** The oke-cni-ignore tag, as live reads it (oci-objects.ts), located at the tags key that holds it. */
function fileSuppressions(o: OciResource): ModelSuppression[] {
  const freeform = tagTree(o.value(['freeformTags']));
  const defined = tagTree(o.value(['definedTags']));
  if (tagValue(IGNORE_TAG, freeform, defined) === undefined) return [];
  o.field('ignoreTag', [freeform && tagValue(IGNORE_TAG, freeform, undefined) !== undefined ? 'freeformTags' : 'definedTags']);
  const found = ignoreTagSuppression(freeform, defined, locate(o.at, 'ignoreTag'));
  return found ? [found] : [];
}

/** The oke-cni-max-nodes tag, as live reads it: kept raw for the max-nodes-tag rule, and maxSize when usable. */
function applyMaxNodesTag(o: OciResource, pool: NodePool, surge: Surge | undefined): void {
  const freeform = tagTree(o.value(['freeformTags']));
  const defined = tagTree(o.value(['definedTags']));
  const raw = maxNodesTagValue(freeform, defined);
  if (raw === undefined) return;
  if (freeform && maxNodesTagValue(freeform, undefined) !== undefined) o.field('maxNodesTag', ['freeformTags']);
  else o.field('maxNodesTag', ['definedTags']);
  pool.maxNodesTag = raw;
  const reading = readMaxNodesTag(raw, pool.size);
  if (!reading.ok) return;
  pool.maxSize = reading.maxNodes;
  pool.maxSizeSource = 'tag';
  pool.maxSurge = surge ? surgeNodes(surge, pool.maxSize) : DEFAULT_MAX_SURGE;
}

/** A pool is defined apart from its cluster: attach it once the cluster reference resolves. */
function attachToCluster(o: OciResource, draft: Draft, loose: LoosePool): void {
  const ref = o.requiredReference('cluster', ['clusterId']);
  if (ref) draft.refs.push(pendingOf(ref, { kind: 'cluster' as const, attach: attachCarried, loose }));
  const unknown = o.unknown?.cluster;
  if (!ref && unknown) draft.refs.push({ kind: 'cluster', text: '', at: unknown.at, field: unknown.field, attach: attachCarried, loose, unknown });
}

/**
 * nodeSource.sourceName is the image's display name (known once the pool exists);
 * nodeImageName is its deprecated twin; nodeSourceDetails.imageId and nodeImageId are only
 * OCIDs, which may be all a plan knows.
 */
const IMAGE_PATHS: readonly ApiPath[] = [['nodeSource', 'sourceName'], ['nodeImageName'], ['nodeSourceDetails', 'imageId'], ['nodeImageId']];

function image(o: OciResource): string | undefined {
  const path = IMAGE_PATHS.find((p) => o.value(p) !== undefined);
  return path && o.string('image', path);
}
