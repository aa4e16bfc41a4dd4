/**
 * The live OCI source: reads a cluster, its node pools, subnets, VCNs and shapes through the
 * real SDK clients and builds the same Model the file sources build. The only module tree that
 * loads oci-*; the CLI reaches it through `await import()` on the live path only.
 *
 * Each resource is fetched once per session (memoized by OCID, the promise itself is kept so
 * concurrent readers share one request); independent reads run concurrently, bounded by the
 * transport's limiter. Every request is a GET (transport.ts refuses anything else).
 */
import type { models as ceModels } from 'oci-containerengine';
import type { models as coreModels } from 'oci-core';
import type { requests as identityRequests } from 'oci-identity';
import type { Catalog } from '../../catalog/catalog.js';
import { UserError } from '../../core/errors.js';
import type { Cluster, Model, NetworkSecurityGroup, NodePool, SecurityList, Subnet, Vcn } from '../../core/model.js';
import { DEFAULT_SERVICES } from '../file/draft.js';
import { autoscalerMaxima, CLUSTER_AUTOSCALER_ADDON, placementSubnetIds, privateIpAddresses } from '../oci-objects.js';
import { compartmentTree, type CompartmentTree } from './compartments.js';
import { authenticate, type AuthKind } from './auth.js';
import { liveError, type CallSite, type ErrorContext } from './errors.js';
import { isLivePool, mapCluster, mapNodePool, mapSubnet, mapVcn, mapVirtualNodePool, RESOURCE_TYPES, type MappedPool } from './map.js';
import { quietConsole, type QuietConsole } from './quiet-console.js';
import { loadSdk, type Sdk } from './sdk.js';
import { readTenancyPolicies } from './policies.js';
import { catalogFileText, liveCatalog } from './shapes.js';
import type { LivePolicies } from '../../core/policy/report.js';
import { LiveTransport, type CallStats, type RetryPolicy } from './transport.js';
import { subnetUsage, type SubnetUsage } from './usage.js';
import { mapNsgRules, mapSecurityList, SECURITY_RESOURCE_TYPES } from './security.js';

export { AUTH_KINDS, INSTANCE_METADATA_BASE_URL, type AuthKind } from './auth.js';
export { MAX_NODES_TAG } from './map.js';
export type { CallStats, RetryPolicy } from './transport.js';
export type { PoolAddressDemand, SubnetUsage } from './usage.js';
export { catalogFileText };

export interface LiveConnection {
  auth: AuthKind;
  /** OCI config file (api_key, security_token), already resolved from flag, env and default. */
  configFile: string;
  profile: string;
  /** For `~` in key_file and security_token_file. */
  homeDir: string;
  /** Region id (us-ashburn-1); when unset, the one the credentials name. */
  region?: string | undefined;
  /** One base URL for every service (API version paths are appended per service). */
  endpoint?: string | undefined;
  timeoutSeconds: number;
  /** Requests in flight at once, over all services. */
  concurrency: number;
  retry: RetryPolicy;
  /** The process environment (resource principal variables). */
  env: Readonly<Record<string, string | undefined>>;
  /** Tests only: where instance principals look for the metadata service. */
  instanceMetadataBaseUrl?: string | undefined;
  /** --verbose lines: every API call, and the SDK's own console output. */
  log?: ((line: string) => void) | undefined;
  /** Short progress messages for a spinner. */
  progress?: ((message: string) => void) | undefined;
}

/** Something a narrower IAM policy kept from being read: the run goes on without it and says so. */
export interface LiveNote {
  resourceType: string;
  ocid: string;
  message: string;
}

/** Which compartments a live run searched for node pools, and why those. */
export interface SearchReport {
  roots: string[];
  /** Where the roots came from: --compartment, the profile's tenancy, or (no tenancy known) the cluster's compartment. */
  from: '--compartment' | 'tenancy' | 'cluster compartment';
  /** Compartments whose node pools were listed (the tree under the roots, and the cluster's own). */
  compartments: number;
  compartmentIds: string[];
}

export interface ReadClusterOptions {
  /** Roots of the compartment tree to search (--compartment, repeatable); default: the tenancy. */
  compartments?: readonly string[] | undefined;
  /**
   * false: read only where the cluster's parts are (cluster, pools, subnets, VCN: what `policy`
   * needs), not what the capacity rules count (ListShapes, ListPrivateIps, GetAddon, the clusters
   * sharing the pod subnets). Default true.
   */
  capacity?: boolean | undefined;
  /** Also read the addresses in use now in the worker subnets (check --upgrade: each surge node takes one there). */
  workerUsage?: boolean | undefined;
  /**
   * false: do not read the security rules (the endpoint subnet, GetSecurityList,
   * ListNetworkSecurityGroupSecurityRules). Default true.
   */
  security?: boolean | undefined;
}

