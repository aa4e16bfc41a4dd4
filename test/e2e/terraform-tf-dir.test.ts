/**
 * `lint plan.json --tf-dir DIR` through the built bin: findings on plan resources land on the
 * resource block in the .tf files (the root module's and a local module's, resolved from
 * configuration.module_calls[].source), the plan position kept; a registry module's findings
 * stay on the plan and stderr says so once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';
import { languagePlan } from '../fixtures/terraform/language.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-tf-dir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAIN_TF = [
  '# resource "oci_containerengine_node_pool" "general" { (a comment)',
  'locals {',
  '  doc = <<-EOT',
  '    resource "oci_core_subnet" "workers_ad2" {',
  '  EOT',
  '  tpl = "${join("}", ["{"])}"',
  '}',
  '',
  'resource "oci_core_subnet" "workers_ad2" {',
  '  cidr_block = "10.0.16.0/20"',
  '}',
  '',
  'resource "oci_containerengine_node_pool" "general" {',
  '  name = "general"',
  '}',
  '',
  'module "workers" {',
  '  source   = "./modules/workers"',
  '  max_pods = var.pool_max_pods',
  '}',
].join('\n');

const WORKERS_TF = ['variable "max_pods" {}', '', '  resource "oci_containerengine_node_pool" "this" {', '  for_each = { np1 = {} }', '}'].join('\n');

function setUp(): { plan: string; tf: string } {
  const tf = join(dir, 'infra');
  mkdirSync(join(tf, 'modules', 'workers'), { recursive: true });
  writeFileSync(join(tf, 'main.tf'), MAIN_TF);
  writeFileSync(join(tf, 'modules', 'workers', 'main.tf'), WORKERS_TF);
  // A registry module beside the local one: nothing of it is in the given directory.
  const plan = structuredClone(languagePlan) as { configuration: { root_module: { module_calls: Record<string, unknown> } } };
  plan.configuration.root_module.module_calls['oke'] = { source: 'oracle-terraform-modules/oke/oci', version_constraint: '5.2.0', module: {} };
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return { plan: file, tf };
}

interface Found {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  plan?: { file: string; line: number; column: number };
  resource?: { address: string };
}

describe('lint --tf-dir', () => {
  const { plan, tf } = setUp();
  const main = join(tf, 'main.tf');
  const workers = join(tf, 'modules', 'workers', 'main.tf');

  it('JSON: file, line and column of the resource block, the plan position in `plan`; the registry module said once on stderr', () => {
    const r = runBin(['lint', plan, '--tf-dir', tf, '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Found[];
    const plain = JSON.parse(runBin(['lint', plan, '--format', 'json']).stdout).findings as Found[];
    // The security rules note is on the cluster, which main.tf does not hold: it stays on the plan.
    const clusterNote = plain.find((f) => f.ruleId === 'not-checked');
    expect(clusterNote?.resource?.address).toBe('oci_containerengine_cluster.prod');
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['worker-subnet-regional', main, 9, 1],
      ['not-checked', plan, 1, clusterNote?.column],
      ['max-pods-range', main, 13, 1],
      ['max-pods-shape', main, 13, 1],
      ['max-nodes-tag', main, 13, 1],
      ['max-pods-range', workers, 3, 3],
      ['max-pods-shape', workers, 3, 3],
      ['max-nodes-tag', workers, 3, 3],
    ]);
    // A finding that stays on the plan has no second plan position.
    expect(findings.map((f) => f.plan)).toEqual(plain.map((f) => (f === clusterNote ? undefined : { file: f.file, line: f.line, column: f.column })));
    expect(r.stderr).toContain('oke-cni: --tf-dir: module.oke comes from "oracle-terraform-modules/oke/oci", not a local path: its findings stay on the plan\n');
  });

  it('GitHub annotations and SARIF results land on the .tf files; SARIF keeps the plan position as a related location', () => {
    const gh = runBin(['lint', plan, '--tf-dir', tf, '--format', 'github']);
    expect(gh.stdout.split('\n')[0]).toMatch(new RegExp(`^::warning file=${main.replace(/[/.]/g, '\\$&')},line=9,col=1,title=worker-subnet-regional::`));
    const sarif = JSON.parse(runBin(['lint', plan, '--tf-dir', tf, '--format', 'sarif']).stdout);
    const first = sarif.runs[0].results[5];
    expect(first.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: `file://${workers}` }, region: { startLine: 3, startColumn: 3 } });
    expect(first.locations[0].logicalLocations[0].fullyQualifiedName).toBe('module.workers.oci_containerengine_node_pool.this["np1"]');
    expect(first.relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${plan}` });
  });

  it('a --tf-dir that is not a directory: one line, exit 2', () => {
    const r = runBin(['lint', plan, '--tf-dir', join(dir, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`oke-cni: --tf-dir: ${join(dir, 'nope')}: no such directory\n`);
  });
});
