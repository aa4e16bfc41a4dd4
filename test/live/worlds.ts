/**
 * Fake tenancies for the discovery, upgrade and bench runs: compartments, VCNs, subnets, clusters,
 * node pools and private IPs built in a few lines each, shaped like the Identity, Core and
 * Container Engine answers. The shapes come from the clean fixture (ListShapes of real shapes).
 */
import { readFileSync } from 'node:fs';
import type { World } from '../fake-oci/server.js';

export const TENANCY_ID = 'ocid1.tenancy.oc1..aaaatenancy';
const AD = (n: number): string => `Uocm:US-ASHBURN-AD-${n}`;
export const ocid = (kind: string, name: string): string => (kind === 'compartment' ? `ocid1.compartment.oc1..${name}` : `ocid1.${kind}.oc1.iad.${name}`);

export interface PoolSpec {
  size: number;
  maxPodsPerNode?: number;
  /** Pod subnet by name */
  pods: string;
  /** Worker subnet per AD, by name (first = AD-1, ...) */
  workers: string[];
  shape?: string;
  ocpus?: number;
  maximumSurge?: string;
  tags?: Record<string, string>;
  compartment?: string;
}

export class WorldBuilder {
  readonly world: World;

  /** `fixtures`: the test/fixtures/oci directory (the bench passes it: bundled, this module's URL is elsewhere). */
  constructor(fixtures: URL = new URL('../fixtures/oci/', import.meta.url)) {
    const clean = JSON.parse(readFileSync(new URL('clean.json', fixtures), 'utf8')) as World;
    this.world = {
      clusters: [],
      nodePools: [],
      virtualNodePools: [],
      subnets: [],
      vcns: [],
      shapes: clean.shapes,
      privateIps: {},
      privateIpCidrs: {},
      compartments: [],
      addons: {},
      pageSize: { nodePools: 100, virtualNodePools: 100, shapes: 100, privateIps: 1000, compartments: 100 },
    };
  }

  compartment(name: string, parent = TENANCY_ID): this {
    this.world.compartments!.push({ id: ocid('compartment', name), name, compartmentId: parent.startsWith('ocid1.') ? parent : ocid('compartment', parent), lifecycleState: 'ACTIVE' });
    return this;
  }

  vcn(name: string, cidrs: string[], compartment: string): this {
    this.world.vcns.push({ id: ocid('vcn', name), compartmentId: ocid('compartment', compartment), displayName: name, cidrBlock: cidrs[0], cidrBlocks: cidrs, lifecycleState: 'AVAILABLE' });
    return this;
  }

  /** A private regional subnet; `cidrs[0]` is its cidrBlock, all of them its ipv4CidrBlocks. */
  subnet(name: string, vcn: string, cidrs: string[], compartment: string): this {
    this.world.subnets.push({
      id: ocid('subnet', name),
      compartmentId: ocid('compartment', compartment),
      vcnId: ocid('vcn', vcn),
      displayName: name,
      cidrBlock: cidrs[0],
      ipv4CidrBlocks: cidrs,
      prohibitPublicIpOnVnic: true,
      prohibitInternetIngress: true,
      lifecycleState: 'AVAILABLE',
    });
    return this;
  }

  /** `podNetworkOptions: false` leaves clusterPodNetworkOptions out of the object, as older clusters have it. */
  cluster(name: string, compartment: string, vcn: string, opts: { podNetworkOptions?: boolean } = {}): this {
    this.world.clusters.push({
      id: ocid('cluster', name),
      name,
      compartmentId: ocid('compartment', compartment),
      vcnId: ocid('vcn', vcn),
      kubernetesVersion: 'v1.30.1',
      lifecycleState: 'ACTIVE',
      type: 'ENHANCED_CLUSTER',
      ...(opts.podNetworkOptions === false ? {} : { clusterPodNetworkOptions: [{ cniType: 'OCI_VCN_IP_NATIVE' }] }),
      options: { ipFamilies: ['IPv4'], kubernetesNetworkConfig: { podsCidr: '10.244.0.0/16', servicesCidr: '10.96.0.0/16' } },
    });
    return this;
  }

  /** A managed VCN-native node pool (E4.Flex at 4 OCPUs, 31 pods per node unless told). */
  pool(name: string, cluster: string, spec: PoolSpec): this {
    const clusterObject = this.world.clusters.find((c) => c.id === ocid('cluster', cluster));
    const compartmentId = spec.compartment ? ocid('compartment', spec.compartment) : (clusterObject?.compartmentId as string);
    this.world.nodePools.push({
      id: ocid('nodepool', name),
      compartmentId,
      clusterId: ocid('cluster', cluster),
      name,
      lifecycleState: 'ACTIVE',
      kubernetesVersion: 'v1.30.1',
      nodeImageName: 'Oracle-Linux-8.9-2024.01.26-0-OKE-1.30.1-679',
      nodeShape: spec.shape ?? 'VM.Standard.E4.Flex',
      nodeShapeConfig: { ocpus: spec.ocpus ?? 4 },
      nodeConfigDetails: {
        size: spec.size,
        placementConfigs: spec.workers.map((w, i) => ({ availabilityDomain: AD(i + 1), subnetId: ocid('subnet', w) })),
        nodePoolPodNetworkOptionDetails: { cniType: 'OCI_VCN_IP_NATIVE', maxPodsPerNode: spec.maxPodsPerNode ?? 31, podSubnetIds: [ocid('subnet', spec.pods)], podNsgIds: [] },
      },
      ...(spec.maximumSurge === undefined ? {} : { nodePoolCyclingDetails: { isNodeCyclingEnabled: true, maximumSurge: spec.maximumSurge, maximumUnavailable: '0' } }),
      freeformTags: spec.tags ?? {},
      definedTags: {},
    });
    return this;
  }

