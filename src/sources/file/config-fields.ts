/**
 * The oke-cni config format in one table: every key each object accepts, its type and
 * whether it is required. The reader validates against it and the JSON Schema
 * (schema/oke-cni.schema.json) is checked against it by a test, so the two cannot drift.
 */
import type { CniType, NodePoolType, ServiceMeshProduct } from '../../core/model.js';

export const NODE_POOL_TYPES = ['managed', 'virtual', 'self-managed'] as const satisfies readonly NodePoolType[];
export const CNI_TYPES = ['OCI_VCN_IP_NATIVE', 'FLANNEL_OVERLAY'] as const satisfies readonly CniType[];
export const SERVICE_MESH_PRODUCTS = [
  'istio-addon',
  'istio',
  'linkerd',
  'oci-service-mesh',
  'other',
] as const satisfies readonly ServiceMeshProduct[];
/** OCI SecurityRule sourceType / destinationType values. */
export const SECURITY_LIST_PEER_TYPES = ['CIDR_BLOCK', 'SERVICE_CIDR_BLOCK'] as const;
export const NSG_PEER_TYPES = ['CIDR_BLOCK', 'SERVICE_CIDR_BLOCK', 'NETWORK_SECURITY_GROUP'] as const;
export const NSG_RULE_DIRECTIONS = ['INGRESS', 'EGRESS'] as const;
/** OKE ClusterCreateOptions.ipFamilies values. */
export const IP_FAMILIES = ['IPv4', 'IPv6'] as const;

export type FieldType =
  /** a non-empty string that names the object (its ref) */
  | 'name'
  | 'string'
  /** an OCID of the object's own resource type */
  | 'ocid'
  /** a reference to a VCN or subnet: its name in the files, or its OCID */
  | 'ref'
  | 'refList'
  /** IPv4 CIDR as OCI allows for VCNs and subnets: /16 to /30, no host bits */
  | 'cidr'
  | 'cidrList'
  /** IPv4 CIDR of any prefix (the Kubernetes services CIDR) */
  | 'anyCidr'
  | 'ipv6CidrList'
  | 'boolean'
  /** integer >= 0 */
  | 'wholeNumber'
  /** number > 0, fractions allowed */
  | 'positiveNumber'
  /** integer >= 0, or a percentage string "25%" (OKE maximumSurge) */
  | 'surge'
  /** Kubernetes version v1.30.1 or 1.30.1, kept as written */
  | 'version'
  | 'enum'
  | 'stringList'
  /** rule ids switched off for the object: plain ids, or {id, reason} mappings (a suppression reported as such) */
  | 'ruleList'
  | 'enumList'
  /** a list of mappings of the object kind named in `items` */
  | 'objectList'
  /** one mapping of the object kind named in `items` */
  | 'object'
  /** a security rule's protocol: all, tcp, udp, icmp, icmpv6, or an IANA number 0-255 ("6" as OCI writes it) */
  | 'protocol'
  /** a TCP/UDP port, 1 to 65535 */
  | 'port'
  /** OCI freeform tags: a mapping of tag keys to string values */
  | 'tags';

export type ObjectKind =
  | 'root'
  | 'vcn'
  | 'subnet'
  | 'cluster'
  | 'nodePool'
  | 'secondaryVnic'
  | 'securityList'
  | 'networkSecurityGroup'
  | 'ingressRule'
  | 'egressRule'
  | 'nsgRule'
  | 'portOptions'
  | 'portRange'
  | 'icmpOptions';
export type RefKind = 'vcn' | 'subnet' | 'securityList' | 'nsg';

export interface FieldSpec {
  type: FieldType;
  required?: true;
  /** enum and enumList: the allowed values */
  values?: readonly string[];
  /** ref and refList: what the reference points to */
  refKind?: RefKind;
  /** objectList: the kind of its items */
  items?: ObjectKind;
}

