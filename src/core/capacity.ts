/**
 * Capacity math for VCN-native pod networking. Pure functions, no I/O.
 *
 * The seed's allocation model ("legacy" below): each pod-subnet VNIC carries a fixed
 * number of secondary IPs for pods. A second model (per-VNIC ipCount profiles, newer
 * OKE) plugs in through the AllocationModel interface.
 */
import {
  KUBERNETES_MAX_PODS_PER_NODE,
  LARGEST_SUBNET_PREFIX,
  POD_IPS_PER_VNIC,
  SMALLEST_SUBNET_PREFIX,
  SUBNET_RESERVED_ADDRESSES,
  WORKER_SUBNET_VNICS,
} from './facts.js';

/** How a node's pod IPs are laid out over its pod-subnet VNICs. */
export interface AllocationModel {
  readonly id: string;
  /** Most pods a node with this many VNICs can run. */
  maxPodsForVnics(vnics: number): number;
  /** Pod-subnet VNICs a node attaches to pre-allocate `podsPerNode` pod IPs. */
  podVnicsFor(podsPerNode: number): number;
}

/** MIN((VNICs - 1) * 31, 110): OCI's formula for the seed's model. */
export const legacyModel: AllocationModel = {
  id: 'legacy',
  maxPodsForVnics(vnics) {
    const podVnics = Math.max(0, vnics - WORKER_SUBNET_VNICS);
    return Math.min(podVnics * POD_IPS_PER_VNIC, KUBERNETES_MAX_PODS_PER_NODE);
  },
  podVnicsFor(podsPerNode) {
    return Math.ceil(podsPerNode / POD_IPS_PER_VNIC);
  },
};

export function maxPodsPerNode(vnics: number, model: AllocationModel = legacyModel): number {
  return model.maxPodsForVnics(vnics);
}

/** Pod-subnet addresses one node takes, itemised (the breakdown is inferred, not stated by Oracle). */
export interface NodeAddressBreakdown {
  /** Secondary IPs pre-allocated for pods: one per pod the node may run. */
  podIps: number;
  /** Pod-subnet VNICs the node attaches. */
  podVnics: number;
  /** Each pod-subnet VNIC's own primary private IP. */
  vnicPrimaryIps: number;
  /** The node's primary VNIC, counted only when the worker subnet is the pod subnet. */
  nodePrimaryIp: number;
  total: number;
}

export function podSubnetAddressesPerNode(
  podsPerNode: number,
  sameSubnet: boolean,
  model: AllocationModel = legacyModel,
): NodeAddressBreakdown {
  const podVnics = model.podVnicsFor(podsPerNode);
  const nodePrimaryIp = sameSubnet ? WORKER_SUBNET_VNICS : 0;
  return {
    podIps: podsPerNode,
    podVnics,
    vnicPrimaryIps: podVnics,
    nodePrimaryIp,
    total: podsPerNode + podVnics + nodePrimaryIp,
  };
}

/** Addresses in a subnet of this prefix that OCI lets instances use. */
export function usableAddresses(prefix: number): number {
  return Math.max(0, 2 ** (32 - prefix) - SUBNET_RESERVED_ADDRESSES);
}

/**
 * The smallest OCI subnet (largest prefix, /30 at most) whose usable addresses hold
 * `demand`; undefined when even a /16 cannot.
 */
export function smallestPrefixFor(demand: number): number | undefined {
  for (let prefix = SMALLEST_SUBNET_PREFIX; prefix >= LARGEST_SUBNET_PREFIX; prefix--) {
    if (usableAddresses(prefix) >= demand) return prefix;
  }
  return undefined;
}

/** How many nodes, each taking `addressesPerNode`, fit in `usable` addresses at once. */
export function nodesThatFit(usable: number, addressesPerNode: number): number {
  if (addressesPerNode <= 0) return Number.POSITIVE_INFINITY;
  return Math.floor(usable / addressesPerNode);
}

/** Nodes to plan for: the pool at its largest plus the surge nodes an upgrade adds. */
export function plannedNodes(nodes: number, maxNodes: number | undefined, surge: number): number {
  return Math.max(nodes, maxNodes ?? nodes) + surge;
}

/**
 * Surge nodes of a maxSurge given as a percentage ("25%", which OKE accepts), taken of the pool
 * at its largest and rounded up, as Kubernetes rounds maxSurge.
 */
export function surgeNodesForPercent(percent: number, largestPoolSize: number): number {
  return Math.ceil((largestPoolSize * percent) / 100);
}
