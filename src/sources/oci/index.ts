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
import type { Catalog } from '../../catalog/catalog.js';
import { UserError } from '../../core/errors.js';
import type { Model, NodePool, Subnet, Vcn } from '../../core/model.js';
import { authenticate, type AuthKind } from './auth.js';
import { liveError, type CallSite, type ErrorContext } from './errors.js';
import { isLivePool, mapCluster, mapNodePool, mapSubnet, mapVcn, mapVirtualNodePool, RESOURCE_TYPES, type MappedPool } from './map.js';
import { quietConsole, type QuietConsole } from './quiet-console.js';
import { loadSdk, type Sdk } from './sdk.js';
import { readTenancyPolicies } from './compartments.js';
import { catalogFileText, liveCatalog } from './shapes.js';
import type { LivePolicies } from '../../core/policy/report.js';
import { LiveTransport, type CallStats, type RetryPolicy } from './transport.js';
import { subnetUsage, type SubnetUsage } from './usage.js';

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

export interface LiveCluster {
  model: Model;
  /** Shapes of the pools' compartments, from ListShapes. */
  catalog: Catalog;
  usage: SubnetUsage[];
}

export interface ExternalRefs {
  vcns: readonly string[];
  subnets: readonly string[];
}

export interface LiveSession {
  readCluster(clusterId: string): Promise<LiveCluster>;
  /** Adds the subnets and VCNs a file names by OCID (and the VCNs of those subnets) to `model`. */
  addExternalRefs(model: Model, refs: ExternalRefs): Promise<Model>;
  readShapes(compartmentId: string): Promise<Catalog>;
  /** The tenancy's compartment tree and all its IAM policies (from any compartment of the tenancy). */
  readPolicies(compartmentId: string): Promise<LivePolicies>;
  stats(): CallStats;
  /** Gives the console back; call when done (also after a failure). */
  close(): void;
}

/** Page size asked of list calls; OCI caps most list operations at 1000. */
const LIST_PAGE_LIMIT = 1000;

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];
const today = (): string => new Date().toISOString().slice(0, 10);

class Session implements LiveSession {
  private readonly subnets = new Map<string, Promise<coreModels.Subnet>>();
  private readonly vcns = new Map<string, Promise<coreModels.Vcn>>();
  private readonly privateIpCounts = new Map<string, Promise<number>>();
  private readonly shapeLists = new Map<string, Promise<coreModels.Shape[]>>();
  private readonly containerEngine: InstanceType<Sdk['containerengine']['ContainerEngineClient']>;
  private readonly virtualNetwork: InstanceType<Sdk['core']['VirtualNetworkClient']>;
  private readonly compute: InstanceType<Sdk['core']['ComputeClient']>;
  private readonly identity: InstanceType<Sdk['identity']['IdentityClient']>;

