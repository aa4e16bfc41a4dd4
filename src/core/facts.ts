/**
 * Every number oke-cni takes from OCI or Kubernetes lives here, with its source.
 * Nothing else in the code base may spell these numbers out.
 */

const CNI_DOC =
  'https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengpodnetworking_topic-OCI_CNI_plugin.htm';
const VCN_DOC = 'https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/overview.htm';
const NODE_POOL_API =
  'https://docs.oracle.com/en-us/iaas/api/#/en/containerengine/20180222/datatypes/NodePoolCyclingDetails';

export const SOURCES = {
  cniPlugin: CNI_DOC,
  vcnOverview: VCN_DOC,
  nodePoolCycling: NODE_POOL_API,
  computeShapes: 'https://docs.oracle.com/en-us/iaas/Content/Compute/References/computeshapes.htm',
  podSubnetSecurityRules:
    'https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengnetworkconfig.htm#securitylistconfig__section_rules_for_pod_subnets',
  networkResourceConfig: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengnetworkconfig.htm#securitylistconfig',
  selfManagedNodes: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengworkingwithselfmanagednodes.htm',
  cidrBlocks: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengcidrblocks.htm',
  virtualNodes: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengcomparingvirtualwithmanagednodes_topic.htm',
  clusterScaling: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengscalingkubernetesclustersnodepools.htm',
  flannelPlugin: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengpodnetworking_topic-flannel_CNI_plugin.htm',
  virtualPodConfiguration:
    'https://docs.oracle.com/en-us/iaas/api/#/en/containerengine/20180222/datatypes/PodConfiguration',
  /** OKE "Attaching Multiple Secondary VNICs for Pod Networking" (the feature OCI calls Generic VNIC Attachment), as fetched 2026-09. */
  secondaryVnics: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengAttaching_Multiple_VNICs.htm',
  /** OKE "Adding Node Pools to Scale Up Clusters", as fetched 2026-09-05. */
  addingNodePools: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengaddingnodepools_topic.htm',
  /** OKE release note "support for multiple secondary VNIC attachments", 2026-05-06. */
  secondaryVnicsRelease: 'https://docs.oracle.com/en-us/iaas/releasenotes/conteng/conteng-Generic-VNIC-attachments.htm',
  /** Oracle's karpenter-provider-oci, pkg/providers/network/provider.go @ b26d656 (2026-04-21): validateSecondaryVnicIpCounts. */
  karpenterOciNetwork: 'https://github.com/oracle/karpenter-provider-oci/blob/main/pkg/providers/network/provider.go',
  /** Compute "Extended Memory VM Instances" page, updated 2023-05-12. */
  extendedMemory: 'https://docs.oracle.com/en-us/iaas/Content/Compute/References/extended-memory-vm-instances.htm',
  /**
   * OKE "Balancing Service Availability and Cost When Cycling Managed Nodes in Node Pools", read 2026-12-01:
   * maxSurge is "an integer, or ... a percentage of the number of nodes shown in the node pool's Node count
   * property ... (the node pool's Size property in the API)"; unset, it is 1.
   */
  nodeCyclingManaged: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/balance-service-availability-cost.htm',
  /** The same page for virtual node pools (maxSurge additional virtual nodes), read 2026-12-01. */
  nodeCyclingVirtual: 'https://docs.oracle.com/iaas/Content/ContEng/Tasks/balance-service-availability-cost-virtual-nodes.htm',
  /**
   * terraform-oci-oke "Workers: Node Cycle" guide, read 2026-12-01: "New nodes will be created within the same
   * AD/FD as the ones they replace".
   */
  nodeCycleGuide: 'https://oracle-terraform-modules.github.io/terraform-oci-oke/guide/workers_node_cycle.html',
  /** Compute "Known Issues" page, updated 2025-02-22: several names for one GPU shape. */
  computeKnownIssues: 'https://docs.oracle.com/en-us/iaas/Content/Compute/known-issues.htm',
  /** OCI "Tagging Overview" (freeform and defined tags, keys case-insensitive), read 2026-12: where oke-cni-ignore lives. */
  tagging: 'https://docs.oracle.com/en-us/iaas/Content/Tagging/Concepts/taggingoverview.htm',
} as const;