export interface LiveCluster {
  model: Model;
  /** Shapes of the pools' compartments, from ListShapes. */
  catalog: Catalog;
  usage: SubnetUsage[];
  search: SearchReport;
  /** What could not be read (a narrower IAM policy) and was left out, one line each. */
  notes: LiveNote[];
}

export interface LiveRefs {
  model: Model;
  notes: LiveNote[];
  /** Set when pod subnets were read from OCI and the compartments searched for pools sharing them. */
  search?: SearchReport | undefined;
}

export interface ExternalRefs {
  vcns: readonly string[];
  subnets: readonly string[];
}

export interface LiveSession {
  readCluster(clusterId: string, options?: ReadClusterOptions): Promise<LiveCluster>;
  /**
   * Adds the subnets and VCNs a file names by OCID (and the VCNs of those subnets) to `model`, and,
   * for pod subnets among them, the node pools of other clusters that share them.
   */
  addExternalRefs(model: Model, refs: ExternalRefs, options?: ReadClusterOptions): Promise<LiveRefs>;
  /** The compartment tree under `roots` (ListCompartments, every page, each compartment once). */
  compartments(roots: readonly string[]): Promise<CompartmentTree>;
  readShapes(compartmentId: string): Promise<Catalog>;
  /** The tenancy's compartment tree and all its IAM policies (from any compartment of the tenancy). */
  readPolicies(compartmentId: string): Promise<LivePolicies>;
  stats(): CallStats;
  /** Gives the console back; call when done (also after a failure). */
  close(): void;
}

/** Page size asked of list calls; OCI caps most list operations at 1000. */
const LIST_PAGE_LIMIT = 1000;
/**
 * Pages of one NSG's rules read at most: OCI allows 120 rules per NSG (Networking service limits),
 * so more pages than this mean the API is not answering as documented.
 */
const MAX_NSG_RULE_PAGES = 20;

type Soft<T> = { value: T } | { reason: string; status: number };

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];
const identityAccessAny = 'ANY' as identityRequests.ListCompartmentsRequest.AccessLevel;
const today = (): string => new Date().toISOString().slice(0, 10);

class Session implements LiveSession {
  private readonly subnets = new Map<string, Promise<coreModels.Subnet>>();
  private readonly vcns = new Map<string, Promise<coreModels.Vcn>>();
  private readonly privateIpCounts = new Map<string, Promise<{ value: number } | { reason: string; status: number }>>();
  private readonly addons = new Map<string, Promise<Map<string, number>>>();
  private readonly otherClusters = new Map<string, Promise<ceModels.Cluster | undefined>>();
  private readonly identity: InstanceType<Sdk['identity']['IdentityClient']>;
  private readonly shapeLists = new Map<string, Promise<coreModels.Shape[]>>();
  private readonly securityListReads = new Map<string, Promise<Soft<coreModels.SecurityList>>>();
  private readonly nsgRuleReads = new Map<string, Promise<Soft<coreModels.SecurityRule[]>>>();
  private readonly softSubnets = new Map<string, Promise<Soft<coreModels.Subnet>>>();
  private readonly containerEngine: InstanceType<Sdk['containerengine']['ContainerEngineClient']>;
  private readonly virtualNetwork: InstanceType<Sdk['core']['VirtualNetworkClient']>;
  private readonly compute: InstanceType<Sdk['core']['ComputeClient']>;

  constructor(
    sdk: Sdk,
    private readonly conn: LiveConnection,
    private readonly transport: LiveTransport,
    region: string | undefined,
    private readonly errors: ErrorContext,
    private readonly sdkConsole: QuietConsole,
    private readonly tenancy: string | undefined,
  ) {
    const { common } = sdk;
    // oke-cni's transport signs, retries and times out; the SDK must do none of that itself.
    const config = {
      circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
      retryConfiguration: common.NoRetryConfigurationDetails,
    };
    const params = { httpClient: transport };
    this.containerEngine = new sdk.containerengine.ContainerEngineClient(params, config);
    this.virtualNetwork = new sdk.core.VirtualNetworkClient(params, config);
    this.compute = new sdk.core.ComputeClient(params, config);
    this.identity = new sdk.identity.IdentityClient(params, config);
    for (const client of [this.containerEngine, this.virtualNetwork, this.compute, this.identity]) {
      if (region) client.regionId = region;
      // Last: setting the region rewrites the endpoint (oci-sdk-notes.md).
      if (conn.endpoint) client.endpoint = conn.endpoint;
    }
  }

