/**
 * Options and output shared by every command that reports findings (`lint`, `check`):
 * --format, --output, --fail-on, --disable, --headroom; one place renders, writes and sets the exit code.
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { UserError } from '../core/errors.js';
import { DEFAULT_HEADROOM_PERCENT } from '../core/facts.js';
import { SEVERITIES, lintExitCode, summarize, type FailOn, type Finding } from '../core/finding.js';
import { FINDING_FORMATS, renderFindings, type FindingFormat } from '../report/findings/index.js';
import { rules } from '../rules/index.js';
import { collectList, wholeNumber } from './args.js';
import { colorEnabled } from './io.js';
import type { CommandEnv } from './program.js';
import { VERSION } from './version.js';

export interface FindingsFlags {
  format: FindingFormat;
  output?: string;
  failOn: FailOn;
  disable?: string[];
  headroom: number;
  color?: boolean;
}

export function addFindingsOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(FINDING_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices([...SEVERITIES, 'never']).default('error'))
    .option('--disable <rule-id>', 'switch rules off for this run (repeatable, or comma-separated)', collectList)
    .addOption(
      new Option('--headroom <percent>', 'pod-subnet-headroom warns above this share of usable addresses')
        .default(DEFAULT_HEADROOM_PERCENT)
        .argParser(wholeNumber(1, 100)),
    );
}

/** Render, write (stdout or --output), and set the exit code from --fail-on. */
export function emitFindings(env: CommandEnv, flags: FindingsFlags, findings: readonly Finding[], inputs: readonly string[]): void {
  const toFile = flags.output !== undefined;
  const text = renderFindings(flags.format, findings, {
    rules: rules.map((r) => r.meta),
    toolVersion: VERSION,
    color: !toFile && colorEnabled(flags, env.io),
    inputs,
  });
  if (toFile) {
    try {
      writeFileSync(flags.output as string, text);
    } catch (err) {
      throw new UserError(`cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`, `--output ${flags.output}`);
    }
    const s = summarize(findings);
    env.io.stderr(`oke-cni: wrote ${flags.format} report to ${flags.output}: ${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes\n`);
  } else {
    env.io.stdout(text);
  }
  env.setExitCode(lintExitCode(findings, flags.failOn));
}
