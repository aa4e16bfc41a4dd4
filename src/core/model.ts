/**
 * The model every source adapter builds (config file, Terraform plan, OCI CLI JSON, live OCI)
 * and every rule reads. Plain data; references between objects are resolved by the adapter.
 * A name that no input defines is an input error (exit 2). What cannot be known offline is not
 * an error: an OCID that no given file defines stays a reference to an object missing from the
 * model, and a value unknown until apply is listed in the object's `unknown`. Rules skip both
 * explicitly (never reading the placeholder a field then holds), and the not-checked rule says
 * what was skipped and how to supply it.
 */
import type { Cidr } from './cidr.js';
import type { RuleForm, SecurityRule } from './security-rules/types.js';
import type { Vocabulary } from './vocabulary.js';

/** Where something is: a position in a file, or a resource in OCI. */
export type Location =
  | { kind: 'file'; file: string; line: number; column: number }
  | { kind: 'oci'; resourceType: string; ocid: string; name?: string | undefined };

/**
 * Positions of an object and of its keys. '' is the object itself; other keys are the
 * canonical field names (e.g. 'maxPodsPerNode', 'podSubnets'). `locate` falls back to ''.
 */
export type Positions = Record<string, Location>;

export function locate(at: Positions, field?: string): Location {
  return (field !== undefined ? at[field] : undefined) ?? (at[''] as Location);
}

/** A value the input does not determine: its field holds a placeholder that no rule may read. */
export interface NotKnown {
  /** The attribute as the input spells it, e.g. node_config_details[0].size. */
  field: string;
  /** Why it is not known, e.g. "known only after apply". */
  reason: string;
  at: Location;
  /** What a user sets to supply it, where that is not `field` (a Terraform module input feeding it). */
  change?: string | undefined;
}

/** Unknown values of one object, by model field name ('podSubnets', 'cidrBlock', ...). */
export type Unknowns = Partial<Record<string, NotKnown>>;

interface MaybeUnknown {
  unknown?: Unknowns | undefined;
}

/** Whether the object's `field` holds a real value (not a placeholder for an unknown one). */
export function isKnown(object: MaybeUnknown, ...fields: string[]): boolean {
  const unknown = object.unknown;
  return unknown === undefined || fields.every((f) => unknown[f] === undefined);
}

/** Rule ids switched off for one object in the file (`disableRules: [id, ...]`). */
interface Switchable {
  disabledRules: readonly string[];
  /** Suppressions with a reason: the oke-cni-ignore tag, or `disableRules: [{id, reason}]` (core/lint.ts applies them). */
  suppressions?: readonly ModelSuppression[] | undefined;
}

/** oke-cni's tag that suppresses findings about a pool, subnet or cluster: `oke-cni-ignore = "rule-id[, rule-id]: reason"`. */
export const IGNORE_TAG = 'oke-cni-ignore';

/**
 * One suppression written on an object: its rule ids and reason as written (checked by the
 * rule invalid-suppression: an unknown id or an empty reason suppresses nothing).
 */
export interface ModelSuppression {
  ruleIds: readonly string[];
  reason: string;
  /** Where it is written: the tag (or the tags key) in a file, or the OCI resource. */
  at: Location;
  via: 'oke-cni-ignore tag' | 'disableRules';
}

export interface Vcn {
  /** The key other objects use to reference it: its name in a file, its OCID live. */
  ref: string;
  name: string;
  ocid?: string | undefined;
  compartmentId?: string | undefined;
  cidrBlocks: Cidr[];
  /** Values the input leaves unknown (see NotKnown). */
  unknown?: Unknowns | undefined;
  /** Terraform plan / OCI CLI JSON: the input's names for the object's fields (core/vocabulary.ts). */
  vocabulary?: Vocabulary | undefined;
  at: Positions;
}

