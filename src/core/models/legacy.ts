/**
 * The seed's allocation model: every pod VNIC carries a fixed 31 secondary IPs, all in the pool's one
 * pod subnet, and a node runs MIN((VNICs - 1) * 31, 110) pods (SOURCES.cniPlugin, 2025-02-12). It
 * applies to node pools without secondary VNIC profiles.
 */
import { KUBERNETES_MAX_PODS_PER_NODE, POD_IPS_PER_VNIC, WORKER_SUBNET_VNICS } from '../facts.js';
import type { AllocationModel, NodeAddressBreakdown } from './types.js';

export interface LegacyModel extends AllocationModel {
  readonly id: 'legacy';
  /** Pod-subnet VNICs a node attaches to pre-allocate `podsPerNode` pod IPs. */
  podVnicsFor(podsPerNode: number): number;
}

/** MIN((VNICs - 1) * 31, 110): OCI's formula for the seed's model. */
export const legacyModel: LegacyModel = {
  id: 'legacy',
  maxPodsForVnics(vnics) {
    const podVnics = Math.max(0, vnics - WORKER_SUBNET_VNICS);
    return Math.min(podVnics * POD_IPS_PER_VNIC, KUBERNETES_MAX_PODS_PER_NODE);
  },
  podVnicsFor(podsPerNode) {
    return Math.ceil(podsPerNode / POD_IPS_PER_VNIC);
  },
};

/**
 * Pod-subnet addresses one legacy node takes: maxPodsPerNode pre-allocated pod IPs, one primary IP per
 * pod VNIC, and the node's own primary IP when the worker subnet is the pod subnet (inferred breakdown).
 */
export function legacyAddressesPerNode(podsPerNode: number, sameSubnet: boolean): NodeAddressBreakdown {
  const podVnics = legacyModel.podVnicsFor(podsPerNode);
  const nodePrimaryIp = sameSubnet ? WORKER_SUBNET_VNICS : 0;
  return {
    podIps: podsPerNode,
    podVnics,
    vnicPrimaryIps: podVnics,
    nodePrimaryIp,
    total: podsPerNode + podVnics + nodePrimaryIp,
  };
}
