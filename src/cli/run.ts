/** Process entry point: the only place that reads process.argv and sets process.exitCode. */
import { pieces } from './io.js';
import { main } from './program.js';

/**
 * Writes that fail are not crashes: stdout full or gone (`> /dev/full`, ENOSPC, EIO) exits 2
 * with one line on stderr; stderr failing exits 2 without a word (there is nowhere to say it).
 * A reader that stops early (`oke-cni rules | head`) closes the pipe: EPIPE is not an error.
 */
export async function run(): Promise<void> {
  let stdoutFailed = false;
  let stderrFailed = false;
  // process.stderr is made on first use: making it (a socket for a pipe, a tty stream for a
  // terminal, with the modules behind them) costs start-up time that a run printing nothing on
  // stderr should not pay.
  let stderrWatched = false;
  const stderr = (): NodeJS.WriteStream => {
    if (!stderrWatched) {
      stderrWatched = true;
      process.stderr.on('error', () => {
        stderrFailed = true;
        process.exitCode = 2;
      });
    }
    return process.stderr;
  };
  const stderrWrite = (s: string): void => {
    if (stderrFailed) return;
    try {
      stderr().write(s);
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
  const code = await main(process.argv, {
    stdout: (s) => {
      if (stdoutFailed) return;
      try {
        for (const part of pieces(s)) process.stdout.write(part);
      } catch (err) {
        // A file or /dev/full as stdout is written synchronously: the error is thrown here.
        stdoutFailure(err as NodeJS.ErrnoException);
      }
    },
    stderr: stderrWrite,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    get stderrIsTTY() {
      return stderr().isTTY === true;
    },
    stdoutColumns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    cwd: process.cwd(),
  });
  process.exitCode = stdoutFailed || stderrFailed ? 2 : code;
}
