/**
 * The built CLI (bin/oke-cni.js -> dist/) end to end: offline commands never load an oci-*
 * module, and `check` runs against the fake OCI API in a child process with only the given
 * environment (no ~/.oci). Skipped when there is no build (npm run build).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { allRequests, startFakeOci, type FakeOci } from '../fake-oci/server.js';
import { credentials, loadWorld, twentyPoolWorld } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'oke-cni.js');
const hook = fileURLToPath(new URL('./load-hook.cjs', import.meta.url));
const built = existsSync(join(root, 'dist'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ociModules: string[];
  ms: number;
}

function runBin(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const log = join(mkdtempSync(join(tmpdir(), 'oke-cni-load-')), 'loaded.json');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', hook, bin, ...args], {
      cwd: root,
      // Only what the run needs: no ~/.oci, no OCI_* from the developer's shell.
      env: { PATH: process.env.PATH ?? '', HOME: credentials().dir, OKE_CNI_LOAD_LOG: log, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Math.round(performance.now() - started);
      resolve({ code, stdout, stderr, ociModules: existsSync(log) ? (JSON.parse(readFileSync(log, 'utf8')) as string[]) : ['<no load log>'], ms });
    });
  });
}

describe.skipIf(!built)('built CLI: offline commands never load the OCI SDK', () => {
  test.each([
    ['plan', ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '4', '--nodes', '3', '--json']],
    ['shapes', ['shapes', 'E4', '--json']],
    ['lint', ['lint', 'examples/passing.yaml', '--format', 'json']],
    ['rules', ['rules']],
  ])('%s', async (_name, args) => {
    const run = await runBin(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.ociModules).toEqual([]);
  });
});

let fake: FakeOci;
beforeAll(async () => {
  fake = await startFakeOci(loadWorld('clean'));
  fake.trustKeys(credentials().trusted);
});
afterEach(() => {
  fake.requests.length = 0;
});
afterAll(async () => {
  await fake?.close();
  expect(allRequests.every((r) => r.method === 'GET')).toBe(true);
});

describe.skipIf(!built)('built CLI: live commands against the fake OCI API', () => {
  test('check runs, loads the SDK only then, and reads its settings from OCI_CLI_* variables', async () => {
    const run = await runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaaclean', '--endpoint', fake.url, '--format', 'json'], {
      OCI_CLI_CONFIG_FILE: credentials().configFile,
      OCI_CLI_PROFILE: 'ENCRYPTED',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { summary: unknown }).summary).toEqual({ errors: 0, warnings: 0, notes: 0 });
    expect(run.ociModules.some((p) => p.includes('/node_modules/oci-containerengine/'))).toBe(true);
    // 12 reads of the cluster itself, + ListCompartments, GetAddon (404), and the tenancy's ListNodePools/ListVirtualNodePools,
    // + 6 for the security rules (the API endpoint's subnet, 2 security lists, 2 NSGs' rules on 3 pages).
    expect(fake.requests.length).toBe(22);
    for (const secret of credentials().secrets) expect(run.stdout + run.stderr).not.toContain(secret);
    process.stderr.write(`bench: built bin check of the clean cluster: 22 API calls, ${run.ms} ms wall time (process start included)\n`);
  });

  test('check of a 20-pool cluster: API calls and wall time', async () => {
    const twenty = await startFakeOci(twentyPoolWorld());
    twenty.trustKeys(credentials().trusted);
    try {
      const run = await runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaaclean', '--endpoint', twenty.url, '--format', 'json'], {
        OCI_CLI_CONFIG_FILE: credentials().configFile,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      // 24 for capacity, 4 for the security rules (the endpoint's subnet, 2 security lists, the workers' NSG).
      expect(twenty.requests).toHaveLength(28);
      process.stderr.write(`bench: built bin check of a 20-pool cluster: ${twenty.requests.length} API calls, ${run.ms} ms wall time (process start included)\n`);
    } finally {
      await twenty.close();
    }
  });

  test('check: a 401 is one line on stderr and exit 2', async () => {
    const run = await runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaaclean', '--endpoint', fake.url, '--profile', 'UNTRUSTED_KEY'], {
      OCI_CLI_CONFIG_FILE: credentials().configFile,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^oke-cni: OCI GetCluster ocid1\.cluster\.oc1\.iad\.aaaaclean: not authenticated \(401 NotAuthenticated\)/);
  });

  test('lint --live: a planned pool against the live subnets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oke-cni-bin-lint-'));
    const file = join(dir, 'planned.yaml');
    writeFileSync(
      file,
      'clusters:\n  - name: planned\n    vcn: ocid1.vcn.oc1.iad.aaaaprodvcn\n    kubernetesVersion: v1.30.1\n    cniType: OCI_VCN_IP_NATIVE\n' +
        '    servicesCidr: 10.96.0.0/16\n    nodePools:\n      - {name: new-pool, shape: VM.Standard.E4.Flex, ocpus: 4, size: 200, maxPodsPerNode: 93, ' +
        'subnet: ocid1.subnet.oc1.iad.aaaaworkers, podSubnets: [ocid1.subnet.oc1.iad.aaaapods]}\n',
    );
    const run = await runBin(['lint', file, '--live', '--endpoint', fake.url, '--format', 'json', '--config-file', credentials().configFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; resource?: { ocid: string } }> };
    // The file names no API endpoint subnet: the security rules are partly not checked (a note).
    expect(report.findings.map((f) => [f.ruleId, f.resource?.ocid])).toEqual([
      ['not-checked', undefined],
      ['pod-subnet-capacity', 'ocid1.subnet.oc1.iad.aaaapods'],
    ]);
    expect(run.ociModules.length).toBeGreaterThan(0);
  });

  test('shapes --live --write: the file loads back with --catalog', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oke-cni-bin-shapes-')), 'shapes.json');
    const write = await runBin(['shapes', '--live', '--compartment', 'ocid1.compartment.oc1..aaaaprod', '--write', file, '--json', '--endpoint', fake.url], {
      OCI_CLI_CONFIG_FILE: credentials().configFile,
    });
    expect(write.stderr).toBe('');
    expect(write.code).toBe(0);
    const plan = await runBin(['plan', '--catalog', file, '--shape', 'VM.Subcore.Flex', '--ocpus', '3', '--nodes', '2', '--json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.ociModules).toEqual([]);
    expect((JSON.parse(plan.stdout) as { vnics: number; maxPodsPerNode: number })).toMatchObject({ vnics: 3, maxPodsPerNode: 62 });
  });
});