export interface Subnet extends Switchable {
  ref: string;
  name: string;
  ocid?: string | undefined;
  compartmentId?: string | undefined;
  /** ref of its VCN */
  vcn: string;
  /**
   * Every IPv4 CIDR block of the subnet, the first one first (OCI Subnet.cidrBlock is the first,
   * Subnet.ipv4CidrBlocks lists them all). Positions: 'cidrBlocks', and 'cidrBlocks[i]' per block.
   */
  cidrBlocks: Cidr[];
  /** Unset in OCI means false: a public subnet. */
  prohibitPublicIpOnVnic: boolean;
  /** Set = AD-specific subnet; undefined = regional. */
  availabilityDomain?: string | undefined;
  ipv6CidrBlocks: string[];
  /**
   * Refs of the security lists associated with the subnet (a name or OCID; an OCID no input defines
   * stays as it is). Undefined when the input does not say which security lists the subnet has.
   */
  securityListIds?: string[] | undefined;
  /** Live only: addresses in use in the subnet now (ListPrivateIps), where it could be read. */
  liveUsedAddresses?: number | undefined;
  /** Values the input leaves unknown (see NotKnown). */
  unknown?: Unknowns | undefined;
  /** Live only: why the addresses in use could not be read (e.g. a 403 on ListPrivateIps). */
  liveUsedUnknown?: string | undefined;
  /**
   * Addresses other VNICs take in the subnet (load balancers, instances): the project config's
   * `reserved` (.oke-cni.yaml), counted in the pod-subnet demand beside the node pools.
   */
  reservedAddresses?: number | undefined;
  /** Terraform plan / OCI CLI JSON: the input's names for the object's fields (core/vocabulary.ts). */
  vocabulary?: Vocabulary | undefined;
  at: Positions;
}

export type NodePoolType = 'managed' | 'virtual' | 'self-managed';
export type CniType = 'OCI_VCN_IP_NATIVE' | 'FLANNEL_OVERLAY';
export type ServiceMeshProduct = 'istio-addon' | 'istio' | 'linkerd' | 'oci-service-mesh' | 'other';

/**
 * One secondary VNIC profile of a node pool (OKE NodePool.secondaryVnics[].createVnicDetails): every
 * node attaches one secondary VNIC in `subnet` carrying `ipCount` pod IPs. A pool with profiles uses the
 * secondary-vnics allocation model (src/core/models/secondary-vnics.ts).
 */
export interface SecondaryVnicProfile {
  /** ref of the profile's subnet */
  subnet: string;
  /** undefined when the input does not give it (OKE documents no default). */
  ipCount?: number | undefined;
  nsgIds: string[];
  displayName?: string | undefined;
  /** Positions of its keys (subnet, ipCount, nsgIds); '' is the profile itself. */
  at: Positions;
}

export interface NodePool extends Switchable {
  name: string;
  ocid?: string | undefined;
  compartmentId?: string | undefined;
  type: NodePoolType;
  shape?: string | undefined;
  ocpus?: number | undefined;
  size: number;
  /** Autoscaler ceiling; equals size when not autoscaled. */
  maxSize: number;
  maxSurge: number;
  maxPodsPerNode: number;
  /**
   * false when the input does not set maxPodsPerNode and maxPodsPerNode holds the default. Matters for
   * pools with secondary VNIC profiles, whose nodes then run as many pods as the profiles' IPs allow.
   * Unset counts as set.
   */
  maxPodsPerNodeSet?: boolean | undefined;
  /** Secondary VNIC profiles; present and non-empty = the secondary-vnics allocation model. */
  secondaryVnics?: SecondaryVnicProfile[] | undefined;
  /**
   * refs of the worker-node subnets, distinct, in placement order: one per placement
   * configuration (a multi-AD pool may name a subnet per availability domain). Empty when unknown.
   */
  workerSubnets: string[];
  /** refs of the pod subnets (rules require exactly one) */
  podSubnets: string[];
  nsgIds: string[];
  podNsgIds: string[];
  /** OKE image name, e.g. Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679 */
  image?: string | undefined;
  /** Worker nodes' Kubernetes version (defaults to the cluster's). */
  kubernetesVersion?: string | undefined;
  /**
   * Set on the old generation of a pool that Terraform replaces create-before-destroy (actions
   * ["create","delete"]): the pool that replaces it. Its nodes hold pod-subnet addresses until
   * the new pool's nodes are up, so only pod-subnet demand counts it; no other rule reads it.
   */
  replacedBy?: string | undefined;
  /** Values the input leaves unknown (see NotKnown). */
  unknown?: Unknowns | undefined;
  /**
   * The raw value of the pool's oke-cni-max-nodes tag (core/max-nodes-tag.ts), when it has one.
   * A valid tag at or above size set maxSize; a malformed or stale one did not (rule max-nodes-tag).
   */
  maxNodesTag?: string | undefined;
  /** Where maxSize came from, when not from the input itself: 'tag' or 'autoscaler add-on'. */
  maxSizeSource?: 'tag' | 'autoscaler add-on' | undefined;
  /** Live only: nodes the pool has now (a managed pool's size; a virtual pool's virtual nodes), where known. */
  liveNodes?: number | undefined;
  /** Terraform plan / OCI CLI JSON: the input's names for the object's fields (core/vocabulary.ts). */
  vocabulary?: Vocabulary | undefined;
  /**
   * Live only: the surge nodes node cycling adds if the pool cycles now: maximumSurge as the API gives it
   * (`text`, undefined when unset) read against the pool's size now (`nodes`; facts.ts SURGE_NODE_WORKER_SUBNET_IPS).
   */
  surgeNow?: { nodes: number; text: string | undefined } | undefined;
  at: Positions;
}

