import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../../scripts/gen-plan.mjs';
import { runBin } from '../helpers/run-bin.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a big plan\'s JSON report, written as it is made', () => {
  it('is the same bytes on stdout and in --output, one JSON.stringify(report, null, 2) text with a finding per pool', () => {
    const text = generatePlan(5e6);
    writeFileSync(join(dir, 'plan.json'), text);
    const resources = (JSON.parse(text) as { planned_values: { root_module: { resources: Array<{ type: string }> } } }).planned_values.root_module.resources;
    const pools = resources.filter((r) => r.type === 'oci_containerengine_node_pool').length;
    const clusters = resources.filter((r) => r.type === 'oci_containerengine_cluster').length;
    const out = runBin(['lint', 'plan.json', '--format', 'json'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    // More than one run of writes (1 MiB each).
    expect(Buffer.byteLength(out.stdout)).toBeGreaterThan(1 << 20);
    const report = JSON.parse(out.stdout) as { findings: Array<{ ruleId: string }>; summary: object };
    expect(out.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
    // Every pool shares its pod subnet with its workers without NSGs; every cluster's security rules are not checked.
    expect(report.summary).toEqual({ errors: 0, warnings: pools, notes: clusters });
    expect(report.findings.filter((f) => f.ruleId === 'shared-subnet-nsg').length).toBe(pools);
    expect(pools).toBeGreaterThan(1000);
    const file = runBin(['lint', 'plan.json', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect([file.code, file.stdout, file.stderr]).toEqual([0, '', `oke-cni: wrote json report to report.json: 0 errors, ${pools} warnings, ${clusters} notes\n`]);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(out.stdout);
  });
});
