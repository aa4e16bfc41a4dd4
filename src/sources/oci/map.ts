/**
 * OCI API objects -> the Model every rule reads. Pure functions over the SDK's plain data
 * (only its types are imported here). Field meanings follow the Container Engine
 * (20180222) and Core (20160918) API references.
 */
import { surgeNodesForPercent } from '../../core/capacity.js';
import type { models as ce } from 'oci-containerengine';
import type { models as core } from 'oci-core';
import { parseCidr, type Cidr } from '../../core/cidr.js';
import { UserError } from '../../core/errors.js';
import { API_DEFAULT_CNI_TYPE, DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../core/facts.js';
import type { Cluster, CniType, Location, NodePool, Subnet, Vcn } from '../../core/model.js';

export const RESOURCE_TYPES = {
  cluster: 'cluster',
  nodePool: 'node pool',
  virtualNodePool: 'virtual node pool',
  subnet: 'subnet',
  vcn: 'vcn',
} as const;

/**
 * OKE has no API field for the cluster autoscaler's ceiling (the autoscaler add-on keeps it in
 * its own `nodes: min:max:nodePoolId` setting). A node pool may state it in a freeform tag, or a
 * defined tag in any namespace, with this key; without one, live maxSize = size.
 * OCI tag keys cannot contain periods or spaces, hence the dashes.
 */
export const MAX_NODES_TAG = 'oke-cni-max-nodes';

/** Container Engine lifecycle states of pools that no longer exist or are going away. */
const GONE_STATES = new Set(['DELETED', 'DELETING']);

export function isLivePool(pool: { lifecycleState?: string | undefined }): boolean {
  return !GONE_STATES.has(String(pool.lifecycleState ?? ''));
}

function at(resourceType: string, ocid: string, name: string | undefined): { '': Location } {
  return { '': { kind: 'oci', resourceType, ocid, name } };
}

const resource = (type: string, ocid: string): string => `OCI ${type} ${ocid}`;

/** A CIDR from the API; OCI should never send a malformed one, but if it does the run stops, naming the resource. */
function cidrOf(text: string | undefined, type: string, ocid: string, field: string, anyPrefix = false): Cidr {
  if (text === undefined || text === '') throw new UserError(`the API returned no ${field}`, resource(type, ocid));
  const parsed = parseCidr(text, { anyPrefix });
  if (!parsed.ok) throw new UserError(`${field}: ${parsed.reason}`, resource(type, ocid));
  return parsed.cidr;
}

export function mapVcn(vcn: core.Vcn): Vcn {
  // cidrBlock is the deprecated single-CIDR field; cidrBlocks lists them all (a VCN may have several).
  const blocks = vcn.cidrBlocks?.length ? vcn.cidrBlocks : vcn.cidrBlock ? [vcn.cidrBlock] : [];
  if (blocks.length === 0) throw new UserError('the API returned no cidrBlocks', resource(RESOURCE_TYPES.vcn, vcn.id));
  return {
    ref: vcn.id,
    name: vcn.displayName ?? vcn.id,
    ocid: vcn.id,
    compartmentId: vcn.compartmentId,
    cidrBlocks: blocks.map((b) => cidrOf(b, RESOURCE_TYPES.vcn, vcn.id, 'cidrBlocks')),
    at: at(RESOURCE_TYPES.vcn, vcn.id, vcn.displayName),
  };
}

/** `vcnRef`: the ref of the subnet's VCN in the model (its OCID, or a file VCN's name when the file gave that OCID). */
export function mapSubnet(subnet: core.Subnet, vcnRef: string, liveUsedAddresses?: number): Subnet {
  const ipv6 = subnet.ipv6CidrBlocks?.length ? subnet.ipv6CidrBlocks : subnet.ipv6CidrBlock ? [subnet.ipv6CidrBlock] : [];
  return {
    ref: subnet.id,
    name: subnet.displayName ?? subnet.id,
    ocid: subnet.id,
    compartmentId: subnet.compartmentId,
    vcn: vcnRef,
    // The primary IPv4 block; pod capacity is planned against it (ipv4CidrBlocks may list more).
    cidrBlock: cidrOf(subnet.cidrBlock, RESOURCE_TYPES.subnet, subnet.id, 'cidrBlock'),
    // "If you don't specify, the default is false" (Subnet.prohibitPublicIpOnVnic): unset = public.
    prohibitPublicIpOnVnic: subnet.prohibitPublicIpOnVnic === true,
    availabilityDomain: subnet.availabilityDomain ?? undefined,
    ipv6CidrBlocks: ipv6,
    liveUsedAddresses,
    disabledRules: [],
    at: at(RESOURCE_TYPES.subnet, subnet.id, subnet.displayName),
  };
}

/**
 * NodePoolCyclingDetails.maximumSurge: "OKE supports both integer and percentage input. Defaults
 * to 1, Ranges from 0 to Nodepool size or 0% to 100%". A percentage is taken of the pool at its
 * largest (surgeNodesForPercent).
 */
export function parseMaxSurge(value: string | undefined, largestSize: number, where: string): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_SURGE;
  const text = value.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return surgeNodesForPercent(Number(percent[1]), largestSize);
  if (/^\d+$/.test(text)) return Number(text);
  throw new UserError(`maximumSurge "${value}" is neither a whole number nor a percentage`, where);
}

