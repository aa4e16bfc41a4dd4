/**
 * Baselines from the built bin: --write-baseline records today's findings, --baseline reports
 * only new ones and counts the entries that no longer occur; fingerprints survive lines moving;
 * the file is written only where it may be; .oke-cni.yaml `baseline:` does the same as the flag.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { BASELINE_FORMAT_KEY } from '../../src/core/baseline.js';
import { ROOT, runBin } from '../helpers/run-bin.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oke-cni-baseline-'));
  copyFileSync(join(ROOT, 'examples', 'failing.yaml'), join(dir, 'failing.yaml'));
});

const lint = (args: string[]) => runBin(['lint', ...args], { cwd: dir });

interface JsonReport {
  findings: Array<{ ruleId: string; message: string; line: number }>;
  summary: { errors: number; warnings: number; notes: number };
  baseline?: { file: string; known: number; gone: number };
}

/** Fixes the subnet overlap, adds a max-pods-shape finding on the batch pool, and moves every line down by three. */
function changeConfig(): void {
  const path = join(dir, 'failing.yaml');
  const text = readFileSync(path, 'utf8')
    .replace('cidrBlock: 10.0.8.0/22', 'cidrBlock: 10.0.32.0/22')
    .replace('        ocpus: 4\n        size: 2\n', '        ocpus: 4\n        size: 2\n        maxPodsPerNode: 100\n');
  writeFileSync(path, `# three lines\n# added above\n# everything\n${text}`);
}

describe('baseline round trip', () => {
  test('write, then only the new finding is reported and the fixed one counted as gone', () => {
    const written = lint(['failing.yaml', '--write-baseline', 'oke-cni-baseline.json', '--format', 'json']);
    expect(written.stderr).toBe('oke-cni: wrote baseline oke-cni-baseline.json: 8 findings\n');
    expect(written.code).toBe(0);
    const first = JSON.parse(written.stdout) as JsonReport;
    expect(first.findings).toEqual([]);
    // examples/failing.yaml: 7 errors and the security rules note (it gives no security lists).
    expect(first.baseline).toEqual({ file: 'oke-cni-baseline.json', known: 8, gone: 0 });
    const file = JSON.parse(readFileSync(join(dir, 'oke-cni-baseline.json'), 'utf8')) as Record<string, unknown> & { findings: Array<{ ruleId: string; where: string; fingerprint: string }> };
    expect(file[BASELINE_FORMAT_KEY]).toBe(1);
    expect(file.findings.map((e) => e.ruleId).sort()).toEqual(
      ['max-pods-shape', 'node-image-date', 'not-checked', 'pod-subnet-capacity', 'pod-subnet-private', 'pod-subnet-regional', 'subnet-overlap', 'pod-subnet-same-vcn'].sort(),
    );
    expect(new Set(file.findings.map((e) => e.where))).toEqual(new Set(['failing.yaml']));
    expect(file.findings.every((e) => /^[0-9a-f]{32}$/.test(e.fingerprint))).toBe(true);

    // Same findings, nothing reported, exit 0 although every finding is an error.
    const again = lint(['failing.yaml', '--baseline', 'oke-cni-baseline.json']);
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '✔ no findings\nbaseline oke-cni-baseline.json: 8 known findings not shown, every entry still occurs\n', '']);

    changeConfig();
    const after = lint(['failing.yaml', '--baseline', 'oke-cni-baseline.json', '--format', 'json']);
    expect(after.code).toBe(1);
    const report = JSON.parse(after.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([['max-pods-shape', 57]]);
    expect(report.findings[0]!.message).toContain('node pool prod/batch: maxPodsPerNode 100');
    expect(report.summary).toEqual({ errors: 1, warnings: 0, notes: 0 });
    expect(report.baseline).toEqual({ file: 'oke-cni-baseline.json', known: 7, gone: 1 });

    const table = lint(['failing.yaml', '--baseline', 'oke-cni-baseline.json']);
    expect(table.stdout.endsWith('✖ 1 error, 0 warnings, 0 notes\nbaseline oke-cni-baseline.json: 7 known findings not shown, 1 entry no longer occurs (write the baseline again to drop it)\n')).toBe(true);
    const markdown = lint(['failing.yaml', '--baseline', 'oke-cni-baseline.json', '--format', 'markdown']);
    expect(markdown.stdout).toContain('### oke-cni: ✖ 1 error, 0 warnings, 0 notes\n\nbaseline oke-cni-baseline.json: 7 known findings not shown, 1 entry no longer occurs (write the baseline again to drop it)\n');
    // Machine formats keep stdout to themselves: the baseline line goes to stderr; SARIF marks results new.
    const sarif = lint(['failing.yaml', '--baseline', 'oke-cni-baseline.json', '--format', 'sarif']);
    expect(sarif.stderr).toBe('oke-cni: baseline oke-cni-baseline.json: 7 known findings not shown, 1 entry no longer occurs (write the baseline again to drop it)\n');
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; baselineState: string }> }> }).runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.baselineState])).toEqual([['max-pods-shape', 'new']]);

    // Rewriting the baseline replaces it (it is oke-cni's own file) and drops the gone entry.
    const rewritten = lint(['failing.yaml', '--write-baseline', 'oke-cni-baseline.json']);
    expect(rewritten.stderr).toBe('oke-cni: wrote baseline oke-cni-baseline.json: 8 findings\n');
    expect(rewritten.code).toBe(0);
    const entries = (JSON.parse(readFileSync(join(dir, 'oke-cni-baseline.json'), 'utf8')) as { findings: Array<{ ruleId: string }> }).findings;
    expect(entries.filter((e) => e.ruleId === 'subnet-overlap')).toEqual([]);
    expect(entries.filter((e) => e.ruleId === 'max-pods-shape')).toHaveLength(2);
  });

  test('writing the baseline again for the same findings gives the same bytes', () => {
    lint(['failing.yaml', '--write-baseline', 'b.json']);
    const once = readFileSync(join(dir, 'b.json'), 'utf8');
    lint(['failing.yaml', '--write-baseline', 'b.json']);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(once);
  });

  test('.oke-cni.yaml baseline: relative to the config file; --baseline wins', () => {
    expect(lint(['failing.yaml', '--write-baseline', 'known.json']).code).toBe(0);
    writeFileSync(join(dir, '.oke-cni.yaml'), 'baseline: known.json\n');
    const viaConfig = lint(['failing.yaml', '--format', 'json']);
    expect(viaConfig.code).toBe(0);
    expect((JSON.parse(viaConfig.stdout) as JsonReport).baseline).toEqual({ file: join(dir, 'known.json'), known: 8, gone: 0 });
    lint(['failing.yaml', '--write-baseline', 'empty.json', '--disable', 'max-pods-shape,node-image-date,not-checked,pod-subnet-capacity,pod-subnet-private,pod-subnet-regional,subnet-overlap,pod-subnet-same-vcn']);
    const viaFlag = lint(['failing.yaml', '--baseline', 'empty.json', '--format', 'json']);
    expect(viaFlag.code).toBe(1);
    expect((JSON.parse(viaFlag.stdout) as JsonReport).baseline).toEqual({ file: 'empty.json', known: 0, gone: 0 });
  });
});

