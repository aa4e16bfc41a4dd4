/**
 * The pre-upgrade preflight of `check --upgrade`: will node cycling find its surge addresses now?
 *
 * While a pool cycles, up to maximumSurge new nodes run beside the old ones (facts.ts
 * SURGE_NODE_WORKER_SUBNET_IPS). Each surge node takes, at once, the addresses any node of the pool
 * takes: its pod addresses (pre-allocated; a virtual node's pods counted full, as elsewhere) in the
 * pod subnet or in each secondary VNIC profile's subnet, and one address for its primary VNIC in the
 * worker subnet. They must be free now: usable addresses of all the subnet's CIDR blocks minus the
 * addresses in use now (ListPrivateIps). A multi-AD pool's surge nodes land in the ADs of the nodes
 * they replace (SOURCES.nodeCycleGuide), which is not known ahead: each of its worker subnets must
 * hold them all. Pure: the live source has filled in liveUsedAddresses and surgeNow.
 */
import { usableInCidrs } from './cidr.js';
import { SURGE_NODE_WORKER_SUBNET_IPS } from './facts.js';
import { secondaryVnicsPoolAddresses, usesSecondaryVnics } from './models/pool.js';
import type { Cluster, NodePool, Subnet } from './model.js';
import { podSubnetAddressesPerNode, type NodeAddressBreakdown } from './capacity.js';

/** How the pools cycle: each pool alone (the surge of the largest counts), or all of them together (the surges add up). */
export type CycleMode = 'one-at-a-time' | 'all-at-once';
export const CYCLE_MODES: readonly CycleMode[] = ['one-at-a-time', 'all-at-once'];

export interface SurgeOnSubnet {
  subnet: Subnet;
  /** What one surge node takes here: pod addresses, profile addresses, and/or its worker-subnet address. */
  perSurgeNode: number;
  /** perSurgeNode x the pool's surge nodes */
  addresses: number;
  /** "pods" (pod subnet or profile subnet), "worker", or both when the pool's worker subnet is also where its pods take addresses */
  role: 'pods' | 'worker' | 'pods+worker';
}

export interface PoolSurge {
  pool: NodePool;
  /** maximumSurge as the API gives it; undefined when unset (OKE's default, 1) */
  maximumSurge: string | undefined;
  nodesNow: number;
  /** Surge nodes cycling adds now: maximumSurge against the size now, at most the nodes now. */
  surgeNodes: number;
  subnets: SurgeOnSubnet[];
}

export interface SubnetPreflight {
  subnet: Subnet;
  usable: number;
  /** Addresses in use now; undefined when not read (then free, the verdicts are undefined too). */
  inUse: number | undefined;
  /** Why inUse is unknown (a 403/404 on ListPrivateIps). */
  inUseUnknown: string | undefined;
  free: number | undefined;
  /** Each cycling pool's surge on this subnet, largest first. */
  pools: Array<{ pool: PoolSurge; perSurgeNode: number; addresses: number; role: SurgeOnSubnet['role'] }>;
  /** The most one pool's cycling needs here (pools cycled one at a time). */
  oneAtATime: number;
  /** What all the pools' cycling needs here together. */
  allAtOnce: number;
  fitsOneAtATime: boolean | undefined;
  fitsAllAtOnce: boolean | undefined;
}

export interface Preflight {
  cluster: Cluster;
  cycle: CycleMode;
  pools: PoolSurge[];
  /** Every subnet a cycling pool's surge nodes take addresses in, in the model's subnet order. */
  subnets: SubnetPreflight[];
  /** false: some subnet lacks the room in `cycle` mode; true: every subnet was checked and has it; undefined: none lacks it but some were not checked. */
  fits: boolean | undefined;
}

function virtualPerNode(pool: NodePool, sameSubnet: boolean): NodeAddressBreakdown {
  // One address per pod at the planned pods per virtual node (pod-subnet-demand.ts's model); the virtual node's VNIC when it is in that subnet.
  const nodeIp = sameSubnet ? SURGE_NODE_WORKER_SUBNET_IPS : 0;
  return { podIps: pool.maxPodsPerNode, podVnics: pool.maxPodsPerNode, vnicPrimaryIps: 0, nodePrimaryIp: nodeIp, total: pool.maxPodsPerNode + nodeIp };
}

