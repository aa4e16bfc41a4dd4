/** Which allocation model a node pool of the model uses, and its numbers under it. Pure. */
import type { NodePool } from '../model.js';
import { legacyModel } from './legacy.js';
import { ipBudget, secondaryVnicsAddressesPerNode, secondaryVnicsModel, secondaryVnicsPodsPerNode, type VnicProfile } from './secondary-vnics.js';
import type { AllocationModel, SubnetAddresses } from './types.js';

/** A managed or self-managed pool with secondary VNIC profiles; virtual nodes have none. */
export function usesSecondaryVnics(pool: NodePool): pool is NodePool & { secondaryVnics: NonNullable<NodePool['secondaryVnics']> } {
  return pool.type !== 'virtual' && (pool.secondaryVnics?.length ?? 0) > 0;
}

export function allocationModelOf(pool: NodePool): AllocationModel {
  return usesSecondaryVnics(pool) ? secondaryVnicsModel : legacyModel;
}

/** The pool's profiles as the math reads them (subnet = the subnet's ref). */
export function vnicProfilesOf(pool: NodePool): VnicProfile[] {
  return (pool.secondaryVnics ?? []).map((p) => ({ subnet: p.subnet, ipCount: p.ipCount }));
}

/** maxPodsPerNode when the input set it; undefined when it holds the default. */
export function explicitMaxPods(pool: NodePool): number | undefined {
  return pool.maxPodsPerNodeSet === false ? undefined : pool.maxPodsPerNode;
}

/** Pods one node of a pool with profiles runs: min(sum of ipCount, maxPodsPerNode when set, 256). */
export function secondaryVnicsPoolPods(pool: NodePool): number {
  return secondaryVnicsPodsPerNode(vnicProfilesOf(pool), explicitMaxPods(pool));
}

export function secondaryVnicsPoolBudget(pool: NodePool): number {
  return ipBudget(vnicProfilesOf(pool));
}

/** Addresses one node of a pool with profiles takes, per profile subnet (refs), in first-seen order. */
export function secondaryVnicsPoolAddresses(pool: NodePool): SubnetAddresses[] {
  const profiles = vnicProfilesOf(pool);
  // A multi-AD pool: the worker subnet that is also a profile subnet, if any (each node counted as if it were there, an upper bound).
  const worker = pool.workerSubnets.find((ref) => profiles.some((p) => p.subnet === ref)) ?? pool.workerSubnets[0];
  return secondaryVnicsAddressesPerNode(profiles, worker);
}
