/**
 * The project config file (.oke-cni.yaml) through the built bin: found in the cwd or a parent up
 * to the git root, named by --config or OKE_CNI_CONFIG, each setting applied, flags winning over
 * the file, and a bad file refused with file:line:col (exit 2).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runBin } from '../helpers/run-bin.js';

let repo: string;
let sub: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'oke-cni-config-e2e-'));
  sub = join(repo, 'envs', 'prod');
  mkdirSync(sub, { recursive: true });
  mkdirSync(join(repo, '.git'));
  copyFileSync(join(ROOT, 'examples', 'failing.yaml'), join(sub, 'failing.yaml'));
  copyFileSync(join(ROOT, 'examples', 'passing.yaml'), join(sub, 'passing.yaml'));
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const writeConfig = (text: string, where = repo, name = '.oke-cni.yaml'): string => {
  const path = join(where, name);
  writeFileSync(path, text);
  return path;
};
const lintJson = (args: string[], env: Record<string, string> = {}) => {
  const r = runBin(['lint', ...args, '--format', 'json'], { cwd: sub, env });
  return { ...r, findings: r.stdout ? (JSON.parse(r.stdout).findings as Array<{ ruleId: string; severity: string; message: string }>) : [] };
};

describe('.oke-cni.yaml', () => {
  it('found at the git root from a subdirectory: disable, severity and reserved apply', () => {
    writeConfig('disable: [node-image-date]\nseverity:\n  subnet-overlap: warning\nreserved:\n  pods: 20\n');
    const r = lintJson(['failing.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual([
      'pod-subnet-private error',
      'pod-subnet-capacity error',
      'pod-subnet-regional error',
      'subnet-overlap warning',
      // failing.yaml gives no security lists: the security rules are not checked.
      'not-checked note',
      'max-pods-shape error',
      'pod-subnet-same-vcn error',
    ]);
    // 11 nodes x 67 = 737 for the pool, plus the 20 reserved addresses.
    expect(r.findings[1]?.message).toBe(
      'pod subnet "pods" (10.0.16.0/24) has 253 usable addresses but its node pools need 757 at their largest ' +
        '(maxSize + maxSurge nodes): prod/general: 11 nodes x 67 = 737; reserved for other VNICs (config): 20',
    );
  });

  it('--disable adds to the file\'s list', () => {
    writeConfig('disable: [node-image-date]\n');
    expect(lintJson(['failing.yaml', '--disable', 'subnet-overlap']).findings.map((f) => f.ruleId)).not.toContain('subnet-overlap');
    expect(lintJson(['failing.yaml', '--disable', 'subnet-overlap']).findings.map((f) => f.ruleId)).not.toContain('node-image-date');
  });

  it('failOn from the file sets the exit code; --fail-on on the command line wins', () => {
    writeConfig('failOn: never\n');
    expect(runBin(['lint', 'failing.yaml'], { cwd: sub }).code).toBe(0);
    expect(runBin(['lint', 'failing.yaml', '--fail-on', 'error'], { cwd: sub }).code).toBe(1);
  });

  it('headroom from the file; --headroom wins', () => {
    writeConfig('headroom: 1\n');
    const fromFile = lintJson(['passing.yaml']).findings.filter((f) => f.ruleId === 'pod-subnet-headroom');
    expect(fromFile.length).toBeGreaterThan(0);
    expect(lintJson(['passing.yaml', '--headroom', '100']).findings).toEqual([]);
  });

  it('catalog is relative to the config file, for lint, plan and shapes', () => {
    writeFileSync(
      join(repo, 'shapes.json'),
      JSON.stringify({ source: 'test', retrieved: '2026-12-01', shapes: [{ name: 'VM.Test.Only', ocpus: 4, vnics: 3 }] }),
    );
    writeConfig('catalog: shapes.json\n');
    const plan = runBin(['plan', '--shape', 'VM.Test.Only', '--json'], { cwd: sub });
    expect(plan.stderr).toBe('');
    expect(JSON.parse(plan.stdout).maxPodsPerNode).toBe(62);
    expect(JSON.parse(runBin(['shapes', '--json'], { cwd: sub }).stdout).shapes.map((s: { name: string }) => s.name)).toEqual(['VM.Test.Only']);
    expect(lintJson(['passing.yaml']).findings.map((f) => f.ruleId)).toContain('unknown-shape');
    // --catalog on the command line wins.
    expect(runBin(['plan', '--shape', 'VM.Test.Only', '--catalog', join(ROOT, 'src/catalog/shapes.json')], { cwd: sub }).code).toBe(2);
  });

  it('--config names another file (before or after the command); OKE_CNI_CONFIG too; --config wins', () => {
    writeConfig('failOn: never\n');
    const other = writeConfig('disable: [subnet-overlap]\n', sub, 'ci.yaml');
    expect(lintJson(['failing.yaml', '--config', 'ci.yaml']).findings.map((f) => f.ruleId)).not.toContain('subnet-overlap');
    expect(runBin(['--config', other, 'lint', 'failing.yaml'], { cwd: sub }).code).toBe(1);
    expect(lintJson(['failing.yaml'], { OKE_CNI_CONFIG: other }).findings.map((f) => f.ruleId)).not.toContain('subnet-overlap');
    expect(runBin(['lint', 'failing.yaml', '--config', join(repo, '.oke-cni.yaml')], { cwd: sub, env: { OKE_CNI_CONFIG: other } }).code).toBe(0);
  });

  it('strict: true reports the not-checked notes as errors; --no-strict wins', () => {
    for (const f of ['cluster.json', 'node-pools.json', 'vcns.json']) copyFileSync(join(ROOT, 'examples', 'oci-cli', f), join(sub, f));
    const files = ['cluster.json', 'node-pools.json', 'vcns.json'];
    writeConfig('strict: false\n');
    // The cluster's security rules note and one note per pool (their subnets are not given).
    expect(lintJson(files).findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['not-checked note', 'not-checked note', 'not-checked note']);
    expect(lintJson([...files, '--strict']).findings.map((f) => f.severity)).toEqual(['error', 'error', 'error']);
    writeConfig('strict: true\n');
    const strict = lintJson(files);
    expect(strict.code).toBe(1);
    expect(strict.findings.map((f) => f.severity)).toEqual(['error', 'error', 'error']);
    expect(lintJson([...files, '--no-strict']).findings.map((f) => f.severity)).toEqual(['note', 'note', 'note']);
  });

  it('a bad file is exit 2 with one line per problem, named as found from the cwd', () => {
    writeConfig('failon: warning\nseverity:\n  pod-subnet-capcity: error\n');
    const r = runBin(['lint', 'passing.yaml'], { cwd: sub });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'oke-cni: ../../.oke-cni.yaml:1:1: unknown key "failon" in ../../.oke-cni.yaml; did you mean "failOn"?\n' +
        'oke-cni: ../../.oke-cni.yaml:3:3: severity: unknown rule "pod-subnet-capcity"; did you mean "pod-subnet-capacity"?\n',
    );
    expect(runBin(['lint', 'passing.yaml', '--config', 'missing.yaml'], { cwd: sub }).stderr).toBe('oke-cni: missing.yaml: no such file\n');
  });
});