  stats(): CallStats {
    const s = this.transport.stats;
    return { calls: s.calls, retries: s.retries, byOperation: { ...s.byOperation } };
  }

  close(): void {
    this.transport.close();
    this.sdkConsole.mute();
    // Aborted sibling requests still pass through the SDK's retrier, which console.warns once
    // each: keep the console captured until they have, then give it back.
    void this.transport.idle().then(() => setImmediate(() => this.sdkConsole.release()));
  }

  private progress(message: string): void {
    this.conn.progress?.(message);
  }

  private async call<T>(site: CallSite, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw liveError(err, site, this.errors);
    }
  }

  /** Every page of a list operation, following opc-next-page (at most `maxPages`, when given). */
  private async allPages<T>(
    site: CallSite,
    fetchPage: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string | undefined }>,
    maxPages?: number,
  ): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let page: string | undefined;
    let pages = 0;
    do {
      const answer = await this.call(site, () => fetchPage(page));
      items.push(...answer.items);
      pages++;
      page = answer.opcNextPage || undefined;
      if (page !== undefined) {
        if (seen.has(page)) throw new UserError(`the API returned page token "${page}" twice`, `OCI ${site.operation} ${site.resource}`);
        if (maxPages !== undefined && pages >= maxPages) throw new UserError(`the API returned more than ${maxPages} pages`, `OCI ${site.operation} ${site.resource}`);
        seen.add(page);
      }
    } while (page !== undefined);
    return items;
  }

  /** One request per key and session; a failed read is forgotten so a later call may try again. */
  private memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let value = cache.get(key);
    if (!value) {
      value = load();
      cache.set(key, value);
      value.catch(() => {
        if (cache.get(key) === value) cache.delete(key);
      });
    }
    return value;
  }

  private subnet(subnetId: string): Promise<coreModels.Subnet> {
    return this.memo(this.subnets, subnetId, () =>
      this.call({ operation: 'GetSubnet', resource: subnetId }, async () => (await this.virtualNetwork.getSubnet({ subnetId })).subnet),
    );
  }

  private vcn(vcnId: string): Promise<coreModels.Vcn> {
    return this.memo(this.vcns, vcnId, () => this.call({ operation: 'GetVcn', resource: vcnId }, async () => (await this.virtualNetwork.getVcn({ vcnId })).vcn));
  }

  /**
   * Addresses in use in a subnet now: every private IP (primary and secondary, so pre-allocated pod
   * IPs count), a CIDR-sized one as 2^(32 - cidrPrefixLength). A refused read (403/404) is a reason.
   */
  private privateIpCount(subnetId: string): Promise<{ value: number } | { reason: string; status: number }> {
    return this.memo(this.privateIpCounts, subnetId, () =>
      this.soft({ operation: 'ListPrivateIps', resource: subnetId }, async () => {
        const ips = await this.allPages({ operation: 'ListPrivateIps', resource: subnetId }, (page) =>
          this.virtualNetwork.listPrivateIps({ subnetId, page, limit: LIST_PAGE_LIMIT }),
        );
        return ips.reduce((sum, ip) => sum + privateIpAddresses(ip), 0);
      }),
    );
  }

  private securityList(securityListId: string): Promise<Soft<coreModels.SecurityList>> {
    return this.memo(this.securityListReads, securityListId, () =>
      this.soft({ operation: 'GetSecurityList', resource: securityListId }, async () => (await this.virtualNetwork.getSecurityList({ securityListId })).securityList),
    );
  }

  private nsgRules(networkSecurityGroupId: string): Promise<Soft<coreModels.SecurityRule[]>> {
    const site = { operation: 'ListNetworkSecurityGroupSecurityRules', resource: networkSecurityGroupId };
    return this.memo(this.nsgRuleReads, networkSecurityGroupId, () =>
      this.soft(site, () =>
        this.allPages(site, (page) => this.virtualNetwork.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId, page, limit: LIST_PAGE_LIMIT }), MAX_NSG_RULE_PAGES),
      ),
    );
  }

  /** A subnet only the security rules need (the API endpoint's): a refused read is a note, not a failed run. */
  private softSubnet(subnetId: string): Promise<Soft<coreModels.Subnet>> {
    return this.memo(this.softSubnets, subnetId, () =>
      this.soft({ operation: 'GetSubnet', resource: subnetId }, async () => (await this.virtualNetwork.getSubnet({ subnetId })).subnet),
    );
  }

  /**
   * The security lists of the model's subnets and the rules of the NSGs its clusters name (pools'
   * nsgIds and podNsgIds, the endpoint's), each read once, when given by OCID and not already in
   * the model. A refused read (403/404) leaves that list or NSG out, with a note: its rules are then
   * "not checked".
   */
  private async securityOf(model: Model, notes: LiveNote[]): Promise<{ securityLists: SecurityList[]; networkSecurityGroups: NetworkSecurityGroup[] }> {
    const have = (items: ReadonlyArray<{ ref: string; ocid?: string | undefined }> | undefined): Set<string> =>
      new Set((items ?? []).flatMap((i) => [i.ref, ...(i.ocid ? [i.ocid] : [])]));
    const haveLists = have(model.securityLists);
    const haveNsgs = have(model.networkSecurityGroups);
    const listIds = distinct(model.subnets.flatMap((s) => s.securityListIds ?? [])).filter((id) => id.startsWith('ocid1.securitylist.') && !haveLists.has(id));
    const nsgIds = distinct(
      model.clusters.flatMap((c) => [...(c.endpointNsgIds ?? []), ...c.nodePools.filter((p) => p.type !== 'virtual').flatMap((p) => [...p.nsgIds, ...p.podNsgIds])]),
    ).filter((id) => id.startsWith('ocid1.networksecuritygroup.') && !haveNsgs.has(id));
    if (listIds.length + nsgIds.length === 0) return { securityLists: [], networkSecurityGroups: [] };
    this.progress(`reading ${listIds.length} security lists and the rules of ${nsgIds.length} NSGs`);
    const [lists, nsgs] = await Promise.all([Promise.all(listIds.map((id) => this.securityList(id))), Promise.all(nsgIds.map((id) => this.nsgRules(id)))]);
    const securityLists: SecurityList[] = [];
    lists.forEach((answer, i) => {
      const id = listIds[i] as string;
      if ('value' in answer) securityLists.push(mapSecurityList(answer.value));
      else notes.push({ resourceType: SECURITY_RESOURCE_TYPES.securityList, ocid: id, message: `security list ${id} not read, so the security rules it holds are not checked: ${answer.reason}` });
    });
    const networkSecurityGroups: NetworkSecurityGroup[] = [];
    nsgs.forEach((answer, i) => {
      const id = nsgIds[i] as string;
      if ('value' in answer) networkSecurityGroups.push(mapNsgRules(id, answer.value));
      else notes.push({ resourceType: SECURITY_RESOURCE_TYPES.nsg, ocid: id, message: `the rules of NSG ${id} not read, so they are not checked: ${answer.reason}` });
    });
    return { securityLists, networkSecurityGroups };
  }

  private shapes(compartmentId: string): Promise<coreModels.Shape[]> {
    return this.memo(this.shapeLists, compartmentId, () =>
      this.allPages({ operation: 'ListShapes', resource: compartmentId }, (page) => this.compute.listShapes({ compartmentId, page, limit: LIST_PAGE_LIMIT })),
    );
  }

  private async catalogFor(compartmentIds: readonly string[]): Promise<Catalog> {
    const lists = await Promise.all(compartmentIds.map((id) => this.shapes(id)));
    const source = `${this.compute.endpoint} ListShapes (compartment ${compartmentIds.join(', ')})`;
    const { catalog, skipped } = liveCatalog(lists.flat(), source, today());
    for (const s of skipped) this.conn.log?.(`shapes: left out ${s}`);
    return catalog;
  }

  readPolicies(compartmentId: string): Promise<LivePolicies> {
    return readTenancyPolicies(this.identity, { call: (site, run) => this.call(site, run), allPages: (site, fetch) => this.allPages(site, fetch), compartmentTree: (roots) => this.compartments(roots) }, compartmentId, (m) => this.progress(m));
  }

  async readShapes(compartmentId: string): Promise<Catalog> {
    this.progress('reading shapes');
    const catalog = await this.catalogFor([compartmentId]);
    if (catalog.shapes.length === 0) {
      throw new UserError('ListShapes returned no shape with a VNIC limit (check the compartment OCID and the IAM policies)', `OCI ListShapes ${compartmentId}`);
    }
    return catalog;
  }

  /**
   * Subnets by OCID and their VCNs, as model objects. A subnet whose VCN the model already has
   * (same ref, or a file VCN carrying that OCID) points at that VCN.
   */
  private async subnetsAndVcns(
    subnetIds: readonly string[],
    vcnIds: readonly string[],
    podSubnetIds: ReadonlySet<string>,
    known: readonly Vcn[],
    notes: LiveNote[],
    usageOf: ReadonlySet<string> = podSubnetIds,
  ): Promise<{ subnets: Subnet[]; vcns: Vcn[] }> {
    const refOfKnown = new Map<string, string>();
    for (const v of known) {
      refOfKnown.set(v.ref, v.ref);
      if (v.ocid) refOfKnown.set(v.ocid, v.ref);
    }
    // VCNs known up front are read alongside the subnets; the subnets' own VCNs follow them.
    for (const id of vcnIds) if (!refOfKnown.has(id)) void this.vcn(id).catch(() => undefined);
    const [apiSubnets, counts] = await Promise.all([
      Promise.all(subnetIds.map((id) => this.subnet(id))),
      Promise.all(subnetIds.map((id) => (usageOf.has(id) ? this.privateIpCount(id) : Promise.resolve(undefined)))),
    ]);
    const toFetch = distinct([...vcnIds, ...apiSubnets.map((s) => s.vcnId)]).filter((id) => !refOfKnown.has(id));
    const apiVcns = await Promise.all(toFetch.map((id) => this.vcn(id)));
    const vcns = apiVcns.map(mapVcn);
    for (const v of vcns) refOfKnown.set(v.ref, v.ref);
    const subnets = apiSubnets.map((s, i) => {
      const count = counts[i];
      const subnet = mapSubnet(s, refOfKnown.get(s.vcnId) ?? s.vcnId, count && 'value' in count ? count.value : undefined);
      if (count && 'reason' in count) {
        subnet.liveUsedUnknown = count.reason;
        const message = podSubnetIds.has(s.id)
          ? `pod subnet "${subnet.name}": in use now unknown, so only the node pools are counted: ${count.reason}`
          : `subnet "${subnet.name}": in use now unknown, so its free addresses are not checked: ${count.reason}`;
        notes.push({ resourceType: RESOURCE_TYPES.subnet, ocid: s.id, message });
      }
      return subnet;
    });
    return { subnets, vcns };
  }

  /** A read that may be refused by a narrower IAM policy (403, 404): undefined and the reason, instead of a failed run. */
  private async soft<T>(site: CallSite, run: () => Promise<T>): Promise<Soft<T>> {
    try {
      return { value: await run() };
    } catch (err) {
      const status = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
      if (status === 403 || status === 404) return { reason: liveError(err, site, this.errors).message, status };
      throw liveError(err, site, this.errors);
    }
  }

  /** The compartments to search: the roots given, else the profile's tenancy, else the cluster's compartment. */
  async compartments(roots: readonly string[]): Promise<CompartmentTree> {
    return compartmentTree(roots, (parentId, subtree) =>
      this.allPages({ operation: 'ListCompartments', resource: parentId }, (page) =>
        this.identity.listCompartments({
          compartmentId: parentId,
          compartmentIdInSubtree: subtree ? true : undefined,
          accessLevel: subtree ? identityAccessAny : undefined,
          page,
          limit: LIST_PAGE_LIMIT,
        }),
      ),
    );
  }

  private searchRoots(given: readonly string[] | undefined, clusterCompartment: string): { roots: string[]; from: SearchReport['from'] } {
    if (given && given.length > 0) return { roots: distinct(given), from: '--compartment' };
    if (this.tenancy) return { roots: [this.tenancy], from: 'tenancy' };
    return { roots: [clusterCompartment], from: 'cluster compartment' };
  }

  /** Every live node pool and virtual node pool of the searched compartments, each compartment listed once. */
  private async poolsIn(compartmentIds: readonly string[], notes: LiveNote[]): Promise<{ managed: ceModels.NodePoolSummary[]; virtual: ceModels.VirtualNodePoolSummary[] }> {
    const lists = await Promise.all(
      compartmentIds.map(async (compartmentId) => {
        const [managed, virtual] = await Promise.all([
          this.allPages({ operation: 'ListNodePools', resource: compartmentId }, (page) => this.containerEngine.listNodePools({ compartmentId, page, limit: LIST_PAGE_LIMIT })),
          this.soft({ operation: 'ListVirtualNodePools', resource: compartmentId }, () =>
            this.allPages({ operation: 'ListVirtualNodePools', resource: compartmentId }, (page) =>
              this.containerEngine.listVirtualNodePools({ compartmentId, page, limit: LIST_PAGE_LIMIT }),
            ),
          ),
        ]);
        if ('reason' in virtual) notes.push({ resourceType: 'compartment', ocid: compartmentId, message: `virtual node pools of compartment ${compartmentId} not read, so not counted: ${virtual.reason}` });
        return { managed, virtual: 'value' in virtual ? virtual.value : [] };
      }),
    );
    const live = <P extends { lifecycleState?: unknown; id?: string | undefined }>(pools: P[], kind: string): P[] =>
      pools.filter((p) => {
        const keep = isLivePool({ lifecycleState: p.lifecycleState as string | undefined });
        if (!keep) this.conn.log?.(`skipping ${kind} ${p.id} (${String(p.lifecycleState)})`);
        return keep;
      });
    return {
      managed: live(lists.flatMap((l) => l.managed), RESOURCE_TYPES.nodePool),
      virtual: live(lists.flatMap((l) => l.virtual), RESOURCE_TYPES.virtualNodePool),
    };
  }

  /** The Cluster Autoscaler add-on's node-pool maxima of a cluster; none when the cluster has no add-on (404). */
  private autoscaler(clusterId: string, notes: LiveNote[]): Promise<Map<string, number>> {
    return this.memo(this.addons, clusterId, async () => {
      const site = { operation: 'GetAddon', resource: `${clusterId} ${CLUSTER_AUTOSCALER_ADDON}` };
      const answer = await this.soft(site, async () => (await this.containerEngine.getAddon({ clusterId, addonName: CLUSTER_AUTOSCALER_ADDON })).addon);
      if ('reason' in answer) {
        if (answer.status === 403) notes.push({ resourceType: RESOURCE_TYPES.cluster, ocid: clusterId, message: `the Cluster Autoscaler add-on of cluster ${clusterId} not read (its pools are planned at their size or tag): ${answer.reason}` });
        return new Map<string, number>();
      }
      return autoscalerMaxima(answer.value.configurations);
    });
  }

  private otherCluster(clusterId: string): Promise<ceModels.Cluster | undefined> {
    return this.memo(this.otherClusters, clusterId, async () => {
      const answer = await this.soft({ operation: 'GetCluster', resource: clusterId }, async () => (await this.containerEngine.getCluster({ clusterId })).cluster);
      return 'value' in answer ? answer.value : undefined;
    });
  }

  /**
   * The pools of the searched compartments that share `podSubnetIds` (as pod subnet, or as worker
   * subnet), grouped into their clusters, each read with GetCluster (version, CNI) and its add-on.
   */
  private async sharingClusters(
    pools: { managed: ceModels.NodePoolSummary[]; virtual: ceModels.VirtualNodePoolSummary[] },
    podSubnetIds: ReadonlySet<string>,
    exclude: ReadonlySet<string>,
    notes: LiveNote[],
  ): Promise<Cluster[]> {
    const touches = (podSubnets: readonly string[], workers: readonly string[]): boolean => [...podSubnets, ...workers].some((id) => podSubnetIds.has(id));
    const managed = pools.managed.filter((p) => !exclude.has(p.clusterId ?? '') && touches(poolPodSubnetIds(p), poolWorkerSubnetIds(p)));
    const virtual = pools.virtual.filter((p) => !exclude.has(p.clusterId) && touches(p.podConfiguration?.subnetId ? [p.podConfiguration.subnetId] : [], (p.placementConfigurations ?? []).map((c) => c.subnetId)));
    const clusterIds = distinct([...managed.map((p) => p.clusterId ?? ''), ...virtual.map((p) => p.clusterId)]).filter((id) => id !== '');
    return Promise.all(
      clusterIds.map(async (id) => {
        const [apiCluster, maxima] = await Promise.all([this.otherCluster(id), this.autoscaler(id, notes)]);
        const mapped: MappedPool[] = [
          ...managed.filter((p) => p.clusterId === id).map((p) => mapNodePool(p, maxima.get(p.id ?? ''))),
          ...virtual.filter((p) => p.clusterId === id).map((p) => mapVirtualNodePool(p)),
        ];
        if (apiCluster) return mapCluster(apiCluster, mapped);
        notes.push({ resourceType: RESOURCE_TYPES.cluster, ocid: id, message: `cluster ${id} not readable (GetCluster refused): its pools on the shared pod subnets are counted, named by the cluster's OCID` });
        return standInCluster(id, mapped);
      }),
    );
  }

  async readCluster(clusterId: string, options: ReadClusterOptions = {}): Promise<LiveCluster> {
    this.progress('reading the cluster');
    const cluster = await this.call({ operation: 'GetCluster', resource: clusterId }, async () => (await this.containerEngine.getCluster({ clusterId })).cluster);
    const compartmentId = cluster.compartmentId as string;
    const vcnId = cluster.vcnId;
    if (!vcnId) throw new UserError('the API returned no vcnId', `OCI ${RESOURCE_TYPES.cluster} ${clusterId}`);
    const notes: LiveNote[] = [];
    this.progress('listing compartments');
    const { roots, from } = this.searchRoots(options.compartments, compartmentId);
    const capacity = options.capacity !== false;
    const [tree, maxima] = await Promise.all([this.compartments(roots), capacity ? this.autoscaler(clusterId, notes) : Promise.resolve(new Map<string, number>())]);
    // The cluster's own compartment is searched even when the roots do not contain it.
    const searched = distinct([...tree.compartments.map((c) => c.id), compartmentId]);
    this.progress(`reading node pools in ${searched.length} compartments`);
    const all = await this.poolsIn(searched, notes);
    const mapped: MappedPool[] = [
      ...all.managed.filter((p) => p.clusterId === clusterId).map((p) => mapNodePool(p, maxima.get(p.id ?? ''))),
      ...all.virtual.filter((p) => p.clusterId === clusterId).map((p) => mapVirtualNodePool(p)),
    ];
    const pools: NodePool[] = mapped.map((m) => m.pool);
    // Secondary VNIC profiles take pod IPs in their own subnets: read those and their address use too.
    const podSubnetIds = new Set(pools.flatMap((p) => [...p.podSubnets, ...(p.secondaryVnics ?? []).map((v) => v.subnet)]));
    const subnetIds = distinct([...pools.flatMap((p) => p.workerSubnets), ...podSubnetIds]);
    // Shapes of managed pools' compartments; virtual pools have pod shapes, not compute shapes.
    const compartments = capacity ? distinct(pools.filter((p) => p.type !== 'virtual').map((p) => p.compartmentId ?? compartmentId)) : [];
    this.progress(`reading ${subnetIds.length} subnets, their VCNs${compartments.length ? ' and shapes' : ''}${capacity ? ', and the clusters sharing them' : ''}`);
    const noShapes = capacity ? 'none (the cluster has no managed node pools)' : 'none (not read: not needed)';
    const [network, catalog, sharing] = await Promise.all([
      this.subnetsAndVcns(subnetIds, [vcnId], podSubnetIds, [], notes, !capacity ? new Set<string>() : options.workerUsage ? new Set(subnetIds) : podSubnetIds),
      compartments.length
        ? this.catalogFor(compartments)
        : Promise.resolve<Catalog>({ source: noShapes, sourceUpdated: null, retrieved: today(), shapes: [], origin: 'live' }),
      capacity ? this.sharingClusters(all, podSubnetIds, new Set([clusterId]), notes) : Promise.resolve<Cluster[]>([]),
    ]);
    const model: Model = { vcns: network.vcns, subnets: network.subnets, clusters: [mapCluster(cluster, mapped)], sharingClusters: sharing };
    if (options.security !== false) await this.addSecurity(model, subnetIds, notes);
    const search: SearchReport = { roots, from, compartments: searched.length, compartmentIds: searched };
    return { model, catalog, usage: subnetUsage(model), search, notes };
  }

  /**
   * The security rules of a live model: the Kubernetes API endpoint's subnet (when not read
   * already), then the subnets' security lists and the NSGs' rules (securityOf).
   */
  private async addSecurity(model: Model, readSubnetIds: readonly string[], notes: LiveNote[]): Promise<void> {
    const endpointIds = distinct(model.clusters.map((c) => c.endpointSubnet).filter((id): id is string => id !== undefined && !readSubnetIds.includes(id)));
    const refOfVcn = new Map(model.vcns.flatMap((v) => [[v.ref, v.ref], ...(v.ocid ? [[v.ocid, v.ref] as const] : [])]));
    for (const [i, answer] of (await Promise.all(endpointIds.map((id) => this.softSubnet(id)))).entries()) {
      const id = endpointIds[i] as string;
      if ('value' in answer) model.subnets.push(mapSubnet(answer.value, refOfVcn.get(answer.value.vcnId) ?? answer.value.vcnId));
      else notes.push({ resourceType: RESOURCE_TYPES.subnet, ocid: id, message: `the Kubernetes API endpoint's subnet ${id} not read, so its security rules are not checked: ${answer.reason}` });
    }
    const found = await this.securityOf(model, notes);
    if (found.securityLists.length > 0) model.securityLists = [...(model.securityLists ?? []), ...found.securityLists];
    if (found.networkSecurityGroups.length > 0) model.networkSecurityGroups = [...(model.networkSecurityGroups ?? []), ...found.networkSecurityGroups];
  }

  async addExternalRefs(model: Model, refs: ExternalRefs, options: ReadClusterOptions = {}): Promise<LiveRefs> {
    const haveSubnet = new Set(model.subnets.flatMap((s) => [s.ref, ...(s.ocid ? [s.ocid] : [])]));
    const subnetIds = distinct(refs.subnets).filter((id) => !haveSubnet.has(id));
    const podSubnetIds = new Set(model.clusters.flatMap((c) => c.nodePools.flatMap((p) => p.podSubnets)));
    const notes: LiveNote[] = [];
    this.progress(`reading ${subnetIds.length} subnets and their VCNs`);
    const network = await this.subnetsAndVcns(subnetIds, distinct(refs.vcns), podSubnetIds, model.vcns, notes);
    const merged: Model = {
      vcns: [...model.vcns, ...network.vcns],
      subnets: [...model.subnets, ...network.subnets],
      clusters: model.clusters,
      ...(model.securityLists ? { securityLists: model.securityLists } : {}),
      ...(model.networkSecurityGroups ? { networkSecurityGroups: model.networkSecurityGroups } : {}),
    };
    // The security lists the live subnets name and the NSGs the files name by OCID (the files' own endpoint subnet stays theirs).
    if (options.security !== false) {
      const found = await this.securityOf(merged, notes);
      if (found.securityLists.length > 0) merged.securityLists = [...(merged.securityLists ?? []), ...found.securityLists];
      if (found.networkSecurityGroups.length > 0) merged.networkSecurityGroups = [...(merged.networkSecurityGroups ?? []), ...found.networkSecurityGroups];
    }
    // Pod subnets read from OCI: find every pool already on them, as check does.
    const livePods = new Set(network.subnets.map((s) => s.ref).filter((ref) => podSubnetIds.has(ref)));
    if (livePods.size === 0) return { model: merged, notes };
    const clusterCompartments = distinct(network.subnets.filter((s) => livePods.has(s.ref)).map((s) => s.compartmentId).filter((c): c is string => c !== undefined));
    const { roots, from } = this.searchRoots(options.compartments, clusterCompartments[0] ?? '');
    this.progress('listing compartments');
    const tree = await this.compartments(roots.filter((r) => r !== ''));
    // The pod subnets' own compartments are searched even when the roots do not contain them.
    const searched = distinct([...tree.compartments.map((c) => c.id), ...clusterCompartments]);
    this.progress(`reading node pools in ${searched.length} compartments`);
    const all = await this.poolsIn(searched, notes);
    const exclude = new Set(model.clusters.map((c) => c.ocid).filter((o): o is string => o !== undefined));
    merged.sharingClusters = await this.sharingClusters(all, livePods, exclude, notes);
    return { model: merged, notes, search: { roots, from, compartments: searched.length, compartmentIds: searched } };
  }
}

