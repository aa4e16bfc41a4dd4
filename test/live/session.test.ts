/**
 * The live source against the fake OCI API, through the real oci-* clients: what it reads,
 * how often, how it pages, retries, times out and fails.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { UserError } from '../../src/core/errors.js';
import { runLint } from '../../src/rules/index.js';
import { openLive, type LiveSession } from '../../src/sources/oci/index.js';
import { allRequests, closedPort, startFakeOci, type FakeOci, type World } from '../fake-oci/server.js';
import { connectionTo, credentials, loadWorld, TENANCY } from './harness.js';

const CLEAN = 'ocid1.cluster.oc1.iad.aaaaclean';
const RISKY = 'ocid1.cluster.oc1.iad.aaaarisky';
const API = 'ocid1.subnet.oc1.iad.aaaaapi';
const NODES_SL = 'ocid1.securitylist.oc1.iad.aaaasl';
const PODS = 'ocid1.subnet.oc1.iad.aaaapods';
const WORKERS = 'ocid1.subnet.oc1.iad.aaaaworkers';

let fake: FakeOci;
/** GetCluster requests (the add-on path /clusters/{id}/addons/... shares the prefix). */
const getClusterCalls = (): number => fake.requests.filter((r) => /^\/20180222\/clusters\/[^/]+$/.test(r.path)).length;
const sessions: LiveSession[] = [];

async function serve(world: World = loadWorld('clean')): Promise<FakeOci> {
  fake = await startFakeOci(world);
  fake.trustKeys(credentials().trusted);
  return fake;
}

async function open(...args: Parameters<typeof connectionTo> extends [unknown, ...infer R] ? R : never): Promise<LiveSession> {
  const session = await openLive(connectionTo(fake, ...args));
  sessions.push(session);
  return session;
}

