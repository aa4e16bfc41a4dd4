/**
 * check's discovery on the fake OCI API, run from the built bin as a user does: every pool on the
 * pod subnets across the compartment tree (other clusters' too), what is in use now, every CIDR
 * block, the cluster's CNI from its pools, every AD's worker subnet, stale tags, the add-on, a
 * refused ListPrivateIps, and the API calls (each compartment listed once, each subnet read once),
 * counted from the fake server's request log.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import type { RecordedRequest } from '../fake-oci/server.js';
import { fakeWorldPerTest } from './fake-world.js';
import { runBinAsync } from '../helpers/run-bin.js';
import { credentials, loadWorld } from './harness.js';
import { benchTenancy, ocid, TENANCY_ID, WorldBuilder } from './worlds.js';

// Each test runs the built bin 1 to 4 times; on a shared 2-core machine during the full suite one run can take 10 s.
vi.setConfig({ testTimeout: 120_000 });

const { serve, fake } = fakeWorldPerTest();
const check = (cluster: string, ...extra: string[]) =>
  runBinAsync(['check', '--cluster', ocid('cluster', cluster), '--endpoint', fake().url, ...extra], { HOME: credentials().dir, OCI_CLI_CONFIG_FILE: credentials().configFile });

interface Report {
  findings: Array<{ ruleId: string; severity: string; message: string; remediation?: string; resource: { type: string; ocid: string } }>;
  summary: { errors: number; warnings: number; notes: number };
  podSubnets: Array<{ name: string; cidrBlocks: string[]; usable: number; inUse: number | null; otherUse?: number; plannedAtMax: number; otherClusterPools: number; pools: Array<{ pool: string; cluster: string; thisCluster: boolean; nodes: number; maxSizeFrom: string; addresses: number }> }>;
  searched: { roots: string[]; from: string; compartments: number; compartmentIds: string[] };
}
const json = async (cluster: string, ...extra: string[]): Promise<{ code: number | null; report: Report; stderr: string }> => {
  const run = await check(cluster, '--format', 'json', ...extra);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
};
/**
 * Severity and rule of each finding. These worlds' subnets name no security lists and their
 * clusters no endpoint, so each checked cluster has the security rules' not-checked note.
 */
