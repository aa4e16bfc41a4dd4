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
  ocid: string | undefined;
  /** max(size, maxSize) + maxSurge */
  nodes: number;
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
  /** Private IPs in the subnet now (ListPrivateIps, every page); undefined when not read. */
  inUse: number | undefined;
  /** What this run's pools take at their largest, summed, plus the reserved addresses. */
  plannedAtMax: number;
  /** Addresses the project config reserves for other VNICs (0 when none). */
  reserved: number;
  pools: PoolAddressDemand[];
}

export function subnetUsage(model: Model): SubnetUsage[] {
  const index = indexModel(model);
  return podSubnetDemands(model, (ref) => index.subnet(ref)).map((demand) => ({
    ocid: demand.subnet.ocid,
    name: demand.subnet.name,
    cidr: cidrsText(demand.subnet.cidrBlocks),
    cidrBlocks: demand.subnet.cidrBlocks.map((b) => b.text),
    usable: demand.usable,
    inUse: demand.subnet.liveUsedAddresses,
    plannedAtMax: demand.total,
    reserved: demand.reserved,
    pools: demand.pools.map((p) => ({
      pool: poolLabel(p.cluster, p.pool),
      ocid: p.pool.ocid,
      nodes: p.nodes,
      addressesPerNode: p.perNode.total,
      addresses: p.addresses,
    })),
  }));
}
