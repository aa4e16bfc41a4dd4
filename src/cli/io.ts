/** The only window the commands have on the process: streams, environment, TTY facts. */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
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
