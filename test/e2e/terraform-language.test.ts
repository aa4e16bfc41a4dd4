/**
 * Findings on Terraform and OCI CLI input speak that input's language (issue 7 item 4): the
 * attributes users write, the pool by its address and `name`, remediations through the module
 * input that feeds a value, the address as SARIF logicalLocations and the JSON `resource`; the
 * oke-cni-max-nodes tag (freeform and defined) read as `check` reads it, a finding when it is
 * malformed or below the size; every placement's worker subnet checked. Through the built bin.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';
import { languagePlan } from '../fixtures/terraform/language.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-tf-language-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Found {
  ruleId: string;
  line: number;
  column: number;
  message: string;
  remediation: string;
  resource?: { type: string; address: string; name: string | null };
}

function write(name: string, pretty: boolean): { file: string; text: string } {
  const text = pretty ? JSON.stringify(languagePlan, null, 2) : JSON.stringify(languagePlan);
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, text };
}

/** 1-based line and column of `needle` after `after` (after `from` when given). */
function where(text: string, needle: string, after: string, from = ''): [number, number] {
  const start = text.indexOf(after, from === '' ? 0 : text.indexOf(from));
  const i = text.indexOf(needle, start);
  if (start < 0 || i < 0) throw new Error(`not in the plan: ${after} ${needle}`);
  const before = text.slice(0, i);
  return [before.split('\n').length, i - before.lastIndexOf('\n')];
}

const GENERAL = 'oci_containerengine_node_pool.general';
const NP1 = 'module.workers.oci_containerengine_node_pool.this["np1"]';
const NP1_MAX_PODS =
  `var.pool_max_pods (input max_pods of module.workers, feeding node_pool_pod_network_option_details.max_pods_per_node of ${NP1})`;