/** Per subnet ref: the addresses one surge node of `pool` takes there, and in which role. */
export function surgeNodeAddresses(pool: NodePool, vcnNative: boolean): Map<string, { perNode: number; role: SurgeOnSubnet['role'] }> {
  const out = new Map<string, { perNode: number; role: SurgeOnSubnet['role'] }>();
  if (vcnNative && usesSecondaryVnics(pool)) {
    for (const { subnet, total, nodePrimaryIp } of secondaryVnicsPoolAddresses(pool)) out.set(subnet, { perNode: total, role: nodePrimaryIp > 0 ? 'pods+worker' : 'pods' });
  } else if (vcnNative && pool.podSubnets.length === 1) {
    const pod = pool.podSubnets[0] as string;
    const same = pool.workerSubnets.includes(pod);
    const perNode = pool.type === 'virtual' ? virtualPerNode(pool, same) : podSubnetAddressesPerNode(pool.maxPodsPerNode, same);
    out.set(pod, { perNode: perNode.total, role: same ? 'pods+worker' : 'pods' });
  }
  for (const worker of pool.workerSubnets) if (!out.has(worker)) out.set(worker, { perNode: SURGE_NODE_WORKER_SUBNET_IPS, role: 'worker' });
  return out;
}

/**
 * The preflight for `pools` of `cluster` (all of its pools when none are named). A pool whose pod
 * subnets are not one (single-pod-subnet reports it) counts only its worker-subnet addresses.
 */
export function upgradePreflight(cluster: Cluster, subnets: readonly Subnet[], pools: readonly NodePool[], cycle: CycleMode): Preflight {
  const vcnNative = cluster.cniType === 'OCI_VCN_IP_NATIVE';
  const byRef = new Map<string, Subnet>();
  for (const s of subnets) {
    byRef.set(s.ref, s);
    if (s.ocid) byRef.set(s.ocid, s);
  }
  const surges: PoolSurge[] = pools.map((pool) => {
    const nodesNow = pool.liveNodes ?? pool.size;
    const surgeNodes = pool.surgeNow?.nodes ?? Math.min(pool.maxSurge, nodesNow);
    const on: SurgeOnSubnet[] = [];
    for (const [ref, { perNode, role }] of surgeNodeAddresses(pool, vcnNative)) {
      const subnet = byRef.get(ref);
      if (subnet) on.push({ subnet, perSurgeNode: perNode, addresses: perNode * surgeNodes, role });
    }
    return { pool, maximumSurge: pool.surgeNow?.text, nodesNow, surgeNodes, subnets: on };
  });
  const result: SubnetPreflight[] = [];
  for (const subnet of subnets) {
    const here = surges
      .flatMap((s) => s.subnets.filter((o) => o.subnet === subnet).map((o) => ({ pool: s, perSurgeNode: o.perSurgeNode, addresses: o.addresses, role: o.role })))
      .sort((a, b) => b.addresses - a.addresses);
    if (here.length === 0) continue;
    const usable = usableInCidrs(subnet.cidrBlocks);
    const inUse = subnet.liveUsedAddresses;
    const free = inUse === undefined ? undefined : Math.max(0, usable - inUse);
    const oneAtATime = here[0]?.addresses ?? 0;
    const allAtOnce = here.reduce((sum, p) => sum + p.addresses, 0);
    result.push({
      subnet,
      usable,
      inUse,
      inUseUnknown: inUse === undefined ? subnet.liveUsedUnknown ?? 'its addresses in use now were not read' : undefined,
      free,
      pools: here,
      oneAtATime,
      allAtOnce,
      fitsOneAtATime: free === undefined ? undefined : oneAtATime <= free,
      fitsAllAtOnce: free === undefined ? undefined : allAtOnce <= free,
    });
  }
  const verdicts = result.map((r) => (cycle === 'one-at-a-time' ? r.fitsOneAtATime : r.fitsAllAtOnce));
  const fits = verdicts.includes(false) ? false : verdicts.includes(undefined) ? undefined : true;
  return { cluster, cycle, pools: surges, subnets: result, fits };
}

/** The pools named by --pool (name or OCID), or every pool of the cluster; an unknown name is the message to show. */
export function choosePools(cluster: Cluster, names: readonly string[]): { pools: NodePool[] } | { unknown: string; known: string[] } {
  if (names.length === 0) return { pools: [...cluster.nodePools] };
  const chosen: NodePool[] = [];
  for (const name of names) {
    const pool = cluster.nodePools.find((p) => p.ocid === name) ?? cluster.nodePools.find((p) => p.name === name);
    if (!pool) return { unknown: name, known: cluster.nodePools.map((p) => p.name) };
    if (!chosen.includes(pool)) chosen.push(pool);
  }
  return { pools: chosen };
}