/**
 * Legacy model (node pools without secondary VNIC profiles): "By default, 31 IP addresses are assigned
 * to the VNIC for use by pods" (CNI_DOC, 2025-02-12); the formula MIN((VNICs-1)*31, 110). The 2026-09
 * copy of the page no longer has that sentence (it describes ipCount profiles instead); 31 still holds
 * for pools without secondaryVnics.
 */
export const POD_IPS_PER_VNIC = 31;

/**
 * Legacy model cap: "up to a limit of 110. The limit of 110 is imposed by Kubernetes" (CNI_DOC,
 * 2025-02-12). The 2026 pages say 256 instead (see MAX_PODS_PER_NODE_SECONDARY_VNICS); 110 still caps
 * pools without secondary VNIC profiles (the legacy formula, terraform-oci-oke's max_pods_per_node
 * validation, and Oracle's Karpenter provider, which applies 110 only without secondary VNIC configs).
 */
export const KUBERNETES_MAX_PODS_PER_NODE = 110;

/**
 * Secondary VNIC profiles ("Generic VNIC Attachment", released 2026-05-06, SOURCES.secondaryVnicsRelease):
 * "The combined `ipCount` across all configured secondary VNIC profiles on a node can be up to 256"
 * (CNI_DOC and SOURCES.secondaryVnics, as fetched 2026-09), and max pods per node "up to a limit of 256.
 * The limit of 256 is the maximum number of IP addresses that can be assigned to a worker node"
 * (SOURCES.addingNodePools, fetched 2026-09-05; the 2025-02 CNI page said "up to a limit of 110").
 */
export const MAX_IPS_PER_NODE_SECONDARY_VNICS = 256;
export const MAX_PODS_PER_NODE_SECONDARY_VNICS = 256;

/**
 * One profile's ipCount: at most 256 ("max IP count per VNIC can't be over 256") and a power of two
 * ("IP count must be power of 2"): Oracle's karpenter-provider-oci (SOURCES.karpenterOciNetwork,
 * 2026-04-21). The OKE pages state only the per-node budget, so the power-of-two rule is Oracle's
 * controller's, not a documented OKE limit.
 */
export const MAX_IP_COUNT_PER_SECONDARY_VNIC = 256;

/**
 * "If you need more than 32 IPs per VNIC, configure pod subnets with two CIDR blocks as a
 * capacity-planning recommendation" (CNI_DOC, as fetched 2026-09; also the Large Cluster Best
 * Practices page). Oracle's Karpenter provider refuses more than 32 IPv4 addresses on a
 * one-CIDR-block subnet (SOURCES.karpenterOciNetwork); OKE states it as a recommendation.
 */
export const SINGLE_CIDR_IPS_PER_VNIC = 32;

/**
 * Each secondary VNIC of a profile has its own primary private IP in the profile's subnet, beside its
 * ipCount pod IPs. Inferred from the VNIC model ("One primary private IPv4 address from the subnet the
 * VNIC is in", Networking "VNICs" page); Oracle does not state it for profiles.
 */
export const PRIMARY_IPS_PER_SECONDARY_VNIC = 1;

/** "a minimum of two VNICs are attached to each worker node. The first VNIC is connected to the worker node subnet" (CNI_DOC). */
export const WORKER_SUBNET_VNICS = 1;

/** OKE console and terraform-oci-oke default for maxPodsPerNode. */
export const DEFAULT_MAX_PODS_PER_NODE = 31;

/** OKE node pool cycling: maxSurge defaults to 1 node (NODE_POOL_API, NodePoolCyclingDetails.maximumSurge). */
export const DEFAULT_MAX_SURGE = 1;

/**
 * While a node pool cycles, each surge node is a new instance: its primary VNIC takes one address in
 * the worker subnet of its placement (SOURCES.nodeCycleGuide: the AD of the node it replaces), and it
 * pre-allocates its pod addresses like any node. A percentage maxSurge is taken of the pool's size now
 * (SOURCES.nodeCyclingManaged), rounded up (*inferred*: Oracle does not say how it rounds), and never
 * more than the pool's nodes (NodePoolCyclingDetails: "Ranges from 0 to Nodepool size").
 */