describe('baseline files: what is refused', () => {
  test('--write-baseline never replaces a file that is not an oke-cni baseline, nor an input', () => {
    writeFileSync(join(dir, 'notes.json'), '{"mine": true}\n');
    const other = lint(['failing.yaml', '--write-baseline', 'notes.json']);
    expect([other.code, other.stdout]).toEqual([2, '']);
    expect(other.stderr).toBe('oke-cni: --write-baseline notes.json: exists and is not an oke-cni baseline; --write-baseline replaces only its own baseline files (choose another name)\n');
    expect(readFileSync(join(dir, 'notes.json'), 'utf8')).toBe('{"mine": true}\n');
    const input = lint(['failing.yaml', '--write-baseline', './failing.yaml']);
    expect(input.code).toBe(2);
    expect(input.stderr).toBe('oke-cni: --write-baseline ./failing.yaml: is the same file as the input failing.yaml; writing it would overwrite that file (choose another file)\n');
    const both = lint(['failing.yaml', '--write-baseline', 'x.json', '--baseline', 'y.json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^oke-cni: --write-baseline: --baseline and --write-baseline cannot be combined/);
  });

  test('--output cannot replace the baseline it reads', () => {
    lint(['failing.yaml', '--write-baseline', 'b.json']);
    const r = lint(['failing.yaml', '--baseline', 'b.json', '--output', 'b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('oke-cni: --output b.json: is the same file as the baseline b.json; writing it would overwrite that file (choose another file)\n');
  });

  test('a damaged baseline is one line with its position, exit 2', () => {
    writeFileSync(join(dir, 'bad.json'), '{\n  "okeCniBaseline": 1,\n  "findings": [\n    {"fingerprint": "abc"},\n    {"ruleId": "x"}\n  ]\n}\n');
    const r = lint(['failing.yaml', '--baseline', 'bad.json']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('oke-cni: bad.json:4:21: findings[0].fingerprint: expected 32 hexadecimal digits, got "abc"\noke-cni: bad.json:5:5: findings[1]: expected an entry with a fingerprint\n');
    writeFileSync(join(dir, 'v2.json'), '{"okeCniBaseline": 2, "findings": []}');
    expect(lint(['failing.yaml', '--baseline', 'v2.json']).stderr).toBe('oke-cni: v2.json:1:20: okeCniBaseline: this oke-cni reads baseline format 1; write the baseline again with --write-baseline FILE\n');
    expect(lint(['failing.yaml', '--baseline', 'missing.json']).stderr).toMatch(/^oke-cni: missing\.json: /);
  });
});

describe('README', () => {
  test("the Baselines section shows the real runs", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shown = (command: string): string => {
      const start = readme.indexOf(`$ ${command}\n`);
      expect(start).toBeGreaterThan(0);
      const body = readme.slice(start + command.length + 3);
      return body.slice(0, body.search(/^(\$ |```)/m));
    };
    const work = mkdtempSync(join(tmpdir(), 'oke-cni-baseline-readme-'));
    const examples = join(work, 'examples');
    mkdirSync(examples);
    copyFileSync(join(ROOT, 'examples', 'failing.yaml'), join(examples, 'failing.yaml'));
    const run = (command: string) => runBin(command.split(' ').slice(1), { cwd: work });
    const write = 'oke-cni lint examples/failing.yaml --write-baseline oke-cni-baseline.json';
    const written = run(write);
    expect(written.stdout).toBe(shown(write));
    expect(readme).toContain(`(and \`${written.stderr.trim()}\` on stderr)`);
    const path = join(examples, 'failing.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('cidrBlock: 10.0.8.0/22', 'cidrBlock: 10.0.32.0/22').replace('        ocpus: 4\n', '        ocpus: 4\n        maxPodsPerNode: 100\n'));
    const read = 'oke-cni lint examples/failing.yaml --baseline oke-cni-baseline.json';
    const after = run(read);
    expect(after.code).toBe(1);
    expect(after.stdout).toBe(shown(read));
  });
});