const rules = (r: Report): string[] => r.findings.map((f) => `${f.severity} ${f.ruleId}`);
/** Requests to a path, grouped by one query parameter: how often each value was asked for. */
function countBy(requests: readonly RecordedRequest[], path: RegExp, param?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests.filter((q) => path.test(q.path))) {
    const key = param ? (r.query.get(param) ?? '') : r.path;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Two teams' clusters in their own compartments, one pod subnet (a /23, 509 usable) in a third. */
function sharedWorld(): WorldBuilder {
  return new WorldBuilder()
    .compartment('network')
    .compartment('teama')
    .compartment('teamb')
    .vcn('shared', ['10.0.0.0/16'], 'network')
    .subnet('workersa', 'shared', ['10.0.0.0/24'], 'network')
    .subnet('workersb', 'shared', ['10.0.1.0/24'], 'network')
    .subnet('pods', 'shared', ['10.0.64.0/23'], 'network')
    .cluster('alpha', 'teama', 'shared')
    .cluster('beta', 'teamb', 'shared')
    // 5 nodes now, 10 at most (tag) + 1 surge: 11 x (31 + 1) = 352 at their largest; 5 x 32 = 160 now.
    .pool('web', 'alpha', { size: 5, pods: 'pods', workers: ['workersa'], tags: { 'oke-cni-max-nodes': '10' } })
    // 1 node now (32), 11 x 32 = 352 at its largest.
    .pool('jobs', 'beta', { size: 1, pods: 'pods', workers: ['workersb'], tags: { 'oke-cni-max-nodes': '10' } })
    // 160 + 32 held by the pools + 20 other use.
    .inUse('pods', 212);
}

describe('a pod subnet shared by two clusters in two compartments', () => {
  test('fits only without the other cluster: the whole tenancy finds beta/jobs, exit 1', async () => {
    await serve(sharedWorld());
    const { code, report } = await json('alpha');
    expect(code).toBe(1);
    expect(rules(report)).toEqual(['note cross-compartment-policy', 'note not-checked', 'error pod-subnet-capacity']);
    const capacity = report.findings.find((f) => f.ruleId === 'pod-subnet-capacity')!;
    expect(capacity.resource).toMatchObject({ type: 'subnet', ocid: ocid('subnet', 'pods') });
    // 352 + 352 + 20 other use = 724 > 509.
    expect(capacity.message).toBe(
      'pod subnet "pods" (10.0.64.0/23) has 509 usable addresses but its node pools need 724 at their largest (maxSize + maxSurge nodes), ' +
        'with the addresses in use now that no pool holds: alpha/web: 11 nodes x 32 = 352; beta/jobs: 11 nodes x 32 = 352; ' +
        'other use now (addresses in use that no node pool holds): 20',
    );
    const [pods] = report.podSubnets;
    expect([pods?.usable, pods?.inUse, pods?.otherUse, pods?.plannedAtMax, pods?.otherClusterPools]).toEqual([509, 212, 20, 724, 1]);
    expect(pods?.pools.map((p) => [p.pool, p.cluster, p.thisCluster, p.nodes, p.maxSizeFrom, p.addresses])).toEqual([
      ['alpha/web', 'alpha', true, 11, 'tag', 352],
      ['beta/jobs', 'beta', false, 11, 'tag', 352],
    ]);
    expect(report.searched).toEqual({
      roots: [TENANCY_ID],
      from: 'tenancy',
      compartments: 4,
      compartmentIds: [TENANCY_ID, ocid('compartment', 'network'), ocid('compartment', 'teama'), ocid('compartment', 'teamb')],
    });
    // beta's cluster is read for its version and CNI; its add-on is looked for (404: none).
    expect(countBy(fake().requests, /^\/20180222\/clusters\//)).toEqual({
      [`/20180222/clusters/${ocid('cluster', 'alpha')}`]: 1,
      [`/20180222/clusters/${ocid('cluster', 'alpha')}/addons/ClusterAutoscaler`]: 1,
      [`/20180222/clusters/${ocid('cluster', 'beta')}`]: 1,
      [`/20180222/clusters/${ocid('cluster', 'beta')}/addons/ClusterAutoscaler`]: 1,
    });
  });

  test('the table says how many pools of other clusters share the subnet, and where it searched', async () => {
    await serve(sharedWorld());
    const run = await check('alpha');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('│ pods       │ 10.0.64.0/23 │    509 │ 212 (41.7%) │        20 │ 724 (142.2%) │ alpha/web: 11 x 32                 │\n');
    expect(run.stdout).toContain('│            │              │        │             │           │              │ beta/jobs: 11 x 32 (other cluster) │\n');
    expect(run.stdout).toContain('pods: 1 node pool of other clusters share it\n');
    expect(run.stdout).toContain("searched 4 compartments for node pools: the tree under ocid1.tenancy.oc1..aaaatenancy (the profile's tenancy)\n");
  });

  test('--compartment teama alone does not see beta: its nodes now are other use, and the subnet fits (exit 0)', async () => {
    await serve(sharedWorld());
    const { code, report } = await json('alpha', '--compartment', ocid('compartment', 'teama'));
    expect(code).toBe(0);
    expect(rules(report)).toEqual(['note cross-compartment-policy', 'note not-checked']);
    // 212 - 160 = 52 other use (beta's one node among them) + 352 = 404 <= 509, 79.4% < 80% headroom.
    expect(report.podSubnets.map((p) => [p.otherUse, p.plannedAtMax, p.otherClusterPools])).toEqual([[52, 404, 0]]);
    expect(report.searched).toEqual({ roots: [ocid('compartment', 'teama')], from: '--compartment', compartments: 1, compartmentIds: [ocid('compartment', 'teama')] });
    expect(countBy(fake().requests, /^\/20180222\/nodePools$/, 'compartmentId')).toEqual({ [ocid('compartment', 'teama')]: 1 });
  });

  test('API calls: one ListCompartments, each compartment listed once, each subnet and VCN read once', async () => {
    await serve(sharedWorld());
    expect((await json('alpha')).code).toBe(1);
    const compartments = [TENANCY_ID, ocid('compartment', 'network'), ocid('compartment', 'teama'), ocid('compartment', 'teamb')];
    const once = Object.fromEntries(compartments.map((c) => [c, 1]));
    expect(countBy(fake().requests, /^\/20160918\/compartments$/, 'compartmentId')).toEqual({ [TENANCY_ID]: 1 });
    expect(countBy(fake().requests, /^\/20180222\/nodePools$/, 'compartmentId')).toEqual(once);
    expect(countBy(fake().requests, /^\/20180222\/virtualNodePools$/, 'compartmentId')).toEqual(once);
    // alpha's worker subnet and the pod subnet; beta's worker subnet is not alpha's concern.
    expect(countBy(fake().requests, /^\/20160918\/subnets\//)).toEqual({
      [`/20160918/subnets/${ocid('subnet', 'workersa')}`]: 1,
      [`/20160918/subnets/${ocid('subnet', 'pods')}`]: 1,
    });
    expect(countBy(fake().requests, /^\/20160918\/privateIps$/, 'subnetId')).toEqual({ [ocid('subnet', 'pods')]: 1 });
    expect(countBy(fake().requests, /^\/20160918\/vcns\//)).toEqual({ [`/20160918/vcns/${ocid('vcn', 'shared')}`]: 1 });
    expect(fake().requests).toHaveLength(18);
  });
});

/** One cluster, one pool of 5 nodes now, at most 11 (tag) + 1 surge = 12 x 32 = 384 at its largest. */
function oneCluster(podCidrs: string[]): WorldBuilder {
  return new WorldBuilder()
    .compartment('prod')
    .vcn('vcn', ['10.0.0.0/16'], 'prod')
    .subnet('workers', 'vcn', ['10.0.0.0/24'], 'prod')
    .subnet('pods', 'vcn', podCidrs, 'prod')
    .cluster('prod', 'prod', 'vcn')
    .pool('general', 'prod', { size: 5, pods: 'pods', workers: ['workers'], tags: { 'oke-cni-max-nodes': '11' } });
}

describe('what is in use now', () => {
  test('fits by pool arithmetic (384 of 509) but not with the addresses in use now: exit 1', async () => {
    // 160 held by the pool's 5 nodes + 100 single private IPs + two CIDR-sized private IPs (/28: 16 each) = 292 in use.
    await serve(oneCluster(['10.0.64.0/23']).inUse('pods', 260, [28, 28]));
    const { code, report } = await json('prod');
    expect(code).toBe(1);
    expect(rules(report)).toEqual(['note not-checked', 'error pod-subnet-capacity']);
    const [pods] = report.podSubnets;
    // 292 - 160 = 132 other use; 384 + 132 = 516 > 509.
    expect([pods?.usable, pods?.inUse, pods?.otherUse, pods?.plannedAtMax, pods?.pools[0]?.addresses]).toEqual([509, 292, 132, 516, 384]);
    // The world's subnets name no security lists: the security rules are not checked, said in live's words.
    expect([report.findings[0]?.message, report.findings[0]?.remediation]).toEqual([
      'cluster prod: pod-subnet-security-rules not checked: OCI named no security lists or NSG rules of its subnets and NSGs',
      "Live, each subnet's security lists (GetSecurityList) and each NSG's rules (ListNetworkSecurityGroupSecurityRules) are read; a list or NSG that " +
        'OCI does not name or refuses to show (see the other notes) is not checked: give the profile read access to virtual-network-family.',
    ]);
    expect(report.findings[1]?.message).toContain('need 516 at their largest (maxSize + maxSurge nodes), with the addresses in use now that no pool holds: prod/general: 12 nodes x 32 = 384; other use now (addresses in use that no node pool holds): 132');
  });

  test('private IPs without cidrPrefixLength count one address each: 260 in use, 100 other use, fits', async () => {
    await serve(oneCluster(['10.0.64.0/23']).inUse('pods', 260));
    const { code, report } = await json('prod');
    // 384 + 100 = 484 of 509: fits, but above the 80% headroom (95.1%): a warning, exit 0.
    expect(code).toBe(0);
    expect(rules(report)).toEqual(['note not-checked', 'warning pod-subnet-headroom']);
    expect(report.podSubnets.map((p) => [p.inUse, p.otherUse, p.plannedAtMax])).toEqual([[260, 100, 484]]);
  });

  test('a 404 on ListPrivateIps: in use unknown, a not-checked note, the pools still counted; exit 0 (1 with --fail-on note)', async () => {
    await serve(oneCluster(['10.0.64.0/23']).inUse('pods', 260));
    fake().always(/\/privateIps\?/, { status: 404, body: { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' } });
    const raw = await check('prod', '--format', 'json');
    expect(raw.stderr).toBe('');
    const { code, report } = { code: raw.code, report: JSON.parse(raw.stdout) as Report };
    expect(code).toBe(0);
    expect(rules(report)).toEqual(['note not-checked', 'note not-checked']);
    expect(report.findings[1]?.resource).toMatchObject({ type: 'subnet', ocid: ocid('subnet', 'pods') });
    expect(report.findings[1]?.message).toMatch(
      /^pod subnet "pods": in use now unknown, so only the node pools are counted: not found, or not authorized to read it \(404 NotAuthorizedOrNotFound\)/,
    );
        // No other use without the in-use count: the pools alone, 384.
    expect(report.podSubnets.map((p) => [p.inUse, p.otherUse, p.plannedAtMax])).toEqual([[undefined, undefined, 384]]);
    expect((await check('prod', '--fail-on', 'note', '--format', 'json')).code).toBe(1);
    const table = await check('prod');
    expect(table.stdout).toContain('│ pods       │ 10.0.64.0/23 │    509 │ unknown   │         - │ 384 (75.4%) │ prod/general: 12 x 32 │\n');
    expect(table.stdout).toContain('in use now in pods unknown: not found, or not authorized to read it (404 NotAuthorizedOrNotFound)');
  });
});

describe('a narrower IAM policy', () => {
  test('a 403 on ListVirtualNodePools (every compartment): one not-checked note each, the managed pools still counted', async () => {
    await serve(sharedWorld());
    fake().always(/\/virtualNodePools\?/, { status: 403, body: { code: 'NotAuthorized', message: 'not allowed' } });
    const run = await check('alpha', '--format', 'json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(1);
    expect(rules(report)).toEqual(['note cross-compartment-policy', 'note not-checked', 'error pod-subnet-capacity', ...Array(4).fill('note not-checked')]);
    // The cluster's security rules note (the fake subnets name no security lists), then one per compartment.
    expect(report.findings.filter((f) => f.ruleId === 'not-checked').map((f) => f.resource.ocid)).toEqual([ocid('cluster', 'alpha'), TENANCY_ID, ...['network', 'teama', 'teamb'].map((n) => ocid('compartment', n))]);
    expect(report.findings.at(-1)?.message).toBe(`virtual node pools of compartment ${ocid('compartment', 'teamb')} not read, so not counted: 403 NotAuthorized: not allowed (opc-request-id ${fake().requests.filter((r) => r.path.endsWith('virtualNodePools')).map((r) => r.requestId).find((id) => fake().requests.find((r) => r.requestId === id)?.query.get('compartmentId') === ocid('compartment', 'teamb'))})`);
    expect(report.podSubnets[0]?.plannedAtMax).toBe(724);
  });
});

describe('every CIDR block of a pod subnet', () => {
  test('two /24 blocks (2 x 253 = 506) hold the 384 addresses; one block alone (253) does not', async () => {
    await serve(oneCluster(['10.0.64.0/24', '10.0.65.0/24']).inUse('pods', 160));
    const both = await json('prod');
    expect(both.code).toBe(0);
    expect(rules(both.report)).toEqual(['note not-checked']);
    expect(both.report.podSubnets.map((p) => [p.cidrBlocks, p.usable, p.plannedAtMax])).toEqual([[['10.0.64.0/24', '10.0.65.0/24'], 506, 384]]);
    await serve(oneCluster(['10.0.64.0/24']).inUse('pods', 160));
    const one = await json('prod');
    expect(one.code).toBe(1);
    expect(rules(one.report)).toEqual(['note not-checked', 'error pod-subnet-capacity']);
    expect(one.report.podSubnets.map((p) => [p.cidrBlocks, p.usable])).toEqual([[['10.0.64.0/24'], 253]]);
  });
});

describe('the mapping of the API objects', () => {
  test('a cluster without clusterPodNetworkOptions whose pools are OCI_VCN_IP_NATIVE is VCN-native: the capacity rule runs', async () => {
    const w = new WorldBuilder()
      .compartment('prod')
      .vcn('vcn', ['10.0.0.0/16'], 'prod')
      .subnet('workers', 'vcn', ['10.0.0.0/24'], 'prod')
      .subnet('pods', 'vcn', ['10.0.64.0/24'], 'prod')
      .cluster('old', 'prod', 'vcn', { podNetworkOptions: false })
      // 10 + 1 nodes x 32 = 352 > 253.
      .pool('general', 'old', { size: 10, pods: 'pods', workers: ['workers'] });
    await serve(w);
    expect(w.world.clusters[0]).not.toHaveProperty('clusterPodNetworkOptions');
    const { code, report } = await json('old');
    expect(code).toBe(1);
    expect(rules(report)).toEqual(['note not-checked', 'error pod-subnet-capacity']);
    expect(report.podSubnets.map((p) => [p.name, p.plannedAtMax])).toEqual([['pods', 352]]);
  });

  test("a multi-AD pool whose second AD's worker subnet is in another VCN: pod-subnet-same-vcn names it, exit 1", async () => {
    const w = new WorldBuilder()
      .compartment('prod')
      .vcn('vcn', ['10.0.0.0/16'], 'prod')
      .vcn('other', ['10.1.0.0/16'], 'prod')
      .subnet('workers', 'vcn', ['10.0.0.0/24'], 'prod')
      .subnet('elsewhere', 'other', ['10.1.0.0/24'], 'prod')
      .subnet('pods', 'vcn', ['10.0.64.0/22'], 'prod')
      .cluster('prod', 'prod', 'vcn')
      .pool('general', 'prod', { size: 3, pods: 'pods', workers: ['workers', 'elsewhere'] });
    await serve(w);
    const { code, report } = await json('prod');
    expect(code).toBe(1);
    expect(rules(report)).toEqual(['note not-checked', 'error pod-subnet-same-vcn']);
    expect(report.findings[1]?.message).toBe('node pool prod/general: pod subnet "pods" is in VCN "vcn" but worker subnet "elsewhere" is in VCN "other"');
    expect(report.findings[1]?.resource).toMatchObject({ type: 'node pool', ocid: ocid('nodepool', 'general') });
    // Both worker subnets and both VCNs were read, once each.
    expect(countBy(fake().requests, /^\/20160918\/(subnets|vcns)\//)).toEqual({
      [`/20160918/subnets/${ocid('subnet', 'workers')}`]: 1,
      [`/20160918/subnets/${ocid('subnet', 'elsewhere')}`]: 1,
      [`/20160918/subnets/${ocid('subnet', 'pods')}`]: 1,
      [`/20160918/vcns/${ocid('vcn', 'vcn')}`]: 1,
      [`/20160918/vcns/${ocid('vcn', 'other')}`]: 1,
    });
  });

  test('a stale oke-cni-max-nodes tag (below the size) is a warning, not an error: exit 0, 1 with --fail-on warning, never 2', async () => {
    const w = oneCluster(['10.0.64.0/22']);
    w.world.nodePools[0]!.freeformTags = { 'oke-cni-max-nodes': '2' };
    await serve(w);
    const { code, report } = await json('prod');
    expect(code).toBe(0);
    expect(rules(report)).toEqual(['note not-checked', 'warning max-nodes-tag']);
    expect(report.findings[1]?.resource).toMatchObject({ type: 'node pool', ocid: ocid('nodepool', 'general') });
    // The stale tag is not used: the pool is planned at its size, 5 + 1 nodes.
    expect(report.podSubnets[0]?.pools.map((p) => [p.nodes, p.maxSizeFrom])).toEqual([[6, 'size']]);
    expect((await check('prod', '--fail-on', 'warning', '--format', 'json')).code).toBe(1);
  });

  test('the Cluster Autoscaler add-on: its maximum for the pool counts when present; absent (404) is no error', async () => {
    const w = oneCluster(['10.0.64.0/22']);
    w.world.nodePools[0]!.freeformTags = {};
    w.autoscaler('prod', { general: [1, 20] });
    await serve(w);
    const present = await json('prod');
    expect(present.code).toBe(0);
    // 20 (add-on maximum) + 1 surge.
    expect(present.report.podSubnets[0]?.pools.map((p) => [p.nodes, p.maxSizeFrom, p.addresses])).toEqual([[21, 'autoscaler add-on', 672]]);
    const absent = oneCluster(['10.0.64.0/22']);
    absent.world.nodePools[0]!.freeformTags = {};
    await serve(absent);
    const none = await json('prod');
    expect(none.code).toBe(0);
    expect(rules(none.report)).toEqual(['note not-checked']);
    expect(none.report.podSubnets[0]?.pools.map((p) => [p.nodes, p.maxSizeFrom])).toEqual([[6, 'size']]);
    expect(fake().requests.filter((r) => r.path.endsWith('/addons/ClusterAutoscaler'))).toHaveLength(1);
  });
});

describe('a paged, nested compartment tree', () => {
  /** tenancy > a > a1 > a11 > a111, tenancy > b, a > a2, a > a3: 8 compartments listed 2 per page. */
  function nested(): WorldBuilder {
    const w = sharedWorld();
    w.world.compartments = [];
    w.compartment('network').compartment('teama').compartment('a').compartment('b');
    w.compartment('a1', 'a').compartment('a2', 'a').compartment('a3', 'a').compartment('a11', 'a1').compartment('a111', 'a11');
    // beta lives deepest, in a111.
    for (const c of w.world.clusters) if (c.name === 'beta') c.compartmentId = ocid('compartment', 'a111');
    for (const p of w.world.nodePools) if (p.name === 'jobs') p.compartmentId = ocid('compartment', 'a111');
    w.world.pageSize.compartments = 2;
    return w;
  }

  test('from the tenancy: one paged subtree listing (5 pages for 9 compartments) finds the pool 4 levels down', async () => {
    await serve(nested());
    const { code, report } = await json('alpha');
    expect(code).toBe(1);
    expect(report.podSubnets[0]?.pools.map((p) => p.pool)).toEqual(['alpha/web', 'beta/jobs']);
    expect(report.searched.compartments).toBe(10);
    expect(countBy(fake().requests, /^\/20160918\/compartments$/, 'page')).toEqual({ '': 1, p2: 1, p4: 1, p6: 1, p8: 1 });
    const listed = countBy(fake().requests, /^\/20180222\/nodePools$/, 'compartmentId');
    expect(Object.keys(listed).sort()).toEqual([...report.searched.compartmentIds].sort());
    expect(new Set(Object.values(listed))).toEqual(new Set([1]));
  });

  test('from --compartment a: level by level, each compartment listed once (its pages followed), a111 reached', async () => {
    await serve(nested());
    const { code, report } = await json('alpha', '--compartment', ocid('compartment', 'a'));
    expect(code).toBe(1);
    // a, its children a1 a2 a3, a11, a111; and the cluster's own compartment teama.
    expect(report.searched.compartmentIds).toEqual(['a', 'a1', 'a2', 'a3', 'a11', 'a111', 'teama'].map((n) => ocid('compartment', n)));
    // a has 3 children: 2 pages; a1, a2, a3, a11, a111 one page each.
    const pages = fake().requests.filter((r) => r.path === '/20160918/compartments').map((r) => `${r.query.get('compartmentId')?.replace('ocid1.compartment.oc1..', '')}${r.query.get('page') ? `@${r.query.get('page')}` : ''}`);
    expect(pages.sort()).toEqual(['a', 'a1', 'a11', 'a111', 'a2', 'a3', 'a@p2']);
    expect(countBy(fake().requests, /^\/20180222\/nodePools$/, 'compartmentId')).toEqual(Object.fromEntries(report.searched.compartmentIds.map((c) => [c, 1])));
    expect(report.podSubnets[0]?.otherClusterPools).toBe(1);
  });
});

describe('the bench tenancy: 50 compartments, 10 clusters, 200 pools on 5 pod subnets', () => {
  test('150 API calls: each compartment listed once, each subnet read once, each other cluster once', async () => {
    await serve(benchTenancy({ compartments: 50, clusters: 10, pools: 200, podSubnets: 5 }));
    const { code, report } = await json('cluster0');
    expect(code).toBe(0);
    // Every pod subnet: 40 pools (4 of cluster0), 2 nodes x 32 now each + 40 other use; 3 x 32 at their largest.
    expect(report.podSubnets.map((p) => [p.name, p.pools.length, p.otherClusterPools, p.inUse, p.otherUse, p.plannedAtMax])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [`pods${i}`, 40, 36, 2600, 40, 40 * 96 + 40]),
    );
    expect(report.searched.compartments).toBe(51);
    const r = fake().requests;
    expect(Object.values(countBy(r, /^\/20180222\/nodePools$/, 'compartmentId'))).toEqual(Array(51).fill(1));
    expect(Object.values(countBy(r, /^\/20180222\/virtualNodePools$/, 'compartmentId'))).toEqual(Array(51).fill(1));
    expect(Object.values(countBy(r, /^\/20160918\/subnets\//))).toEqual(Array(6).fill(1));
    expect(Object.values(countBy(r, /^\/20180222\/clusters\/[^/]+$/))).toEqual(Array(10).fill(1));
    // 1 ListCompartments + 51 x 2 pool listings + 6 subnets + 1 VCN + 5 x 3 private-IP pages (2600 each, 1000 a page)
    // + 10 GetCluster + 10 GetAddon + 5 ListShapes (cluster0's pools' compartments).
    expect(r).toHaveLength(1 + 102 + 6 + 1 + 15 + 10 + 10 + 5);
  });
});

describe('README', () => {
  /** The shared subnet, with the network in team A's compartment: alpha's parts all in one compartment. */
  function readmeWorld(): WorldBuilder {
    // As in OCI, the subnets have a security list (an open one here) and the cluster an API endpoint: the security rules pass.
    const w = sharedWorld().openSecurityList('shared-open', 'teama', ['workersa', 'workersb', 'pods']).endpoint('alpha', 'workersa');
    for (const o of [...w.world.vcns, ...w.world.subnets]) o.compartmentId = ocid('compartment', 'teama');
    w.world.compartments = w.world.compartments!.filter((c) => c.name !== 'network');
    return w;
  }
  const shownAfter = (command: string): string => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf(`$ ${command}\n`);
    expect(start).toBeGreaterThan(0);
    const body = readme.slice(start + command.length + 3);
    return body.slice(0, body.search(/^(\$ |```)/m));
  };

  test('the live check example is the real run, byte for byte, and the --verbose totals line too', async () => {
    await serve(readmeWorld());
    const run = await check('alpha');
    expect(run.code).toBe(1);
    expect(shownAfter('oke-cni check --cluster ocid1.cluster.oc1.iad.alpha')).toBe(run.stdout);
    const verbose = await check('alpha', '--verbose', '--format', 'json');
    const totals = verbose.stderr.split('\n').find((l) => l.startsWith('oci: ') && l.includes(' requests ('));
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(`\n${totals}\n`);
  });

  test('the live security rules example is the real run: the clean cluster without its path discovery rule', async () => {
    const w = new WorldBuilder();
    Object.assign(w.world, loadWorld('clean'));
    const list = w.world.securityLists!.find((l) => l.displayName === 'nodes-sl')!;
    list.ingressSecurityRules = (list.ingressSecurityRules as Array<{ protocol: string }>).filter((r) => r.protocol !== '1');
    await serve(w);
    const run = await check('aaaaclean');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('    error  pod-subnet-security-rules  the worker nodes of prod/general, prod/batch (subnet');
    expect(shownAfter('oke-cni check --cluster ocid1.cluster.oc1.iad.aaaaclean')).toBe(run.stdout);
  });
});