type Tags = { [key: string]: string } | undefined;
type DefinedTags = { [namespace: string]: { [key: string]: unknown } } | undefined;

/** The autoscaler ceiling from the MAX_NODES_TAG tag, or undefined without one. */
export function maxNodesFromTags(freeform: Tags, defined: DefinedTags, size: number, where: string): number | undefined {
  const wanted = MAX_NODES_TAG.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(freeform ?? {})) if (key.toLowerCase() === wanted) values.push(String(value));
  for (const keys of Object.values(defined ?? {})) {
    for (const [key, value] of Object.entries(keys ?? {})) if (key.toLowerCase() === wanted) values.push(String(value));
  }
  if (values.length === 0) return undefined;
  const text = (values[0] as string).trim();
  if (!/^\d+$/.test(text)) throw new UserError(`tag ${MAX_NODES_TAG} = "${values[0]}" is not a whole number of nodes`, where);
  const max = Number(text);
  if (max < size) throw new UserError(`tag ${MAX_NODES_TAG} = ${max} is below the pool's current size ${size}`, where);
  return max;
}

function narrowCni(value: string | undefined): CniType | undefined {
  return value === 'OCI_VCN_IP_NATIVE' || value === 'FLANNEL_OVERLAY' ? value : undefined;
}

export interface MappedPool {
  pool: NodePool;
  /** Every distinct worker subnet the pool places nodes in (one per placement config). */
  workerSubnets: string[];
}

/** A managed node pool from ListNodePools: NodePoolSummary carries every field the rules read. */
export function mapNodePool(summary: ce.NodePoolSummary): MappedPool {
  const ocid = summary.id as string;
  const where = resource(RESOURCE_TYPES.nodePool, ocid);
  const config = summary.nodeConfigDetails;
  const placements = config?.placementConfigs ?? [];
  // Pools created before nodeConfigDetails existed place quantityPerSubnet nodes in each of subnetIds.
  const workerSubnets = [...new Set(placements.length ? placements.map((p) => p.subnetId) : (summary.subnetIds ?? []))];
  const size = config?.size ?? (summary.quantityPerSubnet ?? 0) * (summary.subnetIds?.length ?? 0);
  const pods = config?.nodePoolPodNetworkOptionDetails;
  const native = pods !== undefined && narrowCni(pods.cniType) === 'OCI_VCN_IP_NATIVE' ? (pods as ce.OciVcnIpNativeNodePoolPodNetworkOptionDetails) : undefined;
  const maxSize = maxNodesFromTags(summary.freeformTags, summary.definedTags, size, where) ?? size;
  const pool: NodePool = {
    name: summary.name ?? ocid,
    ocid,
    compartmentId: summary.compartmentId,
    type: 'managed',
    shape: summary.nodeShape,
    ocpus: summary.nodeShapeConfig?.ocpus,
    size,
    maxSize,
    maxSurge: parseMaxSurge(summary.nodePoolCyclingDetails?.maximumSurge, Math.max(size, maxSize), where),
    // OKE's default when the pool does not say (facts.ts).
    maxPodsPerNode: native?.maxPodsPerNode ?? DEFAULT_MAX_PODS_PER_NODE,
    subnet: workerSubnets[0],
    podSubnets: native?.podSubnetIds ?? [],
    nsgIds: config?.nsgIds ?? [],
    podNsgIds: native?.podNsgIds ?? [],
    image: summary.nodeSource?.sourceName ?? summary.nodeImageName,
    kubernetesVersion: summary.kubernetesVersion,
    disabledRules: [],
    at: at(RESOURCE_TYPES.nodePool, ocid, summary.name),
  };
  return { pool, workerSubnets };
}

