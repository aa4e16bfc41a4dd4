/**
 * Each pod subnet's live address use next to what its pools pre-allocate at their largest
 * (max(size, maxSize) + maxSurge nodes, capacity.podSubnetAddressesPerNode each): the demand
 * comes from the rules' own podSubnetDemands, so `check` shows the numbers its findings use.
 */
import { cidrsText } from '../../core/cidr.js';
import { indexModel, type Model } from '../../core/model.js';
import { podSubnetDemands } from '../../rules/support/pod-subnet-demand.js';
import { poolLabel } from '../../rules/support/scope.js';

export interface PoolAddressDemand {
  /** "cluster/pool" */
  pool: string;
  /** The pool's cluster, by name */
  cluster: string;
  /** false for a pool of another cluster sharing the subnet */
  thisCluster: boolean;
  ocid: string | undefined;
  /** max(size, maxSize) + maxSurge */
  nodes: number;
  /** Where the largest size comes from: the pool's size, the oke-cni-max-nodes tag, or the Cluster Autoscaler add-on */
  maxSizeFrom: 'size' | 'tag' | 'autoscaler add-on';
  /** Nodes the pool has now (its size), where counted */
  nodesNow: number | undefined;
  addressesPerNode: number;
  addresses: number;
}

export interface SubnetUsage {
  ocid: string | undefined;
  name: string;
  /** Its CIDR blocks joined with " + " */
  cidr: string;
  cidrBlocks: string[];
  /** Sum over its CIDR blocks of 2^(32 - prefix) - 3 */
  usable: number;
  /** Addresses in use now (ListPrivateIps, every page, CIDR-sized IPs counted as their addresses); undefined when not read. */
  inUse: number | undefined;
  /** Why inUse is unknown (e.g. a 403 on ListPrivateIps). */
  inUseUnknown: string | undefined;
  /** inUse minus what the pools hold now (virtual nodes counted full): load balancers, other VNICs, self-managed nodes. */
  otherUse: number | undefined;
  /** What the pools take at their largest, summed, plus otherVnics: what the capacity rules compare with usable. */
  plannedAtMax: number;
  /** Addresses the project config reserves for other VNICs (0 when none). */
  reserved: number;
  /** What other VNICs add to the pools: max(reserved, otherUse) when otherUse is known, else reserved. */
  otherVnics: number;
  /** How many of the pools belong to other clusters. */
  otherClusterPools: number;
  pools: PoolAddressDemand[];
}

export function subnetUsage(model: Model): SubnetUsage[] {
  const index = indexModel(model);
  const own = new Set(model.clusters);
  return podSubnetDemands(model, (ref) => index.subnet(ref)).map((demand) => {
    const pools = demand.pools.map((p) => ({
      pool: poolLabel(p.cluster, p.pool),
      cluster: p.cluster.name,
      thisCluster: own.has(p.cluster),
      ocid: p.pool.ocid,
      nodes: p.nodes,
      maxSizeFrom: p.pool.maxSizeSource ?? ('size' as const),
      nodesNow: p.pool.liveNodes,
      addressesPerNode: p.perNode.total,
      addresses: p.addresses,
    }));
    return {
      ocid: demand.subnet.ocid,
      name: demand.subnet.name,
      cidr: cidrsText(demand.subnet.cidrBlocks),
      cidrBlocks: demand.subnet.cidrBlocks.map((b) => b.text),
      usable: demand.usable,
      inUse: demand.subnet.liveUsedAddresses,
      inUseUnknown: demand.subnet.liveUsedUnknown,
      otherUse: demand.otherUse,
      plannedAtMax: demand.total,
      reserved: demand.reserved,
      otherVnics: demand.otherVnics,
      otherClusterPools: pools.filter((p) => !p.thisCluster).length,
      pools,
    };
  });
}
