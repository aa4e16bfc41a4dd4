/**
 * The published package as a user gets it: `npm pack` of the build, installed with
 * `npm install -g --prefix <empty dir> --offline ./oke-cni-*.tgz` (no network, no build step:
 * the bundle has every runtime dependency inside it, and the OCI SDK is an optional peer), then
 * the installed `oke-cni` run from a directory outside the repository. Without the SDK a live
 * command says in one line how to add it; with the SDK beside it (where
 * `npm install -g oke-cni oci-common@... ...` puts it) `check` runs against the fake OCI API.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SDK_INSTALL_COMMAND, SDK_PACKAGES, SDK_VERSION } from '../../src/sources/oci/sdk.js';
import { startFakeOci, type FakeOci } from '../fake-oci/server.js';
import { ROOT, runBin } from '../helpers/run-bin.js';
import { credentials, loadWorld } from '../live/harness.js';

/** The goal of issue 11: what `npx oke-cni lint` downloads for offline use stays under 5 MB. */
const DOWNLOAD_BUDGET_BYTES = 5 * 1000 * 1000;

/** npm without the npm_* variables of the `npm test` that may have started us (they carry its prefix and cache settings). */
function npmEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  // The developer's cache (read-only here thanks to --offline), not the temp HOME's empty one.
  return { ...env, HOME: home, npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? '', '.npm') };
}

function npm(args: string[], cwd: string, home: string): SpawnSyncReturns<string> {
  const r = spawnSync('npm', args, { cwd, env: npmEnv(home), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r;
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

let work: string;
let prefix: string;
let installed: string;
let pack: PackResult;
let userDir: string;

/** Asynchronous: the fake OCI API answers from this process's event loop meanwhile. */
function oke(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(prefix, 'bin', 'oke-cni'), args, { cwd: userDir, env: { PATH: process.env.PATH ?? '', HOME: userDir, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(path) : statSync(path).size;
  }
  return total;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'oke-cni-package-'));
  prefix = join(work, 'prefix');
  userDir = join(work, 'user');
  mkdirSync(userDir);
  // The build that `npm test` just made; --ignore-scripts so packing does not rebuild dist/
  // under the other test files that run the repository's bin meanwhile.
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT, work);
  pack = (JSON.parse(packed.stdout) as PackResult[])[0]!;
  npm(['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(work, pack.filename)], work, work);
  installed = join(prefix, 'lib', 'node_modules', 'oke-cni');
  copyFileSync(join(ROOT, 'examples', 'passing.yaml'), join(userDir, 'passing.yaml'));
  copyFileSync(join(ROOT, 'examples', 'failing.yaml'), join(userDir, 'failing.yaml'));
}, 180_000);

describe('npm pack', () => {
  test('ships the bundle, the notices, the schemas and docs, and nothing from src/, test/ or scripts/', () => {
    const paths = pack.files.map((f) => f.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['bin/oke-cni.js', 'bin/package.json', 'dist/cli.cjs', 'dist/start.cjs', 'dist/THIRD-PARTY-NOTICES.txt', 'schema/oke-cni.schema.json', 'docs/rules.md', 'README.md', 'package.json']));
    expect(paths.filter((p) => /^(src|test|scripts|examples|node_modules)\//.test(p) || p.startsWith('.'))).toEqual([]);
  });

  test('the tarball stays under the 5 MB download goal', () => {
    expect(pack.size).toBeLessThan(DOWNLOAD_BUDGET_BYTES);
    process.stderr.write(`package: tarball ${pack.size} bytes, unpacked ${pack.unpackedSize} bytes, ${pack.files.length} files\n`);
  });

  test('the package installs nothing but itself: no dependencies, the SDK an optional peer pinned to one version', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependencies).toEqual(Object.fromEntries(SDK_PACKAGES.map((p) => [p, SDK_VERSION])));
    expect(Object.values(manifest.peerDependenciesMeta ?? {})).toEqual(SDK_PACKAGES.map(() => ({ optional: true })));
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['oke-cni']);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    process.stderr.write(`package: installed size ${treeBytes(prefix)} bytes (the whole prefix)\n`);
  });
});

describe('the installed oke-cni, from a directory outside the repository', () => {
  test('plan', async () => {
    const args = ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--nodes', '20', '--pod-subnet', '10.0.64.0/18'];
    const r = await oke(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ fits: 10\.0\.64\.0\/18 /m);
    // The same bytes as the repository's own build prints.
    expect(r.stdout).toBe(runBin(args, { env: { COLUMNS: undefined } }).stdout);
  });

  test('lint: a passing and a failing config', async () => {
    const pass = await oke(['lint', 'passing.yaml']);
    expect([pass.code, pass.stdout, pass.stderr]).toEqual([0, '✔ no findings\n', '']);
    const fail = await oke(['lint', 'failing.yaml', '--format', 'json']);
    expect(fail.code).toBe(1);
    const ids = new Set((JSON.parse(fail.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId));
    expect(ids).toContain('pod-subnet-capacity');
  });

  test('shapes, rules and --version', async () => {
    expect((await oke(['shapes', 'E4.Flex', '--json'])).code).toBe(0);
    expect((await oke(['rules', '--json'])).code).toBe(0);
    const version = await oke(['--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  test('a live command without the SDK: one line naming the install command, exit 2', async () => {
    const r = await oke(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaa...']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `oke-cni: OCI SDK: the live commands need the OCI SDK, which is not installed (oci-common, oci-core, oci-identity, oci-containerengine missing): ${SDK_INSTALL_COMMAND}\n`,
    );
    // The README's Install section shows this very line.
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`$ oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa...\n${r.stderr}`);
    expect(SDK_INSTALL_COMMAND).toBe('npm install -g oke-cni oci-common@2.139.1 oci-core@2.139.1 oci-identity@2.139.1 oci-containerengine@2.139.1');
  });
});

describe('the installed oke-cni with the SDK beside it', () => {
  let fake: FakeOci;
  beforeAll(async () => {
    // Where `npm install -g oke-cni oci-...` puts the SDK: siblings of oke-cni in the prefix's
    // node_modules. Linked from the repository's own install (the registry is not reached).
    for (const name of SDK_PACKAGES) symlinkSync(join(ROOT, 'node_modules', name), join(prefix, 'lib', 'node_modules', name), 'dir');
    fake = await startFakeOci(loadWorld('clean'));
    fake.trustKeys(credentials().trusted);
  });
  afterAll(async () => {
    await fake?.close();
  });

  test('check reads the cluster from the fake OCI API', async () => {
    const r = await oke(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaaclean', '--endpoint', fake.url, '--format', 'json'], {
      OCI_CLI_CONFIG_FILE: credentials().configFile,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: unknown }).summary).toEqual({ errors: 0, warnings: 0, notes: 0 });
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((q) => q.method === 'GET')).toBe(true);
  });
});
