/**
 * The GitHub Actions job summary from the built bin: with GITHUB_STEP_SUMMARY set, lint appends
 * (never replaces) its Markdown summary, whatever the report format; without it nothing is
 * written; a summary file that is one of the inputs is refused.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { ROOT, runBin } from '../helpers/run-bin.js';

let dir: string;
let summary: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oke-cni-summary-'));
  summary = join(dir, 'summary.md');
  copyFileSync(join(ROOT, 'examples', 'failing.yaml'), join(dir, 'failing.yaml'));
  copyFileSync(join(ROOT, 'examples', 'passing.yaml'), join(dir, 'passing.yaml'));
});

const lint = (args: string[], env: Record<string, string | undefined> = { GITHUB_STEP_SUMMARY: summary }) => runBin(['lint', ...args], { cwd: dir, env });

describe('job summary (GITHUB_STEP_SUMMARY)', () => {
  test('lint appends findings by severity and rule, and the pod-subnet use with bars', () => {
    writeFileSync(summary, '## build\n\nok\n');
    const r = lint(['failing.yaml', '--format', 'sarif', '--disable', 'node-image-date,pod-subnet-same-vcn']);
    expect(r.code).toBe(1);
    // The report on stdout is untouched: SARIF only.
    expect((JSON.parse(r.stdout) as { version: string }).version).toBe('2.1.0');
    const text = readFileSync(summary, 'utf8');
    const [before, appended] = [text.slice(0, 13), text.slice(13)];
    expect(before).toBe('## build\n\nok\n');
    const lines = appended.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      // failing.yaml gives no security lists: the security rules note.
      '### oke-cni lint: ✖ 5 errors, 0 warnings, 1 note',
      '',
      'Checked: `failing.yaml`',
      '',
      '| severity | findings |',
      '| --- | --- |',
      '| error | 5 |',
      '| warning | 0 |',
      '| note | 1 |',
      '',
    ]);
    expect(lines).toContain('| [subnet-overlap](https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md#subnet-overlap) | error | 1 |');
    const usage = lines.slice(lines.indexOf('#### Pod subnets'));
    expect(usage.slice(0, 6)).toEqual([
      '#### Pod subnets',
      '',
      '| pod subnet | CIDR | usable | planned at largest | use | node pools |',
      '| --- | --- | --- | --- | --- | --- |',
      // 11 nodes x 67 = 737 of 253: full bar. 3 x 32 = 96 of 16381: 0.6%, no cell filled.
      '| pods | 10.0.16.0/24 | 253 | 737 **(does not fit)** | `████████████████████` 291.3% | prod/general: 11 x 67 |',
      '| batch-pods | 10.1.0.0/18 | 16381 | 96 | `░░░░░░░░░░░░░░░░░░░░` 0.6% | prod/batch: 3 x 32 |',
    ]);
    // The README shows this part as it is.
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`markdown\n${usage.slice(0, 6).join('\n')}\n\`\`\``);
    expect(appended).toContain('<details><summary>6 findings</summary>');
    expect(appended.endsWith('</details>\n\n')).toBe(true);

    // A second step appends after the first.
    lint(['passing.yaml']);
    const twice = readFileSync(summary, 'utf8');
    expect(twice.startsWith(text)).toBe(true);
    expect(twice.slice(text.length).split('\n')[0]).toBe('### oke-cni lint: ✔ no findings');
  });

  test('a half-full subnet gets half a bar', () => {
    const file = join(dir, 'half.yaml');
    writeFileSync(
      file,
      'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]\nsubnets:\n  - {name: w, vcn: v, cidrBlock: 10.0.0.0/24, prohibitPublicIpOnVnic: true}\n  - {name: p, vcn: v, cidrBlock: 10.0.4.0/22, prohibitPublicIpOnVnic: true}\n' +
        'clusters:\n  - name: c\n    vcn: v\n    kubernetesVersion: v1.30.1\n    nodePools:\n      - {name: np, shape: VM.Standard.E4.Flex, ocpus: 2, size: 15, maxPodsPerNode: 31, subnet: w, podSubnets: [p]}\n',
    );
    const r = lint(['half.yaml', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }> };
    const row = readFileSync(summary, 'utf8').split('\n').find((l) => l.startsWith('| p |'));
    // 16 nodes (15 + 1 surge) x 32 (31 pods + 1 VNIC primary IP) = 512 of 1021 usable: 50.1%, 10 of 20 cells.
    expect(row).toBe('| p | 10.0.4.0/22 | 1021 | 512 | `██████████░░░░░░░░░░` 50.1% | c/np: 16 x 32 |');
    // No security lists in half.yaml: the security rules note only.
    expect(report.findings.map((f) => f.ruleId)).toEqual(['not-checked']);
  });

  test('nothing is written without the variable, or with it empty', () => {
    writeFileSync(summary, 'x\n');
    expect(lint(['failing.yaml'], { GITHUB_STEP_SUMMARY: undefined }).code).toBe(1);
    expect(lint(['failing.yaml'], { GITHUB_STEP_SUMMARY: '' }).code).toBe(1);
    expect(readFileSync(summary, 'utf8')).toBe('x\n');
  });

  test('a summary file that is an input is refused and left as it was', () => {
    const before = readFileSync(join(dir, 'failing.yaml'), 'utf8');
    const r = lint(['failing.yaml'], { GITHUB_STEP_SUMMARY: join(dir, 'failing.yaml') });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`oke-cni: GITHUB_STEP_SUMMARY ${join(dir, 'failing.yaml')}: is the same file as the input failing.yaml; writing it would overwrite that file (choose another file)\n`);
    expect(readFileSync(join(dir, 'failing.yaml'), 'utf8')).toBe(before);
    const directory = lint(['failing.yaml'], { GITHUB_STEP_SUMMARY: dir });
    expect([directory.code, directory.stderr]).toEqual([2, `oke-cni: GITHUB_STEP_SUMMARY ${dir}: is a directory; give a file name\n`]);
  });
});
