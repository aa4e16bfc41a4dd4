/**
 * `oke-cni lint plan.json` through the built bin on plans shaped like real ones
 * (test/fixtures/terraform/scenarios.ts): exact rule ids, positions, not-checked notes and exit
 * codes. Positions are found in the written text, pretty and one-line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';
import { OCID } from '../fixtures/terraform/plans.js';
import * as scenarios from '../fixtures/terraform/scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-tf-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Found {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  message: string;
  remediation: string;
}

function lint(name: string, value: unknown, pretty = true, extra: string[] = []): { code: number | null; text: string; findings: Found[]; stderr: string } {
  const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  const file = join(dir, `${name}${pretty ? '' : '.oneline'}.json`);
  writeFileSync(file, text);
  const r = runBin(['lint', file, '--format', 'json', ...extra]);
  const findings = r.stdout === '' ? [] : (JSON.parse(r.stdout).findings as Found[]);
  return { code: r.code, text, findings, stderr: r.stderr };
}

/** 1-based line and column of the n-th occurrence of `needle` after `after`. */
function where(text: string, needle: string, after = ''): [number, number] {
  const from = after === '' ? 0 : text.indexOf(after);
  if (from < 0) throw new Error(`not in the plan: ${after}`);
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`not in the plan: ${needle}`);
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  return [line, i - before.lastIndexOf('\n')];
}

const summary = (f: Found[]) => f.map((x) => [x.ruleId, x.severity, x.line, x.column]);