export const SURGE_NODE_WORKER_SUBNET_IPS = 1;

/**
 * How a percentage maxSurge becomes nodes: of the pool's size (SOURCES.nodeCyclingManaged: "a
 * percentage of the number of nodes shown in the node pool's Node count property ... (the node
 * pool's Size property in the API)"; NodePoolCyclingDetails: "Ranges from 0 to Nodepool size or 0%
 * to 100%"). Oracle does not say how a fraction of a node rounds. *Inferred*: up, as Kubernetes
 * rounds a percentage maxSurge, so a plan never counts fewer surge nodes than OKE may start.
 */
export const SURGE_PERCENT_ROUNDS_UP = true;

/**
 * OCI reserves the first two and the last IPv4 address of every subnet (VCN_DOC, "Subnets").
 * A subnet may have several IPv4 CIDR blocks (oci-core Subnet.ipv4CidrBlocks); that OCI reserves
 * these three in each block is *inferred* (network address, gateway and broadcast are per block;
 * Oracle's pages state the three per subnet only), so usable addresses are summed per block.
 */
export const SUBNET_RESERVED_ADDRESSES = 3;

/** Allowed VCN and subnet sizes: /16 (largest) to /30 (smallest) (VCN_DOC). */
export const LARGEST_SUBNET_PREFIX = 16;
export const SMALLEST_SUBNET_PREFIX = 30;

/** "You can only use the OCI VCN-Native Pod Networking CNI plugin with clusters running Kubernetes 1.22 or later" (CNI_DOC). */
export const MIN_KUBERNETES_VCN_NATIVE = '1.22.0';

/** Self-managed nodes need a control plane on "Kubernetes version 1.27.10 (or later)" (CNI_DOC). */
export const MIN_CONTROL_PLANE_SELF_MANAGED = '1.27.10';

/** Service meshes: "Worker nodes must be running Kubernetes 1.26 (or later)" (CNI_DOC). */
export const MIN_KUBERNETES_SERVICE_MESH = '1.26.0';

/** "do not select an OKE image released before June 2022" (CNI_DOC). ISO date of the first allowed day. */
export const MIN_OKE_IMAGE_RELEASE = '2022-06-01';

/** oke-cni's own default for the pod-subnet-headroom warning (not an OCI number). */
export const DEFAULT_HEADROOM_PERCENT = 80;

/**
 * Virtual nodes: "Only one VNIC is attached to each virtual node" and "IP addresses are not
 * pre-allocated before pods are created" (SOURCES.virtualNodes, page updated 2024-10-28). Each pod
 * gets its own VNIC in the pod subnet: PodConfiguration.subnetId is "The regional subnet where
 * pods' VNIC will be placed" (SOURCES.virtualPodConfiguration).
 */
export const VIRTUAL_NODE_VNICS = 1;

/**
 * "A virtual node pool scales automatically, and can support up to 1000 pods per virtual node"
 * (SOURCES.clusterScaling, as fetched 2026-09; the 2024-11-07 version of the page said 500).
 */
export const VIRTUAL_NODE_MAX_PODS = 1000;

/**
 * Kubernetes services CIDR when a cluster does not set one: the OKE console's Custom Create
 * default and terraform-oci-oke's `services_cidr` default (variables-cluster.tf). A CIDR for
 * ClusterIPs, not a VCN range, so it is not held to the /16../30 subnet sizes.
 */
export const DEFAULT_SERVICES_CIDR = '10.96.0.0/16';

/**
 * Service meshes, as the 2025-02-12 CNI page said: "with the exception of the Istio add-on, support is
 * currently limited to Oracle Linux 7". The 2026-09 copy of the page says instead "Service mesh products
 * (such as Istio) are supported regardless of the CNI plugin you are using ... Worker nodes must be
 * running Kubernetes 1.26 (or later)" and no longer names an OS. service-mesh-support follows the current
 * page by default; its `serviceMeshOracleLinux7` option (lint --service-mesh-ol7) brings the old check back.
 */