describe('Terraform findings name Terraform attributes, addresses and module inputs', () => {
  it.each([true, false])('exact messages, remediations, positions and the JSON resource (pretty: %s)', (pretty) => {
    const { file, text } = write(`language${pretty ? '' : '.oneline'}.json`, pretty);
    const r = runBin(['lint', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Found[];
    const general = `"address": "${GENERAL}"`.replace(/ /g, pretty ? ' ' : '');
    const np1 = `"address": ${JSON.stringify(NP1)}`.replace(/ /g, pretty ? ' ' : '');
    const ad2 = `"address": "oci_core_subnet.workers_ad2"`.replace(/ /g, pretty ? ' ' : '');
    const cluster = `"address": "oci_containerengine_cluster.prod"`.replace(/ /g, pretty ? ' ' : '');
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.resource?.address, f.resource?.name])).toEqual([
      // Only the AD-specific subnet of the second placement: each placement's worker subnet is checked.
      ['worker-subnet-regional', ...where(text, '"availability_domain"', ad2, 'planned_values'), 'oci_core_subnet.workers_ad2', null],
      // The plan holds no security lists or NSG rules: the security rules are not checked, at the cluster.
      ['not-checked', ...where(text, '"address"', cluster, 'planned_values'), 'oci_containerengine_cluster.prod', 'prod'],
      ['max-pods-range', ...where(text, '"max_pods_per_node"', general, 'planned_values'), GENERAL, 'general'],
      ['max-pods-shape', ...where(text, '"max_pods_per_node"', general, 'planned_values'), GENERAL, 'general'],
      ['max-nodes-tag', ...where(text, '"freeform_tags"', general, 'planned_values'), GENERAL, 'general'],
      ['max-pods-range', ...where(text, '"max_pods_per_node"', np1, 'planned_values'), NP1, 'np1'],
      ['max-pods-shape', ...where(text, '"max_pods_per_node"', np1, 'planned_values'), NP1, 'np1'],
      ['max-nodes-tag', ...where(text, '"defined_tags"', np1, 'planned_values'), NP1, 'np1'],
    ]);
    const [regional, , range, , tag, moduleRange, moduleShape, definedTag] = findings;
    expect(regional?.message).toBe(
      `subnet "oci_core_subnet.workers_ad2" is the worker subnet of ${GENERAL} ("general") and is specific to availability domain "Uocm:PHX-AD-2"; OCI recommends a regional worker subnet`,
    );
    expect(regional?.remediation).toBe('Use a regional worker subnet (no availability_domain), or one AD-specific worker subnet in each availability domain.');
    expect(range?.message).toBe(
      `node pool ${GENERAL} ("general"): node_pool_pod_network_option_details.max_pods_per_node 120 is outside 1 to 110 (nodes without secondary VNIC profiles run at most 110 pods)`,
    );
    expect(range?.remediation).toBe(
      'Set node_pool_pod_network_option_details.max_pods_per_node between 1 and 110, or give the pool secondary VNIC profiles ' +
        '(secondary_vnics, create_vnic_details.ip_count adding up to 120 or more), which allow up to 256 pods per node.',
    );
    expect(tag?.message).toBe(
      `node pool ${GENERAL} ("general"): tag oke-cni-max-nodes (freeform_tags) = "many" is not a whole number of nodes; the pool is planned at 3 nodes (its size) instead`,
    );
    expect(tag?.remediation).toBe("Set oke-cni-max-nodes (freeform_tags) to a whole number of nodes (the pool's autoscaler maximum), or remove the tag.");
    // A pool inside a module: the fix goes through the root variable that feeds the module input, never into the module.
    expect(moduleRange?.message).toBe(
      `node pool ${NP1} ("np1"): node_pool_pod_network_option_details.max_pods_per_node 130 is outside 1 to 110 (nodes without secondary VNIC profiles run at most 110 pods)`,
    );
    expect(moduleRange?.remediation).toMatch(new RegExp(`^Set ${NP1_MAX_PODS.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&')} between 1 and 110, or `));
    expect(moduleShape?.remediation).toContain(`or lower ${NP1_MAX_PODS} to 93`);
    expect(definedTag?.message).toBe(
      `node pool ${NP1} ("np1"): tag oke-cni-max-nodes (defined_tags) = 2 is below the pool's node_config_details.size 3 (a stale tag?); the pool is planned at 3 nodes (its size) instead`,
    );
    expect(definedTag?.remediation).toBe("Raise oke-cni-max-nodes (defined_tags) to the pool's autoscaler maximum (at least 3), or remove the tag.");
  });

  it('SARIF: each result on a plan names its resource address as a logical location', () => {
    const { file } = write('language-sarif.json', false);
    const r = runBin(['lint', file, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ ruleId: string; locations: Array<{ logicalLocations?: unknown[]; physicalLocation?: { region: { startLine: number } } }> }>;
    expect(results.map((x) => [x.ruleId, x.locations[0]?.logicalLocations])).toEqual([
      ['worker-subnet-regional', [{ name: 'oci_core_subnet.workers_ad2', fullyQualifiedName: 'oci_core_subnet.workers_ad2', kind: 'resource', properties: { resourceType: 'oci_core_subnet' } }]],
      ['not-checked', [{ name: 'prod', fullyQualifiedName: 'oci_containerengine_cluster.prod', kind: 'resource', properties: { resourceType: 'oci_containerengine_cluster' } }]],
      ...['max-pods-range', 'max-pods-shape', 'max-nodes-tag'].map((id) => [id, [{ name: 'general', fullyQualifiedName: GENERAL, kind: 'resource', properties: { resourceType: 'oci_containerengine_node_pool' } }]]),
      ...['max-pods-range', 'max-pods-shape', 'max-nodes-tag'].map((id) => [id, [{ name: 'np1', fullyQualifiedName: NP1, kind: 'resource', properties: { resourceType: 'oci_containerengine_node_pool' } }]]),
    ]);
    // A one-line plan: every result still has its exact position, on line 1.
    expect(results.map((x) => x.locations[0]?.physicalLocation?.region.startLine)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe('OCI CLI findings name the CLI JSON keys; the oke-cni-max-nodes tag as check reads it', () => {
  it('freeform-tags not a number, defined-tags below the size: findings (exit 1, not 2), in kebab-case keys', () => {
    const examples = join(__dirname, '..', '..', 'examples', 'oci-cli');
    for (const name of ['cluster.json', 'subnets.json', 'vcns.json']) copyFileSync(join(examples, name), join(dir, name));
    const pools = JSON.parse(readFileSync(join(examples, 'node-pools.json'), 'utf8'));
    pools.data[0]['freeform-tags'] = { 'oke-cni-max-nodes': 'lots' };
    pools.data[0]['node-config-details']['node-pool-pod-network-option-details']['max-pods-per-node'] = 120;
    pools.data[1]['defined-tags'] = { Ops: { 'oke-cni-max-nodes': '1' } };
    const text = JSON.stringify(pools, null, 2);
    writeFileSync(join(dir, 'node-pools.json'), text);
    const r = runBin(['lint', ...['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'].map((n) => join(dir, n)), '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout).findings as Array<Found & { file: string }>).filter((f) => f.file.endsWith('node-pools.json'));
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['max-nodes-tag', ...where(text, '"freeform-tags"', '"data"')],
      ['max-pods-range', ...where(text, '"max-pods-per-node"', '"data"')],
      ['max-pods-shape', ...where(text, '"max-pods-per-node"', '"data"')],
      // The second pool's own defined-tags (its object starts at the second "cluster-id").
      ['max-nodes-tag', ...where(text, '"defined-tags"', '"cluster-id"', '"name": "general"')],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'node pool prod/general: tag oke-cni-max-nodes (freeform-tags) = "lots" is not a whole number of nodes; the pool is planned at 3 nodes (its size) instead',
      'node pool prod/general: node-pool-pod-network-option-details.max-pods-per-node 120 is outside 1 to 110 (nodes without secondary VNIC profiles run at most 110 pods)',
      'node pool prod/general: node-pool-pod-network-option-details.max-pods-per-node 120 is above what VM.Standard.E4.Flex at 4 OCPUs allows: 4 VNICs -> MIN((4 - 1) * 31, 110) = 93 pods per node',
      "node pool prod/memory: tag oke-cni-max-nodes (defined-tags) = 1 is below the pool's node-config-details.size 2 (a stale tag?); the pool is planned at 2 nodes (its size) instead",
    ]);
    expect(findings[0]?.resource).toBeUndefined();
  });
});
