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
