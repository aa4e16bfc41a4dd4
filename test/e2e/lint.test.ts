/**
 * `oke-cni lint` through the built bin, from the repository root with relative paths, the way a
 * CI job runs it: every example in every format, the exit-code flags, several files as one
 * model, and bad input (exit 2, nothing on stdout, one `oke-cni: file:line:col: message` line
 * per problem). Temporary configs live in a temp dir and are linted with it as the cwd.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/rules/index.js';
import { MAX_ALIAS_USES } from '../../src/sources/file/yaml-tree.js';
import { ROOT, runBin, type BinResult } from '../helpers/run-bin.js';
import { CANARY, CANARY_RESULT, WITNESS_RESULTS, sarifProblems, validateSarifLogs, witnessOf, type MultitoolResult } from '../helpers/sarif-validate.js';

const FORMATS = ['table', 'json', 'sarif', 'github', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface ExpectedFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'note';
  file: string;
  line: number;
  column: number;
}

interface Example {
  /** Also its name in the SARIF validation (a plain file name). */
  name: string;
  files: string[];
  exitCode: 0 | 1;
  findings: ExpectedFinding[];
}

const FAILING_FILE = 'examples/failing.yaml';

/**
 * What examples/failing.yaml breaks, read off the file (its comments say why), each with the text
 * that starts at the reported line and column: the key of the field at fault, or the subnet's
 * first key when the field at fault is absent.
 */
const FAILING: Array<ExpectedFinding & { text: string }> = [
  // "pods" sets no prohibitPublicIpOnVnic, so it is public: reported at the subnet itself.
  { ruleId: 'pod-subnet-private', severity: 'error', file: FAILING_FILE, line: 18, column: 5, text: 'name: pods' },
  // A /24 has 2^8 - 3 = 253 usable addresses; "general" needs 11 nodes (maxSize 10 + 1 surge) x (64 pods + 3 pod VNICs) = 737.
  { ruleId: 'pod-subnet-capacity', severity: 'error', file: FAILING_FILE, line: 20, column: 5, text: 'cidrBlock: 10.0.16.0/24' },
  { ruleId: 'pod-subnet-regional', severity: 'error', file: FAILING_FILE, line: 21, column: 5, text: 'availabilityDomain: Uocm:PHX-AD-1' },
  // "lb" lies inside "workers" (10.0.0.0/20 covers 10.0.8.0/22): the later subnet is reported.
  { ruleId: 'subnet-overlap', severity: 'error', file: FAILING_FILE, line: 25, column: 5, text: 'cidrBlock: 10.0.8.0/22' },
  // No security lists or NSGs in the file: pod-subnet-security-rules is not checked, one note at the cluster.
  { ruleId: 'not-checked', severity: 'note', file: FAILING_FILE, line: 34, column: 5, text: 'name: prod' },
  // 2 OCPUs of E4.Flex: 2 VNICs, (2 - 1) x 31 = 31 pods per node, not 64.
  { ruleId: 'max-pods-shape', severity: 'error', file: FAILING_FILE, line: 46, column: 9, text: 'maxPodsPerNode: 64' },
  { ruleId: 'node-image-date', severity: 'error', file: FAILING_FILE, line: 49, column: 9, text: 'image: Oracle-Linux-7.9-2022.05.31-0-OKE' },
  // "batch" pods in batch-vcn, its workers in prod-vcn.
  { ruleId: 'pod-subnet-same-vcn', severity: 'error', file: FAILING_FILE, line: 55, column: 9, text: 'podSubnets: [batch-pods]' },
];

const OCI_CLI = ['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'].map((f) => `examples/oci-cli/${f}`);

const EXAMPLES: Example[] = [
  { name: 'passing', files: ['examples/passing.yaml'], exitCode: 0, findings: [] },
  { name: 'failing', files: [FAILING_FILE], exitCode: 1, findings: FAILING.map(({ text: _text, ...f }) => f) },
  {
    name: 'terraform',
    files: ['examples/terraform-plan.json'],
    exitCode: 0,
    // The plan holds no security lists or NSG rules: one note at the cluster's address.
    findings: [{ ruleId: 'not-checked', severity: 'note', file: 'examples/terraform-plan.json', line: 1, column: 261 }],
  },
  {
    name: 'ociCli',
    files: OCI_CLI,
    exitCode: 0,
    // The subnets name their security list by OCID, and the set does not hold it: "not checked", at the cluster's name.
    findings: [{ ruleId: 'not-checked', severity: 'note', file: 'examples/oci-cli/cluster.json', line: 46, column: 5 }],
  },
  {
    name: 'multiCluster',
    files: ['examples/multi-cluster-shared-subnet.yaml'],
    exitCode: 1,
    // Each pool alone fits the /21 (2045 usable); together 2 x 16 nodes x 67 = 2144 do not. At "shared-pods"' cidrBlock.
    // Neither cluster has security lists or NSGs in the file: one note each.
    findings: [
      { ruleId: 'pod-subnet-capacity', severity: 'error', file: 'examples/multi-cluster-shared-subnet.yaml', line: 22, column: 5 },
      { ruleId: 'not-checked', severity: 'note', file: 'examples/multi-cluster-shared-subnet.yaml', line: 26, column: 5 },
      { ruleId: 'not-checked', severity: 'note', file: 'examples/multi-cluster-shared-subnet.yaml', line: 38, column: 5 },
    ],
  },
  {
    name: 'securityRules',
    files: ['examples/security-rules.yaml'],
    exitCode: 1,
    // ICMP 3,4 to the workers only from the VCN (at workers-sl's ingress rules); pods to Object Storage only (at pods-nsg's rules).
    findings: [
      { ruleId: 'pod-subnet-security-rules', severity: 'error', file: 'examples/security-rules.yaml', line: 46, column: 5 },
      { ruleId: 'pod-subnet-security-rules', severity: 'error', file: 'examples/security-rules.yaml', line: 67, column: 5 },
    ],
  },
];

