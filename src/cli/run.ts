/** Process entry point: the only place that reads process.argv and sets process.exitCode. */
import { fstatSync, writeSync } from 'node:fs';
import { pieces } from './io.js';
import { main } from './program.js';

/**
 * Whether standard output is a file, a pipe or a socket (a CI runner's log, `> report.sarif`,
 * `| jq`), which is written with fs.writeSync on fd 1 instead of through process.stdout: for a
 * file Node's process.stdout is itself fs.writeSync behind a Writable, for a pipe or socket a
 * net.Socket whose writes are synchronous on Linux; making either (streams, net, tty) costs
 * ~5-9 ms of a run that prints one report. A terminal (columns, isTTY) and anything fstat cannot
 * tell (a character device: a terminal or /dev/null) keep process.stdout.
 */
function stdoutIsPlain(): boolean {
  try {
    const st = fstatSync(1);
    return st.isFile() || st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}

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
  // Direct writes until one would block (a non-blocking pipe the parent shared: EAGAIN); from
  // then on, the rest of that piece and every later one go through process.stdout, in order.
  let direct = stdoutIsPlain();
  let stdoutWatched = false;
  const stdoutStream = (): NodeJS.WriteStream => {
    if (!stdoutWatched) {
      stdoutWatched = true;
      process.stdout.on('error', stdoutFailure);
    }
    return process.stdout;
  };
  const writeDirect = (part: string): void => {
    const bytes = Buffer.from(part, 'utf8');
    let done = 0;
    while (done < bytes.length) {
      try {
        done += writeSync(1, bytes, done, bytes.length - done);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        direct = false;
        stdoutStream().write(bytes.subarray(done));
        return;
      }
    }
  };
  if (!direct) stdoutStream();
  const code = await main(process.argv, {
    stdout: (s) => {
      if (stdoutFailed) return;
      try {
        for (const part of pieces(s)) {
          if (direct) writeDirect(part);
          else stdoutStream().write(part);
        }
      } catch (err) {
        // A file, /dev/full or a closed pipe as stdout is written synchronously: the error is
        // thrown here (EPIPE: the reader stopped early, not an error).
        stdoutFailure(err as NodeJS.ErrnoException);
      }
    },
    stderr: stderrWrite,
    env: process.env,
    stdoutIsTTY: !direct && process.stdout.isTTY === true,
    get stderrIsTTY() {
      return stderr().isTTY === true;
    },
    stdoutColumns: !direct && process.stdout.isTTY === true ? process.stdout.columns : undefined,
    cwd: process.cwd(),
  });
  process.exitCode = stdoutFailed || stderrFailed ? 2 : code;
}
