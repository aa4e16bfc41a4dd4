/** Which clusters and node pools the pod-networking rules look at, and how findings name them. */
import { isKnown, locate, type Cluster, type Location, type Model, type NodePool, type Subnet } from '../../core/model.js';

/** Only VCN-native clusters have pod subnets; flannel (FLANNEL_OVERLAY) pools take pod IPs from an overlay. */
export function isVcnNative(cluster: Cluster): boolean {
  // A CNI the input leaves unknown (a cluster outside the given files) is neither: not-checked says so.
  return cluster.cniType === 'OCI_VCN_IP_NATIVE' && isKnown(cluster, 'cniType');
}

export function vcnNativeClusters(model: Model): Cluster[] {
  return model.clusters.filter(isVcnNative);
}

/**
 * Every node pool of every VCN-native cluster, with its cluster. The old generation of a pool
 * being replaced create-before-destroy (`replacedBy`) only with `withReplaced` (pod-subnet demand).
 */
export function* vcnNativePools(model: Model, withReplaced = false, withSharing = false): Generator<{ cluster: Cluster; pool: NodePool }> {
  for (const cluster of withSharing ? [...model.clusters, ...(model.sharingClusters ?? [])] : model.clusters) {
    if (!isVcnNative(cluster)) continue;
    for (const pool of cluster.nodePools) if (withReplaced || pool.replacedBy === undefined) yield { cluster, pool };
  }
}

/**
 * "prod/general": a node pool named with its cluster, as every message names it. A pool from a
 * Terraform plan is named by its resource address, which is unique in the plan, and its `name`:
 * module.workers.oci_containerengine_node_pool.this["a"] ("general").
 */
export function poolLabel(cluster: Cluster, pool: NodePool): string {
  // Every rule names the pools it reports, and a big plan has thousands: spell each label once.
  let label = POOL_LABELS.get(pool);
  if (label === undefined) POOL_LABELS.set(pool, (label = spellPoolLabel(cluster, pool)));
  return label;
}

const POOL_LABELS = new WeakMap<NodePool, string>();

function spellPoolLabel(cluster: Cluster, pool: NodePool): string {
  const v = pool.vocabulary;
  if (v?.address !== undefined) return v.displayName === undefined ? v.address : `${v.address} (${JSON.stringify(v.displayName)})`;
  return `${cluster.name}/${pool.name}`;
}

/** The pool's one pod subnet, or undefined when it names none or several (single-pod-subnet reports those). */
export function singlePodSubnet(pool: NodePool): string | undefined {
  return pool.podSubnets.length === 1 ? pool.podSubnets[0] : undefined;
}

/** Worker nodes run the pool's own version when it has one, else the control plane's. */
export function workerVersion(cluster: Cluster, pool: NodePool): string {
  return pool.kubernetesVersion ?? cluster.kubernetesVersion;
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Where block `i` of a subnet is written: its CIDR key for a one-block subnet, the block itself in a list of several. */
export function blockLocation(subnet: Subnet, i: number): Location {
  return (subnet.cidrBlocks.length > 1 ? subnet.at[`cidrBlocks[${i}]`] : undefined) ?? locate(subnet.at, 'cidrBlocks');
}
