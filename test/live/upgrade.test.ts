/**
 * `check --upgrade` (the pre-upgrade preflight) from the built bin against the fake OCI API: free
 * addresses now on each subnet against the surge nodes node cycling adds, pools one at a time or
 * all at once, --pool, a subnet whose in-use count is refused, and the flags it refuses.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { fakeWorldPerTest } from './fake-world.js';
import { runBinAsync } from '../helpers/run-bin.js';
import { credentials } from './harness.js';
import { ocid, WorldBuilder } from './worlds.js';

// Each test runs the built bin 1 to 4 times; on a shared 2-core machine during the full suite one run can take 10 s.
vi.setConfig({ testTimeout: 120_000 });

const { serve, fake } = fakeWorldPerTest();
const upgrade = (...extra: string[]) =>
  runBinAsync(['check', '--cluster', ocid('cluster', 'prod'), '--upgrade', '--endpoint', fake().url, ...extra], { HOME: credentials().dir, OCI_CLI_CONFIG_FILE: credentials().configFile });

/**
 * Pod subnet /22 (1021 usable), worker subnet /24 (253). Per surge node in the pod subnet: general 31 + 1 = 32,
 * batch 62 + 2 = 64, big 32, burst (virtual) 31; each also takes 1 address (its node IP) in the worker subnet.
 * Surge nodes now: general "1" -> 1; batch "50%" of 2 -> 1; big "50%" of 5 -> 3 (2.5 rounded up); burst unset -> 1.
 */
function world(podsInUse: number): WorldBuilder {
  return new WorldBuilder()
    .compartment('prod')
    .vcn('vcn', ['10.0.0.0/16'], 'prod')
    .subnet('workers', 'vcn', ['10.0.0.0/24'], 'prod')
    .subnet('pods', 'vcn', ['10.0.64.0/22'], 'prod')
    .cluster('prod', 'prod', 'vcn')
    .pool('general', 'prod', { size: 4, pods: 'pods', workers: ['workers'], maximumSurge: '1' })
    .pool('batch', 'prod', { size: 2, maxPodsPerNode: 62, pods: 'pods', workers: ['workers'], maximumSurge: '50%' })
    .pool('big', 'prod', { size: 5, pods: 'pods', workers: ['workers'], maximumSurge: '50%' })
    .virtualPool('burst', 'prod', { size: 2, pods: 'pods', workers: ['workers'] })
    .inUse('workers', 13)
    .inUse('pods', podsInUse);
}

