/**
 * Capacity math for VCN-native pod networking. Pure functions, no I/O.
 *
 * Two allocation models (src/core/models/): the seed's "legacy" one (a fixed 31 pod IPs per pod
 * VNIC, all in one pod subnet, at most 110 pods) and "secondary-vnics" (per-VNIC ipCount profiles,
 * newer OKE, up to 256). A node pool uses the second one exactly when it lists secondary VNIC profiles.
 */
import { LARGEST_SUBNET_PREFIX, SMALLEST_SUBNET_PREFIX, SUBNET_RESERVED_ADDRESSES, SURGE_PERCENT_ROUNDS_UP } from './facts.js';
import { legacyAddressesPerNode, legacyModel } from './models/legacy.js';
import type { AllocationModel, NodeAddressBreakdown } from './models/types.js';

export { legacyModel, legacyAddressesPerNode } from './models/legacy.js';
export type { AllocationModel, AllocationModelId, NodeAddressBreakdown, SubnetAddresses } from './models/types.js';

export function maxPodsPerNode(vnics: number, model: AllocationModel = legacyModel): number {
  return model.maxPodsForVnics(vnics);
}

/** Pod-subnet addresses one legacy node takes, itemised (the breakdown is inferred, not stated by Oracle). */
export function podSubnetAddressesPerNode(podsPerNode: number, sameSubnet: boolean): NodeAddressBreakdown {
  return legacyAddressesPerNode(podsPerNode, sameSubnet);
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
 * at its largest (the autoscaler raises the pool's size) and rounded up (SURGE_PERCENT_ROUNDS_UP).
 */
export function surgeNodesForPercent(percent: number, largestPoolSize: number): number {
  const exact = (largestPoolSize * percent) / 100;
  return SURGE_PERCENT_ROUNDS_UP ? Math.ceil(exact) : Math.round(exact);
}
