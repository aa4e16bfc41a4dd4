import { DEFAULT_WIDTH } from '../report/table.js';

/** The only window the commands have on the process: streams, environment, TTY facts. */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width when stdout is one (process.stdout.columns); undefined when piped. */
  stdoutColumns?: number | undefined;
  cwd: string;
}

export interface ColorFlags {
  /** commander's --no-color sets color: false */
  color?: boolean;
}

/**
 * Colors only on a TTY, never with NO_COLOR (any non-empty value, no-color.org) or --no-color;
 * FORCE_COLOR turns them on when piped. chalk 5 does not read NO_COLOR itself.
 */
export function colorEnabled(flags: ColorFlags, io: CliIo, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (flags.color === false) return false;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}

/** Narrower than this, no table can keep its tokens whole and readable: lay out for this instead. */
const MIN_WIDTH = 40;

/**
 * The width tables lay out for: the terminal's (stdout.columns), else COLUMNS (set it to lay out
 * piped output for another width), else 100.
 */
export function terminalWidth(io: CliIo): number {
  const fromEnv = /^[0-9]{1,4}$/.test(io.env.COLUMNS ?? '') ? Number(io.env.COLUMNS) : undefined;
  const width = io.stdoutColumns !== undefined && io.stdoutColumns > 0 ? io.stdoutColumns : fromEnv !== undefined && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, width);
}

/** Largest piece of output written at once: the stream turns each into a Buffer of its bytes. */
export const WRITE_CHUNK = 1 << 20;

/**
 * `text` in pieces of at most `size` UTF-16 units, never splitting a surrogate pair: a big plan's
 * report (tens of MB) written at once was copied whole into a Buffer beside itself.
 */
export function* pieces(text: string, size: number = WRITE_CHUNK): Generator<string> {
  let start = 0;
  while (text.length - start > size) {
    let end = start + size;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && size > 1) end--;
    yield text.slice(start, end);
    start = end;
  }
  yield start === 0 ? text : text.slice(start);
}

/** `parts` joined into runs of at least `size` UTF-16 units (the last may be shorter): one write each. */
export function* batches(parts: Iterable<string>, size: number = WRITE_CHUNK): Generator<string> {
  // Joined, not appended: a run of a thousand appended pieces is a rope that each later slice
  // or write walks.
  let run: string[] = [];
  let length = 0;
  for (const part of parts) {
    if (part === '') continue;
    run.push(part);
    length += part.length;
    if (length >= size) {
      yield run.join('');
      run = [];
      length = 0;
    }
  }
  if (length > 0) yield run.join('');
}