export const CONFIG_FIELDS = {
  root: {
    $schema: { type: 'string' },
    vcns: { type: 'objectList', items: 'vcn' },
    subnets: { type: 'objectList', items: 'subnet' },
    clusters: { type: 'objectList', items: 'cluster' },
    securityLists: { type: 'objectList', items: 'securityList' },
    networkSecurityGroups: { type: 'objectList', items: 'networkSecurityGroup' },
  },
  vcn: {
    name: { type: 'name', required: true },
    ocid: { type: 'ocid' },
    compartmentId: { type: 'string' },
    cidrBlocks: { type: 'cidrList', required: true },
  },
  subnet: {
    name: { type: 'name', required: true },
    ocid: { type: 'ocid' },
    compartmentId: { type: 'string' },
    vcn: { type: 'ref', refKind: 'vcn', required: true },
    // One of the two is required (oke-config.ts): cidrBlock for one block, cidrBlocks for several.
    cidrBlock: { type: 'cidr' },
    cidrBlocks: { type: 'cidrList' },
    prohibitPublicIpOnVnic: { type: 'boolean' },
    availabilityDomain: { type: 'string' },
    ipv6CidrBlocks: { type: 'ipv6CidrList' },
    securityListIds: { type: 'refList', refKind: 'securityList' },
    disableRules: { type: 'ruleList' },
  },
  cluster: {
    name: { type: 'name', required: true },
    ocid: { type: 'ocid' },
    compartmentId: { type: 'string' },
    vcn: { type: 'ref', refKind: 'vcn', required: true },
    kubernetesVersion: { type: 'version', required: true },
    cniType: { type: 'enum', values: CNI_TYPES },
    servicesCidr: { type: 'anyCidr' },
    ipFamilies: { type: 'enumList', values: IP_FAMILIES },
    ipv6: { type: 'boolean' },
    serviceMesh: { type: 'enum', values: SERVICE_MESH_PRODUCTS },
    endpointSubnet: { type: 'ref', refKind: 'subnet' },
    endpointNsgIds: { type: 'refList', refKind: 'nsg' },
    disableRules: { type: 'ruleList' },
    nodePools: { type: 'objectList', items: 'nodePool' },
  },
  nodePool: {
    name: { type: 'name', required: true },
    ocid: { type: 'ocid' },
    compartmentId: { type: 'string' },
    type: { type: 'enum', values: NODE_POOL_TYPES },
    shape: { type: 'string' },
    ocpus: { type: 'positiveNumber' },
    size: { type: 'wholeNumber', required: true },
    maxSize: { type: 'wholeNumber' },
    maxSurge: { type: 'surge' },
    maxPodsPerNode: { type: 'wholeNumber' },
    subnet: { type: 'ref', refKind: 'subnet' },
    podSubnets: { type: 'refList', refKind: 'subnet' },
    nsgIds: { type: 'refList', refKind: 'nsg' },
    podNsgIds: { type: 'refList', refKind: 'nsg' },
    image: { type: 'string' },
    kubernetesVersion: { type: 'version' },
    freeformTags: { type: 'tags' },
    disableRules: { type: 'ruleList' },
    /** OKE NodePool.secondaryVnics: secondary VNIC profiles (the secondary-vnics allocation model). */
    secondaryVnics: { type: 'objectList', items: 'secondaryVnic' },
  },
  /** One secondary VNIC profile: createVnicDetails.{subnetId, ipCount, nsgIds} and displayName in the API. */
  secondaryVnic: {
    subnet: { type: 'ref', refKind: 'subnet', required: true },
    ipCount: { type: 'wholeNumber', required: true },
    nsgIds: { type: 'refList', refKind: 'nsg' },
    displayName: { type: 'string' },
  },
  securityList: {
    name: { type: 'name', required: true },
    ocid: { type: 'ocid' },
    compartmentId: { type: 'string' },
    ingressSecurityRules: { type: 'objectList', items: 'ingressRule' },
    egressSecurityRules: { type: 'objectList', items: 'egressRule' },
  },
  networkSecurityGroup: {
    name: { type: 'name', required: true },
    ocid: { type: 'ocid' },
    compartmentId: { type: 'string' },
    rules: { type: 'objectList', items: 'nsgRule' },
  },
  ingressRule: {
    protocol: { type: 'protocol', required: true },
    source: { type: 'string', required: true },
    sourceType: { type: 'enum', values: SECURITY_LIST_PEER_TYPES },
    isStateless: { type: 'boolean' },
    tcpOptions: { type: 'object', items: 'portOptions' },
    udpOptions: { type: 'object', items: 'portOptions' },
    icmpOptions: { type: 'object', items: 'icmpOptions' },
    description: { type: 'string' },
  },
  egressRule: {
    protocol: { type: 'protocol', required: true },
    destination: { type: 'string', required: true },
    destinationType: { type: 'enum', values: SECURITY_LIST_PEER_TYPES },
    isStateless: { type: 'boolean' },
    tcpOptions: { type: 'object', items: 'portOptions' },
    udpOptions: { type: 'object', items: 'portOptions' },
    icmpOptions: { type: 'object', items: 'icmpOptions' },
    description: { type: 'string' },
  },
  nsgRule: {
    direction: { type: 'enum', values: NSG_RULE_DIRECTIONS, required: true },
    protocol: { type: 'protocol', required: true },
    source: { type: 'string' },
    sourceType: { type: 'enum', values: NSG_PEER_TYPES },
    destination: { type: 'string' },
    destinationType: { type: 'enum', values: NSG_PEER_TYPES },
    isStateless: { type: 'boolean' },
    tcpOptions: { type: 'object', items: 'portOptions' },
    udpOptions: { type: 'object', items: 'portOptions' },
    icmpOptions: { type: 'object', items: 'icmpOptions' },
    description: { type: 'string' },
  },
  portOptions: {
    destinationPortRange: { type: 'object', items: 'portRange' },
    sourcePortRange: { type: 'object', items: 'portRange' },
  },
  portRange: {
    min: { type: 'port', required: true },
    max: { type: 'port', required: true },
  },
  icmpOptions: {
    type: { type: 'wholeNumber', required: true },
    code: { type: 'wholeNumber' },
  },
} as const satisfies Record<ObjectKind, Record<string, FieldSpec>>;

/** The keys each object accepts, for the schema sync test and "did you mean". */
export function acceptedKeys(kind: ObjectKind): string[] {
  return Object.keys(CONFIG_FIELDS[kind]);
}

/** OCID resource-type segment of each object kind (ocid1.<type>.<realm>...). */
export const OCID_TYPES = {
  vcn: 'vcn',
  subnet: 'subnet',
  cluster: 'cluster',
  nodePool: 'nodepool',
  securityList: 'securitylist',
  networkSecurityGroup: 'networksecuritygroup',
} as const satisfies Partial<Record<Exclude<ObjectKind, 'root'>, string>>;

/** How each kind is called in messages. */
export const KIND_LABELS = {
  root: 'config',
  vcn: 'VCN',
  subnet: 'subnet',
  cluster: 'cluster',
  nodePool: 'node pool',
  secondaryVnic: 'secondary VNIC profile',
  securityList: 'security list',
  networkSecurityGroup: 'NSG',
  ingressRule: 'ingress rule',
  egressRule: 'egress rule',
  nsgRule: 'NSG rule',
  portOptions: 'port options',
  portRange: 'port range',
  icmpOptions: 'ICMP options',
} as const satisfies Record<ObjectKind, string>;
