/**
 * The IAM statements a VCN-native cluster needs beyond the usual ones, as the seed gives them
 * (SOURCES.cniPlugin, 2025-02-12; the 2026-09 crawl keeps both sections, oci-facts-2026.md 5.1):
 * - "Additional IAM Policy when a Cluster and its Related Resources are in Different
 *   Compartments": three statements, a broad form (`in tenancy`, any cluster) and a
 *   least-privilege form (the node pool / network compartment, this cluster);
 * - "Additional IAM policy to access resources with IPv6 addresses": `use ipv6s`.
 * The one place this text lives: the cross-compartment-policy and ipv6-policy rules and
 * `oke-cni policy` all print it from here.
 */
import type { Cluster, ModelIndex, Subnet, Vcn } from '../model.js';
import type { Verb } from './parse.js';
import type { Requirement } from './match.js';

export const CLUSTER_OCID_PLACEHOLDER = '<cluster-ocid>';
export const NODEPOOL_COMPARTMENT_PLACEHOLDER = '<compartment-ocid-of-nodepool>';
export const NETWORK_COMPARTMENT_PLACEHOLDER = '<compartment-ocid-of-network-resources>';

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** The seed's least-privilege condition: only this cluster. */
export function clusterCondition(clusterOcid: string | undefined): string {
  return `where all { request.principal.id = '${clusterOcid ?? CLUSTER_OCID_PLACEHOLDER}' }`;
}

/** The seed's broad condition: any OKE cluster. */
export const ANY_CLUSTER_CONDITION = "where all { request.principal.type = 'cluster' }";

/** Said when a statement carries <cluster-ocid>: why the OCID is missing and what to do. */
export function clusterOcidNote(cluster: Cluster): string | undefined {
  return cluster.ocid === undefined
    ? `\nReplace ${CLUSTER_OCID_PLACEHOLDER} with the OCID of cluster ${cluster.name}: the input does not give it (OCI assigns it when the cluster is created).`
    : undefined;
}

/** The VCN and the subnets the cluster's node pools use (worker and pod subnets), in model order. */
export function networkResources(cluster: Cluster, index: ModelIndex): { vcn: Vcn | undefined; subnets: Subnet[] } {
  const refs = new Set<string>();
  for (const pool of cluster.nodePools) {
    for (const ref of pool.workerSubnets) refs.add(ref);
    for (const ref of pool.podSubnets) refs.add(ref);
  }
  const subnets = distinct([...refs].map((ref) => index.subnet(ref)).filter((s): s is Subnet => s !== undefined));
  return { vcn: index.vcn(cluster.vcn), subnets };
}

/** Distinct known compartments of the network resources, or the seed's placeholder when none is known. */
export function networkCompartments(vcn: Vcn | undefined, subnets: readonly Subnet[]): string[] {
  const known = distinct([vcn?.compartmentId, ...subnets.map((s) => s.compartmentId)].filter((c): c is string => c !== undefined));
  return known.length > 0 ? known : [NETWORK_COMPARTMENT_PLACEHOLDER];
}

export type StatementPurpose = 'cross-compartment' | 'ipv6';

/** One permission the cluster needs, with the seed's statement(s) that grant it. */
export interface NeededPermission {
  purpose: StatementPurpose;
  verb: Verb;
  resourceType: string;
  /** An OCID, or the seed's placeholder when the input does not say. */
  compartment: string;
  /** The least-privilege statement (this compartment, this cluster). */
  leastPrivilege: string;
  /** The broad statement (in tenancy, any cluster); the IPv6 section gives none. */
  broad: string | undefined;
}

export interface ClusterPolicyNeeds {
  cluster: Cluster;
  /** Why the cross-compartment statements are needed ("node pool x in ..."); empty when they are not. */
  elsewhere: string[];
  /** Why the IPv6 statement is needed; empty when it is not. */
  ipv6Reasons: string[];
  needed: NeededPermission[];
}

const permission = (purpose: StatementPurpose, verb: Verb, resourceType: string, compartment: string, clusterOcid: string | undefined, broad: boolean): NeededPermission => ({
  purpose,
  verb,
  resourceType,
  compartment,
  leastPrivilege: `Allow any-user to ${verb} ${resourceType} in compartment ${compartment} ${clusterCondition(clusterOcid)}`,
  broad: broad ? `Allow any-user to ${verb} ${resourceType} in tenancy ${ANY_CLUSTER_CONDITION}` : undefined,
});

/** The cross-compartment and IPv6 permissions a VCN-native cluster needs, from what the model knows. */
export function clusterPolicyNeeds(cluster: Cluster, index: ModelIndex): ClusterPolicyNeeds {
  const home = cluster.compartmentId;
  const { vcn, subnets } = networkResources(cluster, index);
  const elsewhere: string[] = [];
  if (home !== undefined) {
    for (const pool of cluster.nodePools) {
      if (pool.compartmentId !== undefined && pool.compartmentId !== home) elsewhere.push(`node pool ${cluster.name}/${pool.name} in ${pool.compartmentId}`);
    }
    if (vcn?.compartmentId !== undefined && vcn.compartmentId !== home) elsewhere.push(`VCN "${vcn.name}" in ${vcn.compartmentId}`);
    for (const subnet of subnets) {
      if (subnet.compartmentId !== undefined && subnet.compartmentId !== home) elsewhere.push(`subnet "${subnet.name}" in ${subnet.compartmentId}`);
    }
  }
  const network = networkCompartments(vcn, subnets);
  const needed: NeededPermission[] = [];
  if (elsewhere.length > 0) {
    const known = distinct(cluster.nodePools.map((p) => p.compartmentId).filter((c): c is string => c !== undefined));
    for (const c of known.length > 0 ? known : [NODEPOOL_COMPARTMENT_PLACEHOLDER]) needed.push(permission('cross-compartment', 'manage', 'instances', c, cluster.ocid, true));
    for (const c of network) {
      needed.push(permission('cross-compartment', 'use', 'private-ips', c, cluster.ocid, true));
      needed.push(permission('cross-compartment', 'use', 'network-security-groups', c, cluster.ocid, true));
    }
  }
  const ipv6Subnets = subnets.filter((s) => s.ipv6CidrBlocks.length > 0);
  const ipv6Reasons = [
    ...(cluster.ipv6 ? ['has ipv6: true'] : []),
    ...(ipv6Subnets.length > 0 ? [`uses subnets with IPv6 CIDR blocks (${ipv6Subnets.map((s) => `"${s.name}" ${s.ipv6CidrBlocks.join(', ')}`).join('; ')})`] : []),
  ];
  if (ipv6Reasons.length > 0) for (const c of network) needed.push(permission('ipv6', 'use', 'ipv6s', c, cluster.ocid, false));
  return { cluster, elsewhere, ipv6Reasons, needed };
}

/** The requirement the matcher checks for a needed permission (placeholders cannot be checked). */
export function requirementOf(p: NeededPermission, cluster: Cluster): Requirement | undefined {
  if (p.compartment.startsWith('<')) return undefined;
  return { verb: p.verb, resourceType: p.resourceType, compartmentId: p.compartment, clusterId: cluster.ocid, clusterCompartmentId: cluster.compartmentId };
}
