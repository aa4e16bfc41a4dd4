/** Which subnets VCN-native node pools use as pod subnets and as worker subnets, found in one pass. */
import type { Model, ModelIndex, Subnet } from '../../core/model.js';
import { poolLabel, vcnNativePools } from './scope.js';

export interface SubnetUsers {
  subnet: Subnet;
  /** "cluster/pool" labels, in model order */
  pools: string[];
}

function collect(model: Model, index: ModelIndex, refsOf: (pool: { workerSubnets: string[]; podSubnets: string[] }) => string[]): SubnetUsers[] {
  const users = new Map<Subnet, string[]>();
  for (const { cluster, pool } of vcnNativePools(model)) {
    for (const ref of new Set(refsOf(pool))) {
      const subnet = index.subnet(ref);
      if (!subnet) continue;
      const list = users.get(subnet);
      if (list) list.push(poolLabel(cluster, pool));
      else users.set(subnet, [poolLabel(cluster, pool)]);
    }
  }
  return model.subnets.flatMap((subnet) => {
    const pools = users.get(subnet);
    return pools ? [{ subnet, pools }] : [];
  });
}

/** Subnets named in `podSubnets` by a pool of a VCN-native cluster, in model order. */
export function podSubnetUsers(model: Model, index: ModelIndex): SubnetUsers[] {
  return collect(model, index, (pool) => pool.podSubnets);
}

/** Subnets named as a worker subnet (any placement's) by a pool of a VCN-native cluster, in model order. */
export function workerSubnetUsers(model: Model, index: ModelIndex): SubnetUsers[] {
  return collect(model, index, (pool) => pool.workerSubnets);
}
