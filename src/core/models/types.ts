/** What every allocation model gives: how many pods a node runs and the addresses it takes. */

export type AllocationModelId = 'legacy' | 'secondary-vnics';

/** Pod-subnet addresses one node takes in one subnet, itemised (the breakdown is inferred, not stated by Oracle). */
export interface NodeAddressBreakdown {
  /** Secondary IPs pre-allocated for pods. */
  podIps: number;
  /** Pod VNICs the node attaches in this subnet. */
  podVnics: number;
  /** Each pod VNIC's own primary private IP. */
  vnicPrimaryIps: number;
  /** The node's primary VNIC, counted only when the worker subnet is this subnet. */
  nodePrimaryIp: number;
  total: number;
}

/** The addresses one node takes in one subnet (`subnet` is the caller's key: a ref, a CIDR, a label). */
export interface SubnetAddresses extends NodeAddressBreakdown {
  subnet: string;
}

/** How a node's pod IPs are laid out over its pod VNICs. */
export interface AllocationModel {
  readonly id: AllocationModelId;
  /** Most pods a node with this many VNICs can run under this model. */
  maxPodsForVnics(vnics: number): number;
}