/** A cluster known only through its pools (GetCluster refused): named by its OCID, CNI from its pools. */
function standInCluster(id: string, pools: MappedPool[]): Cluster {
  return {
    name: id,
    ocid: id,
    vcn: '',
    kubernetesVersion: '',
    cniType: pools.some((p) => p.cniType === 'OCI_VCN_IP_NATIVE' || p.pool.type === 'virtual') ? 'OCI_VCN_IP_NATIVE' : 'FLANNEL_OVERLAY',
    servicesCidr: DEFAULT_SERVICES,
    ipv6: false,
    nodePools: pools.map((p) => p.pool),
    disabledRules: [],
    at: { '': { kind: 'oci', resourceType: RESOURCE_TYPES.cluster, ocid: id } },
  };
}

function poolPodSubnetIds(p: ceModels.NodePoolSummary): string[] {
  const o = p.nodeConfigDetails?.nodePoolPodNetworkOptionDetails as { podSubnetIds?: string[] } | undefined;
  return o?.podSubnetIds ?? [];
}

function poolWorkerSubnetIds(p: ceModels.NodePoolSummary): string[] {
  return placementSubnetIds((p.nodeConfigDetails?.placementConfigs ?? []).map((c) => c.subnetId), p.subnetIds ?? []);
}

export async function openLive(conn: LiveConnection): Promise<LiveSession> {
  const sdk = await loadSdk();
  const sdkConsole = quietConsole(conn.log);
  try {
    const credentials = await authenticate(sdk, {
      auth: conn.auth,
      configFile: conn.configFile,
      profile: conn.profile,
      homeDir: conn.homeDir,
      timeoutSeconds: conn.timeoutSeconds,
      instanceMetadataBaseUrl: conn.instanceMetadataBaseUrl,
      env: conn.env,
    });
    const region = conn.region ?? credentials.region;
    if (!region && !conn.endpoint) {
      const fromFile = conn.auth === 'api_key' || conn.auth === 'security_token' ? `, or add region= to ${credentials.describe}` : '';
      throw new UserError(`no region: give --region or set OCI_CLI_REGION${fromFile}`, '--region');
    }
    const transport = new LiveTransport({
      signer: credentials.signer,
      policy: { timeoutSeconds: conn.timeoutSeconds, concurrency: conn.concurrency, retry: conn.retry },
      log: conn.log,
    });
    const errors: ErrorContext = { maxAttempts: conn.retry.maxAttempts, credentials: credentials.describe };
    return new Session(sdk, conn, transport, region, errors, sdkConsole, credentials.tenancy);
  } catch (err) {
    sdkConsole.release();
    throw err;
  }
}
