/**
 * `oke-cni check` in-process, through the real commander program and the real oci-* clients,
 * against the fake OCI API: every output format, exit codes, --verbose, the spinner, one-line
 * errors, no secret in any output, and a 20-pool cluster's API calls and wall time.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/program.js';
import { allRequests, startFakeOci, type FakeOci, type World } from '../fake-oci/server.js';
import { credentials, loadWorld, twentyPoolWorld } from './harness.js';

const CLEAN = 'ocid1.cluster.oc1.iad.aaaaclean';
const RISKY = 'ocid1.cluster.oc1.iad.aaaarisky';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[], opts: { tty?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env: { HOME: credentials().dir, ...opts.env },
    stdoutIsTTY: false,
    stderrIsTTY: opts.tty ?? false,
    cwd: credentials().dir,
  };
  const code = await main(['node', 'oke-cni', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let fake: FakeOci;
async function serve(world: World): Promise<FakeOci> {
  fake = await startFakeOci(world);
  fake.trustKeys(credentials().trusted);
  return fake;
}
const live = (...extra: string[]): string[] => ['--endpoint', fake.url, '--config-file', credentials().configFile, ...extra];
const outputs: string[] = [];
const check = async (args: string[], opts?: Parameters<typeof runCli>[1]): Promise<Run> => {
  const run = await runCli(['check', ...args], opts);
  outputs.push(run.stdout, run.stderr);
  return run;
};

beforeAll(() => void credentials());
afterEach(async () => {
  await fake?.close();
});
afterAll(() => {
  expect(new Set(allRequests.map((r) => r.method))).toEqual(new Set(['GET']));
  // No key, passphrase or token in anything any run printed.
  const all = outputs.join('\n');
  expect(all.length).toBeGreaterThan(1000);
  for (const secret of credentials().secrets) expect(all).not.toContain(secret);
});

describe('check --cluster, clean cluster', () => {
  test('table: no findings, then the live pod-subnet table; exit 0', async () => {
    await serve(loadWorld('clean'));
    const run = await check(['--cluster', CLEAN, ...live()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const usage = run.stdout.slice(run.stdout.indexOf('Pod subnets (live)'));
    const lines = usage.split('\n').map((l) => l.trimEnd());
    expect(lines[0]).toBe('Pod subnets (live)');
    // At the default 100 columns the "planned at largest" header wraps between its words.
    expect(lines).toContain('│ pod subnet │ CIDR         │ usable │ in use now │ other use │ planned at  │ node pools           │');
    expect(lines).toContain('│            │              │        │            │           │ largest     │                      │');
    // 300 in use now, 286 of them held by general (3 x 32), batch (2 x 64) and burst (2 virtual nodes x 31): 14 other use; 14 + 1053 at their largest.
    expect(lines).toContain('│ pods       │ 10.0.64.0/18 │  16381 │ 300 (1.8%) │        14 │ 1067 (6.5%) │ prod/general: 4 x 32 │');
    expect(lines).toContain('pods: 0 node pools of other clusters share it');
    expect(lines).toContain("searched 2 compartments for node pools: the tree under ocid1.tenancy.oc1..aaaatenancy (the profile's tenancy)");
  });

  test('--format json: findings, summary and podSubnets', async () => {
    await serve(loadWorld('clean'));
    const run = await check(['--cluster', CLEAN, '--format', 'json', ...live()]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      findings: [],
      summary: { errors: 0, warnings: 0, notes: 0 },
      podSubnets: [
        {
          ocid: 'ocid1.subnet.oc1.iad.aaaapods',
          name: 'pods',
          cidr: '10.0.64.0/18',
          cidrBlocks: ['10.0.64.0/18'],
          usable: 16381,
          inUse: 300,
          otherUse: 14,
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
      ],
      searched: { roots: ['ocid1.tenancy.oc1..aaaatenancy'], from: 'tenancy', compartments: 2, compartmentIds: ['ocid1.tenancy.oc1..aaaatenancy', 'ocid1.compartment.oc1..aaaaprod'] },
    });
  });

  test('the project config\'s reserved addresses, by OCID, count in podSubnets and the table', async () => {
    await serve(loadWorld('clean'));
    const file = join(credentials().dir, 'settings.yaml');
    writeFileSync(file, 'reserved:\n  ocid1.subnet.oc1.iad.aaaapods: 100\n');
    const json = await check(['--cluster', CLEAN, '--format', 'json', '--config', file, ...live()]);
    expect(json.code).toBe(0);
    const [pods] = JSON.parse(json.stdout).podSubnets;
    // 1053 for the pools at their largest + the larger of 100 reserved by the config and 14 other use measured now:
    // the reserved allowance covers the other VNICs that exist now, so the two are not added.
    expect([pods.plannedAtMax, pods.reserved, pods.otherUse, pods.otherVnics]).toEqual([1153, 100, 14, 100]);
    await fake.close();
    await serve(loadWorld('clean'));
    const table = await check(['--cluster', CLEAN, '--config', file, ...live()]);
    expect(table.stdout).toMatch(/│ pods +│ 10\.0\.64\.0\/18 │ +16381 │ 300 \(1\.8%\) │ +14 │ 1153 \(7\.0%\) +│ prod\/general: 4 x 32 +│\n/);
    expect(table.stdout).toMatch(/│ reserved \(config\): 100 +│\n/);
  });

  test('--verbose lists every API call with method, path, status, duration and opc-request-id, then the totals', async () => {
    await serve(loadWorld('clean'));
    const run = await check(['--cluster', CLEAN, '--format', 'json', '--verbose', ...live()]);
    const calls = run.stderr.split('\n').filter((l) => l.startsWith('oci: GET '));
    expect(calls).toHaveLength(fake.requests.length);
    // 16 for the cluster, its pools, subnets, VCN, shapes and addresses; 6 for the security rules
    // (the API endpoint's subnet, 2 security lists, 2 NSGs' rules on 3 pages).
    expect(calls).toHaveLength(22);
    for (const r of fake.requests) {
      const target = `${r.path}${r.query.size ? `?${r.query}` : ''}`;
      // The cluster has no Cluster Autoscaler add-on: GetAddon answers 404, which is not an error.
      const status = r.path.endsWith('/addons/ClusterAutoscaler') ? 404 : 200;
      expect(calls.some((l) => new RegExp(`^oci: GET ${target.replace(/[.?[\]]/g, '\\$&')} ${status} \\d+ ms opc-request-id ${r.requestId}$`).test(l))).toBe(true);
    }
    expect(run.stderr).toContain(
      'oci: 22 requests (0 retries): getAddon 1, getCluster 1, getSecurityList 2, getSubnet 3, getVcn 1, listCompartments 1, listNetworkSecurityGroupSecurityRules 3, listNodePools 2, listPrivateIps 3, listShapes 3, listVirtualNodePools 2\n',
    );
    expect(run.stderr).toContain('skipping node pool ocid1.nodepool.oc1.iad.aaaaretired (DELETED)\n');
    expect(run.stderr).not.toContain('\r');
  });

  test('a spinner on a terminal stderr, cleared before the report', async () => {
    await serve(loadWorld('clean'));
    const run = await check(['--cluster', CLEAN, ...live()], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr.startsWith('\r\x1b[2K⠋ connecting to OCI')).toBe(true);
    expect(run.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(run.stdout).not.toContain('\r');
  });
});

describe('check --cluster, findings', () => {
  test('exit 1, and every format renders the live resources', async () => {
    await serve(loadWorld('findings'));
    const json = await check(['--cluster', RISKY, '--format', 'json', ...live()]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: Array<Record<string, unknown>>; summary: unknown };
    expect(report.summary).toEqual({ errors: 4, warnings: 0, notes: 0 });
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.resource])).toEqual([
      ['unknown-shape', 'error', null, null, { type: 'node pool', ocid: 'ocid1.nodepool.oc1.iad.aaaafuture', name: 'future' }],
      ['max-pods-shape', 'error', null, null, { type: 'node pool', ocid: 'ocid1.nodepool.oc1.iad.aaaatight', name: 'tight' }],
      ['pod-subnet-capacity', 'error', null, null, { type: 'subnet', ocid: 'ocid1.subnet.oc1.iad.aaaapublicpods', name: 'public-pods' }],
      ['pod-subnet-private', 'error', null, null, { type: 'subnet', ocid: 'ocid1.subnet.oc1.iad.aaaapublicpods', name: 'public-pods' }],
    ]);

    const sarif = await check(['--cluster', RISKY, '--format', 'sarif', ...live()]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['unknown-shape', 'max-pods-shape', 'pod-subnet-capacity', 'pod-subnet-private']);

    const github = await check(['--cluster', RISKY, '--format', 'github', ...live()]);
    expect(github.code).toBe(1);
    expect(github.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(4);

    const junit = await check(['--cluster', RISKY, '--format', 'junit', ...live()]);
    expect(junit.code).toBe(1);
    expect(junit.stdout.match(/<failure /g)).toHaveLength(4);

    const table = await check(['--cluster', RISKY, ...live()]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('ocid1.subnet.oc1.iad.aaaapublicpods');
    expect(table.stdout).toMatch(/│ public-pods │ 10\.1\.64\.0\/24 │ +253 │ 201 \(79\.4%\) │ +0 │ 617 \(243\.9%\) +│ risky\/tight: 3 x 67 +│\n/);
  });

  test('--fail-on never exits 0; --disable drops a rule; --output writes the report', async () => {
    await serve(loadWorld('findings'));
    expect((await check(['--cluster', RISKY, '--fail-on', 'never', '--format', 'json', ...live()])).code).toBe(0);
    const disabled = await check(['--cluster', RISKY, '--format', 'json', '--disable', 'unknown-shape,pod-subnet-private', ...live()]);
    expect((JSON.parse(disabled.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).toEqual(['max-pods-shape', 'pod-subnet-capacity']);
    const file = join(mkdtempSync(join(tmpdir(), 'oke-cni-check-')), 'report.json');
    const toFile = await check(['--cluster', RISKY, '--format', 'json', '--output', file, ...live()]);
    expect(toFile.code).toBe(1);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toBe(`oke-cni: wrote json report to ${file}: 4 errors, 0 warnings, 0 notes\n`);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { podSubnets: unknown[] }).podSubnets).toHaveLength(1);
  });
});

describe('check errors: one line, exit 2', () => {
  test('a missing cluster names the OCID, the operation and the opc-request-id', async () => {
    await serve(loadWorld('clean'));
    const run = await check(['--cluster', 'ocid1.cluster.oc1.iad.aaaamissing', ...live()]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'oke-cni: OCI GetCluster ocid1.cluster.oc1.iad.aaaamissing: not found, or not authorized to read it (404 NotAuthorizedOrNotFound): ' +
        'Authorization failed or requested resource not found.; check the OCID, the region and the IAM policies (opc-request-id fake-1)\n',
    });
  });

  test('bad flags fail before any request', async () => {
    await serve(loadWorld('clean'));
    expect(await check(['--cluster', 'prod', ...live()])).toMatchObject({
      code: 2,
      stderr: 'oke-cni: --cluster: "prod" is not a cluster OCID (ocid1.cluster.oc1.<region>.<id>)\n',
    });
    const unknownRule = await check(['--cluster', CLEAN, '--disable', 'pod-subnet-privat', ...live()]);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toMatch(/^oke-cni: --disable: unknown rule "pod-subnet-privat"; did you mean "pod-subnet-private"/);
    expect(await check(['--cluster', CLEAN, '--auth', 'password', ...live()])).toMatchObject({ code: 2 });
    expect(await check(['--cluster', CLEAN, ...live(), '--config-file', join(credentials().dir, 'absent')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `oke-cni: ${join(credentials().dir, 'absent')}: no such OCI config file (give --config-file or set OCI_CLI_CONFIG_FILE; create one with \`oci setup config\`)\n`,
    });
    expect(fake.requests).toEqual([]);
  });

  test('OCI_CLI_PROFILE and OCI_CLI_AUTH are read from the environment', async () => {
    await serve(loadWorld('clean'));
    const run = await check(['--cluster', CLEAN, '--format', 'json', ...live()], { env: { OCI_CLI_PROFILE: 'SESSION', OCI_CLI_AUTH: 'security_token' } });
    expect(run.code).toBe(0);
    expect(fake.requests[0]!.headers.authorization).toContain(`keyId="ST$${credentials().token}"`);
  });

  test('no secret reaches stdout or stderr, even with --verbose and failures', async () => {
    await serve(loadWorld('clean'));
    fake.always(/\/vcns\//, { status: 500, body: { code: 'InternalError', message: 'boom' } });
    const runs: Run[] = [];
    for (const profile of [['WRONG_PASSPHRASE'], ['ENCRYPTED_NO_PASSPHRASE'], ['UNTRUSTED_KEY'], ['ENCRYPTED'], ['SESSION', '--auth', 'security_token']]) {
      runs.push(await check(['--cluster', CLEAN, '--verbose', '--profile', ...profile, ...live()]));
    }
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[3]!.stderr).toMatch(/oke-cni: OCI GetVcn ocid1\.vcn\.oc1\.iad\.aaaaprodvcn: gave up after 3 attempts: 500 InternalError: boom \(opc-request-id fake-\d+\)\n$/);
    for (const r of runs) for (const secret of credentials().secrets) expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
    // The SDK's own warnings went to --verbose, prefixed, not to the console.
    expect(runs[2]!.stderr).toContain('oci-sdk warn: Request cannot be retried.');
  });
});

describe('a 20-pool cluster', () => {
  test('API calls and wall time', async () => {
    const world = twentyPoolWorld();
    await serve(world);
    const started = performance.now();
    const run = await check(['--cluster', CLEAN, '--format', 'json', '--verbose', ...live()]);
    const ms = Math.round(performance.now() - started);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { podSubnets: Array<{ name: string; inUse: number; plannedAtMax: number }> };
    // 5 pools per pod subnet, each 3 nodes x 32 addresses at their largest (480), holding 2 x 32 each now (320):
    // other use = in use - 320 (at least 0), planned = other use + 480.
    expect(report.podSubnets.map((u) => [u.name, u.inUse, u.plannedAtMax])).toEqual([
      ['pods-0', 300, 480],
      ['pods-1', 1000, 1160],
      ['pods-2', 1700, 1860],
      ['pods-3', 2400, 2560],
    ]);
    const totals = /oci: (\d+) requests \(0 retries\): (.*)\n/.exec(run.stderr);
    // 1 cluster + its add-on (404) + the compartment tree (1 page) + pools of 2 compartments (tenancy: 1 page, cluster's: 2)
    // + 2 virtual + 7 subnets + 1 VCN + 1 shapes page + private-IP pages of 1000: 1 + 1 + 2 + 3
    // + the security rules: the API endpoint's subnet, 2 security lists, the workers' NSG.
    expect(totals?.[2]).toBe(
      'getAddon 1, getCluster 1, getSecurityList 2, getSubnet 8, getVcn 1, listCompartments 1, listNetworkSecurityGroupSecurityRules 1, listNodePools 3, listPrivateIps 7, listShapes 1, listVirtualNodePools 2',
    );
    expect(Number(totals?.[1])).toBe(28);
    expect(fake.requests).toHaveLength(28);
    process.stderr.write(`bench: check of a 20-pool cluster (4 pod subnets, 3 worker subnets): ${fake.requests.length} API calls, ${ms} ms wall time in-process\n`);
  });
});
