/** The IAM policy statements of the seed doc, with OCIDs filled in where the model knows them. */
import type { Cluster, ModelIndex, Subnet, Vcn } from '../../core/model.js';
import { distinct } from './scope.js';

export const CLUSTER_OCID_PLACEHOLDER = '<cluster-ocid>';
export const NODEPOOL_COMPARTMENT_PLACEHOLDER = '<compartment-ocid-of-nodepool>';
export const NETWORK_COMPARTMENT_PLACEHOLDER = '<compartment-ocid-of-network-resources>';

/** The seed's least-privilege condition: only this cluster. */
export function clusterCondition(cluster: Cluster): string {
  return `where all { request.principal.id = '${cluster.ocid ?? CLUSTER_OCID_PLACEHOLDER}' }`;
}

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
  const known = distinct(
    [vcn?.compartmentId, ...subnets.map((s) => s.compartmentId)].filter((c): c is string => c !== undefined),
  );
  return known.length > 0 ? known : [NETWORK_COMPARTMENT_PLACEHOLDER];
}