describe('Terraform plans through the built bin', () => {
  it.each([true, false])('an existing cluster and network by OCID (pretty: %s): notes for what is outside the plan, every other rule runs', (pretty) => {
    const r = lint('existing-network', scenarios.existingNetwork, pretty);
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([
      ['not-checked', 'note', ...where(r.text, '"address"', 'planned_values')],
      ['max-pods-shape', 'error', ...where(r.text, '"max_pods_per_node"', 'planned_values')],
      // The stand-in cluster, at the pool's cluster_id: its values, and the security rules (no security data in the plan).
      ['not-checked', 'note', ...where(r.text, `"${OCID.cluster}"`, 'planned_values')],
      ['not-checked', 'note', ...where(r.text, `"${OCID.cluster}"`, 'planned_values')],
    ]);
    const pools = r.findings.filter((f) => f.ruleId === 'not-checked' && f.message.startsWith('node pool'));
    expect(pools[0]?.message).toBe(
      `node pool oci_containerengine_node_pool.batch: not checked, for want of worker subnet ${OCID.workers} (not in the given files): ` +
        `worker-subnet-regional, pod-subnet-same-vcn; pod subnet ${OCID.pods} (not in the given files): pod-subnet-private, pod-subnet-regional, pod-subnet-same-vcn, pod-subnet-capacity, pod-subnet-headroom`,
    );
    expect(pools[0]?.remediation).toBe(
      `To check it, lint with --live, or add the output of "oci network subnet get --subnet-id ${OCID.workers}" and "oci network subnet get --subnet-id ${OCID.pods}" to the files.`,
    );
  });

  it('one-line plans get exact columns on line 1', () => {
    const r = lint('existing-network', scenarios.existingNetwork, false);
    const shape = r.findings.find((f) => f.ruleId === 'max-pods-shape');
    expect([shape?.line, shape?.column]).toEqual([1, r.text.indexOf('"max_pods_per_node"') + 1]);
  });

  it('--strict: the notes are errors', () => {
    const r = lint('existing-network', scenarios.existingNetwork, true, ['--strict']);
    expect(r.code).toBe(1);
    expect(r.findings.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error']);
  });

  it('data sources read existing subnets as known objects: their capacity is checked', () => {
    const r = lint('data-sources', scenarios.dataSources);
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([
      // No security lists or NSG rules in the plan: the security rules are not checked (every scenario here).
      ['not-checked', 'note', ...where(r.text, '"address": "oci_containerengine_cluster.prod"', 'planned_values')],
      ['pod-subnet-capacity', 'error', ...where(r.text, '"cidr_block": "10.0.64.0/26"', 'prior_state')],
    ]);
    expect(r.findings[0]?.message).toBe('cluster oci_containerengine_cluster.prod: pod-subnet-security-rules not checked: the inputs hold no security lists or NSG rules of its subnets and NSGs');
    expect(r.findings[1]?.message).toContain('pod subnet "data.oci_core_subnet.pods" (10.0.64.0/26) has 61 usable addresses but its node pools need 160');
  });

  it('for_each pools pick their subnet by each.value; a reference to all instances is a note, never the first', () => {
    const r = lint('for-each', scenarios.forEach);
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([
      ['pod-subnet-capacity', 'error', ...where(r.text, '"cidr_block": "10.0.128.0/26"')],
      ['not-checked', 'note', ...where(r.text, '"address": "oci_containerengine_cluster.this"', 'planned_values')],
      ['not-checked', 'note', ...where(r.text, '"address": "oci_containerengine_node_pool.spread"', 'planned_values')],
    ]);
    // Only the batch pool (each.value.pod_subnet = "batch") is on the /26: 5 nodes x 32.
    expect(r.findings[0]?.message).toContain('need 160 at their largest (maxSize + node_pool_cycling_details.maximum_surge nodes): oci_containerengine_node_pool.pools["batch"]: 5 nodes x 32 = 160');
    expect(r.findings[2]?.message).toContain(
      'pod_subnet_ids (known only after apply; its expression refers to oci_core_subnet.this without a key the plan determines: it could be any of ' +
        'oci_core_subnet.this["workers"], oci_core_subnet.this["pods"], oci_core_subnet.this["batch"]): single-pod-subnet,',
    );
  });

  it('a terraform-oci-oke-shaped plan: dynamic blocks are not checked (no false single-pod-subnet), module outputs are followed', () => {
    const r = lint('oke-module', scenarios.okeModule);
    expect(r.code).toBe(1);
    const pods = '"address": "module.oke.module.network.oci_core_subnet.oke[\\"pods\\"]"';
    expect(summary(r.findings)).toEqual([
      ['not-checked', 'note', ...where(r.text, '"address": "module.oke.module.network.oci_core_subnet.oke[\\"workers\\"]"')],
      ['not-checked', 'note', ...where(r.text, pods)],
      ['pod-subnet-capacity', 'error', ...where(r.text, '"cidr_block"', pods)],
      ['not-checked', 'note', ...where(r.text, '"address": "module.oke.module.cluster[0].oci_containerengine_cluster.k8s[0]"')],
      ['not-checked', 'note', ...where(r.text, '"address": "module.oke.module.cluster[0].oci_containerengine_cluster.k8s[0]"')],
      ['not-checked', 'note', ...where(r.text, '"address": "module.oke.module.workers.oci_containerengine_node_pool.tfscaled_workers[\\"np1\\"]"')],
      ['not-checked', 'note', ...where(r.text, '"address": "module.oke.module.workers.oci_containerengine_node_pool.autoscaled_workers[\\"np2\\"]"')],
    ]);
    const ids = r.findings.map((f) => f.ruleId);
    expect(ids).not.toContain('single-pod-subnet');
    // prohibit_internet_ingress = true alone makes the pods subnet private.
    expect(ids).not.toContain('pod-subnet-private');
    // module.oke.subnet_ids["pods"] -> module.network.subnet_ids -> oci_core_subnet.oke["pods"]: the extra pool's 9 x 114.
    expect(r.findings[2]?.message).toContain(': oci_containerengine_node_pool.extra: 9 nodes x 114 = 1026');
    expect(r.findings[3]?.message).toContain('vcn_id (known only after apply; its expression refers to local.vcn_id, and a plan does not carry the values of locals)');
    expect(r.findings[4]?.message).toContain('pod-subnet-security-rules not checked: the inputs hold no security lists or NSG rules');
    expect(r.findings[5]?.message).toContain("pod_subnet_ids (known only after apply; the plan's configuration has no expression for it (it leaves dynamic blocks out))");
  });

  it('replacements: create-before-destroy counts both generations, delete-then-create and deleted pools do not', () => {
    const r = lint('replacement', scenarios.replacement);
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([
      ['pod-subnet-capacity', 'error', ...where(r.text, '"cidr_block": "10.0.64.0/23"')],
      ['not-checked', 'note', ...where(r.text, '"address": "oci_containerengine_cluster.prod"', 'planned_values')],
    ]);
    expect(r.findings[0]?.message).toBe(
      'pod subnet "oci_core_subnet.pods" (10.0.64.0/23) has 509 usable addresses but its node pools need 544 at their largest (maxSize + node_pool_cycling_details.maximum_surge nodes): ' +
        'oci_containerengine_node_pool.general: 7 nodes x 32 = 224; ' +
        'oci_containerengine_node_pool.general (old generation, holding its addresses until its create_before_destroy replacement is up): 7 nodes x 32 = 224; ' +
        'oci_containerengine_node_pool.batch: 3 nodes x 32 = 96',
    );
  });

  it('a state file: every value known', () => {
    const r = lint('state', scenarios.state);
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([
      ['pod-subnet-private', 'error', ...where(r.text, '"prohibit_public_ip_on_vnic": false')],
      ['not-checked', 'note', ...where(r.text, '"address": "oci_containerengine_cluster.prod"')],
    ]);
  });
});

describe('dropping any one known value from a plan never turns exit 0/1 into 2', () => {
  /** Every path to a scalar under planned_values' resource values. */
  function valuePaths(plan: unknown): Array<Array<string | number>> {
    const out: Array<Array<string | number>> = [];
    const walk = (node: unknown, path: Array<string | number>): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i]));
      else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      else if (path.includes('values')) out.push(path);
    };
    walk((plan as { planned_values: unknown }).planned_values, ['planned_values']);
    return out;
  }

  const plans = { forEach: scenarios.forEach, okeModule: scenarios.okeModule, dataSources: scenarios.dataSources };
  const cases = Object.entries(plans).flatMap(([name, p]) => valuePaths(p).map((path) => ({ name, path })));

  it('on sampled values of every scenario', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), ({ name, path }) => {
        const copy = structuredClone(plans[name as keyof typeof plans]) as Record<string, unknown>;
        let parent: unknown = copy;
        for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
        const last = path[path.length - 1] as string | number;
        if (Array.isArray(parent)) parent[last as number] = null;
        else delete (parent as Record<string, unknown>)[last];
        const r = lint(`drop-${name}`, copy, false);
        expect(r.stderr).toBe('');
        expect([0, 1]).toContain(r.code);
      }),
      { numRuns: 12 },
    );
    // 12 runs of the built bin: a bound against a hang, not a speed goal (a loaded 2-core box needs it).
  }, 180_000);
});
