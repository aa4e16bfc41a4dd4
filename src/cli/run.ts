/** Process entry point: the only place that reads process.argv and sets process.exitCode. */
import { main } from './program.js';

/**
 * Writes that fail are not crashes: stdout full or gone (`> /dev/full`, ENOSPC, EIO) exits 2
 * with one line on stderr; stderr failing exits 2 without a word (there is nowhere to say it).
 * A reader that stops early (`oke-cni rules | head`) closes the pipe: EPIPE is not an error.
 */
export async function run(): Promise<void> {
  let stdoutFailed = false;
  let stderrFailed = false;
  const stderrWrite = (s: string): void => {
    if (stderrFailed) return;
    try {
      process.stderr.write(s);
    } catch {
      stderrFailed = true;
      process.exitCode = 2;
    }
  };
  const stdoutFailure = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stdoutFailed) return;
    stdoutFailed = true;
    process.exitCode = 2;
    stderrWrite(`oke-cni: cannot write to standard output (${err.code ?? err.message})\n`);
  };
  process.stdout.on('error', stdoutFailure);
  process.stderr.on('error', () => {
    stderrFailed = true;
    process.exitCode = 2;
  });
  const code = await main(process.argv, {
    stdout: (s) => {
      if (stdoutFailed) return;
      try {
        process.stdout.write(s);
      } catch (err) {
        // A file or /dev/full as stdout is written synchronously: the error is thrown here.
        stdoutFailure(err as NodeJS.ErrnoException);
      }
    },
    stderr: stderrWrite,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutColumns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    cwd: process.cwd(),
  });
  process.exitCode = stdoutFailed || stderrFailed ? 2 : code;
}