/**
 * A virtual node pool: pods get their addresses from podConfiguration.subnetId, virtual nodes
 * sit in the placement subnets. The API has no pods-per-node setting, so a live virtual pool
 * counts DEFAULT_MAX_PODS_PER_NODE pods per virtual node, as a config file that leaves
 * maxPodsPerNode out does (OCI's ceiling, VIRTUAL_NODE_MAX_PODS, would be a bound no pool plans for).
 */
export function mapVirtualNodePool(summary: ce.VirtualNodePoolSummary): MappedPool {
  const ocid = summary.id;
  const where = resource(RESOURCE_TYPES.virtualNodePool, ocid);
  const workerSubnets = [...new Set((summary.placementConfigurations ?? []).map((p) => p.subnetId))];
  const size = summary.size ?? 0;
  const maxSize = maxNodesFromTags(summary.freeformTags, summary.definedTags, size, where) ?? size;
  const pool: NodePool = {
    name: summary.displayName ?? ocid,
    ocid,
    compartmentId: summary.compartmentId,
    type: 'virtual',
    // podConfiguration.shape is a pod shape (Pod.Standard.E4.Flex), not a compute shape in ListShapes.
    shape: undefined,
    ocpus: undefined,
    size,
    maxSize,
    maxSurge: parseMaxSurge(summary.virtualNodePoolCyclingDetails?.maximumSurge, Math.max(size, maxSize), where),
    maxPodsPerNode: DEFAULT_MAX_PODS_PER_NODE,
    subnet: workerSubnets[0],
    podSubnets: summary.podConfiguration?.subnetId ? [summary.podConfiguration.subnetId] : [],
    nsgIds: summary.nsgIds ?? [],
    podNsgIds: summary.podConfiguration?.nsgIds ?? [],
    image: undefined,
    kubernetesVersion: summary.kubernetesVersion,
    disabledRules: [],
    at: at(RESOURCE_TYPES.virtualNodePool, ocid, summary.displayName),
  };
  return { pool, workerSubnets };
}

export function mapCluster(cluster: ce.Cluster, nodePools: NodePool[]): Cluster {
  const ocid = cluster.id as string;
  const where = resource(RESOURCE_TYPES.cluster, ocid);
  if (!cluster.vcnId) throw new UserError('the API returned no vcnId', where);
  const options = cluster.clusterPodNetworkOptions ?? [];
  const cniTypes = options.map((o) => o.cniType);
  const cniType = narrowCni(cniTypes[0]);
  // Clusters created before VCN-native pod networking existed report no option: they use flannel.
  if (cniTypes.length > 0 && cniType === undefined) throw new UserError(`unknown CNI type "${cniTypes[0]}"`, where);
  const ipFamilies = (cluster.options?.ipFamilies ?? []) as string[];
  return {
    name: cluster.name ?? ocid,
    ocid,
    compartmentId: cluster.compartmentId,
    vcn: cluster.vcnId,
    kubernetesVersion: cluster.kubernetesVersion ?? '',
    cniType: cniType ?? API_DEFAULT_CNI_TYPE,
    servicesCidr: cidrOf(cluster.options?.kubernetesNetworkConfig?.servicesCidr, RESOURCE_TYPES.cluster, ocid, 'options.kubernetesNetworkConfig.servicesCidr', true),
    ipv6: ipFamilies.includes('IPv6'),
    serviceMesh: undefined,
    nodePools,
    disabledRules: [],
    at: at(RESOURCE_TYPES.cluster, ocid, cluster.name),
  };
}