/** Each distinct command line runs once per file: the format tests and the SARIF validation share runs. */
const runs = new Map<string, BinResult>();
function lint(args: string[]): BinResult {
  const key = JSON.stringify(args);
  let r = runs.get(key);
  if (!r) {
    r = runBin(['lint', ...args]);
    runs.set(key, r);
  }
  return r;
}
const lintExample = (ex: Example, format: Format): BinResult => lint([...ex.files, '--format', format]);

/** GitHub workflow commands per severity: a note is a ::notice. */
const GITHUB_COMMAND: Record<ExpectedFinding['severity'], string> = { error: 'error', warning: 'warning', note: 'notice' };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
function summaryLine(findings: readonly ExpectedFinding[]): string {
  const count = (s: ExpectedFinding['severity']): number => findings.filter((f) => f.severity === s).length;
  if (findings.length === 0) return '✔ no findings';
  return `✖ ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('note'), 'note')}`;
}

/** A strict XML 1.0 parse (Python's expat) of a JUnit report, back as plain JSON. */
function parseJunit(xml: string): {
  tests: string;
  failures: string;
  suites: Array<{ name: string; tests: string; failures: string; cases: Array<{ classname: string; name: string; failureType: string | null }> }>;
} {
  const script = [
    'import json, sys, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.buffer.read())',
    'out = {"tests": root.get("tests"), "failures": root.get("failures"), "suites": []}',
    'for s in root.iter("testsuite"):',
    '    out["suites"].append({"name": s.get("name"), "tests": s.get("tests"), "failures": s.get("failures"), "cases": [',
    '        {"classname": c.get("classname"), "name": c.get("name"), "failureType": None if c.find("failure") is None else c.find("failure").get("type")}',
    '        for c in s.iter("testcase")]})',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' }));
}

/** The JSON report's findings, reduced to what the expectations name. */
function jsonFindings(stdout: string): ExpectedFinding[] {
  return JSON.parse(stdout).findings.map((f: ExpectedFinding) => ({ ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, column: f.column }));
}

/** Problem lines of a failed run: every line carries the "oke-cni: " prefix, which is dropped. */
function problemLines(stderr: string): string[] {
  expect(stderr.endsWith('\n')).toBe(true);
  const lines = stderr.slice(0, -1).split('\n');
  for (const line of lines) expect(line.startsWith('oke-cni: ')).toBe(true);
  return lines.map((l) => l.slice('oke-cni: '.length));
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'oke-cni-lint-e2e-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Writes files into a fresh folder of the temp dir; returns the folder (to run the bin in). */
function tempConfigs(folder: string, files: Record<string, string>): string {
  const dir = join(tmp, folder);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the expected findings of examples/failing.yaml', () => {
  it('sit where the file has the fields at fault', () => {
    const lines = readFileSync(join(ROOT, FAILING_FILE), 'utf8').split('\n');
    for (const f of FAILING) expect(lines[f.line - 1]!.slice(f.column - 1), f.ruleId).toMatch(new RegExp(`^${f.text.replace(/[[\]().]/g, '\\$&')}`));
  });
});

describe.each(EXAMPLES)('lint $name in every format', (ex) => {
  it('table: findings under their file at line:col, then the summary; exit code', () => {
    const r = lintExample(ex, 'table');
    expect(r.code).toBe(ex.exitCode);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\u001b['); // piped: no color
    if (ex.findings.length === 0) {
      expect(r.stdout).toBe('✔ no findings\n');
      return;
    }
    const lines = r.stdout.split('\n');
    const rows = lines.filter((l) => /^ {2}\d+:\d+ /.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 3));
    expect(rows).toEqual(ex.findings.map((f) => [`${f.line}:${f.column}`, f.severity, f.ruleId]));
    expect(lines.filter((l) => /^\S/.test(l) && !l.startsWith('✖'))).toEqual([...new Set(ex.findings.map((f) => f.file))]);
    expect(r.stdout.endsWith(`\n${summaryLine(ex.findings)}\n`)).toBe(true);
  });

  it('json: the exact findings and summary counts', () => {
    const r = lintExample(ex, 'json');
    expect(r.code).toBe(ex.exitCode);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['findings', 'summary']);
    expect(jsonFindings(r.stdout)).toEqual(ex.findings);
    for (const f of report.findings) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.remediation.length).toBeGreaterThan(20);
    }
    expect(report.summary).toEqual({
      errors: ex.findings.filter((f) => f.severity === 'error').length,
      warnings: ex.findings.filter((f) => f.severity === 'warning').length,
      notes: ex.findings.filter((f) => f.severity === 'note').length,
    });
  });

  it('sarif: every registry rule, each result pointing at its rule and its file, line and column', () => {
    const r = lintExample(ex, 'sarif');
    expect(r.code).toBe(ex.exitCode);
    expect(r.stderr).toBe('');
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('oke-cni');
    expect(run.tool.driver.rules.map((d: { id: string }) => d.id)).toEqual(ruleIds);
    expect(run.artifacts).toEqual(ex.files.map((uri) => ({ location: { uri, uriBaseId: '%SRCROOT%' } })));
    expect(
      run.results.map((res: any) => ({
        ruleId: run.tool.driver.rules[res.ruleIndex].id,
        severity: res.level,
        file: res.locations[0].physicalLocation.artifactLocation.uri,
        line: res.locations[0].physicalLocation.region.startLine,
        column: res.locations[0].physicalLocation.region.startColumn,
      })),
    ).toEqual(ex.findings);
    expect(run.results.map((res: any) => res.ruleId)).toEqual(ex.findings.map((f) => f.ruleId));
    expect(run.results.every((res: any) => res.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%')).toBe(true);
  });

  it('github: one ::error command per finding with file, line, col and title on stdout, the summary on stderr', () => {
    const r = lintExample(ex, 'github');
    expect(r.code).toBe(ex.exitCode);
    expect(r.stderr).toBe(`${summaryLine(ex.findings)}\n`);
    const lines = r.stdout === '' ? [] : r.stdout.slice(0, -1).split('\n');
    const commands = lines.filter((l) => l.startsWith('::'));
    expect(commands.map((l) => l.slice(0, l.indexOf('::', 2) + 2))).toEqual(
      ex.findings.map((f) => `::${GITHUB_COMMAND[f.severity]} file=${f.file},line=${f.line},col=${f.column},title=${f.ruleId}::`),
    );
    // The message is one line (no raw newline could end the command early).
    expect(commands.every((l) => l.length > l.indexOf('::', 2) + 40)).toBe(true);
    expect(lines).toEqual(commands);
  });

  it('junit: a failing testcase per finding, a passing one per clean file', () => {
    const r = lintExample(ex, 'junit');
    expect(r.code).toBe(ex.exitCode);
    expect(r.stderr).toBe('');
    const report = parseJunit(r.stdout);
    const cleanFiles = ex.files.filter((file) => !ex.findings.some((f) => f.file === file));
    expect(report.tests).toBe(String(ex.findings.length + cleanFiles.length));
    expect(report.failures).toBe(String(ex.findings.length));
    const cases = report.suites.flatMap((s) => s.cases);
    expect(cases).toHaveLength(ex.findings.length + cleanFiles.length);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.filter((c) => c.failureType !== null).map((c) => [c.classname, c.name, c.failureType])).toEqual(
      ex.findings.map((f) => [f.ruleId, `${f.ruleId} at ${f.file}:${f.line}:${f.column}`, f.severity]),
    );
    expect(cases.filter((c) => c.failureType === null).map((c) => c.name)).toEqual(cleanFiles.map((file) => `oke-cni lint ${file}`));
  });
});