export const SERVICE_MESH_ORACLE_LINUX_MAJOR = 7;

/**
 * The CNI of a cluster whose API object names none: "If you use the API, the flannel CNI plugin
 * remains the default" (SOURCES.flannelPlugin); clusters created before July 2022 always used it.
 * Applies to API-shaped input (live, OCI CLI JSON, Terraform); the oke-cni config defaults to
 * VCN-native, the tool's subject.
 */
export const API_DEFAULT_CNI_TYPE: 'FLANNEL_OVERLAY' = 'FLANNEL_OVERLAY';

/**
 * Security rules VCN-native pod networking needs ("Network Resource Configuration for Cluster Creation
 * and Deployment", SOURCES.networkResourceConfig, page "Updated 2025-02-12"; read from the stored copy
 * jacklty/oci_doc_crawler iaas/Content/ContEng/Concepts/contengnetworkconfig.md @ 8e7bbd7). The
 * tables themselves are in core/security-rules/required.ts; these are the numbers they use.
 */
/** "TCP/6443 | Kubernetes worker to Kubernetes API endpoint communication". */
export const KUBERNETES_API_PORT = 6443;
/** "TCP/12250 | Kubernetes worker to Kubernetes API endpoint communication". */
export const OKE_CONTROL_PLANE_PORT = 12250;
/** "TCP 10250,ICMP | Kubernetes API endpoint to worker node communication". */
export const KUBELET_PORT = 10250;
/** "ICMP 3,4 | Path Discovery": ICMP type 3 (destination unreachable), code 4 (fragmentation needed). */
export const PATH_DISCOVERY_ICMP = { type: 3, code: 4 } as const;
/** "TCP/443 | Allow Kubernetes API endpoint to communicate with OKE" (and pods to the internet, optional). */
export const HTTPS_PORT = 443;
/** "TCP/22 | (optional) Allow inbound SSH traffic to worker nodes". */
export const SSH_PORT = 22;
/** IANA protocol numbers, as OCI security rules carry them ("all", "1", "6", "17", "58"). */
export const IP_PROTOCOL = { icmp: 1, tcp: 6, udp: 17, icmpv6: 58 } as const;
/** TCP and UDP ports a security rule may name. */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;
/**
 * "All <region> Services in Oracle Services Network": the service CIDR label of a service gateway's
 * all-services option, e.g. all-iad-services-in-oracle-services-network (OCI Service.cidrBlock).
 * oci-<region>-objectstorage is the other option and covers Object Storage only.
 */
export const ALL_SERVICES_LABEL = /^all-[a-z0-9-]+-services-in-oracle-services-network$/i;
export const ALL_SERVICES_LABEL_TEMPLATE = 'all-<region>-services-in-oracle-services-network';

/**
 * The CNI plugin's DaemonSet, its namespace and pod label: the seed's query is
 * `kubectl logs -n kube-system -l app=vcn-native-ip-cni --prefix | grep "reboot required"` (CNI_DOC, 2025-02-12).
 */
export const CNI_DAEMONSET = 'vcn-native-ip-cni';
export const CNI_NAMESPACE = 'kube-system';

/**
 * From this CNI plugin version (Aug 2025) OCI deploys no update by itself: the DaemonSet uses
 * the OnDelete update strategy (CNI_DOC as crawled 2026-09; oci-facts-2026.md section 6).
 */
export const CNI_ON_DELETE_SINCE_VERSION = '2.3.0';

/** A fact whose current OCI source says something other than the user's 2025-02 document (the seed). */
export interface MovedFact {
  fact: string;
  /** What the 2025-02 document (or the catalog before) said. */
  then: string;
  /** What oke-cni follows now, and how. */
  now: string;
  source: string;
  /** Date of the source's content as read. */
  date: string;
  /** Set when oke-cni infers part of it rather than reading it from OCI. */
  inferred?: string;
}

