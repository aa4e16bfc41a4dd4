/**
 * What a command module gets from the program: IO and a way to set the exit code. In its own
 * module so that program.ts (which lists the commands) and the command files (which take a
 * CommandEnv) do not import each other.
 */
import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** IO and the exit code (0 fine, 1 findings, 2 could not run). */
export interface CommandEnv {
  io: CliIo;
  setExitCode(code: 0 | 1 | 2): void;
}

export type CommandFactory = (env: CommandEnv) => Command;

const preparations = new WeakMap<Command, () => Promise<void>>();

/**
 * Work a command's flag parsers need done first, e.g. loading a module they use that the other
 * commands should not load at start-up: the program awaits it before the command parses its flags.
 */
export function beforeParsing(cmd: Command, prepare: () => Promise<void>): Command {
  preparations.set(cmd, prepare);
  return cmd;
}

export async function prepareParsing(cmd: Command): Promise<void> {
  await preparations.get(cmd)?.();
}
