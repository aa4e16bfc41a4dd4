/** Runs the built bin the way a user does (npm test builds dist/ first). */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/oke-cni.js', import.meta.url));

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; input?: string } = {}): BinResult {
  if (!existsSync(new URL('../../dist/cli.cjs', import.meta.url))) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
  // COLUMNS from the developer's shell would change table layouts: tests set it when they mean to.
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, COLUMNS: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    input: opts.input ?? '',
    timeout: 60_000,
    // A big plan's report is MBs (spawnSync's default stops at 1 MiB).
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The built bin as a child process without blocking this process's event loop: for runs against a
 * fake server (test/fake-oci) listening in this same process. Only PATH, HOME and `env` reach it.
 */
export function runBinAsync(args: string[], env: Record<string, string> = {}): Promise<BinResult & { ms: number }> {
  if (!existsSync(new URL('../../dist/cli.cjs', import.meta.url))) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}