/** Listed in docs/rules.md ("Facts that moved"); each constant above carries its own source as well. */
export const MOVED_FACTS: readonly MovedFact[] = [
  {
    fact: 'Max pods per node',
    then: '"up to a limit of 110. The limit of 110 is imposed by Kubernetes" (CNI page, 2025-02-12)',
    now:
      '"up to a limit of 256. The limit of 256 is the maximum number of IP addresses that can be assigned to a worker node", for node pools ' +
      'with secondary VNIC profiles (the secondary-vnics model, at most 256 IPs per node in all profiles). Pools without profiles keep ' +
      'MIN((VNICs - 1) * 31, 110).',
    source: SOURCES.addingNodePools,
    date: '2026-09-05',
  },
  {
    fact: 'Pod IPs per VNIC',
    then: '"By default, 31 IP addresses are assigned to the VNIC for use by pods" (CNI page, 2025-02-12)',
    now:
      'each secondary VNIC profile sets its own ipCount (a power of two up to 256, as Oracle\'s Karpenter provider enforces, ' +
      `${SOURCES.karpenterOciNetwork}, 2026-04-21); 31 holds for pools without profiles. More than 32 IPs per VNIC: OCI recommends pod subnets with two CIDR blocks.`,
    source: SOURCES.secondaryVnics,
    date: '2026-09',
    inferred: 'each profile VNIC\'s own primary IP in its subnet (one per profile) is inferred from the VNIC model, not stated for profiles',
  },
  {
    fact: 'Service meshes and the node OS',
    then: '"with the exception of the Istio add-on, support is currently limited to Oracle Linux 7" (CNI page, 2025-02-12)',
    now:
      '"Service mesh products (such as Istio) are supported regardless of the CNI plugin you are using ... Worker nodes must be running ' +
      'Kubernetes 1.26 (or later)"; no OS is named. service-mesh-support checks the OS only with --service-mesh-ol7.',
    source: SOURCES.cniPlugin,
    date: '2026-09',
  },
  {
    fact: 'OCPUs of VM.Standard.E3.Flex, VM.Standard.E4.Flex, VM.Standard3.Flex',
    then: 'the Compute Shapes page gives 1-64 (E3, E4) and 1-32 (Standard3) OCPUs, and so did the catalog',
    now:
      'extended-memory instances take 28-114 OCPUs (E3, E4) and 14-56 (Standard3); ListShapes reports ocpuOptions.max 114 and 56. The catalog ' +
      'accepts 1-114 and 1-56, so real extended-memory nodes are not refused; VNICs stay capped at 24.',
    source: SOURCES.extendedMemory,
    date: '2023-05-12',
  },
  {
    fact: 'OCPUs of VM.Standard.A1.Flex',
    then: 'the Compute Shapes page documents 1-76 OCPUs, and so did the catalog',
    now:
      'ListShapes returns ocpuOptions.max 80 (a real response, github mysql/mysql-shell-plugins gui/frontend/src/tests/unit-tests/components/existingShapes.ts, ' +
      '2025-11-13), as does OCI Data Science\'s shapes page; the catalog accepts 1-80. VNICs stay capped at 24.',
    source: SOURCES.computeShapes,
    date: '2025-11-13',
  },
  {
    fact: 'VNICs of VM.Standard.E2.8',
    then: 'the Compute Shapes page: 4 VNICs (2025-02-13 and current)',
    now:
      'a real ListShapes response reports maxVnicAttachments 8 (2025-11-13). The catalog keeps the documented 4, the limit Oracle commits to, and ' +
      'names the 8 in the shape\'s note; `shapes --live --write` gives your tenancy\'s value for --catalog.',
    source: SOURCES.computeShapes,
    date: '2025-11-13',
  },
  {
    fact: 'GPU shape names',
    then: 'the catalog knew only VM.GPU.A10.1, VM.GPU.A10.2, BM.GPU.A10.4 and BM.GPU.A100-v2.8',
    now:
      '"multiple names are used for the same shape": VM.GPU.GU1.1, VM.GPU.GU1.2, BM.GPU.GU1.4 and BM.GPU.GM4.8 are in the catalog as aliases ' +
      '(aliasOf) with the same values; OKE lists them among its GPU shapes.',
    source: SOURCES.computeKnownIssues,
    date: '2025-02-22',
  },
];
