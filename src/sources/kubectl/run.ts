/**
 * Runs kubectl for `oke-cni updates`: execFile with an argument vector, never a shell, so no
 * name or flag value is ever interpreted. Every run is bounded: a wall-clock timeout (also sent
 * to the API server as --request-timeout) and a cap on the bytes read from stdout and stderr.
 * The caller passes the environment, so KUBECONFIG (and the exec credential plugins' variables,
 * e.g. OCI_CLI_PROFILE for `oci ce cluster generate-token`) reach kubectl as they would from a shell.
 */
import type { execFile as ExecFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { UserError } from '../../core/errors.js';

export interface KubectlOptions {
  /** The kubectl executable: a path, or a name looked up on PATH. */
  kubectl: string;
  kubeconfig?: string | undefined;
  context?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  timeoutSeconds: number;
  /** Per run, stdout and stderr each. */
  maxOutputBytes: number;
}

/** Why kubectl could not give an answer; `updates` says which in its one error line. */
export type KubectlFailure = 'missing' | 'no-access' | 'not-found' | 'config' | 'timeout' | 'too-large' | 'failed';

export class KubectlError extends UserError {
  constructor(
    readonly failure: KubectlFailure,
    message: string,
    readonly command: string,
  ) {
    super(message, command);
  }
}

export type Kubectl = (args: readonly string[]) => Promise<string>;

/** The first line of kubectl's stderr that says something (kubectl prefixes it with "error: " or "Error from server ..."). */
function firstLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !/^(W|I)\d{4} /.test(l));
  return (line ?? '').replace(/^error: /i, '').slice(0, 400);
}

/** kubectl's own words -> why it failed. The patterns are kubectl's and client-go's messages. */
export function classifyStderr(stderr: string): KubectlFailure {
  if (/\(Forbidden\)|is forbidden|\(Unauthorized\)|You must be logged in|provide credentials|getting credentials|exec plugin/i.test(stderr)) return 'no-access';
  if (/Unable to connect to the server|connection refused|was refused|no such host|i\/o timeout|dial tcp|TLS handshake|x509:/i.test(stderr)) return 'no-access';
  if (/\(NotFound\)|not found/i.test(stderr)) return 'not-found';
  if (/context .* does not exist|no configuration has been provided|invalid configuration|stat .*: no such file|error loading config|couldn't get current server API/i.test(stderr)) return 'config';
  return 'failed';
}

/** The global flags every call carries. */
export function globalArgs(opts: KubectlOptions): string[] {
  return [
    ...(opts.kubeconfig !== undefined ? ['--kubeconfig', opts.kubeconfig] : []),
    ...(opts.context !== undefined ? ['--context', opts.context] : []),
    `--request-timeout=${Math.max(1, Math.ceil(opts.timeoutSeconds))}s`,
  ];
}

// Required at first use: the build replaces statically imported child_process with a lazy stand-in
// (scripts/build.mjs) whose named exports esbuild's interop cannot see.
let execFileFn: typeof ExecFile | undefined;
const execFile: typeof ExecFile = ((...args: Parameters<typeof ExecFile>) =>
  (execFileFn ??= (createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process')).execFile)(...args)) as typeof ExecFile;

export function kubectlRunner(opts: KubectlOptions): Kubectl {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(opts.env)) if (v !== undefined) env[k] = v;
  return (args) => {
    const argv = [...args, ...globalArgs(opts)];
    const command = `kubectl ${args.join(' ')}`;
    return new Promise((resolve, reject) => {
      execFile(
        opts.kubectl,
        argv,
        { shell: false, env, timeout: opts.timeoutSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: opts.maxOutputBytes, windowsHide: true, encoding: 'utf8' },
        (err, stdout, stderr) => {
          if (!err) return resolve(stdout);
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number | null };
          if (e.code === 'ENOENT') {
            return reject(new KubectlError('missing', `kubectl not found (${opts.kubectl}); install it or give its path with --kubectl`, command));
          }
          if (e.code === 'EACCES') return reject(new KubectlError('missing', `${opts.kubectl} is not executable`, command));
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
            return reject(new KubectlError('too-large', `kubectl printed more than ${opts.maxOutputBytes} bytes; stopped reading`, command));
          }
          if (e.killed || e.signal === 'SIGKILL') {
            return reject(new KubectlError('timeout', `kubectl did not finish within ${opts.timeoutSeconds} s (--timeout)`, command));
          }
          const failure = classifyStderr(stderr);
          const said = firstLine(stderr) || `exited with code ${String(e.code)}`;
          reject(new KubectlError(failure, said, command));
        },
      );
    });
  };
}