export interface Cluster extends Switchable {
  name: string;
  ocid?: string | undefined;
  compartmentId?: string | undefined;
  /** ref of its VCN */
  vcn: string;
  kubernetesVersion: string;
  cniType: CniType;
  servicesCidr: Cidr;
  /** IPv6 in use by the cluster's resources (needs the extra IAM policy). */
  ipv6: boolean;
  serviceMesh?: ServiceMeshProduct | undefined;
  /** ref of the Kubernetes API endpoint's subnet (OKE endpointConfig.subnetId), when the input gives it. */
  endpointSubnet?: string | undefined;
  /** NSGs of the Kubernetes API endpoint (endpointConfig.nsgIds); undefined when the input does not say. */
  endpointNsgIds?: string[] | undefined;
  nodePools: NodePool[];
  /** Values the input leaves unknown (see NotKnown). */
  unknown?: Unknowns | undefined;
  /** Terraform plan / OCI CLI JSON: the input's names for the object's fields (core/vocabulary.ts). */
  vocabulary?: Vocabulary | undefined;
  at: Positions;
}

/** A security list with its rules (OCI SecurityList). */
export interface SecurityList {
  ref: string;
  name: string;
  ocid?: string | undefined;
  compartmentId?: string | undefined;
  /** ingress and egress rules, each with its direction */
  rules: SecurityRule[];
  /** The input form it came from: how a rule to add is written. */
  form: RuleForm;
  /** Set when some of its rules are not known (a plan's value known only after apply, a refused read): why. */
  incomplete?: string | undefined;
  /** Positions; 'ingressSecurityRules' and 'egressSecurityRules' where the input has them. */
  at: Positions;
}

/** A network security group with its rules (OCI NetworkSecurityGroup + its SecurityRules). */
export interface NetworkSecurityGroup {
  ref: string;
  name: string;
  ocid?: string | undefined;
  compartmentId?: string | undefined;
  rules: SecurityRule[];
  form: RuleForm;
  /** Set when some of its rules are not known (a plan's value known only after apply, a refused read): why. */
  incomplete?: string | undefined;
  /** Positions; 'rules' where the input has them. */
  at: Positions;
}

export interface Model {
  vcns: Vcn[];
  subnets: Subnet[];
  clusters: Cluster[];
  /**
   * Live only: other clusters whose node pools share a pod subnet of `clusters` (found across the
   * compartment tree). Only the pod-subnet demand counts them; no other rule reports on them.
   */
  sharingClusters?: Cluster[] | undefined;
  /** Security lists the inputs define (absent = none). */
  securityLists?: SecurityList[];
  /** NSGs the inputs define (absent = none). */
  networkSecurityGroups?: NetworkSecurityGroup[];
}

export interface ModelIndex {
  vcn(ref: string): Vcn | undefined;
  subnet(ref: string): Subnet | undefined;
}

export function indexModel(model: Model): ModelIndex {
  const vcns = new Map(model.vcns.map((v) => [v.ref, v]));
  const subnets = new Map(model.subnets.map((s) => [s.ref, s]));
  return { vcn: (ref) => vcns.get(ref), subnet: (ref) => subnets.get(ref) };
}
