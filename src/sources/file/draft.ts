/**
 * What one file's reader produces: model objects whose references are still the text the
 * file wrote (a name, a Terraform address or an OCID), plus one pending reference for each.
 * All files' drafts are merged and resolved together (resolve.ts), so a reference may point
 * into another file.
 */
import { parseCidr, type Cidr } from '../../core/cidr.js';
import { DEFAULT_SERVICES_CIDR } from '../../core/facts.js';
import type { ModuleCall } from '../terraform/tf-dir.js';
import type { Cluster, CniType, Location, NetworkSecurityGroup, NodePool, NotKnown, SecurityList, Subnet, Vcn } from '../../core/model.js';
import { clusterCniType } from '../oci-objects.js';

export interface DraftCluster {
  cluster: Cluster;
  /** The key references use: name (config), address (Terraform) or OCID (OCI CLI). */
  ref: string;
  /** Whether the file gave the CNI type, or it is the default and a node pool may tell. */
  cniTypeGiven: boolean;
}

interface RefBase {
  /** The reference as written. */
  text: string;
  /** Position of the referencing value. */
  at: Location;
  /** Field path for messages, e.g. "podSubnets[0]" or "node_config_details[0].placement_configs[0].subnet_id". */
  field: string;
}

export type PendingRef =
  | (RefBase & { kind: 'vcn' | 'subnet'; set(ref: string): void })
  /** Security lists and NSGs: an OCID no file defines is kept (its rules are then "not checked"). */
  | (RefBase & { kind: 'securityList' | 'nsg'; set(ref: string): void })
  | (RefBase & {
      kind: 'cluster';
      attach(cluster: DraftCluster): void;
      /** The pool attach() attaches (attachCarried). */
      loose: LoosePool;
      /** Set when the reference is unknown until apply (text is then empty): the pool joins a stand-in cluster. */
      unknown?: NotKnown | undefined;
    });

/** A node pool that its file defines outside its cluster (Terraform, OCI CLI). */
export interface LoosePool {
  pool: NodePool;
  /** The pool's own CNI type, which tells the cluster's when the cluster's is unknown. */
  cniType?: CniType | undefined;
  /** True when the file gave the pool's Kubernetes version; otherwise it follows the cluster. */
  versionGiven: boolean;
}

export interface Draft {
  vcns: Vcn[];
  subnets: Subnet[];
  clusters: DraftCluster[];
  refs: PendingRef[];
  securityLists?: SecurityList[];
  networkSecurityGroups?: NetworkSecurityGroup[];
  /** A Terraform plan's module calls, with their sources (for lint --tf-dir). */
  moduleCalls?: ModuleCall[];
}

export function emptyDraft(): Draft {
  return { vcns: [], subnets: [], clusters: [], refs: [], securityLists: [], networkSecurityGroups: [] };
}

/**
 * Attach a loose pool to the cluster its reference resolves to: the attach() of a pending cluster
 * reference that carries its pool (`loose`) itself, one function for every pool (a closure each,
 * and its scope, cost a big plan's pools MBs).
 */
export function attachCarried(this: { loose: LoosePool }, target: DraftCluster): void {
  attachLoose(this.loose, target);
}

function attachLoose(loose: LoosePool, target: DraftCluster): void {
  const { cluster } = target;
  cluster.nodePools.push(loose.pool);
  if (!loose.versionGiven) {
    loose.pool.kubernetesVersion = cluster.kubernetesVersion;
    const unknownVersion = cluster.unknown?.kubernetesVersion;
    if (unknownVersion) loose.pool.unknown = { ...loose.pool.unknown, kubernetesVersion: unknownVersion };
  }
  // The cluster object names no CNI: its pools tell, as live reads it (oci-objects.ts clusterCniType).
  const decided = target.cniTypeGiven ? undefined : clusterCniType(undefined, [loose.cniType]);
  if (decided?.from === 'node pools') {
    cluster.cniType = decided.cniType;
    target.cniTypeGiven = true;
    // A cluster known only through its pools: the pool's CNI type is the cluster's.
    if (cluster.unknown?.cniType) delete cluster.unknown.cniType;
  }
}

/** The services CIDR of a cluster that does not set one. */
export const DEFAULT_SERVICES: Cidr = (() => {
  const parsed = parseCidr(DEFAULT_SERVICES_CIDR, { anyPrefix: true });
  if (!parsed.ok) throw new Error(`DEFAULT_SERVICES_CIDR: ${parsed.reason}`);
  return parsed.cidr;
})();

/** Stands in for a CIDR that failed to parse; the load fails with that problem before anyone reads it. */
export const PLACEHOLDER_CIDR: Cidr = { text: '0.0.0.0/32', prefix: 32, start: 0n, end: 0n };
