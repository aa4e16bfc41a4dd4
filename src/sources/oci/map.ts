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
import { DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../core/facts.js';
import { maxSizeWithTag, readMaxNodesTag } from '../../core/max-nodes-tag.js';
import { locate, type Cluster, type CniType, type Location, type ModelSuppression, type NodePool, type Positions, type Subnet, type Vcn } from '../../core/model.js';
import { clusterCniType, ignoreTagSuppression, isGone, maxNodesTagValue, type TagTree, narrowCniType, placementSubnetIds, subnetCidrBlockTexts, vcnCidrBlockTexts } from '../oci-objects.js';

export const RESOURCE_TYPES = {
  cluster: 'cluster',
  nodePool: 'node pool',
  virtualNodePool: 'virtual node pool',
  subnet: 'subnet',
  vcn: 'vcn',
} as const;

export { MAX_NODES_TAG } from '../oci-objects.js';

/** Pools that no longer exist or are going away hold no addresses (oci-objects.ts). */
export function isLivePool(pool: { lifecycleState?: string | undefined }): boolean {
  return !isGone(pool.lifecycleState);
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
  const blocks = vcnCidrBlockTexts(vcn.cidrBlock, vcn.cidrBlocks);
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

/** The object's oke-cni-ignore tag (freeform or defined), located at the resource itself. */
function liveSuppressions(object: { freeformTags?: TagTree | undefined; definedTags?: TagTree | undefined }, where: Positions): ModelSuppression[] {
  const found = ignoreTagSuppression(object.freeformTags, object.definedTags, locate(where));
  return found ? [found] : [];
}

/** `vcnRef`: the ref of the subnet's VCN in the model (its OCID, or a file VCN's name when the file gave that OCID). */
export function mapSubnet(subnet: core.Subnet, vcnRef: string, liveUsedAddresses?: number): Subnet {
  const blocks = subnetCidrBlockTexts(subnet.cidrBlock, subnet.ipv4CidrBlocks);
  if (blocks.length === 0) throw new UserError('the API returned no cidrBlock', resource(RESOURCE_TYPES.subnet, subnet.id));
  const ipv6 = subnet.ipv6CidrBlocks?.length ? subnet.ipv6CidrBlocks : subnet.ipv6CidrBlock ? [subnet.ipv6CidrBlock] : [];
  return {
    ref: subnet.id,
    name: subnet.displayName ?? subnet.id,
    ocid: subnet.id,
    compartmentId: subnet.compartmentId,
    vcn: vcnRef,
    // cidrBlock and every block of ipv4CidrBlocks: pod capacity is planned against all of them.
    cidrBlocks: blocks.map((b) => cidrOf(b, RESOURCE_TYPES.subnet, subnet.id, b === subnet.cidrBlock ? 'cidrBlock' : 'ipv4CidrBlocks')),
    // "If you don't specify, the default is false" (Subnet.prohibitPublicIpOnVnic): unset = public.
    prohibitPublicIpOnVnic: subnet.prohibitPublicIpOnVnic === true,
    availabilityDomain: subnet.availabilityDomain ?? undefined,
    ipv6CidrBlocks: ipv6,
    // The API lists every subnet's security lists (its VCN's default one when created without);
    // an answer without the field says nothing, so those rules are "not checked".
    securityListIds: subnet.securityListIds,
    liveUsedAddresses,
    disabledRules: [],
    suppressions: liveSuppressions(subnet, at(RESOURCE_TYPES.subnet, subnet.id, subnet.displayName)),
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

/**
 * The surge nodes cycling the pool now adds: maximumSurge against its size now (a percentage "of the
 * node pool's Size property", facts.ts SOURCES.nodeCyclingManaged), at most its nodes.
 */
function surgeNow(value: string | undefined, size: number, where: string): { nodes: number; text: string | undefined } {
  return { nodes: Math.min(parseMaxSurge(value, size, where), size), text: value?.trim() || undefined };
}

export interface MappedPool {
  pool: NodePool;
  /** The pool's own CNI type (NodePoolPodNetworkOptionDetails.cniType), which tells the cluster's when the cluster object names none. */
  cniType: CniType | undefined;
}

/** A managed node pool from ListNodePools: NodePoolSummary carries every field the rules read. */
/** `autoscalerMax`: the pool's maximum in the Cluster Autoscaler add-on, when it manages the pool (the tag still wins). */
export function mapNodePool(summary: ce.NodePoolSummary, autoscalerMax?: number): MappedPool {
  const ocid = summary.id as string;
  const where = resource(RESOURCE_TYPES.nodePool, ocid);
  const config = summary.nodeConfigDetails;
  const placements = config?.placementConfigs ?? [];
  const workerSubnets = placementSubnetIds(
    placements.map((p) => p.subnetId),
    summary.subnetIds ?? [],
  );
  // Pools created before nodeConfigDetails existed place quantityPerSubnet nodes in each of subnetIds.
  const size = config?.size ?? (summary.quantityPerSubnet ?? 0) * (summary.subnetIds?.length ?? 0);
  const pods = config?.nodePoolPodNetworkOptionDetails;
  const cniType = narrowCniType(pods?.cniType);
  const native = pods !== undefined && cniType === 'OCI_VCN_IP_NATIVE' ? (pods as ce.OciVcnIpNativeNodePoolPodNetworkOptionDetails) : undefined;
  const maxNodesTag = maxNodesTagValue(summary.freeformTags, summary.definedTags);
  const fromAddon = autoscalerMax === undefined ? size : Math.max(size, autoscalerMax);
  const maxSize = maxSizeWithTag(maxNodesTag, size, fromAddon);
  const tagUsed = maxNodesTag !== undefined && readMaxNodesTag(maxNodesTag, size).ok;
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
    workerSubnets,
    podSubnets: native?.podSubnetIds ?? [],
    nsgIds: config?.nsgIds ?? [],
    podNsgIds: native?.podNsgIds ?? [],
    image: summary.nodeSource?.sourceName ?? summary.nodeImageName,
    kubernetesVersion: summary.kubernetesVersion,
    maxNodesTag,
    maxSizeSource: tagUsed ? 'tag' : autoscalerMax !== undefined ? 'autoscaler add-on' : undefined,
    // The nodes the pool keeps now: its size (nodeConfigDetails.size); ListNodePools has no node list.
    liveNodes: size,
    surgeNow: surgeNow(summary.nodePoolCyclingDetails?.maximumSurge, size, where),
    disabledRules: [],
    suppressions: liveSuppressions(summary, at(RESOURCE_TYPES.nodePool, ocid, summary.name)),
    at: at(RESOURCE_TYPES.nodePool, ocid, summary.name),
  };
  // NodePoolSummary.secondaryVnics (oci-containerengine 2.139.1 types it): secondary VNIC profiles.
  const profiles = (summary.secondaryVnics ?? []).filter((v) => v.createVnicDetails?.subnetId !== undefined);
  if (profiles.length > 0) {
    pool.maxPodsPerNodeSet = native?.maxPodsPerNode !== undefined;
    pool.secondaryVnics = profiles.map((v) => ({
      subnet: v.createVnicDetails.subnetId,
      ipCount: v.createVnicDetails.ipCount,
      nsgIds: v.createVnicDetails.nsgIds ?? [],
      displayName: v.displayName ?? v.createVnicDetails.displayName,
      at: pool.at,
    }));
  }
  return { pool, cniType };
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
  const workerSubnets = placementSubnetIds((summary.placementConfigurations ?? []).map((p) => p.subnetId));
  const size = summary.size ?? 0;
  const maxNodesTag = maxNodesTagValue(summary.freeformTags, summary.definedTags);
  const maxSize = maxSizeWithTag(maxNodesTag, size, size);
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
    workerSubnets,
    podSubnets: summary.podConfiguration?.subnetId ? [summary.podConfiguration.subnetId] : [],
    nsgIds: summary.nsgIds ?? [],
    podNsgIds: summary.podConfiguration?.nsgIds ?? [],
    image: undefined,
    kubernetesVersion: summary.kubernetesVersion,
    maxNodesTag,
    maxSizeSource: maxNodesTag !== undefined && readMaxNodesTag(maxNodesTag, size).ok ? 'tag' : undefined,
    // The virtual nodes the pool has now (VirtualNodePoolSummary.size); what their pods hold is counted as if full (otherUseNow).
    liveNodes: size,
    surgeNow: surgeNow(summary.virtualNodePoolCyclingDetails?.maximumSurge, size, where),
    disabledRules: [],
    suppressions: liveSuppressions(summary, at(RESOURCE_TYPES.virtualNodePool, ocid, summary.displayName)),
    at: at(RESOURCE_TYPES.virtualNodePool, ocid, summary.displayName),
  };
  // Virtual pools are VCN-native by nature (pods' VNICs in the pod subnet), but their object names no CNI.
  return { pool, cniType: undefined };
}

/** `pools`: the cluster's pools as mapped; their own CNI types tell the cluster's when its object names none (oci-objects.ts). */
export function mapCluster(cluster: ce.Cluster, pools: readonly MappedPool[]): Cluster {
  const ocid = cluster.id as string;
  const where = resource(RESOURCE_TYPES.cluster, ocid);
  if (!cluster.vcnId) throw new UserError('the API returned no vcnId', where);
  const options = cluster.clusterPodNetworkOptions ?? [];
  const cniTypes = options.map((o) => o.cniType);
  const option = narrowCniType(cniTypes[0]);
  if (cniTypes.length > 0 && option === undefined) throw new UserError(`unknown CNI type "${cniTypes[0]}"`, where);
  const { cniType } = clusterCniType(option, pools.map((p) => p.cniType));
  const ipFamilies = (cluster.options?.ipFamilies ?? []) as string[];
  return {
    name: cluster.name ?? ocid,
    ocid,
    compartmentId: cluster.compartmentId,
    vcn: cluster.vcnId,
    kubernetesVersion: cluster.kubernetesVersion ?? '',
    cniType,
    servicesCidr: cidrOf(cluster.options?.kubernetesNetworkConfig?.servicesCidr, RESOURCE_TYPES.cluster, ocid, 'options.kubernetesNetworkConfig.servicesCidr', true),
    ipv6: ipFamilies.includes('IPv6'),
    serviceMesh: undefined,
    // The Kubernetes API endpoint's subnet and NSGs (ClusterEndpointConfig), for the security rules.
    endpointSubnet: cluster.endpointConfig?.subnetId ?? undefined,
    endpointNsgIds: cluster.endpointConfig ? (cluster.endpointConfig.nsgIds ?? []) : undefined,
    nodePools: pools.map((p) => p.pool),
    disabledRules: [],
    suppressions: liveSuppressions(cluster, at(RESOURCE_TYPES.cluster, ocid, cluster.name)),
    at: at(RESOURCE_TYPES.cluster, ocid, cluster.name),
  };
}
