/**
 * Suppressions with a reason from the built bin, per source: the oke-cni-ignore tag in the
 * oke-cni config, a Terraform plan (freeform_tags, defined_tags "namespace.key") and OCI CLI JSON
 * (freeform-tags, defined-tags {namespace: {key}}); disableRules {id, reason}; .oke-cni.yaml
 * disable {id, reason}. A suppressed finding is in JSON (suppressed) and SARIF (suppressions),
 * counted apart in the table and Markdown, left out of annotations, and never sets the exit code.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ROOT, runBin } from '../helpers/run-bin.js';
import { CANARY, CANARY_RESULT, sarifProblems, validateSarifLogs, WITNESS_RESULTS, witnessOf, type MultitoolResult } from '../helpers/sarif-validate.js';

interface JsonFinding {
  ruleId: string;
  line: number | null;
  suppressed?: { kind: string; reason: string; source: string };
  resource?: { address?: string };
}
interface JsonReport {
  findings: JsonFinding[];
  summary: { errors: number; warnings: number; notes: number };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oke-cni-suppress-'));
});
const lint = (args: string[]) => runBin(['lint', ...args], { cwd: dir });
const json = (args: string[]) => {
  const r = lint([...args, '--format', 'json']);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
};

/**
 * A pool of 1 OCPU asking for 64 pods (max-pods-shape, error), with the given freeformTags line;
 * open security lists, so the security rules are checked (and pass).
 */
function config(tags: string, extra = ''): string {
  return [
    'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]',
    'subnets:',
    '  - {name: w, vcn: v, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true, securityListIds: [open]}',
    '  - {name: p, vcn: v, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true, securityListIds: [open]}',
    'clusters:',
    '  - name: c',
    '    vcn: v',
    '    kubernetesVersion: v1.30.1',
    '    endpointSubnet: w',
    extra,
    '    nodePools:',
    '      - name: np',
    '        shape: VM.Standard.E4.Flex',
    '        ocpus: 1',
    '        size: 3',
    '        maxPodsPerNode: 64',
    '        subnet: w',
    '        podSubnets: [p]',
    tags,
    'securityLists: [{name: open, ingressSecurityRules: [{protocol: all, source: 0.0.0.0/0}], egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]}]',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

describe('oke-cni config', () => {
  test('the tag on a pool: the finding is reported suppressed, exit 0', () => {
    writeFileSync(join(dir, 'c.yaml'), config('        freeformTags: {oke-cni-ignore: "max-pods-shape, pod-subnet-headroom: sized by hand, CHG-1234"}'));
    const { code, report } = json(['c.yaml']);
    expect(code).toBe(0);
    expect(report.findings.map((f) => [f.ruleId, f.line, f.suppressed])).toEqual([
      ['max-pods-shape', 15, { kind: 'inSource', reason: 'sized by hand, CHG-1234', source: 'c.yaml:18:9 (oke-cni-ignore tag)' }],
    ]);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, notes: 0 });
  });

  test("disableRules {id, reason} on the pool's cluster covers the pool; a plain id still drops the finding", () => {
    writeFileSync(join(dir, 'c.yaml'), config('', '    disableRules: [{id: max-pods-shape, reason: "whole cluster sized by hand"}]'));
    expect(json(['c.yaml']).report.findings.map((f) => [f.ruleId, f.suppressed?.source])).toEqual([['max-pods-shape', 'c.yaml:10:20 (disableRules)']]);
    writeFileSync(join(dir, 'c.yaml'), config('', '    disableRules: [max-pods-shape]'));
    expect(json(['c.yaml']).report.findings).toEqual([]);
  });

  test('table, markdown and github: counted apart, never as a finding', () => {
    writeFileSync(join(dir, 'c.yaml'), config('        freeformTags: {oke-cni-ignore: "max-pods-shape: sized by hand"}'));
    const table = lint(['c.yaml']);
    expect([table.code, table.stdout]).toEqual([0, '✔ no findings\n1 suppressed finding not shown (--format json or sarif lists it with the reason)\n']);
    const markdown = lint(['c.yaml', '--format', 'markdown']);
    expect(markdown.stdout).toBe('### oke-cni: ✔ no findings\n\n1 suppressed finding not shown (--format json or sarif lists it with the reason)\n');
    const github = lint(['c.yaml', '--format', 'github']);
    expect([github.code, github.stdout, github.stderr]).toEqual([0, '', '✔ no findings\n']);
  });

  test('a tag without a reason suppresses nothing and says so', () => {
    writeFileSync(join(dir, 'c.yaml'), config('        freeformTags: {oke-cni-ignore: "max-pods-shape"}'));
    const { code, report } = json(['c.yaml']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.suppressed === undefined])).toEqual([
      ['max-pods-shape', true],
      ['invalid-suppression', true],
    ]);
  });

  test('.oke-cni.yaml disable {id, reason}: every finding of the rule suppressed, kind external', () => {
    writeFileSync(join(dir, 'c.yaml'), config(''));
    writeFileSync(join(dir, '.oke-cni.yaml'), 'disable:\n  - {id: max-pods-shape, reason: "all pools sized by hand"}\n');
    const { code, report } = json(['c.yaml']);
    expect(code).toBe(0);
    expect(report.findings.map((f) => f.suppressed)).toEqual([{ kind: 'external', reason: 'all pools sized by hand', source: '.oke-cni.yaml:2:5 (disable)' }]);
    writeFileSync(join(dir, '.oke-cni.yaml'), 'disable:\n  - {id: max-pods-shap, reason: x}\n  - {id: max-pods-shape}\n');
    const bad = lint(['c.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'oke-cni: .oke-cni.yaml:2:10: disable[0].id: unknown rule "max-pods-shap"; did you mean "max-pods-shape"?\n' +
        'oke-cni: .oke-cni.yaml:3:5: disable[1]: missing key "reason" (say why the rule\'s findings are suppressed, or give the plain id to switch it off)\n',
    );
  });
});

