/** `oke-cni policy FILE...` through the built bin: the seed's statements from each input format, JSON, bad input. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin } from '../helpers/run-bin.js';

const CLUSTER = 'ocid1.cluster.oc1.iad.aaaaaaaaprodcluster';
const NETWORK = 'ocid1.compartment.oc1..aaaaaaaanetwork';
const WORKERS = 'ocid1.compartment.oc1..aaaaaaaaworkers';

describe('oke-cni policy FILE (built bin)', { timeout: 60_000 }, () => {
  it('a config file: both forms of the cross-compartment statements and the IPv6 one, OCIDs filled in; exit 0', () => {
    const r = runBin(['policy', 'examples/cross-compartment.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const allows = r.stdout.split('\n').filter((l) => l.startsWith('Allow '));
    expect(allows).toEqual([
      `Allow any-user to manage instances in compartment ${WORKERS} where all { request.principal.id = '${CLUSTER}' }`,
      `Allow any-user to use private-ips in compartment ${NETWORK} where all { request.principal.id = '${CLUSTER}' }`,
      `Allow any-user to use network-security-groups in compartment ${NETWORK} where all { request.principal.id = '${CLUSTER}' }`,
      "Allow any-user to manage instances in tenancy where all { request.principal.type = 'cluster' }",
      "Allow any-user to use private-ips in tenancy where all { request.principal.type = 'cluster' }",
      "Allow any-user to use network-security-groups in tenancy where all { request.principal.type = 'cluster' }",
      `Allow any-user to use ipv6s in compartment ${NETWORK} where all { request.principal.id = '${CLUSTER}' }`,
    ]);
  });

  it('--format json (and --json): per cluster the reasons and each needed permission with both forms', () => {
    const r = runBin(['policy', 'examples/cross-compartment.yaml', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0].cluster).toEqual({ name: 'prod', ocid: CLUSTER, compartmentId: 'ocid1.compartment.oc1..aaaaaaaaclusters' });
    expect(report.clusters[0].needed.map((p: { purpose: string; verb: string; resourceType: string; compartment: string }) => `${p.purpose} ${p.verb} ${p.resourceType} ${p.compartment}`)).toEqual([
      `cross-compartment manage instances ${WORKERS}`,
      `cross-compartment use private-ips ${NETWORK}`,
      `cross-compartment use network-security-groups ${NETWORK}`,
      `ipv6 use ipv6s ${NETWORK}`,
    ]);
    expect(report.clusters[0].needed[3].broad).toBeUndefined();
    expect(report.clusters[0].checks).toBeUndefined();
    expect(runBin(['policy', 'examples/cross-compartment.yaml', '--format', 'json']).stdout).toBe(r.stdout);
  });

  it('a Terraform plan whose node pool is in another compartment; the cluster OCID is not known yet', () => {
    const plan = JSON.parse(readFileSync('examples/terraform-plan.json', 'utf8'));
    const moved = 'ocid1.compartment.oc1..aaaaaaaapools';
    for (const r of plan.planned_values.root_module.resources) if (r.address === 'oci_containerengine_node_pool.general') r.values.compartment_id = moved;
    for (const r of plan.resource_changes) if (r.address === 'oci_containerengine_node_pool.general') r.change.after.compartment_id = moved;
    const file = join(mkdtempSync(join(tmpdir(), 'oke-cni-policy-')), 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const r = runBin(['policy', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`node pool oci_containerengine_cluster.prod/oci_containerengine_node_pool.general in ${moved}`);
    expect(r.stdout).toContain(`Allow any-user to manage instances in compartment ${moved} where all { request.principal.id = '<cluster-ocid>' }\n`);
    expect(r.stdout).toContain('# replace <cluster-ocid> with the OCID of cluster oci_containerengine_cluster.prod once it exists (the input does not give it)');
  });

  it('OCI CLI JSON in one compartment: no extra statement', () => {
    const r = runBin(['policy', ...['cluster', 'node-pools', 'subnets', 'vcns'].map((f) => `examples/oci-cli/${f}.json`)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cluster prod \(ocid1\.cluster\.[^)]+\): no extra IAM statement needed/);
  });

  it.each([
    [[], 'oke-cni: policy: give config files, or --cluster OCID to read a live cluster\n'],
    [['examples/passing.yaml', '--cluster', 'ocid1.cluster.oc1.iad.aaaa'], 'oke-cni: --cluster: give files or --cluster, not both\n'],
    [['examples/passing.yaml', '--profile', 'prod'], 'oke-cni: --profile: needs --cluster (it sets how oke-cni connects to OCI)\n'],
    [['--cluster', 'ocid1.vcn.oc1.iad.aaaa'], 'oke-cni: --cluster: "ocid1.vcn.oc1.iad.aaaa" is not a cluster OCID (ocid1.cluster.oc1.<region>.<id>)\n'],
    [['examples/passing.yaml', '--json', '--format', 'table'], 'oke-cni: --json: conflicts with --format table (--json means --format json); give one of them\n'],
  ])('exit 2, one line: %j', (args, line) => {
    const r = runBin(['policy', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(line);
  });

  it('reading files never loads the OCI SDK', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'oke-cni-load-')), 'loaded.json');
    const hook = fileURLToPath(new URL('../live/load-hook.cjs', import.meta.url));
    const r = spawnSync(process.execPath, ['--require', hook, BIN, 'policy', 'examples/cross-compartment.yaml', '--json'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, OKE_CNI_LOAD_LOG: log } });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual([]);
  });
});
