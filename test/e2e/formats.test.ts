/**
 * Output formats through the built bin: `--format json` and its alias `--json` on every command
 * that prints data, conflicting format flags refused (exit 2), and the markdown and GitLab Code
 * Quality reports of lint with exact fields.
 */
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';

const PLAN = ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--nodes', '20', '--pod-subnet', '10.0.64.0/18'];
const COMMANDS: Array<[string, string[]]> = [
  ['plan', PLAN],
  ['shapes', ['shapes', 'E4']],
  ['rules', ['rules']],
  ['lint', ['lint', 'examples/passing.yaml']],
];

describe('--format json and --json', () => {
  it.each(COMMANDS)('%s: --json and --format json print the same JSON', (_name, args) => {
    const a = runBin([...args, '--json']);
    const b = runBin([...args, '--format', 'json']);
    const both = runBin([...args, '--json', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(() => JSON.parse(a.stdout)).not.toThrow();
    expect(b.stdout).toBe(a.stdout);
    expect(both.stdout).toBe(a.stdout);
  });

  it.each(COMMANDS)('%s: --json with another --format is refused with exit 2 and nothing on stdout', (_name, args) => {
    const r = runBin([...args, '--format', 'table', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('oke-cni: --json: conflicts with --format table (--json means --format json); give one of them\n');
  });

  it('rules --json --format markdown is refused rather than picking one', () => {
    const r = runBin(['rules', '--json', '--format', 'markdown']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('conflicts with --format markdown');
  });

  it('plan and shapes accept -f json like lint', () => {
    expect(JSON.parse(runBin([...PLAN, '-f', 'json']).stdout).ipsPerNode).toBe(114);
    expect(runBin(['shapes', '-f', 'xml']).stderr).toMatch(/^oke-cni: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are table, json\./);
  });
});

describe('lint --format gitlab (GitLab Code Quality)', () => {
  it('one issue per finding with the GitLab fields, major for errors, the SARIF fingerprint', () => {
    const r = runBin(['lint', 'examples/failing.yaml', '--format', 'gitlab']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const issues = JSON.parse(r.stdout);
    expect(issues.map((i: any) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['pod-subnet-private', 'major', 'examples/failing.yaml', 18],
      ['pod-subnet-capacity', 'major', 'examples/failing.yaml', 20],
      ['pod-subnet-regional', 'major', 'examples/failing.yaml', 21],
      ['subnet-overlap', 'major', 'examples/failing.yaml', 25],
      // The security rules are not checked (the example gives no security lists): a note is info.
      ['not-checked', 'info', 'examples/failing.yaml', 34],
      ['max-pods-shape', 'major', 'examples/failing.yaml', 46],
      ['node-image-date', 'major', 'examples/failing.yaml', 49],
      ['pod-subnet-same-vcn', 'major', 'examples/failing.yaml', 55],
    ]);
    const sarif = JSON.parse(runBin(['lint', 'examples/failing.yaml', '--format', 'sarif']).stdout);
    expect(issues.map((i: any) => i.fingerprint)).toEqual(sarif.runs[0].results.map((x: any) => x.partialFingerprints['okeCniFinding/v1']));
    expect(issues[0].description).toMatch(/^subnet "pods" is the pod subnet of prod\/general but allows public IPs .* — Use a private subnet/);
  });

  it('a warning is minor and a note info', () => {
    const r = runBin(['lint', 'examples/failing.yaml', '--format', 'gitlab', '--headroom', '1']);
    expect(JSON.parse(r.stdout).filter((i: any) => i.check_name === 'pod-subnet-headroom').map((i: any) => i.severity)).not.toContain('major');
  });

  it('a clean input is an empty array', () => {
    const r = runBin(['lint', 'examples/passing.yaml', '--format', 'gitlab']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe('lint --format markdown', () => {
  it('a heading with the summary, a count per rule, and one row per finding with its fix', () => {
    const r = runBin(['lint', 'examples/failing.yaml', '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('### oke-cni: ✖ 7 errors, 0 warnings, 1 note');
    expect(lines.filter((l) => l.startsWith('| examples/failing.yaml:')).map((l) => l.split(' | ').slice(0, 2))).toEqual([
      ['| examples/failing.yaml:18:5', 'error'],
      ['| examples/failing.yaml:20:5', 'error'],
      ['| examples/failing.yaml:21:5', 'error'],
      ['| examples/failing.yaml:25:5', 'error'],
      ['| examples/failing.yaml:34:5', 'note'],
      ['| examples/failing.yaml:46:9', 'error'],
      ['| examples/failing.yaml:49:9', 'error'],
      ['| examples/failing.yaml:55:9', 'error'],
    ]);
    expect(r.stdout).toContain('| [pod-subnet-capacity](https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md#pod-subnet-capacity) | error | 1 |');
    expect(r.stdout).toContain('<br>**fix:** Use a /22 (1021 usable addresses) or larger pod subnet');
  });

  it('no findings: the heading alone', () => {
    expect(runBin(['lint', 'examples/passing.yaml', '--format', 'markdown']).stdout).toBe('### oke-cni: ✔ no findings\n');
  });
});