describe('check --upgrade', () => {
  test('one pool at a time (the default): the largest surge, 96, fits the 143 free; all at once (223) would not: exit 0', async () => {
    // 878 in use: 1021 - 878 = 143 free.
    await serve(world(878));
    const run = await upgrade();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Upgrade preflight: cluster prod (ocid1.cluster.oc1.iad.prod), node pools cycled one at a time (--cycle all-at-once: every pool at once)',
      '  prod/general: maximumSurge 1 of 4 nodes now -> 1 surge node',
      '  prod/batch: maximumSurge 50% of 2 nodes now -> 1 surge node',
      '  prod/big: maximumSurge 50% of 5 nodes now -> 3 surge nodes',
      "  prod/burst: maximumSurge unset (OKE's default, 1) of 2 nodes now -> 1 surge node",
    ]);
    // At the default 100 columns the headers wrap between their words; no cell does.
    expect(lines).toContain('│ workers │ 10.0.0.0/24  │    253 │    13 │   240 │ 3 ✔   │ 6 ✔    │ prod/big: 3 x 1 (node IP)     │');
    expect(lines).toContain('│ pods    │ 10.0.64.0/22 │   1021 │   878 │   143 │ 96 ✔  │ 223 ✖  │ prod/big: 3 x 32              │');
    expect(lines).toContain('│         │              │        │       │       │       │        │ prod/batch: 1 x 64            │');
    expect(lines.at(-2)).toBe('✔ node cycling finds its surge addresses free now in every subnet (pools cycled one at a time; all at once does not fit)');
    // The worker subnet's addresses in use are read too: each surge node takes its node IP there.
    expect(fake().requests.filter((r) => r.path === '/20160918/privateIps').map((r) => r.query.get('subnetId')).sort()).toEqual([ocid('subnet', 'pods'), ocid('subnet', 'workers')]);
  });

  test('--cycle all-at-once: the surges add up to 223 > 143: exit 1, the verdict names every pool and the fix', async () => {
    await serve(world(878));
    const run = await upgrade('--cycle', 'all-at-once');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '✖ subnet "pods" (10.0.64.0/22): 143 addresses free now, but cycling every pool at once needs 223 ' +
        '(prod/big 3 x 32 = 96, prod/batch 1 x 64 = 64, prod/general 1 x 32 = 32, prod/burst 1 x 31 = 31)\n' +
        "  fix: free 80 addresses in the subnet (load balancers, unused VNICs), lower the pools' maximumSurge (0, with maximumUnavailable 1 or more, " +
        'replaces nodes without surge nodes), or add a CIDR block to the subnet; or cycle the pools one at a time, which fits\n',
    );
    expect(run.stdout).not.toContain('subnet "workers" (');
  });

  test('one pool at a time does not fit either when only 21 addresses are free: exit 1; --output writes the report', async () => {
    await serve(world(1000));
    const run = await upgrade();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ subnet "pods" (10.0.64.0/22): 21 addresses free now, but cycling its largest pool needs 96 (prod/big 3 x 32 = 96)\n');
    const file = join(mkdtempSync(join(tmpdir(), 'oke-cni-upgrade-')), 'preflight.json');
    const toFile = await upgrade('--format', 'json', '--output', file);
    expect([toFile.code, toFile.stdout, toFile.stderr]).toEqual([1, '', `oke-cni: wrote json preflight to ${file}: a subnet lacks the surge addresses\n`]);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { fits: boolean }).fits).toBe(false);
  });

  test('--pool (name or OCID, repeatable) and --format json', async () => {
    await serve(world(878));
    const run = await upgrade('--pool', 'general', '--pool', ocid('nodepool', 'batch'), '--cycle', 'all-at-once', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      cluster: { name: 'prod', ocid: ocid('cluster', 'prod') },
      cycle: 'all-at-once',
      fits: true,
      pools: [
        {
          pool: 'prod/general', ocid: ocid('nodepool', 'general'), type: 'managed', nodesNow: 4, maximumSurge: '1', surgeNodes: 1,
          subnets: [
            { subnet: 'pods', ocid: ocid('subnet', 'pods'), role: 'pods', perSurgeNode: 32, addresses: 32 },
            { subnet: 'workers', ocid: ocid('subnet', 'workers'), role: 'worker', perSurgeNode: 1, addresses: 1 },
          ],
        },
        {
          pool: 'prod/batch', ocid: ocid('nodepool', 'batch'), type: 'managed', nodesNow: 2, maximumSurge: '50%', surgeNodes: 1,
          subnets: [
            { subnet: 'pods', ocid: ocid('subnet', 'pods'), role: 'pods', perSurgeNode: 64, addresses: 64 },
            { subnet: 'workers', ocid: ocid('subnet', 'workers'), role: 'worker', perSurgeNode: 1, addresses: 1 },
          ],
        },
      ],
      subnets: [
        {
          name: 'workers', ocid: ocid('subnet', 'workers'), cidr: '10.0.0.0/24', cidrBlocks: ['10.0.0.0/24'], usable: 253, inUse: 13, inUseUnknown: null, free: 240,
          oneAtATime: { addresses: 1, fits: true }, allAtOnce: { addresses: 2, fits: true },
          pools: [{ pool: 'prod/general', role: 'worker', perSurgeNode: 1, addresses: 1 }, { pool: 'prod/batch', role: 'worker', perSurgeNode: 1, addresses: 1 }],
        },
        {
          name: 'pods', ocid: ocid('subnet', 'pods'), cidr: '10.0.64.0/22', cidrBlocks: ['10.0.64.0/22'], usable: 1021, inUse: 878, inUseUnknown: null, free: 143,
          oneAtATime: { addresses: 64, fits: true }, allAtOnce: { addresses: 96, fits: true },
          pools: [{ pool: 'prod/batch', role: 'pods', perSurgeNode: 64, addresses: 64 }, { pool: 'prod/general', role: 'pods', perSurgeNode: 32, addresses: 32 }],
        },
      ],
      notes: [],
    });
  });

  test('a 404 on the pod subnet\'s ListPrivateIps: that subnet is not checked and says so; exit 0, 1 with --fail-on note', async () => {
    await serve(world(878));
    fake().always(/privateIps\?.*subnetId=ocid1\.subnet\.oc1\.iad\.pods/, { status: 404, body: { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' } });
    const run = await upgrade();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│ pods    │ 10\.0\.64\.0\/22 │ +1021 │ unknown │ unknown │ 96 +│ 223 +│/);
    expect(run.stdout).toMatch(/\n\? subnet "pods" \(10\.0\.64\.0\/22\): not checked: not found, or not authorized to read it \(404 NotAuthorizedOrNotFound\)/);
    expect(run.stdout).toContain('note: pod subnet "pods": in use now unknown, so only the node pools are counted: not found');
    const json = await upgrade('--format', 'json', '--fail-on', 'note');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { fits: unknown; subnets: Array<{ name: string; free: unknown; oneAtATime: unknown }> };
    expect(report.fits).toBeNull();
    expect(report.subnets.map((s) => [s.name, s.free, s.oneAtATime])).toEqual([
      ['workers', 240, { addresses: 3, fits: true }],
      ['pods', null, { addresses: 96, fits: null }],
    ]);
  });

  test('flags it refuses: one line each, exit 2, before any request', async () => {
    await serve(world(878));
    const bad = async (args: string[]) => {
      const run = await runBinAsync(['check', '--cluster', ocid('cluster', 'prod'), '--endpoint', fake().url, ...args], { HOME: credentials().dir, OCI_CLI_CONFIG_FILE: credentials().configFile });
      return [run.code, run.stdout, run.stderr];
    };
    expect(await bad(['--pool', 'general'])).toEqual([2, '', 'oke-cni: --pool: only with --upgrade (the pre-upgrade preflight)\n']);
    expect(await bad(['--cycle', 'all-at-once'])).toEqual([2, '', 'oke-cni: --cycle: only with --upgrade (the pre-upgrade preflight)\n']);
    expect(await bad(['--upgrade', '--format', 'sarif'])).toEqual([2, '', 'oke-cni: --format: --upgrade prints table or json, not sarif\n']);
    expect(await bad(['--upgrade', '--disable', 'pod-subnet-capacity'])).toEqual([2, '', 'oke-cni: --disable: not with --upgrade: the preflight runs no rules\n']);
    expect(await bad(['--upgrade', '--write-baseline', 'b.json'])).toEqual([2, '', 'oke-cni: --write-baseline: not with --upgrade: the preflight runs no rules\n']);
    expect(fake().requests).toEqual([]);
    expect(await bad(['--upgrade', '--pool', 'nosuch'])).toEqual([2, '', 'oke-cni: --pool: cluster "prod" has no node pool named or with OCID "nosuch" (its node pools: "general", "batch", "big", "burst")\n']);
  });
});

describe('README', () => {
  test('the check --upgrade example is the real output, byte for byte', async () => {
    const command = 'oke-cni check --cluster ocid1.cluster.oc1.iad.prod --upgrade';
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf(`$ ${command}\n`);
    expect(start).toBeGreaterThan(0);
    const body = readme.slice(start + command.length + 3);
    const shown = body.slice(0, body.search(/^(\$ |```)/m));
    await serve(world(878));
    const run = await upgrade();
    expect(run.code).toBe(0);
    expect(shown).toBe(run.stdout);
  });
});
