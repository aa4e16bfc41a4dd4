/**
 * Addresses each pod subnet must hold: shared by pod-subnet-capacity and pod-subnet-headroom.
 *
 * Managed and self-managed nodes pre-allocate their pod IPs (seed: "the IP addresses are
 * pre-allocated in the pod subnet before pods are created"); capacity.podSubnetAddressesPerNode
 * itemises what one node takes. Virtual nodes follow their own model, see virtualNodeAddressesPerNode.
 * Pools with secondary VNIC profiles take addresses in each profile's subnet instead of in podSubnets
 * (the secondary-vnics model, src/core/models/secondary-vnics.ts), so demand is summed per subnet.
 */
import { plannedNodes, podSubnetAddressesPerNode, smallestPrefixFor, type NodeAddressBreakdown } from '../../core/capacity.js';
import { secondaryVnicsPoolAddresses, usesSecondaryVnics } from '../../core/models/pool.js';
import { usableInCidrs } from '../../core/cidr.js';
import { VIRTUAL_NODE_VNICS } from '../../core/facts.js';
import { isKnown, type Cluster, type Model, type NodePool, type Subnet } from '../../core/model.js';

/** Pool fields its pod-subnet demand is computed from. */
export const DEMAND_FIELDS = ['podSubnets', 'subnet', 'size', 'maxSize', 'maxSurge', 'maxPodsPerNode'] as const;
import type { RuleContext } from '../types.js';
import { poolLabel, singlePodSubnet, vcnNativePools } from './scope.js';

/**
 * Pod-subnet addresses one virtual node's pods take, counted at `podsPerNode` pods.
 *
 * OCI's virtual-node pages state: one VNIC per virtual node; "IP addresses are not pre-allocated
 * before pods are created"; each pod's VNIC is placed in the pod subnet (PodConfiguration.subnetId),
 * so each running pod holds one pod-subnet address (SOURCES.virtualNodes, SOURCES.virtualPodConfiguration).
 * Counting one address per pod at the pool's planned pods per virtual node is therefore an upper
 * bound for when every virtual node is full, not a pre-allocation (inferred). The virtual node's own
 * VNIC sits in the worker (placement) subnet, so it counts only when that is the pod subnet.
 */
export function virtualNodeAddressesPerNode(podsPerNode: number, sameSubnet: boolean): NodeAddressBreakdown {
  const nodePrimaryIp = sameSubnet ? VIRTUAL_NODE_VNICS : 0;
  return {
    podIps: podsPerNode,
    // One VNIC per pod; its primary IP is the pod's IP, so it adds nothing beyond podIps.
    podVnics: podsPerNode,
    vnicPrimaryIps: 0,
    nodePrimaryIp,
    total: podsPerNode + nodePrimaryIp,
  };
}

/** Pod-subnet addresses one node of `pool` takes when `podSubnet` is its pod subnet. */
export function addressesPerNode(pool: NodePool, podSubnet: string): NodeAddressBreakdown {
  // A multi-AD pool with the pod subnet among its worker subnets: counted for every node (an upper bound).
  const sameSubnet = pool.workerSubnets.includes(podSubnet);
  return pool.type === 'virtual'
    ? virtualNodeAddressesPerNode(pool.maxPodsPerNode, sameSubnet)
    : podSubnetAddressesPerNode(pool.maxPodsPerNode, sameSubnet);
}

export interface PoolDemand {
  cluster: Cluster;
  pool: NodePool;
  /** max(size, maxSize) + maxSurge */
  nodes: number;
  perNode: NodeAddressBreakdown;
  addresses: number;
}

export interface SubnetDemand {
  subnet: Subnet;
  /** Sum over the subnet's CIDR blocks of 2^(32 - prefix) - 3. */
  usable: number;
  /** Pools in model order (clusters, then their pools; live, the sharing clusters' after them). */
  pools: PoolDemand[];
  /** Addresses other VNICs take (Subnet.reservedAddresses), 0 when none are declared. */
  reserved: number;
  /**
   * Live only: addresses in use now that no discovered pool holds (load balancers, other VNICs,
   * self-managed nodes, orphans): in use now minus what each pool holds now (its current nodes x
   * addresses per node; a virtual pool's current virtual nodes counted full, as its planned demand
   * counts them), at least 0. Undefined offline or when in-use is unknown.
   */
  otherUse?: number | undefined;
  /**
   * What other VNICs add to the pools: offline (or in use unknown) the reserved addresses; live, the
   * larger of reserved and otherUse. `reserved` is the allowance for the other VNICs a subnet will
   * carry, those that exist now among them; otherUse measures the ones that exist: summing them would
   * count every existing load balancer twice.
   */
  otherVnics: number;
  /** The pools' addresses plus otherVnics. */
  total: number;
}