/** examples/terraform-plan.json with its node pool at 1 OCPU (max-pods-shape) and the given tags, in planned values and the change alike. */
function terraformPlan(tags: { freeform?: Record<string, string>; defined?: Record<string, string> }): string {
  const plan = JSON.parse(readFileSync(join(ROOT, 'examples', 'terraform-plan.json'), 'utf8')) as {
    planned_values: { root_module: { resources: Array<{ type: string; values: Record<string, unknown> }> } };
    resource_changes: Array<{ type: string; change: { after: Record<string, unknown> } }>;
  };
  const pools = [
    ...plan.planned_values.root_module.resources.filter((r) => r.type === 'oci_containerengine_node_pool').map((r) => r.values),
    ...plan.resource_changes.filter((r) => r.type === 'oci_containerengine_node_pool').map((r) => r.change.after),
  ];
  for (const values of pools) {
    values.node_shape_config = [{ memory_in_gbs: 16, ocpus: 1 }];
    if (tags.freeform) values.freeform_tags = tags.freeform;
    if (tags.defined) values.defined_tags = tags.defined;
  }
  return JSON.stringify(plan, null, 2);
}

describe('Terraform plan', () => {
  test('freeform_tags', () => {
    writeFileSync(join(dir, 'plan.json'), terraformPlan({ freeform: { 'oke-cni-ignore': 'max-pods-shape: sized by hand' } }));
    const { code, report } = json(['plan.json']);
    expect(code).toBe(0);
    const f = report.findings.filter((x) => x.ruleId === 'max-pods-shape');
    expect(f.map((x) => [x.resource?.address, x.suppressed?.kind, x.suppressed?.reason])).toEqual([['oci_containerengine_node_pool.general', 'inSource', 'sized by hand']]);
    expect(f[0]!.suppressed!.source).toMatch(/^plan\.json:\d+:\d+ \(oke-cni-ignore tag\)$/);
    expect(report.summary.errors).toBe(0);
  });

  test('defined_tags "namespace.key", matched case-insensitively; without the tag the finding counts', () => {
    writeFileSync(join(dir, 'plan.json'), terraformPlan({ defined: { 'Operations.OKE-CNI-IGNORE': 'max-pods-shape: sized by hand' } }));
    expect(json(['plan.json']).report.findings.filter((x) => x.ruleId === 'max-pods-shape').map((x) => x.suppressed?.reason)).toEqual(['sized by hand']);
    writeFileSync(join(dir, 'plan.json'), terraformPlan({}));
    const plain = json(['plan.json']);
    expect(plain.code).toBe(1);
    expect(plain.report.findings.filter((x) => x.ruleId === 'max-pods-shape').map((x) => x.suppressed)).toEqual([undefined]);
  });
});