  virtualPool(name: string, cluster: string, spec: { size: number; pods: string; workers: string[]; maximumSurge?: string }): this {
    const clusterObject = this.world.clusters.find((c) => c.id === ocid('cluster', cluster));
    this.world.virtualNodePools.push({
      id: ocid('virtualnodepool', name),
      compartmentId: clusterObject?.compartmentId as string,
      clusterId: ocid('cluster', cluster),
      displayName: name,
      kubernetesVersion: 'v1.30.1',
      lifecycleState: 'ACTIVE',
      size: spec.size,
      placementConfigurations: spec.workers.map((w, i) => ({ availabilityDomain: AD(i + 1), faultDomain: ['FAULT-DOMAIN-1'], subnetId: ocid('subnet', w) })),
      podConfiguration: { subnetId: ocid('subnet', spec.pods), shape: 'Pod.Standard.E4.Flex' },
      ...(spec.maximumSurge === undefined ? {} : { virtualNodePoolCyclingDetails: { isNodeCyclingEnabled: true, maximumSurge: spec.maximumSurge } }),
    });
    return this;
  }

  /** `ips` single private IPs in the subnet, plus one CIDR-sized private IP per prefix length in `cidrPrefixes`. */
  inUse(subnet: string, ips: number, cidrPrefixes: number[] = []): this {
    this.world.privateIps[ocid('subnet', subnet)] = ips;
    if (cidrPrefixes.length) this.world.privateIpCidrs![ocid('subnet', subnet)] = cidrPrefixes;
    return this;
  }

  /**
   * A stateful security list that allows all traffic in and out, named by `subnets` (in OCI every
   * subnet has at least one list: without one, the security rules are not checked).
   */
  openSecurityList(name: string, compartment: string, subnets: string[]): this {
    const id = ocid('securitylist', name);
    (this.world.securityLists ??= []).push({
      id,
      compartmentId: ocid('compartment', compartment),
      displayName: name,
      lifecycleState: 'AVAILABLE',
      ingressSecurityRules: [{ protocol: 'all', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK', isStateless: false }],
      egressSecurityRules: [{ protocol: 'all', destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', isStateless: false }],
    });
    for (const subnet of this.world.subnets.filter((s) => subnets.includes(s.displayName as string))) subnet.securityListIds = [id];
    return this;
  }

  /** The cluster's Kubernetes API endpoint in `subnet` (endpointConfig.subnetId). */
  endpoint(cluster: string, subnet: string): this {
    const found = this.world.clusters.find((c) => c.id === ocid('cluster', cluster));
    if (found) found.endpointConfig = { subnetId: ocid('subnet', subnet), isPublicIpEnabled: false };
    return this;
  }

  /** The Cluster Autoscaler add-on of a cluster, managing `pools` as `name: [min, max]`. */
  autoscaler(cluster: string, pools: Record<string, [number, number]>): this {
    const nodes = Object.entries(pools).map(([name, [min, max]]) => `${min}:${max}:${ocid('nodepool', name)}`).join(',');
    this.world.addons![ocid('cluster', cluster)] = [{ name: 'ClusterAutoscaler', lifecycleState: 'ACTIVE', configurations: [{ key: 'nodes', value: nodes }] }];
    return this;
  }
}

/**
 * The bench tenancy: `compartments` compartments (nested 5 levels under the tenancy), `clusters`
 * clusters and `pools` managed pools spread round-robin over the clusters, each pool in the
 * compartment of its index, all sharing `podSubnets` pod subnets (each pool on one of them, each
 * cluster on all of them). 2 nodes per pool now; each pod subnet has 40 addresses of other use.
 */
export function benchTenancy(opts: { compartments: number; clusters: number; pools: number; podSubnets: number; fixtures?: URL }): WorldBuilder {
  const w = new WorldBuilder(opts.fixtures);
  const names = Array.from({ length: opts.compartments }, (_, i) => `comp${i}`);
  // comp0..: each group of 10 is a chain; comp(i) sits under comp(i-1) unless i is a multiple of 5.
  names.forEach((name, i) => w.compartment(name, i % 5 === 0 ? TENANCY_ID : names[i - 1]));
  w.vcn('shared', ['10.0.0.0/16', '10.1.0.0/16'], 'comp0');
  w.subnet('workers', 'shared', ['10.0.0.0/18'], 'comp0');
  for (let s = 0; s < opts.podSubnets; s++) w.subnet(`pods${s}`, 'shared', [`10.1.${s * 32}.0/19`], 'comp0');
  for (let c = 0; c < opts.clusters; c++) w.cluster(`cluster${c}`, names[c % names.length] as string, 'shared');
  for (let p = 0; p < opts.pools; p++) {
    // Pool p belongs to cluster p % clusters; each cluster's pools spread over every pod subnet.
    w.pool(`pool${p}`, `cluster${p % opts.clusters}`, { size: 2, pods: `pods${Math.floor(p / opts.clusters) % opts.podSubnets}`, workers: ['workers'], compartment: names[p % names.length] });
  }
  const perSubnet = Math.ceil(opts.pools / opts.podSubnets);
  for (let s = 0; s < opts.podSubnets; s++) w.inUse(`pods${s}`, perSubnet * 2 * 32 + 40);
  return w;
}