describe('SARIF of every example, validated by the SARIF multitool', () => {
  let byName: Map<string, MultitoolResult[]>;
  beforeAll(() => {
    byName = validateSarifLogs(Object.fromEntries(EXAMPLES.map((ex) => [ex.name, lintExample(ex, 'sarif').stdout])));
  }, 120_000);

  it('ran and caught the canary', () => {
    expect(byName.get(CANARY)).toContainEqual(CANARY_RESULT);
  });

  it.each(EXAMPLES.map((ex) => ex.name))('%s: no error or warning, and the witness copy was read through', (name) => {
    expect(sarifProblems(byName.get(name))).toEqual([]);
    expect(byName.get(witnessOf(name))).toEqual(WITNESS_RESULTS);
  });
});

describe('--output', () => {
  it('writes the report to the file: stdout empty, one summary line on stderr, same bytes as stdout would get', () => {
    const out = join(tmp, 'failing.sarif');
    const r = runBin(['lint', FAILING_FILE, '--format', 'sarif', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`oke-cni: wrote sarif report to ${out}: 7 errors, 0 warnings, 1 note\n`);
    expect(readFileSync(out, 'utf8')).toBe(lintExample(EXAMPLES[1]!, 'sarif').stdout);
  });

  it('never colors a file, even with FORCE_COLOR', () => {
    const out = join(tmp, 'failing.txt');
    const r = runBin(['lint', FAILING_FILE, '-o', out], { env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`oke-cni: wrote table report to ${out}: 7 errors, 0 warnings, 1 note\n`);
    expect(readFileSync(out, 'utf8')).toBe(lintExample(EXAMPLES[1]!, 'table').stdout);
  });

  it('an unwritable --output is exit 2 with one line', () => {
    const out = join(tmp, 'no-such-dir', 'report.json');
    const r = runBin(['lint', 'examples/passing.yaml', '--format', 'json', '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`oke-cni: --output ${out}: cannot write the report (ENOENT)\n`);
  });
});

/**
 * A pod subnet above the headroom threshold but not full: the warning only. 13 nodes (size 12 +
 * the default surge of 1) x (the default 31 pods + 1 pod VNIC) = 416 of a /23's 509 usable
 * addresses: 81.7%.
 */
const HEADROOM_YAML = [
  'vcns:', // 1
  '  - name: prod-vcn', // 2
  '    cidrBlocks: [10.0.0.0/16]', // 3
  'subnets:', // 4
  '  - name: workers', // 5
  '    vcn: prod-vcn', // 6
  '    cidrBlock: 10.0.0.0/20', // 7
  '    prohibitPublicIpOnVnic: true', // 8
  '  - name: pods', // 9
  '    vcn: prod-vcn', // 10
  '    cidrBlock: 10.0.64.0/23', // 11
  '    prohibitPublicIpOnVnic: true', // 12
  'clusters:', // 13
  '  - name: prod', // 14
  '    vcn: prod-vcn', // 15
  '    kubernetesVersion: v1.30.1', // 16
  '    nodePools:', // 17
  '      - name: general', // 18
  '        shape: VM.Standard.E4.Flex', // 19
  '        ocpus: 4', // 20
  '        size: 12', // 21
  '        subnet: workers', // 22
  '        podSubnets: [pods]', // 23
  '',
].join('\n');

/** Node pool and VCN in other compartments than the cluster's: the cross-compartment-policy note only. */
const NOTE_YAML = [
  'vcns:', // 1
  '  - name: prod-vcn', // 2
  '    cidrBlocks: [10.0.0.0/16]', // 3
  '    compartmentId: ocid1.compartment.oc1..network', // 4
  'subnets:', // 5
  '  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}', // 6
  '  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}', // 7
  'clusters:', // 8
  '  - name: prod', // 9
  '    vcn: prod-vcn', // 10
  '    kubernetesVersion: v1.30.1', // 11
  '    compartmentId: ocid1.compartment.oc1..cluster', // 12
  '    ocid: ocid1.cluster.oc1.phx.aaaa', // 13
  '    nodePools:', // 14
  '      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods], compartmentId: ocid1.compartment.oc1..nodes}', // 15
  '',
].join('\n');

const headroomMessage = (threshold: number): string =>
  `pod subnet "pods" (10.0.64.0/23): its node pools need 416 of 509 usable addresses (81.7%), above the ${threshold}% headroom threshold: prod/general: 13 nodes x 32 = 416`;

describe('--fail-on, --headroom, --disable and disableRules', () => {
  let dir: string;
  const inDir = (args: string[], opts: { cwd?: string } = {}): BinResult => runBin(['lint', ...args], { cwd: opts.cwd ?? dir });
  beforeAll(() => {
    dir = tempConfigs('flags', {
      'headroom.yaml': HEADROOM_YAML,
      'note.yaml': NOTE_YAML,
      'headroom-off.yaml': HEADROOM_YAML.replace('    cidrBlock: 10.0.64.0/23\n', '    cidrBlock: 10.0.64.0/23\n    disableRules: [pod-subnet-headroom]\n'),
      'headroom-typo.yaml': HEADROOM_YAML.replace('    cidrBlock: 10.0.64.0/23\n', '    cidrBlock: 10.0.64.0/23\n    disableRules: [pod-subnet-headrom]\n'),
      // A cluster's disableRules covers its node pools; one line more above the "batch" pool.
      'failing-quiet.yaml': readFileSync(join(ROOT, FAILING_FILE), 'utf8').replace(
        '    kubernetesVersion: v1.30.1\n',
        '    kubernetesVersion: v1.30.1\n    disableRules: [max-pods-shape, node-image-date]\n',
      ),
    });
  });

  it('the headroom config draws exactly the warning, at the pod subnet\'s cidrBlock', () => {
    const r = inDir(['headroom.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([
      {
        ruleId: 'pod-subnet-headroom',
        severity: 'warning',
        message: headroomMessage(80),
        remediation: 'A /22 (1021 usable addresses) keeps them under 80%; or lower maxPodsPerNode.',
        file: 'headroom.yaml',
        line: 11,
        column: 5,
      },
      // The config gives no security lists: the security rules are not checked, a note at the cluster.
      expect.objectContaining({ ruleId: 'not-checked', severity: 'note', line: 14, column: 5 }),
    ]);
    expect(report.summary).toEqual({ errors: 0, warnings: 1, notes: 1 });
  });

  it('the note config draws exactly the note, at the cluster\'s compartmentId', () => {
    const r = inDir(['note.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(jsonFindings(r.stdout)).toEqual([
      { ruleId: 'not-checked', severity: 'note', file: 'note.yaml', line: 9, column: 5 },
      { ruleId: 'cross-compartment-policy', severity: 'note', file: 'note.yaml', line: 12, column: 5 },
    ]);
  });

  it.each([
    ['error (default)', [], [0, 0, 1]],
    ['warning', ['--fail-on', 'warning'], [1, 0, 1]],
    ['note', ['--fail-on', 'note'], [1, 1, 1]],
    ['never', ['--fail-on', 'never'], [0, 0, 0]],
  ] as const)('--fail-on %s: exit codes of warning-only, note-only and failing configs', (_name, flags, [warning, note, failing]) => {
    expect(inDir(['headroom.yaml', ...flags]).code).toBe(warning);
    expect(inDir(['note.yaml', ...flags]).code).toBe(note);
    expect(runBin(['lint', FAILING_FILE, ...flags]).code).toBe(failing);
  });

  it('--fail-on takes only the documented values', () => {
    const r = inDir(['headroom.yaml', '--fail-on', 'warnings']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "oke-cni: option '--fail-on <severity>' argument 'warnings' is invalid. Allowed choices are error, warning, note, never.\n",
    );
  });

  it('--headroom moves the threshold: 40 warns with a larger fix, 81 still warns, 82 does not', () => {
    const headroom = (f: { ruleId: string }): boolean => f.ruleId === 'pod-subnet-headroom';
    const at40 = JSON.parse(inDir(['headroom.yaml', '--format', 'json', '--headroom', '40']).stdout).findings.filter(headroom);
    expect(at40.map((f: { message: string; remediation: string }) => [f.message, f.remediation])).toEqual([
      [headroomMessage(40), 'A /21 (2045 usable addresses) keeps them under 40%; or lower maxPodsPerNode.'],
    ]);
    const at81 = JSON.parse(inDir(['headroom.yaml', '--format', 'json', '--headroom', '81']).stdout).findings.filter(headroom);
    expect(at81.map((f: { message: string }) => f.message)).toEqual([headroomMessage(81)]);
    const at82 = inDir(['headroom.yaml', '--format', 'json', '--headroom', '82', '--fail-on', 'warning']);
    expect(at82.code).toBe(0);
    expect(JSON.parse(at82.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['not-checked']);
  });

  it.each(['0', 'x'])('--headroom %s is exit 2 naming the flag', (value) => {
    const r = inDir(['headroom.yaml', '--headroom', value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const reason = /^\d+$/.test(value) ? `expected a whole number from 1 to 100, got ${value}` : `expected a whole number from 1 to 100, got "${value}"`;
    expect(r.stderr).toBe(`oke-cni: option '--headroom <percent>' argument '${value}' is invalid. ${reason}\n`);
  });

  it('--disable removes the rules\' findings, repeated or comma-separated', () => {
    const rest = EXAMPLES[1]!.findings.filter((f) => f.ruleId !== 'pod-subnet-private' && f.ruleId !== 'subnet-overlap');
    const repeated = runBin(['lint', FAILING_FILE, '--format', 'json', '--disable', 'pod-subnet-private', '--disable', 'subnet-overlap']);
    expect(repeated.code).toBe(1);
    expect(jsonFindings(repeated.stdout)).toEqual(rest);
    const comma = runBin(['lint', FAILING_FILE, '--format', 'json', '--disable', 'pod-subnet-private,subnet-overlap']);
    expect(comma.stdout).toBe(repeated.stdout);
    // Switching off the only warning leaves nothing for --fail-on warning.
    expect(inDir(['headroom.yaml', '--fail-on', 'warning', '--disable', 'pod-subnet-headroom']).code).toBe(0);
  });

  it('an unknown --disable id is exit 2 with a did-you-mean, or a pointer to `oke-cni rules`', () => {
    const typo = runBin(['lint', FAILING_FILE, '--format', 'json', '--disable', 'pod-subnet-capcity']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe('oke-cni: --disable: unknown rule "pod-subnet-capcity"; did you mean "pod-subnet-capacity"?\n');
    const unknown = runBin(['lint', FAILING_FILE, '--disable', 'subnet-overlap,no-such-rule']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('oke-cni: --disable: unknown rule "no-such-rule"; `oke-cni rules` lists them\n');
  });

  it('disableRules in the file: on a subnet, and on a cluster for its node pools', () => {
    const off = inDir(['headroom-off.yaml', '--format', 'json', '--fail-on', 'warning']);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['not-checked']);
    const quiet = inDir(['failing-quiet.yaml', '--format', 'json']);
    expect(quiet.code).toBe(1);
    expect(jsonFindings(quiet.stdout)).toEqual(
      EXAMPLES[1]!.findings
        .filter((f) => f.ruleId !== 'max-pods-shape' && f.ruleId !== 'node-image-date')
        .map((f) => ({ ...f, file: 'failing-quiet.yaml', line: f.line > 36 ? f.line + 1 : f.line })),
    );
  });

  it('an unknown id in disableRules is exit 2 at its position', () => {
    const r = inDir(['headroom-typo.yaml', '--format', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'oke-cni: headroom-typo.yaml:12:5: unknown rule "pod-subnet-headrom" in disableRules of subnet "pods"; did you mean "pod-subnet-headroom"?\n',
    );
  });
});

describe('several files, one model', () => {
  it('the OCI CLI set: pools from node-pools.json counted against the pod subnet in subnets.json', () => {
    // general: 3 nodes + 1 surge, 64 pods on E4.Flex/4 OCPUs -> 3 pod VNICs: 4 x 67 = 268; memory: 2 + 1 nodes x (110 + 4) = 342.
    // The DELETED pool "old-general" counts for nothing. At --headroom 1 the sum shows up as a warning.
    const r = lint([...OCI_CLI, '--format', 'json', '--headroom', '1']);
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout).findings;
    // Besides the security rules' "not checked" note (the set holds no security list), the headroom warning.
    expect(all.map((f: ExpectedFinding) => f.ruleId)).toEqual(['not-checked', 'pod-subnet-headroom']);
    const findings = all.slice(1);
    expect(findings.map((f: ExpectedFinding & { message: string }) => [f.ruleId, f.file, f.line, f.column, f.message])).toEqual([
      [
        'pod-subnet-headroom',
        'examples/oci-cli/subnets.json',
        63,
        7,
        'pod subnet "oke-pods" (10.0.64.0/18): its node pools need 610 of 16381 usable addresses (3.7%), above the 1% headroom threshold: prod/general: 4 nodes x 67 = 268; prod/memory: 3 nodes x 114 = 342',
      ],
    ]);
    expect(readFileSync(join(ROOT, 'examples/oci-cli/subnets.json'), 'utf8').split('\n')[62]).toBe('      "cidr-block": "10.0.64.0/18",');
  });

  it('the OCI CLI set without subnets.json: each pool is not checked for want of its subnets (exit 0, notes at the pools)', () => {
    const r = lint(OCI_CLI.filter((f) => !f.endsWith('subnets.json')).concat('--format', 'json'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(jsonFindings(r.stdout)).toEqual([
      // The security rules: the cluster's note (the set holds no security list, nor the subnets naming one).
      { ruleId: 'not-checked', severity: 'note', file: 'examples/oci-cli/cluster.json', line: 46, column: 5 },
      { ruleId: 'not-checked', severity: 'note', file: 'examples/oci-cli/node-pools.json', line: 18, column: 7 },
      { ruleId: 'not-checked', severity: 'note', file: 'examples/oci-cli/node-pools.json', line: 105, column: 7 },
    ]);
    const messages = JSON.parse(r.stdout).findings.map((f: { message: string }) => f.message);
    expect(messages[0]).toBe('cluster prod: pod-subnet-security-rules not checked: the inputs hold no security lists or NSG rules of its subnets and NSGs');
    for (const m of messages.slice(1)) expect(m).toMatch(/^node pool prod\/\w+: not checked, for want of worker subnet ocid1\.subnet\.oc1\.phx\.\w+ \(not in the given files\): worker-subnet-regional, pod-subnet-same-vcn; pod subnet ocid1\.subnet/);
    // --strict: the same notes are errors, exit 1.
    const strict = lint(OCI_CLI.filter((f) => !f.endsWith('subnets.json')).concat('--format', 'json', '--strict'));
    expect(strict.code).toBe(1);
    expect(jsonFindings(strict.stdout).map((f) => f.severity)).toEqual(['error', 'error', 'error']);
  });

  it('an oke-cni config over OCI CLI subnets (test/fixtures/config-mixed), in either order', () => {
    const files = ['test/fixtures/config-mixed/cluster.yaml', 'test/fixtures/config-mixed/network.json'];
    const clean = lint([...files, '--format', 'json']);
    expect(clean.code).toBe(0);
    // Clean but for the security rules, which neither file gives: one note at the cluster.
    const securityNote = { ruleId: 'not-checked', severity: 'note', file: 'test/fixtures/config-mixed/cluster.yaml', line: 8, column: 5 };
    expect(jsonFindings(clean.stdout)).toEqual([securityNote]);
    // spark: 12 nodes + 1 surge, 110 pods on E5.Flex/16 OCPUs -> 4 pod VNICs: 13 x 114 = 1482 of the /18's 16381.
    const probe = lint([...files, '--format', 'json', '--headroom', '1']);
    const reversed = lint([...[...files].reverse(), '--format', 'json', '--headroom', '1']);
    expect(reversed.stdout).toBe(probe.stdout);
    expect(jsonFindings(probe.stdout)).toEqual([
      securityNote,
      { ruleId: 'pod-subnet-headroom', severity: 'warning', file: 'test/fixtures/config-mixed/network.json', line: 12, column: 7 },
    ]);
    expect(JSON.parse(probe.stdout).findings[1].message).toContain('need 1482 of 16381 usable addresses (9.0%), above the 1% headroom threshold: analytics/spark: 13 nodes x 114 = 1482');
  });

  it('the config alone: its OCID references are not checked, one note at the pool', () => {
    const r = lint(['test/fixtures/config-mixed/cluster.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(jsonFindings(r.stdout)).toEqual([
      { ruleId: 'not-checked', severity: 'note', file: 'test/fixtures/config-mixed/cluster.yaml', line: 8, column: 5 },
      { ruleId: 'not-checked', severity: 'note', file: 'test/fixtures/config-mixed/cluster.yaml', line: 12, column: 9 },
    ]);
    expect(JSON.parse(r.stdout).findings[1].remediation).toBe(
      'To check it, lint with --live, or add the output of "oci network subnet get --subnet-id ocid1.subnet.oc1.iad.aaaaaaaanodes" and ' +
        '"oci network subnet get --subnet-id ocid1.subnet.oc1.iad.aaaaaaaapods" to the files.',
    );
  });
});

/** A config that passes but for the one line a bad-input case changes. */
const POOL_YAML = [
  'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]', // 1
  'subnets: [{name: s, vcn: v, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}, {name: pods, vcn: v, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}]', // 2
  'clusters:', // 3
  '  - name: c', // 4
  '    vcn: v', // 5
  '    kubernetesVersion: v1.30.1', // 6
  '    nodePools:', // 7
  '      - name: p', // 8
  '        shape: VM.Standard.E4.Flex', // 9
  '        ocpus: 4', // 10
  '        size: 3', // 11
  '        maxSize: 5', // 12
  '        subnet: s', // 13
  '        podSubnets: [pods]', // 14
  '',
].join('\n');

const SUBNET_YAML = (subnetLines: string[]): string => ['vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]', 'subnets:', ...subnetLines, ''].join('\n');

const NOT_A_CONFIG =
  'not an oke-cni config, a Terraform plan or OCI CLI output (found keys: name, items); expected top-level keys vcns/subnets/clusters (oke-cni config), ' +
  'format_version and planned_values (terraform show -json), or data (oci ... get/list)';

/** [case, file name, content (undefined: do not create; null: a directory), the one stderr line after "oke-cni: "] */
const BAD_INPUT: Array<[string, string, string | null | undefined, string]> = [
  ['malformed YAML', 'malformed.yaml', 'vcns:\n  - name: v\n    cidrBlocks: [10.0.0.0/16]\n    ocid: @x\n', 'malformed.yaml:4:11: invalid YAML: plain value cannot start with reserved character @'],
  ['duplicate key', 'duplicate.yaml', 'vcns:\n  - name: v\n    cidrBlocks: [10.0.0.0/16]\n    name: w\n', 'duplicate.yaml:4:5: duplicate key "name" (first at line 2, column 5)'],
  [
    'alias bomb',
    'bomb.yaml',
    'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nvcns: [*d]\n',
    `bomb.yaml:3:8: more than ${MAX_ALIAS_USES} alias uses (*b); write the values out instead`,
  ],
  ['__proto__ key in YAML', 'proto.yaml', 'vcns:\n  - name: v\n    __proto__: {polluted: 1}\n    cidrBlocks: [10.0.0.0/16]\n', 'proto.yaml:3:5: key "__proto__" is not allowed'],
  ['__proto__ key in JSON', 'proto.json', '{"vcns": [{"name": "v", "cidrBlocks": ["10.0.0.0/16"], "__proto__": {"polluted": 1}}]}', 'proto.json:1:56: key "__proto__" is not allowed'],
  ['wrong type', 'type.yaml', 'vcns:\n  - name: v\n    cidrBlocks: 10.0.0.0/16\n', 'type.yaml:3:17: cidrBlocks: expected a list, got string "10.0.0.0/16"'],
  [
    'unknown key with did-you-mean',
    'typo.yaml',
    SUBNET_YAML(['  - name: s', '    vcn: v', '    cidrBlock: 10.0.0.0/20', '    prohibitPublicIpOnVnc: true']),
    'typo.yaml:6:5: unknown key "prohibitPublicIpOnVnc" in subnet "s"; did you mean "prohibitPublicIpOnVnic"?',
  ],
  ['dangling reference', 'dangling.yaml', SUBNET_YAML(['  - name: s', '    vcn: vv', '    cidrBlock: 10.0.0.0/20']), 'dangling.yaml:4:10: vcn: no VCN named "vv"; did you mean "v"?'],
  [
    'CIDR with host bits',
    'hostbits.yaml',
    SUBNET_YAML(['  - name: s', '    vcn: v', '    cidrBlock: 10.0.0.1/20']),
    'hostbits.yaml:5:16: cidrBlock: "10.0.0.1/20" has host bits set (the network address is 10.0.0.0/20)',
  ],
  ['CIDR /8', 'slash8.yaml', SUBNET_YAML(['  - name: s', '    vcn: v', '    cidrBlock: 10.0.0.0/8']), "slash8.yaml:5:16: cidrBlock: \"10.0.0.0/8\" is outside OCI's allowed sizes /16 to /30"],
  ['negative count', 'negative.yaml', POOL_YAML.replace('size: 3', 'size: -1'), 'negative.yaml:11:15: size: expected a whole number (0 or more), got -1'],
  ['fractional count', 'fraction.yaml', POOL_YAML.replace('maxSize: 5', 'maxSize: 2.5'), 'fraction.yaml:12:18: maxSize: expected a whole number (0 or more), got 2.5'],
  ['missing file', 'missing.yaml', undefined, 'missing.yaml: no such file'],
  ['a directory', 'configs', null, 'configs: is a directory; pass the config files in it'],
  ['empty file', 'empty.yaml', '', 'empty.yaml: file is empty'],
  ['a JSON that is no config', 'package.json', '{"name": "x", "items": [1]}\n', `package.json:1:1: ${NOT_A_CONFIG}`],
];

describe('bad input: exit 2, nothing on stdout, one line per problem, no stack', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempConfigs('bad', {});
    for (const [, name, text] of BAD_INPUT) {
      if (text === null) mkdirSync(join(dir, name));
      else if (text !== undefined) writeFileSync(join(dir, name), text);
    }
  });

  it('the pool config the count cases start from is clean (but for the security rules, which it does not give)', () => {
    writeFileSync(join(dir, 'pool.yaml'), POOL_YAML);
    const r = runBin(['lint', 'pool.yaml', '--format', 'json'], { cwd: dir });
    expect([r.code, jsonFindings(r.stdout), r.stderr]).toEqual([0, [{ ruleId: 'not-checked', severity: 'note', file: 'pool.yaml', line: 4, column: 5 }], '']);
  });

  it.each(BAD_INPUT)('%s (--format json)', (_case, name, _text, line) => {
    const r = runBin(['lint', name, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`oke-cni: ${line}\n`);
  });

  it.each(['sarif', 'table'])('all of them at once (--format %s): each file\'s problems, nothing on stdout, no report file', (format) => {
    const out = join(dir, `report.${format}`);
    const r = runBin(['lint', ...BAD_INPUT.map(([, name]) => name), '--format', format, '--output', out], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).not.toContain('\n    at ');
    // Files that cannot be read stop the run before references are resolved: the dangling one is not reached.
    expect(problemLines(r.stderr)).toEqual(BAD_INPUT.filter(([c]) => c !== 'dangling reference').map(([, , , line]) => line));
  });

  it('several problems in one file: every one, in file order', () => {
    writeFileSync(join(dir, 'two.yaml'), POOL_YAML.replace('size: 3', 'size: -1').replace('maxSize: 5', 'maxSize: 2.5'));
    const r = runBin(['lint', 'two.yaml', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(problemLines(r.stderr)).toEqual([
      'two.yaml:11:15: size: expected a whole number (0 or more), got -1',
      'two.yaml:12:18: maxSize: expected a whole number (0 or more), got 2.5',
    ]);
  });

  it('--debug adds the stack trace', () => {
    const r = runBin(['lint', 'dangling.yaml', '--debug'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('oke-cni: dangling.yaml:4:10: vcn: no VCN named "vv"; did you mean "v"?\n')).toBe(true);
    expect(r.stderr).toContain('\n    at ');
  });

  it('no file at all is a usage error', () => {
    const r = runBin(['lint']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "oke-cni: missing required argument 'file'\n"]);
  });
});

describe('connection flags without --live', () => {
  it.each([
    ['--profile', 'prod'],
    ['--endpoint', 'http://127.0.0.1:1'],
  ])('%s is exit 2: it needs --live', (flag, value) => {
    const r = runBin(['lint', 'examples/passing.yaml', flag, value, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`oke-cni: ${flag}: needs --live (it sets how oke-cni connects to OCI)\n`);
  });
});

describe('lint --help', () => {
  it('names every format, the --fail-on levels and the exit codes', () => {
    const r = runBin(['lint', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`(choices: ${[...FORMATS, 'markdown', 'gitlab'].map((f) => `"${f}"`).join(', ')}, default: "table")`);
    expect(help).toContain('--json same as --format json');
    expect(help).toContain('(choices: "error", "warning", "note", "never", default: "error")');
    expect(help).toContain('Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 the input cannot be read.');
  });
});

describe('lint --service-mesh-ol7 (built bin)', () => {
  const FIXTURE = 'test/fixtures/rules/service-mesh-support/invalid.yaml';
  it('default follows the current CNI page: only the Kubernetes 1.26 finding; the flag brings back the Oracle Linux 7 check', () => {
    const ids = (args: string[]) => {
      const r = runBin(['lint', FIXTURE, '--format', 'json', '--disable', 'pod-subnet-headroom', ...args]);
      return (JSON.parse(r.stdout).findings as Array<{ ruleId: string; line: number }>).filter((f) => f.ruleId === 'service-mesh-support').map((f) => f.line);
    };
    expect(ids([])).toEqual([32]);
    expect(ids(['--service-mesh-ol7'])).toEqual([25, 32]);
  });
});