/** examples/oci-cli with the first node pool at 1 OCPU and the given tags. */
function ociCli(tags: { freeform?: Record<string, string>; defined?: Record<string, Record<string, string>> }): string[] {
  const cli = join(dir, 'oci-cli');
  mkdirSync(cli);
  for (const f of ['cluster.json', 'subnets.json', 'vcns.json']) copyFileSync(join(ROOT, 'examples', 'oci-cli', f), join(cli, f));
  const pools = JSON.parse(readFileSync(join(ROOT, 'examples', 'oci-cli', 'node-pools.json'), 'utf8')) as { data: Array<Record<string, unknown>> };
  const first = pools.data[0]!;
  first['node-shape-config'] = { ...(first['node-shape-config'] as object), ocpus: 1 };
  if (tags.freeform) first['freeform-tags'] = tags.freeform;
  if (tags.defined) first['defined-tags'] = tags.defined;
  writeFileSync(join(cli, 'node-pools.json'), JSON.stringify(pools, null, 2));
  return ['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'].map((f) => `oci-cli/${f}`);
}

describe('OCI CLI JSON', () => {
  test('freeform-tags', () => {
    const files = ociCli({ freeform: { 'oke-cni-ignore': 'max-pods-shape: sized by hand' } });
    const found = json(files).report.findings.filter((x) => x.ruleId === 'max-pods-shape');
    expect(found.map((x) => [x.suppressed?.kind, x.suppressed?.reason])).toEqual([['inSource', 'sized by hand']]);
    expect(found[0]!.suppressed!.source).toMatch(/^oci-cli\/node-pools\.json:\d+:\d+ \(oke-cni-ignore tag\)$/);
  });

  test('defined-tags {namespace: {key: value}}; an unknown id is a finding with did you mean', () => {
    const files = ociCli({ defined: { Operations: { 'oke-cni-ignore': 'max-pods-shape, max-pod-range: sized by hand' } } });
    const { report } = json(files);
    expect(report.findings.filter((x) => x.ruleId === 'max-pods-shape').map((x) => x.suppressed?.reason)).toEqual(['sized by hand']);
    expect(report.findings.filter((x) => x.ruleId === 'invalid-suppression').map((x) => x.suppressed)).toEqual([undefined]);
    const r = lint([...files, '--format', 'json']);
    expect((JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; message: string }> }).findings.find((f) => f.ruleId === 'invalid-suppression')?.message).toMatch(
      /tag oke-cni-ignore names unknown rule "max-pod-range", which suppresses nothing; did you mean "max-pods-range"\?$/,
    );
  });
});

describe('SARIF', () => {
  let byName: Map<string, MultitoolResult[]>;
  let sarif: { runs: Array<{ results: Array<{ ruleId: string; suppressions?: unknown[] }> }> };
  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), 'oke-cni-suppress-sarif-'));
    writeFileSync(join(work, 'c.yaml'), config('        freeformTags: {oke-cni-ignore: "max-pods-shape: sized by hand"}'));
    const r = runBin(['lint', 'c.yaml', '--format', 'sarif'], { cwd: work });
    expect(r.code).toBe(0);
    sarif = JSON.parse(r.stdout) as typeof sarif;
    byName = validateSarifLogs({ suppressed: r.stdout });
  }, 120_000);

  test('the suppressed result carries suppressions (kind, status, justification)', () => {
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.suppressions])).toEqual([
      ['max-pods-shape', [{ kind: 'inSource', status: 'accepted', justification: 'sized by hand (c.yaml:18:9 (oke-cni-ignore tag))' }]],
    ]);
  });

  test('the log passes the SARIF multitool', () => {
    expect(byName.get(CANARY)).toContainEqual(CANARY_RESULT);
    expect(sarifProblems(byName.get('suppressed'))).toEqual([]);
    expect(byName.get(witnessOf('suppressed'))).toEqual(WITNESS_RESULTS);
  });
});

describe('README', () => {
  test('the suppressions example is the real run, and its JSON entry is as quoted', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const r = runBin(['lint', 'examples/suppressions.yaml']);
    expect(r.code).toBe(0);
    expect(readme).toContain(`$ oke-cni lint examples/suppressions.yaml\n${r.stdout}\`\`\``);
    const report = JSON.parse(runBin(['lint', 'examples/suppressions.yaml', '--format', 'json']).stdout) as JsonReport;
    const quoted = report.findings.find((f) => f.ruleId === 'max-pods-shape')!.suppressed!;
    expect(readme.replace(/\n/g, ' ')).toContain(`"suppressed": {"kind": "${quoted.kind}", "reason": "${quoted.reason}", "source": "${quoted.source}"}`);
  });
});
