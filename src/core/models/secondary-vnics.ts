/**
 * The allocation model of secondary VNIC profiles (OKE "Generic VNIC Attachment", since 2026-05-06):
 * a node pool lists profiles, each a secondary VNIC with its own subnet and `ipCount` pod IPs. The
 * node's primary VNIC stays in the worker subnet; the pod IP budget is the sum of the profiles'
 * ipCount, at most 256 per node, and max pods per node reach 256 (SOURCES.secondaryVnics,
 * SOURCES.addingNodePools, as fetched 2026-09). "GVA is a configured-capacity model": each profile
 * pre-allocates its ipCount in its subnet whatever maxPodsPerNode says.
 */
import {
  MAX_IP_COUNT_PER_SECONDARY_VNIC,
  MAX_IPS_PER_NODE_SECONDARY_VNICS,
  MAX_PODS_PER_NODE_SECONDARY_VNICS,
  PRIMARY_IPS_PER_SECONDARY_VNIC,
  WORKER_SUBNET_VNICS,
} from '../facts.js';
import type { AllocationModel, SubnetAddresses } from './types.js';

/** One secondary VNIC profile as the math needs it: the key of its subnet and its ipCount (undefined when not given). */
export interface VnicProfile {
  subnet: string;
  ipCount: number | undefined;
}

export const secondaryVnicsModel: AllocationModel & { readonly id: 'secondary-vnics' } = {
  id: 'secondary-vnics',
  // With at least one secondary VNIC beside the primary, one profile may take the node's whole budget.
  maxPodsForVnics(vnics) {
    return vnics > WORKER_SUBNET_VNICS ? MAX_PODS_PER_NODE_SECONDARY_VNICS : 0;
  },
};

/** Profiles a node of this many VNICs can attach: every VNIC but the primary one. */
export function maxProfilesForVnics(vnics: number): number {
  return Math.max(0, vnics - WORKER_SUBNET_VNICS);
}

/** Sum of the profiles' ipCount (a profile without one counts 0). */
export function ipBudget(profiles: readonly VnicProfile[]): number {
  return profiles.reduce((sum, p) => sum + (p.ipCount ?? 0), 0);
}

/** Pods per node: min(sum of ipCount, maxPodsPerNode when set, 256). */
export function secondaryVnicsPodsPerNode(profiles: readonly VnicProfile[], maxPodsPerNode: number | undefined): number {
  return Math.min(ipBudget(profiles), maxPodsPerNode ?? Number.POSITIVE_INFINITY, MAX_PODS_PER_NODE_SECONDARY_VNICS);
}

/**
 * Addresses one node takes in each subnet its profiles use, in the order the subnets first appear:
 * each profile's ipCount plus its VNIC's primary IP (inferred), plus the node's primary IP in the subnet
 * that is also the worker subnet.
 */
export function secondaryVnicsAddressesPerNode(profiles: readonly VnicProfile[], workerSubnet: string | undefined): SubnetAddresses[] {
  const bySubnet = new Map<string, SubnetAddresses>();
  for (const p of profiles) {
    let entry = bySubnet.get(p.subnet);
    if (!entry) {
      const nodePrimaryIp = p.subnet === workerSubnet ? WORKER_SUBNET_VNICS : 0;
      entry = { subnet: p.subnet, podIps: 0, podVnics: 0, vnicPrimaryIps: 0, nodePrimaryIp, total: nodePrimaryIp };
      bySubnet.set(p.subnet, entry);
    }
    const ips = p.ipCount ?? 0;
    entry.podIps += ips;
    entry.podVnics += 1;
    entry.vnicPrimaryIps += PRIMARY_IPS_PER_SECONDARY_VNIC;
    entry.total += ips + PRIMARY_IPS_PER_SECONDARY_VNIC;
  }
  return [...bySubnet.values()];
}

export type ProfileProblem =
  | { code: 'ip-count-not-power-of-two'; index: number; ipCount: number }
  | { code: 'ip-count-above-vnic-limit'; index: number; ipCount: number }
  | { code: 'ip-count-below-one'; index: number; ipCount: number }
  | { code: 'ip-count-missing'; index: number }
  | { code: 'ip-budget-above-node-limit'; total: number };

export const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;

/** Every ipCount problem of a node's profiles: each a power of two from 1 to 256, and at most 256 in all. */
export function ipCountProblems(profiles: readonly VnicProfile[]): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  profiles.forEach((p, index) => {
    const ipCount = p.ipCount;
    if (ipCount === undefined) problems.push({ code: 'ip-count-missing', index });
    else if (ipCount < 1) problems.push({ code: 'ip-count-below-one', index, ipCount });
    else if (ipCount > MAX_IP_COUNT_PER_SECONDARY_VNIC) problems.push({ code: 'ip-count-above-vnic-limit', index, ipCount });
    else if (!isPowerOfTwo(ipCount)) problems.push({ code: 'ip-count-not-power-of-two', index, ipCount });
  });
  const total = ipBudget(profiles);
  if (total > MAX_IPS_PER_NODE_SECONDARY_VNICS) problems.push({ code: 'ip-budget-above-node-limit', total });
  return problems;
}

/** The powers of two just below and above n (within 1..256), for "did you mean" fixes. */
export function nearestPowersOfTwo(n: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= MAX_IP_COUNT_PER_SECONDARY_VNIC; p *= 2) {
    if (p < n && p * 2 > n) out.push(p);
    if (p > n && p / 2 < n) out.push(p);
  }
  return out;
}
