/**
 * The built CLI (bin/oke-cni.js -> dist/) end to end: offline commands never load an oci-*
 * module, and `check` runs against the fake OCI API in a child process with only the given
 * environment (no ~/.oci). Skipped, with the reason, when the build or the command is missing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allRequests, startFakeOci, type FakeOci } from '../fake-oci/server.js';
import { credentials, loadWorld } from './harness.js';

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

let checkWired = false;
let fake: FakeOci;
beforeAll(async () => {
  if (!built) return;
  checkWired = !(await runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.x'])).stderr.includes("unknown command 'check'");
  fake = await startFakeOci(loadWorld('clean'));
  fake.trustKeys(credentials().trusted);
});
afterAll(async () => {
  await fake?.close();
  expect(allRequests.every((r) => r.method === 'GET')).toBe(true);
});

describe('built CLI: check against the fake OCI API', () => {
  test('runs, loads the SDK only then, and reads its settings from OCI_CLI_* variables', async (ctx) => {
    if (!built || !checkWired) {
      ctx.skip(!built ? 'no dist/: run npm run build' : 'check is not registered in src/cli/program.ts yet');
    }
    const run = await runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaaclean', '--endpoint', fake.url, '--format', 'json'], {
      OCI_CLI_CONFIG_FILE: credentials().configFile,
      OCI_CLI_PROFILE: 'ENCRYPTED',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { summary: unknown }).summary).toEqual({ errors: 0, warnings: 0, notes: 0 });
    expect(run.ociModules.some((p) => p.includes('/node_modules/oci-containerengine/'))).toBe(true);
    expect(fake.requests.length).toBe(12);
    for (const secret of credentials().secrets) expect(run.stdout + run.stderr).not.toContain(secret);
    process.stderr.write(`bench: built bin check of the clean cluster: 12 API calls, ${run.ms} ms wall time (process start included)\n`);
  });

  test('a 401 is one line on stderr and exit 2', async (ctx) => {
    if (!built || !checkWired) ctx.skip('check is not wired into the built CLI yet');
    const run = await runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaaclean', '--endpoint', fake.url, '--profile', 'UNTRUSTED_KEY'], {
      OCI_CLI_CONFIG_FILE: credentials().configFile,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^oke-cni: OCI GetCluster ocid1\.cluster\.oc1\.iad\.aaaaclean: not authenticated \(401 NotAuthenticated\)/);
  });
});