  constructor(
    sdk: Sdk,
    private readonly conn: LiveConnection,
    private readonly transport: LiveTransport,
    region: string | undefined,
    private readonly errors: ErrorContext,
    private readonly sdkConsole: QuietConsole,
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

  /** Every page of a list operation, following opc-next-page. */
  private async allPages<T>(site: CallSite, fetchPage: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string | undefined }>): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let page: string | undefined;
    do {
      const answer = await this.call(site, () => fetchPage(page));
      items.push(...answer.items);
      page = answer.opcNextPage || undefined;
      if (page !== undefined) {
        if (seen.has(page)) throw new UserError(`the API returned page token "${page}" twice`, `OCI ${site.operation} ${site.resource}`);
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

  /** Private IPs in a subnet now: primary and secondary, so pre-allocated pod IPs count. */
  private privateIpCount(subnetId: string): Promise<number> {
    return this.memo(this.privateIpCounts, subnetId, async () => {
      const ips = await this.allPages({ operation: 'ListPrivateIps', resource: subnetId }, (page) =>
        this.virtualNetwork.listPrivateIps({ subnetId, page, limit: LIST_PAGE_LIMIT }),
      );
      return ips.length;
    });
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
    return readTenancyPolicies(this.identity, { call: (site, run) => this.call(site, run), allPages: (site, fetch) => this.allPages(site, fetch) }, compartmentId, (m) => this.progress(m));
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
  private async subnetsAndVcns(subnetIds: readonly string[], vcnIds: readonly string[], podSubnetIds: ReadonlySet<string>, known: readonly Vcn[]): Promise<{ subnets: Subnet[]; vcns: Vcn[] }> {
    const refOfKnown = new Map<string, string>();
    for (const v of known) {
      refOfKnown.set(v.ref, v.ref);
      if (v.ocid) refOfKnown.set(v.ocid, v.ref);
    }
    // VCNs known up front are read alongside the subnets; the subnets' own VCNs follow them.
    for (const id of vcnIds) if (!refOfKnown.has(id)) void this.vcn(id).catch(() => undefined);
    const [apiSubnets, counts] = await Promise.all([
      Promise.all(subnetIds.map((id) => this.subnet(id))),
      Promise.all(subnetIds.map((id) => (podSubnetIds.has(id) ? this.privateIpCount(id) : Promise.resolve(undefined)))),
    ]);
    const toFetch = distinct([...vcnIds, ...apiSubnets.map((s) => s.vcnId)]).filter((id) => !refOfKnown.has(id));
    const apiVcns = await Promise.all(toFetch.map((id) => this.vcn(id)));
    const vcns = apiVcns.map(mapVcn);
    for (const v of vcns) refOfKnown.set(v.ref, v.ref);
    const subnets = apiSubnets.map((s, i) => mapSubnet(s, refOfKnown.get(s.vcnId) ?? s.vcnId, counts[i]));
    return { subnets, vcns };
  }

  async readCluster(clusterId: string): Promise<LiveCluster> {
    this.progress('reading the cluster');
    const cluster = await this.call({ operation: 'GetCluster', resource: clusterId }, async () => (await this.containerEngine.getCluster({ clusterId })).cluster);
    const compartmentId = cluster.compartmentId as string;
    const vcnId = cluster.vcnId;
    if (!vcnId) throw new UserError('the API returned no vcnId', `OCI ${RESOURCE_TYPES.cluster} ${clusterId}`);
    this.progress('reading node pools');
    const [managed, virtual] = await Promise.all([
      this.allPages({ operation: 'ListNodePools', resource: clusterId }, (page) =>
        this.containerEngine.listNodePools({ compartmentId, clusterId, page, limit: LIST_PAGE_LIMIT }),
      ),
      this.allPages({ operation: 'ListVirtualNodePools', resource: clusterId }, (page) =>
        this.containerEngine.listVirtualNodePools({ compartmentId, clusterId, page, limit: LIST_PAGE_LIMIT }),
      ),
    ]);
    const live = <P extends { lifecycleState?: unknown; id?: string | undefined }>(pools: P[], kind: string): P[] =>
      pools.filter((p) => {
        const keep = isLivePool({ lifecycleState: p.lifecycleState as string | undefined });
        if (!keep) this.conn.log?.(`skipping ${kind} ${p.id} (${String(p.lifecycleState)})`);
        return keep;
      });
    const mapped: MappedPool[] = [
      ...live(managed, RESOURCE_TYPES.nodePool).map((p: ceModels.NodePoolSummary) => mapNodePool(p)),
      ...live(virtual, RESOURCE_TYPES.virtualNodePool).map((p: ceModels.VirtualNodePoolSummary) => mapVirtualNodePool(p)),
    ];
    const pools: NodePool[] = mapped.map((m) => m.pool);
    // Secondary VNIC profiles take pod IPs in their own subnets: read those and their address use too.
    const podSubnetIds = new Set(pools.flatMap((p) => [...p.podSubnets, ...(p.secondaryVnics ?? []).map((v) => v.subnet)]));
    const subnetIds = distinct([...pools.flatMap((p) => p.workerSubnets), ...podSubnetIds]);
    // Shapes of managed pools' compartments; virtual pools have pod shapes, not compute shapes.
    const compartments = distinct(pools.filter((p) => p.type !== 'virtual').map((p) => p.compartmentId ?? compartmentId));
    this.progress(`reading ${subnetIds.length} subnets, their VCNs${compartments.length ? ' and shapes' : ''}`);
    const [network, catalog] = await Promise.all([
      this.subnetsAndVcns(subnetIds, [vcnId], podSubnetIds, []),
      compartments.length
        ? this.catalogFor(compartments)
        : Promise.resolve<Catalog>({ source: 'none (the cluster has no managed node pools)', sourceUpdated: null, retrieved: today(), shapes: [], origin: 'live' }),
    ]);
    const model: Model = { vcns: network.vcns, subnets: network.subnets, clusters: [mapCluster(cluster, mapped)] };
    return { model, catalog, usage: subnetUsage(model) };
  }

  async addExternalRefs(model: Model, refs: ExternalRefs): Promise<Model> {
    const haveSubnet = new Set(model.subnets.flatMap((s) => [s.ref, ...(s.ocid ? [s.ocid] : [])]));
    const subnetIds = distinct(refs.subnets).filter((id) => !haveSubnet.has(id));
    const podSubnetIds = new Set(model.clusters.flatMap((c) => c.nodePools.flatMap((p) => p.podSubnets)));
    this.progress(`reading ${subnetIds.length} subnets and their VCNs`);
    const network = await this.subnetsAndVcns(subnetIds, distinct(refs.vcns), podSubnetIds, model.vcns);
    return { vcns: [...model.vcns, ...network.vcns], subnets: [...model.subnets, ...network.subnets], clusters: model.clusters };
  }
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
    return new Session(sdk, conn, transport, region, errors, sdkConsole);
  } catch (err) {
    sdkConsole.release();
    throw err;
  }
}