/** The UserError line a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).line();
}

beforeAll(() => void credentials());
afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  await fake?.close();
  // A closed session gives the console back on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 20));
});
afterAll(() => {
  // The read-only guarantee over every request of this file.
  expect(allRequests.length).toBeGreaterThan(0);
  expect(new Set(allRequests.map((r) => r.method))).toEqual(new Set(['GET']));
});

describe('a clean cluster', () => {
  test('becomes the Model lint builds, and no rule fires', async () => {
    await serve();
    const session = await open();
    const live = await session.readCluster(CLEAN);
    const [cluster] = live.model.clusters;
    expect(cluster).toMatchObject({
      name: 'prod',
      ocid: CLEAN,
      compartmentId: 'ocid1.compartment.oc1..aaaaprod',
      vcn: 'ocid1.vcn.oc1.iad.aaaaprodvcn',
      kubernetesVersion: 'v1.30.1',
      cniType: 'OCI_VCN_IP_NATIVE',
      ipv6: false,
      at: { '': { kind: 'oci', resourceType: 'cluster', ocid: CLEAN, name: 'prod' } },
    });
    expect(cluster!.servicesCidr.text).toBe('10.96.0.0/16');
    // The DELETED pool is left out; the virtual pool comes after the managed ones.
    expect(
      cluster!.nodePools.map((p) => [p.name, p.type, p.shape, p.ocpus, p.size, p.maxSize, p.maxSurge, p.maxPodsPerNode, p.workerSubnets, p.podSubnets, p.image]),
    ).toEqual([
      ['general', 'managed', 'VM.Standard.E4.Flex', 4, 3, 3, 1, 31, [WORKERS], [PODS], 'Oracle-Linux-8.9-2024.01.26-0-OKE-1.30.1-679'],
      // maxSize from the oke-cni-max-nodes tag; maximumSurge "25%" of the pool at its largest (10) rounds up to 3.
      ['batch', 'managed', 'VM.Standard2.4', 4, 2, 10, 3, 62, [WORKERS], [PODS], 'Oracle-Linux-8.9-2024.01.26-0-OKE-1.30.1-679'],
      ['burst', 'virtual', undefined, undefined, 2, 2, 1, 31, [WORKERS], [PODS], undefined],
    ]);
    expect(cluster!.nodePools[0]).toMatchObject({
      nsgIds: ['ocid1.networksecuritygroup.oc1.iad.aaaaworkers'],
      podNsgIds: ['ocid1.networksecuritygroup.oc1.iad.aaaapods'],
      kubernetesVersion: 'v1.30.1',
      at: { '': { kind: 'oci', resourceType: 'node pool', ocid: 'ocid1.nodepool.oc1.iad.aaaageneral', name: 'general' } },
    });
    expect(live.model.subnets.map((s) => [s.ref, s.name, s.vcn, s.cidrBlocks.map((c) => c.text).join(' + '), s.prohibitPublicIpOnVnic, s.availabilityDomain, s.liveUsedAddresses])).toEqual([
      [WORKERS, 'workers', 'ocid1.vcn.oc1.iad.aaaaprodvcn', '10.0.0.0/20', true, undefined, undefined],
      [PODS, 'pods', 'ocid1.vcn.oc1.iad.aaaaprodvcn', '10.0.64.0/18', true, undefined, 300],
      // The Kubernetes API endpoint's subnet, read for its security lists (no address count).
      [API, 'api', 'ocid1.vcn.oc1.iad.aaaaprodvcn', '10.0.128.0/28', true, undefined, undefined],
    ]);
    expect(live.model.clusters[0]).toMatchObject({ endpointSubnet: API, endpointNsgIds: [] });
    expect(live.model.subnets.map((s) => s.securityListIds)).toEqual([[NODES_SL], [NODES_SL], ['ocid1.securitylist.oc1.iad.aaaaapisl']]);
    // GetSecurityList for each list, ListNetworkSecurityGroupSecurityRules (2 pages for the workers' NSG) for each NSG of the pools.
    expect(live.model.securityLists?.map((l) => [l.ref, l.name, l.form, l.rules.map((r) => `${r.direction} ${r.protocol} ${r.peer.kind}`)])).toEqual([
      [NODES_SL, 'nodes-sl', 'oci', ['ingress all cidr', 'ingress 1 cidr', 'egress all cidr']],
      ['ocid1.securitylist.oc1.iad.aaaaapisl', 'api-sl', 'oci', ['ingress all cidr', 'egress all cidr']],
    ]);
    expect(live.model.networkSecurityGroups?.map((g) => [g.ref, g.rules.map((r) => `${r.direction} ${r.protocol} ${r.peer.kind}`)])).toEqual([
      ['ocid1.networksecuritygroup.oc1.iad.aaaaworkers', ['ingress 6 nsg', 'egress all nsg']],
      ['ocid1.networksecuritygroup.oc1.iad.aaaapods', ['egress all cidr']],
    ]);
    expect(live.model.vcns.map((v) => [v.ref, v.name, v.cidrBlocks.map((c) => c.text)])).toEqual([['ocid1.vcn.oc1.iad.aaaaprodvcn', 'prod-vcn', ['10.0.0.0/16']]]);
    expect(runLint(live.model, new ShapeIndex(live.catalog))).toEqual([]);
  });

  test('shows live address use next to what the pools take at their largest', async () => {
    await serve();
    const live = await (await open()).readCluster(CLEAN);
    expect(live.usage).toEqual([
      {
        ocid: PODS,
        name: 'pods',
        cidr: '10.0.64.0/18',
        cidrBlocks: ['10.0.64.0/18'],
        usable: 16381,
        inUse: 300,
        inUseUnknown: undefined,
        // 300 in use now minus what the pools hold now: general 3 x 32, batch 2 x 64, and burst's
        // 2 virtual nodes counted full (2 x 31), so its running pods are not counted twice.
        otherUse: 14,
        // other use + general 4 x (31 + 1), batch 13 x (62 + 2), burst 3 virtual nodes x 31
        plannedAtMax: 1067,
        reserved: 0,
        otherVnics: 14,
        otherClusterPools: 0,
        pools: [
          { pool: 'prod/general', cluster: 'prod', thisCluster: true, ocid: 'ocid1.nodepool.oc1.iad.aaaageneral', nodes: 4, maxSizeFrom: 'size', nodesNow: 3, addressesPerNode: 32, addresses: 128 },
          { pool: 'prod/batch', cluster: 'prod', thisCluster: true, ocid: 'ocid1.nodepool.oc1.iad.aaaabatch', nodes: 13, maxSizeFrom: 'tag', nodesNow: 2, addressesPerNode: 64, addresses: 832 },
          { pool: 'prod/burst', cluster: 'prod', thisCluster: true, ocid: 'ocid1.virtualnodepool.oc1.iad.aaaaburst', nodes: 3, maxSizeFrom: 'size', nodesNow: 2, addressesPerNode: 31, addresses: 93 },
        ],
      },
    ]);
  });

  test('reads each resource once and every page once, all with GET', async () => {
    await serve();
    const session = await open();
    await session.readCluster(CLEAN);
    const calls = fake.requests.map((r) => `${r.method} ${r.path}${r.query.get('page') ? ` page=${r.query.get('page')}` : ''}`).sort();
    expect(calls).toEqual(
      [
        'GET /20160918/privateIps',
        'GET /20160918/privateIps page=p100',
        'GET /20160918/privateIps page=p200',
        'GET /20160918/shapes',
        'GET /20160918/shapes page=p4',
        'GET /20160918/shapes page=p8',
        `GET /20160918/subnets/${PODS}`,
        `GET /20160918/subnets/${WORKERS}`,
        `GET /20160918/subnets/${API}`,
        // The security rules: each list and each NSG once, every page once.
        'GET /20160918/securityLists/ocid1.securitylist.oc1.iad.aaaaapisl',
        `GET /20160918/securityLists/${NODES_SL}`,
        'GET /20160918/networkSecurityGroups/ocid1.networksecuritygroup.oc1.iad.aaaapods/securityRules',
        'GET /20160918/networkSecurityGroups/ocid1.networksecuritygroup.oc1.iad.aaaaworkers/securityRules',
        'GET /20160918/networkSecurityGroups/ocid1.networksecuritygroup.oc1.iad.aaaaworkers/securityRules page=p1',
        'GET /20160918/vcns/ocid1.vcn.oc1.iad.aaaaprodvcn',
        `GET /20180222/clusters/${CLEAN}`,
        // The add-on the clean cluster does not have (404, not an error).
        `GET /20180222/clusters/${CLEAN}/addons/ClusterAutoscaler`,
        // The tenancy's compartment tree (empty here), then both compartments: the tenancy and the cluster's.
        'GET /20160918/compartments',
        'GET /20180222/nodePools',
        'GET /20180222/nodePools',
        'GET /20180222/virtualNodePools',
        'GET /20180222/virtualNodePools',
      ].sort(),
    );
    expect(session.stats()).toEqual({
      calls: 22,
      retries: 0,
      byOperation: {
        getCluster: 1,
        getAddon: 1,
        listCompartments: 1,
        listNodePools: 2,
        listVirtualNodePools: 2,
        getSubnet: 3,
        getVcn: 1,
        listPrivateIps: 3,
        listShapes: 3,
        getSecurityList: 2,
        listNetworkSecurityGroupSecurityRules: 3,
      },
    });
    // Private IPs are counted only in pod subnets.
    expect(fake.requests.filter((r) => r.path === '/20160918/privateIps').map((r) => r.query.get('subnetId'))).toEqual([PODS, PODS, PODS]);
  });

  test('the catalog comes from ListShapes: flex VNIC options, OCPU ranges, duplicates and unusable shapes dropped', async () => {
    await serve();
    const lines: string[] = [];
    const live = await (await open({}, { log: (l) => lines.push(l) })).readCluster(CLEAN);
    expect(live.catalog.origin).toBe('live');
    expect(live.catalog.source).toBe(`${fake.url}/20160918 ListShapes (compartment ocid1.compartment.oc1..aaaaprod)`);
    expect(live.catalog.retrieved).toBe(new Date().toISOString().slice(0, 10));
    expect(live.catalog.shapes.map((s) => s.name)).toEqual([
      'BM.GPU.A10.4',
      'VM.Standard.A1.Flex',
      'VM.Standard.E2.1.Micro',
      'VM.Standard.E4.Flex',
      'VM.Standard.E5.Flex',
      'VM.Standard2.1',
      'VM.Standard2.4',
      'VM.Subcore.Flex',
    ]);
    const shapes = new ShapeIndex(live.catalog);
    expect(shapes.get('VM.Standard.E4.Flex')).toEqual({
      name: 'VM.Standard.E4.Flex',
      kind: 'vm',
      family: 'standard',
      flex: { minOcpus: 1, maxOcpus: 114, vnics: { min: 2, perOcpu: 1, max: 24 }, memoryGbPerOcpu: { min: 1, max: 64 } },
    });
    expect(shapes.get('BM.GPU.A10.4')).toEqual({ name: 'BM.GPU.A10.4', kind: 'bm', family: 'gpu', ocpus: 64, memoryGb: 1024, vnics: 256 });
    expect(shapes.get('VM.Subcore.Flex')?.flex?.minOcpus).toBe(1);
    expect(shapes.get('VM.Subcore.Flex')?.note).toBe('ListShapes allows from 0.5 OCPUs; oke-cni plans whole OCPUs from 1.');
    expect(lines).toContain('shapes: left out VM.Broken.Flex: flexible shape without maxVnicAttachmentOptions {min, max, defaultPerOcpu}');
  });
});

describe('rules fire from live data', () => {
  test('public pod subnet, max pods above the live shape, capacity, unknown shape', async () => {
    await serve(loadWorld('findings'));
    const live = await (await open()).readCluster(RISKY);
    const findings = runLint(live.model, new ShapeIndex(live.catalog));
    expect(findings.map((f) => [f.ruleId, f.location.kind === 'oci' ? f.location.ocid : '', f.message])).toEqual([
      [
        'unknown-shape',
        'ocid1.nodepool.oc1.iad.aaaafuture',
        'node pool risky/future: unknown shape "VM.Standard.E9.Flex" (not in the live catalog); did you mean "VM.Standard.E4.Flex"?',
      ],
      [
        'max-pods-shape',
        'ocid1.nodepool.oc1.iad.aaaatight',
        'node pool risky/tight: maxPodsPerNode 64 is above what VM.Standard.E4.Flex at 2 OCPUs allows: 2 VNICs -> MIN((2 - 1) * 31, 110) = 31 pods per node',
      ],
      [
        'pod-subnet-capacity',
        'ocid1.subnet.oc1.iad.aaaapublicpods',
        'pod subnet "public-pods" (10.1.64.0/24) has 253 usable addresses but its node pools need 617 at their largest (maxSize + maxSurge nodes), with the addresses in use now that no pool holds: ' +
          'risky/tight: 3 nodes x 67 = 201; risky/big: 11 nodes x 32 = 352; risky/future: 2 nodes x 32 = 64; other use now (addresses in use that no node pool holds): 0',
      ],
      [
        'pod-subnet-private',
        'ocid1.subnet.oc1.iad.aaaapublicpods',
        'subnet "public-pods" is the pod subnet of risky/tight, risky/big, risky/future but allows public IPs (prohibitPublicIpOnVnic is false; unset means false)',
      ],
    ]);
    expect(live.usage.map((u) => [u.name, u.usable, u.inUse, u.plannedAtMax])).toEqual([['public-pods', 253, 201, 617]]);
  });

  test('max-pods-shape follows the live VNIC options, not the embedded catalog', async () => {
    const world = loadWorld('findings');
    // The API says this E4.Flex gets 2 VNICs per OCPU: 2 OCPUs -> 4 VNICs -> 93 pods, so 64 fits.
    world.shapes[0] = { ...world.shapes[0], maxVnicAttachmentOptions: { min: 2, max: 24, defaultPerOcpu: 2 } };
    await serve(world);
    const live = await (await open()).readCluster(RISKY);
    expect(runLint(live.model, new ShapeIndex(live.catalog)).map((f) => f.ruleId)).toEqual(['unknown-shape', 'pod-subnet-capacity', 'pod-subnet-private']);
  });
});

describe('paging and memoization', () => {
  test('follows opc-next-page through 3 pages of node pools', async () => {
    const world = loadWorld('clean');
    const template = world.nodePools[0]!;
    world.nodePools = Array.from({ length: 5 }, (_, i) => ({ ...template, id: `ocid1.nodepool.oc1.iad.aaaap${i}`, name: `pool-${i}` }));
    world.pageSize.nodePools = 2;
    await serve(world);
    const live = await (await open()).readCluster(CLEAN);
    expect(live.model.clusters[0]!.nodePools.filter((p) => p.type === 'managed').map((p) => p.name)).toEqual(['pool-0', 'pool-1', 'pool-2', 'pool-3', 'pool-4']);
    // The tenancy (the search root) has no pools: one page; the cluster's compartment: three.
    expect(fake.requests.filter((r) => r.path === '/20180222/nodePools').map((r) => [r.query.get('compartmentId') === TENANCY, r.query.get('page')])).toEqual([[true, null], [false, null], [false, 'p2'], [false, 'p4']]);
  });

  test('a subnet shared by 5 pools is fetched once', async () => {
    const world = loadWorld('clean');
    const template = world.nodePools[0]!;
    world.nodePools = Array.from({ length: 5 }, (_, i) => ({ ...template, id: `ocid1.nodepool.oc1.iad.aaaas${i}`, name: `shared-${i}` }));
    world.virtualNodePools = [];
    await serve(world);
    const session = await open();
    const live = await session.readCluster(CLEAN);
    expect(live.model.clusters[0]!.nodePools).toHaveLength(5);
    expect(fake.count(`/20160918/subnets/${PODS}`)).toBe(1);
    expect(fake.count(`/20160918/subnets/${WORKERS}`)).toBe(1);
    expect(fake.count('/20160918/vcns/')).toBe(1);
    expect(fake.count('/20160918/shapes')).toBe(3);
    // A second read in the same session asks only for what is not cached.
    await session.readCluster(CLEAN);
    // workers, pods and the API endpoint's subnet, each once.
    expect(fake.count('/20160918/subnets/')).toBe(3);
    expect(fake.count('/20160918/securityLists/')).toBe(2);
    expect(fake.count('/20160918/shapes')).toBe(3);
    expect(getClusterCalls()).toBe(2);
  });
});

describe('retries, timeouts and failures', () => {
  test('429 then success: one retry, honouring Retry-After', async () => {
    await serve();
    fake.script(/\/clusters\//, { status: 429, body: { code: 'TooManyRequests', message: 'Too many requests for the tenancy' }, headers: { 'retry-after': '1' } });
    const lines: string[] = [];
    const session = await open({}, { log: (l) => lines.push(l), retry: { maxAttempts: 3, backoffSeconds: [0.05], retryAfterCapSeconds: 5 } });
    const started = performance.now();
    const live = await session.readCluster(CLEAN);
    expect(live.model.clusters[0]!.name).toBe('prod');
    expect(getClusterCalls()).toBe(2);
    expect(session.stats().retries).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(lines[0]).toMatch(/^oci: GET \/20180222\/clusters\/ocid1\.cluster\.oc1\.iad\.aaaaclean 429 \d+ ms opc-request-id fake-1 \(attempt 1\/3\), retrying in 1 s$/);
    expect(lines[1]).toMatch(/^oci: GET \/20180222\/clusters\/ocid1\.cluster\.oc1\.iad\.aaaaclean 200 \d+ ms opc-request-id fake-2 \(attempt 2\/3\)$/);
  });

  test('a Retry-After beyond the cap waits only the cap', async () => {
    await serve();
    fake.script(/\/clusters\//, { status: 429, headers: { 'retry-after': '3600' } });
    const session = await open();
    const started = performance.now();
    await session.readCluster(CLEAN);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(getClusterCalls()).toBe(2);
  });

  test('500 until giving up: exactly 3 attempts, then one line with the last opc-request-id', async () => {
    await serve();
    fake.always(/\/subnets\/ocid1\.subnet\.oc1\.iad\.aaaapods/, { status: 500, body: { code: 'InternalError', message: 'Internal error occurred' } });
    const session = await open();
    const line = await failure(session.readCluster(CLEAN));
    const last = fake.requests.filter((r) => r.path === `/20160918/subnets/${PODS}`);
    expect(last).toHaveLength(3);
    expect(line).toBe(`OCI GetSubnet ${PODS}: gave up after 3 attempts: 500 InternalError: Internal error occurred (opc-request-id ${last[2]!.requestId})`);
  });

  test('404 names the operation, the OCID and the opc-request-id', async () => {
    await serve();
    const session = await open();
    const line = await failure(session.readCluster('ocid1.cluster.oc1.iad.aaaanothere'));
    expect(line).toBe(
      'OCI GetCluster ocid1.cluster.oc1.iad.aaaanothere: not found, or not authorized to read it (404 NotAuthorizedOrNotFound): ' +
        'Authorization failed or requested resource not found.; check the OCID, the region and the IAM policies (opc-request-id fake-1)',
    );
    expect(fake.requests).toHaveLength(1);
  });

  test('401 from a key OCI does not know names the config file and profile', async () => {
    await serve();
    const session = await open({ profile: 'UNTRUSTED_KEY' });
    const line = await failure(session.readCluster(CLEAN));
    expect(line).toBe(
      `OCI GetCluster ${CLEAN}: not authenticated (401 NotAuthenticated): The required information to complete authentication was not provided or was incorrect (unknown keyId).; ` +
        `check user, fingerprint, key_file and tenancy in ${credentials().configFile} [UNTRUSTED_KEY], or renew the session token (opc-request-id fake-1)`,
    );
  });

  test('a server that never answers fails after --timeout seconds, naming the endpoint', async () => {
    await serve();
    fake.always(/\/clusters\//, 'hang');
    const session = await open({ timeout: 1 });
    const started = performance.now();
    const line = await failure(session.readCluster(CLEAN));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2500);
    expect(line).toBe(`OCI GetCluster ${CLEAN}: no answer from ${fake.url} within 1 s (GET /20180222/clusters/${CLEAN}; raise --timeout if the network is slow)`);
    // Not retried: a timeout already took --timeout seconds.
    expect(getClusterCalls()).toBe(1);
  });

  test('a body that stalls half-way times out too', async () => {
    await serve();
    fake.always(/\/subnets\//, 'stall-body');
    const session = await open({ timeout: 0.5 });
    const started = performance.now();
    const line = await failure(session.readCluster(CLEAN));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(line).toMatch(new RegExp(`^OCI GetSubnet ocid1\\.subnet\\.oc1\\.iad\\.aaaa(workers|pods): no answer from ${fake.url.replace(/\./g, '\\.')} within 0\\.5 s`));
  });

  test('connection refused names the endpoint', async () => {
    await serve();
    const port = await closedPort();
    const session = await openLive(connectionTo({ url: `http://127.0.0.1:${port}` }));
    sessions.push(session);
    const started = performance.now();
    const line = await failure(session.readCluster(CLEAN));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(line).toBe(`OCI GetCluster ${CLEAN}: cannot reach http://127.0.0.1:${port}: connection refused (check --endpoint, --region and the network)`);
  });

  test('no circuit breaker: 12 failed requests in one session, and the next call is still sent', async () => {
    await serve();
    fake.always(/\/shapes/, { status: 503, body: { code: 'ServiceUnavailable', message: 'try later' } });
    const session = await open();
    for (let i = 0; i < 4; i++) {
      expect(await failure(session.readShapes('ocid1.compartment.oc1..aaaaprod'))).toMatch(/gave up after 3 attempts: 503 ServiceUnavailable/);
    }
    expect(fake.count('/20160918/shapes')).toBe(12);
    fake.clearScripts();
    const catalog = await session.readShapes('ocid1.compartment.oc1..aaaaprod');
    expect(catalog.shapes).toHaveLength(8);
    expect(fake.count('/20160918/shapes')).toBe(15);
  });

  test("the SDK's console lines go to the verbose log, never to the console", async () => {
    await serve();
    const printed: unknown[][] = [];
    const saved = { warn: console.warn, log: console.log, info: console.info, error: console.error };
    console.warn = console.log = console.info = console.error = (...args: unknown[]) => void printed.push(args);
    const lines: string[] = [];
    try {
      const session = await open({}, { log: (l) => lines.push(l) });
      await failure(session.readCluster('ocid1.cluster.oc1.iad.aaaanothere'));
      session.close();
      expect(console.warn).not.toBe(saved.warn);
    } finally {
      Object.assign(console, saved);
    }
    expect(printed).toEqual([]);
    expect(lines.filter((l) => l.startsWith('oci-sdk warn: Request cannot be retried.'))).toHaveLength(1);
  });
});

describe('closing a session', () => {
  test('aborts sibling requests still in flight, silently: no log line, no console line', async () => {
    await serve();
    fake.always(/\/subnets\/ocid1\.subnet\.oc1\.iad\.aaaapods/, 'hang');
    fake.always(/\/subnets\/ocid1\.subnet\.oc1\.iad\.aaaaworkers/, { status: 404, body: { code: 'NotAuthorizedOrNotFound', message: 'gone' } });
    const printed: unknown[][] = [];
    const saved = { warn: console.warn, log: console.log, info: console.info, error: console.error };
    const recorder = (...args: unknown[]): void => void printed.push(args);
    console.warn = console.log = console.info = console.error = recorder;
    const lines: string[] = [];
    try {
      const session = await open({ timeout: 5 }, { log: (l) => lines.push(l) });
      const started = performance.now();
      expect(await failure(session.readCluster(CLEAN))).toMatch(/^OCI GetSubnet ocid1\.subnet\.oc1\.iad\.aaaaworkers: not found/);
      const logged = lines.length;
      session.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(performance.now() - started).toBeLessThan(1500);
      expect(lines.slice(logged)).toEqual([]);
      // The console comes back once the aborted requests have passed the SDK's retrier.
      expect(console.warn).toBe(recorder);
    } finally {
      Object.assign(console, saved);
    }
    expect(printed).toEqual([]);
  });
});

describe('lint --live: external references', () => {
  test('subnets and VCNs named by OCID join the model; a file VCN with that OCID is reused', async () => {
    await serve();
    const session = await open();
    const fileVcn = { ref: 'prod-vcn', name: 'prod-vcn', ocid: 'ocid1.vcn.oc1.iad.aaaaprodvcn', cidrBlocks: [], at: {} };
    const { model } = await session.addExternalRefs(
      {
        vcns: [fileVcn],
        subnets: [],
        clusters: [
          {
            name: 'planned',
            vcn: 'prod-vcn',
            kubernetesVersion: 'v1.30.1',
            cniType: 'OCI_VCN_IP_NATIVE',
            servicesCidr: { text: '10.96.0.0/16', prefix: 16, start: 0n, end: 0n },
            ipv6: false,
            nodePools: [{ name: 'new', type: 'managed', size: 3, maxSize: 3, maxSurge: 1, maxPodsPerNode: 31, subnet: WORKERS, podSubnets: [PODS], nsgIds: [], podNsgIds: [], disabledRules: [], at: {} }],
            disabledRules: [],
            at: {},
          },
        ],
      } as never,
      { vcns: [], subnets: [WORKERS, PODS, WORKERS] },
    );
    expect(model.subnets.map((s) => [s.ref, s.vcn, s.liveUsedAddresses])).toEqual([
      [WORKERS, 'prod-vcn', undefined],
      [PODS, 'prod-vcn', 300],
    ]);
    expect(model.vcns.map((v) => v.ref)).toEqual(['prod-vcn']);
    // The pod subnet read from OCI: the compartment tree is searched for pools sharing it.
    expect(fake.requests.map((r) => r.path).sort()).toEqual([
      '/20160918/compartments',
      '/20160918/privateIps',
      '/20160918/privateIps',
      '/20160918/privateIps',
      // Both subnets name the same security list: read once.
      `/20160918/securityLists/${NODES_SL}`,
      `/20160918/subnets/${PODS}`,
      `/20160918/subnets/${WORKERS}`,
      // The clean cluster's pools share the pod subnet: its cluster and add-on are read; two compartments, each once.
      `/20180222/clusters/${CLEAN}`,
      `/20180222/clusters/${CLEAN}/addons/ClusterAutoscaler`,
      '/20180222/nodePools',
      '/20180222/nodePools',
      '/20180222/virtualNodePools',
      '/20180222/virtualNodePools',
    ]);
  });

  test('a VCN named only by OCID is read too', async () => {
    await serve();
    const { model } = await (await open()).addExternalRefs({ vcns: [], subnets: [], clusters: [] }, { vcns: ['ocid1.vcn.oc1.iad.aaaaprodvcn'], subnets: [] });
    expect(model.vcns.map((v) => [v.ref, v.name, v.cidrBlocks.map((c) => c.text)])).toEqual([['ocid1.vcn.oc1.iad.aaaaprodvcn', 'prod-vcn', ['10.0.0.0/16']]]);
  });

  test('a subnet OCID that does not exist is one line naming it', async () => {
    await serve();
    const line = await failure((await open()).addExternalRefs({ vcns: [], subnets: [], clusters: [] }, { vcns: [], subnets: ['ocid1.subnet.oc1.iad.aaaagone'] }));
    expect(line).toMatch(/^OCI GetSubnet ocid1\.subnet\.oc1\.iad\.aaaagone: not found, or not authorized to read it \(404 NotAuthorizedOrNotFound\)/);
  });
});

describe('malformed answers', () => {
  test('a malformed CIDR from the API is a UserError naming the resource', async () => {
    const world = loadWorld('clean');
    world.subnets[1] = { ...world.subnets[1]!, cidrBlock: '10.0.64.7/18' };
    await serve(world);
    const line = await failure((await open()).readCluster(CLEAN));
    expect(line).toBe(`OCI subnet ${PODS}: cidrBlock: "10.0.64.7/18" has host bits set (the network address is 10.0.64.0/18)`);
  });

  test('a maximumSurge that is neither a number nor a percentage names the pool', async () => {
    const world = loadWorld('clean');
    world.nodePools[0] = { ...world.nodePools[0]!, nodePoolCyclingDetails: { maximumSurge: 'lots' } };
    await serve(world);
    const line = await failure((await open()).readCluster(CLEAN));
    expect(line).toBe('OCI node pool ocid1.nodepool.oc1.iad.aaaageneral: maximumSurge "lots" is neither a whole number nor a percentage');
  });
});

describe('security rules (GetSecurityList, ListNetworkSecurityGroupSecurityRules)', () => {
  const nsgWorkers = 'ocid1.networksecuritygroup.oc1.iad.aaaaworkers';
  const nsgPods = 'ocid1.networksecuritygroup.oc1.iad.aaaapods';
  const securityCalls = (): Record<string, number> => ({
    getSecurityList: fake.count('/20160918/securityLists/'),
    nsgRules: fake.requests.filter((r) => r.path.startsWith('/20160918/networkSecurityGroups/')).length,
    getSubnetApi: fake.count(`/20160918/subnets/${API}`),
  });

  test('a rule the live lists and NSGs lack is one finding at the security list, with the rule to add as OCI CLI JSON', async () => {
    const world = loadWorld('clean');
    const nodes = world.securityLists!.find((l) => l.id === NODES_SL)!;
    // Path discovery from anywhere left out: the workers need it (ICMP 3,4 from 0.0.0.0/0).
    nodes.ingressSecurityRules = (nodes.ingressSecurityRules as Array<{ protocol: string }>).filter((r) => r.protocol !== '1');
    await serve(world);
    const live = await (await open()).readCluster(CLEAN);
    const findings = runLint(live.model, new ShapeIndex(live.catalog));
    expect(findings.map((f) => [f.ruleId, f.location, f.message])).toEqual([
      [
        'pod-subnet-security-rules',
        // The rule goes into the workers' first NSG (OCI recommends NSGs), so the finding stands there.
        { kind: 'oci', resourceType: 'network security group', ocid: nsgWorkers },
        'the worker nodes of prod/general, prod/batch (subnet "workers", 10.0.0.0/20) lack a required ingress rule: ICMP type 3 code 4 from 0.0.0.0/0 (anywhere) ' +
          `("Path Discovery"; no rule of security list nodes-sl or NSG ${nsgWorkers} allows it)`,
      ],
    ]);
    expect(findings[0]!.remediation).toBe(
      `Add with: oci network nsg rules add --nsg-id ${nsgWorkers} --security-rules '[{"direction":"INGRESS","protocol":"1","source":"0.0.0.0/0","sourceType":"CIDR_BLOCK","isStateless":false,"icmpOptions":{"type":3,"code":4}}]'`,
    );
    expect(securityCalls()).toEqual({ getSecurityList: 2, nsgRules: 3, getSubnetApi: 1 });
  });

  test('a refused security list (403) and an NSG not found (404): a note each, those rules not checked, never missing; each read once', async () => {
    await serve();
    fake.always(/^\/20160918\/securityLists\/ocid1\.securitylist\.oc1\.iad\.aaaaapisl/, { status: 403, body: { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' } });
    fake.always(/^\/20160918\/networkSecurityGroups\/ocid1\.networksecuritygroup\.oc1\.iad\.aaaapods\//, { status: 404, body: { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' } });
    const live = await (await open()).readCluster(CLEAN);
    expect(live.notes.map((n) => [n.resourceType, n.ocid, n.message.replace(/: .*/, '')])).toEqual([
      ['security list', 'ocid1.securitylist.oc1.iad.aaaaapisl', 'security list ocid1.securitylist.oc1.iad.aaaaapisl not read, so the security rules it holds are not checked'],
      ['network security group', nsgPods, `the rules of NSG ${nsgPods} not read, so they are not checked`],
    ]);
    const findings = runLint(live.model, new ShapeIndex(live.catalog));
    expect(findings.filter((f) => f.ruleId === 'pod-subnet-security-rules')).toEqual([]);
    const notes = findings.filter((f) => f.ruleId === 'not-checked');
    // The endpoint's 13 rows (6 with the workers, 3 x 2 pod groups, 1 to OCI services) have no known rule left: not checked.
    // The pods of general lose their NSG, but the subnet's list covers all 10 of their rows: checked and covered.
    expect(notes.map((f) => f.message)).toEqual([
      'cluster prod: pod-subnet-security-rules not checked for 13 of 47 required security rules, for want of security list ocid1.securitylist.oc1.iad.aaaaapisl of subnet "api" (not in the inputs); ' +
        `NSG ${nsgPods} of the pods of prod/general (subnet "pods", 10.0.64.0/18) (not in the inputs)`,
    ]);
    expect(securityCalls()).toEqual({ getSecurityList: 2, nsgRules: 3, getSubnetApi: 1 });
  });

  test('policy needs none of it: readCluster with security false reads no security list, NSG or endpoint subnet', async () => {
    await serve();
    await (await open()).readCluster(CLEAN, { security: false });
    expect(securityCalls()).toEqual({ getSecurityList: 0, nsgRules: 0, getSubnetApi: 0 });
  });
});
