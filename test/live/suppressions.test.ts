/**
 * The oke-cni-ignore tag read from live objects (the real SDK against the fake OCI API): a tag on
 * a node pool, its cluster or a subnet suppresses the findings about it, with the same verdicts
 * as the file sources (one mapping, src/sources/oci-objects.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/program.js';
import { mapCluster, mapNodePool, mapSubnet } from '../../src/sources/oci/map.js';
import { startFakeOci, type FakeOci, type World } from '../fake-oci/server.js';
import { credentials, loadWorld } from './harness.js';

const RISKY = 'ocid1.cluster.oc1.iad.aaaarisky';

interface JsonFinding {
  ruleId: string;
  resource?: { type: string; ocid: string };
  suppressed?: { kind: string; reason: string; source: string };
}

let fake: FakeOci | undefined;
beforeAll(() => void credentials());
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function check(world: World, extra: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; findings: JsonFinding[]; report: Record<string, unknown>; stderr: string }> {
  fake = await startFakeOci(world);
  fake.trustKeys(credentials().trusted);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), env: { HOME: credentials().dir, ...env }, stdoutIsTTY: false, stderrIsTTY: false, cwd: credentials().dir };
  const code = await main(['node', 'oke-cni', 'check', '--cluster', RISKY, '--endpoint', fake.url, '--config-file', credentials().configFile, '--format', 'json', ...extra], io);
  await fake.close();
  fake = undefined;
  const report = JSON.parse(out.join('')) as { findings: JsonFinding[] } & Record<string, unknown>;
  return { code, findings: report.findings, report, stderr: err.join('') };
}

describe('live: the oke-cni-ignore tag', () => {
  test('the mapper reads it from pools, subnets and clusters, freeform or defined', () => {
    const pool = mapNodePool({ id: 'ocid1.nodepool.oc1.iad.t', name: 't', nodeConfigDetails: { size: 3, placementConfigs: [] }, freeformTags: { 'oke-cni-ignore': 'max-pods-shape: sized by hand' } }).pool;
    expect(pool.suppressions).toEqual([
      { ruleIds: ['max-pods-shape'], reason: 'sized by hand', at: { kind: 'oci', resourceType: 'node pool', ocid: 'ocid1.nodepool.oc1.iad.t', name: 't' }, via: 'oke-cni-ignore tag' },
    ]);
    const subnet = mapSubnet({ id: 'ocid1.subnet.oc1.iad.s', cidrBlock: '10.0.0.0/24', vcnId: 'v', definedTags: { Ops: { 'OKE-CNI-IGNORE': 'pod-subnet-headroom, pod-subnet-capacity: growing in CHG-1' } } } as never, 'v');
    expect(subnet.suppressions?.map((s) => [s.ruleIds, s.reason])).toEqual([[['pod-subnet-headroom', 'pod-subnet-capacity'], 'growing in CHG-1']]);
    const cluster = mapCluster({ id: 'ocid1.cluster.oc1.iad.c', vcnId: 'v', options: { kubernetesNetworkConfig: { servicesCidr: '10.96.0.0/16' } }, freeformTags: { 'oke-cni-ignore': 'kubernetes-version' } } as never, []);
    expect(cluster.suppressions?.map((s) => [s.ruleIds, s.reason])).toEqual([[['kubernetes-version'], '']]);
  });

  test('check: a tagged pool\'s findings are reported suppressed; a tag without reason is a finding', async () => {
    const world = loadWorld('findings');
    const before = await check(world);
    expect(before.code).toBe(1);
    const target = before.findings.find((f) => f.resource?.type === 'node pool' && f.ruleId !== 'not-checked');
    expect(target).toBeDefined();
    const pools = world.nodePools as Array<Record<string, unknown> & { id: string }>;
    const pool = pools.find((p) => p.id === target!.resource!.ocid)!;
    pool.freeformTags = { 'oke-cni-ignore': `${target!.ruleId}: accepted in review 42` };
    const after = await check(world);
    const same = after.findings.filter((f) => f.ruleId === target!.ruleId && f.resource?.ocid === pool.id);
    expect(same.length).toBeGreaterThan(0);
    for (const f of same) expect(f.suppressed).toEqual({ kind: 'inSource', reason: 'accepted in review 42', source: expect.stringContaining(`${pool.id}`) as unknown as string });
    expect(after.findings.filter((f) => f.suppressed === undefined).length).toBe(before.findings.length - same.length);

    pool.freeformTags = { 'oke-cni-ignore': target!.ruleId };
    const bare = await check(world);
    expect(bare.findings.filter((f) => f.ruleId === 'invalid-suppression').map((f) => f.resource?.ocid)).toEqual([pool.id]);
    expect(bare.findings.filter((f) => f.suppressed !== undefined)).toEqual([]);
  });
});

describe('live: check with a baseline and the job summary', () => {
  test('--write-baseline then --baseline: nothing new, exit 0; the summary has the live "in use now" column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oke-cni-live-ci-'));
    const baseline = join(dir, 'baseline.json');
    const summary = join(dir, 'summary.md');
    const world = loadWorld('findings');
    const written = await check(world, ['--write-baseline', baseline]);
    expect(written.code).toBe(0);
    const counted = written.findings.length;
    expect(written.stderr).toContain(`oke-cni: wrote baseline ${baseline}: `);
    const entries = (JSON.parse(readFileSync(baseline, 'utf8')) as { findings: Array<{ where: string }> }).findings;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.where.startsWith('ocid1.'))).toBe(true);
    expect(counted).toBe(0);
    const again = await check(world, ['--baseline', baseline], { GITHUB_STEP_SUMMARY: summary });
    expect(again.code).toBe(0);
    expect(again.report.baseline).toEqual({ file: baseline, known: entries.length, gone: 0 });
    const text = readFileSync(summary, 'utf8');
    expect(text.split('\n')[0]).toBe('### oke-cni check: ✔ no findings');
    expect(text).toContain(`Checked: \`${RISKY}\``);
    expect(text).toContain('| pod subnet | CIDR | usable | in use now | planned at largest | use | node pools |');
  });
});