/** "prod/general: 21 nodes x 67 = 1407; prod/batch: 3 virtual nodes x 31 = 93; reserved for other VNICs: 20[; other use now: 120]" */
export function formatBreakdown(demand: SubnetDemand): string {
  const parts = demand.pools.map((p) => {
    const nodes = p.pool.type === 'virtual' ? 'virtual nodes' : 'nodes';
    // The old generation of a create-before-destroy replacement holds its addresses until the new nodes are up.
    const why = p.pool.replacedBy === undefined ? '' : ' (old generation, holding its addresses until its create_before_destroy replacement is up)';
    return `${poolLabel(p.cluster, p.pool)}${why}: ${p.nodes} ${nodes} x ${p.perNode.total} = ${p.addresses}`;
  });
  const otherUse = 'other use now (addresses in use that no node pool holds)';
  if (demand.otherUse !== undefined && demand.reserved > 0) {
    parts.push(`other VNICs: the larger of reserved (config) ${demand.reserved} and ${otherUse} ${demand.otherUse} = ${demand.otherVnics}`);
  } else if (demand.reserved > 0) parts.push(`reserved for other VNICs (config): ${demand.reserved}`);
  else if (demand.otherUse !== undefined) parts.push(`${otherUse}: ${demand.otherUse}`);
  return parts.join('; ');
}

/**
 * Addresses in use now that the pools do not hold: in use (ListPrivateIps, CIDR-aware) minus each
 * pool's current nodes x its addresses per node, at least 0. A managed node pre-allocates its
 * addresses, so that is what it holds. A virtual node's pods take addresses one by one and the API
 * does not say how many run now: its current virtual nodes count full, the same model its planned
 * demand uses, so a running virtual pod is counted once (inside the pool), not also as other use.
 * When the virtual nodes are not full, other use is a lower bound (by at most their empty pod slots).
 */
export function otherUseNow(inUse: number, pools: readonly PoolDemand[]): number {
  const held = pools.reduce((sum, p) => sum + (p.pool.liveNodes ?? 0) * p.perNode.total, 0);
  return Math.max(0, inUse - held);
}

/**
 * Demand on every subnet used as a pod subnet by a pool of a VCN-native cluster, in the model's
 * subnet order. Pools naming no pod subnet or several are left out (single-pod-subnet reports them); a
 * pool with secondary VNIC profiles counts once in each subnet its profiles use.
 * One pass over the pools, grouped with a Map.
 */
export function podSubnetDemands(model: Model, subnetOf: (ref: string) => Subnet | undefined): SubnetDemand[] {
  const bySubnet = new Map<Subnet, PoolDemand[]>();
  const add = (subnet: Subnet, demand: PoolDemand): void => {
    const list = bySubnet.get(subnet);
    if (list) list.push(demand);
    else bySubnet.set(subnet, [demand]);
  };
  for (const { cluster, pool } of vcnNativePools(model, true, true)) {
    const nodes = plannedNodes(pool.size, pool.maxSize, pool.maxSurge);
    if (usesSecondaryVnics(pool)) {
      for (const { subnet: ref, ...perNode } of secondaryVnicsPoolAddresses(pool)) {
        const subnet = subnetOf(ref);
        if (subnet) add(subnet, { cluster, pool, nodes, perNode, addresses: nodes * perNode.total });
      }
      continue;
    }
    const podSubnetRef = singlePodSubnet(pool);
    const subnet = podSubnetRef === undefined ? undefined : subnetOf(podSubnetRef);
    if (podSubnetRef === undefined || subnet === undefined || !isKnown(subnet, 'cidrBlocks')) continue;
    // A pool whose demand is unknown until apply is left out; not-checked names it.
    if (!isKnown(pool, ...DEMAND_FIELDS)) continue;
    const perNode = addressesPerNode(pool, podSubnetRef);
    add(subnet, { cluster, pool, nodes, perNode, addresses: nodes * perNode.total });
  }
  const result: SubnetDemand[] = [];
  for (const subnet of model.subnets) {
    const pools = bySubnet.get(subnet);
    if (!pools) continue;
    const reserved = subnet.reservedAddresses ?? 0;
    const otherUse = subnet.liveUsedAddresses === undefined ? undefined : otherUseNow(subnet.liveUsedAddresses, pools);
    const otherVnics = otherUse === undefined ? reserved : Math.max(reserved, otherUse);
    const total = pools.reduce((sum, p) => sum + p.addresses, otherVnics);
    result.push({ subnet, usable: usableInCidrs(subnet.cidrBlocks), pools, reserved, otherUse, otherVnics, total });
  }
  return result;
}

const cache = new WeakMap<RuleContext, SubnetDemand[]>();

/** podSubnetDemands for one lint run, computed once for both rules that read it. */
export function podSubnetDemandsOf(ctx: RuleContext): SubnetDemand[] {
  let demands = cache.get(ctx);
  if (!demands) {
    demands = podSubnetDemands(ctx.model, (ref) => ctx.index.subnet(ref));
    cache.set(ctx, demands);
  }
  return demands;
}

/**
 * "Use a /20 (4093 usable addresses) or larger pod subnet" for a one-block subnet; for a subnet
 * with several CIDR blocks, the block to add first (its blocks already give `usable`), then the
 * one-block alternative. Undefined parts when no OCI subnet block is large enough.
 */
export function subnetSizeAdvice(subnet: Subnet, usable: number, needed: number): { addBlock?: number | undefined; single?: number | undefined } {
  const single = smallestPrefixFor(needed);
  if (subnet.cidrBlocks.length <= 1) return { single };
  return { addBlock: smallestPrefixFor(Math.max(1, needed - usable)), single };
}

/** ", with the addresses in use now that no pool holds" in a live run, else "". */
export function withOtherUse(demand: SubnetDemand): string {
  return demand.otherUse === undefined ? '' : ', with the addresses in use now that no pool holds';
}
