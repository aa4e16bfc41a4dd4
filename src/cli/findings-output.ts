/** Render findings, write them (stdout or --output), and set the exit code from --fail-on. */
import { safeLine } from '../core/escape.js';
import { count } from '../core/plural.js';
import { lintExitCode, summarize, type Finding } from '../core/finding.js';
import { renderFindings, renderFindingsPieces } from '../report/findings/index.js';
import { baselineLine, summaryLine } from '../report/findings/wording.js';
import type { FindingFormat } from '../report/formats.js';
import { rules } from '../rules/index.js';
import { applyBaselineFlags } from './baseline.js';
import type { FindingsFlags } from './findings-options.js';
import { batches, colorEnabled, terminalWidth } from './io.js';
import { DEFAULT_WIDTH } from '../report/table.js';
import { writeFileAtomically, type RunInput } from './output-file.js';
import type { StepSummaryInput } from '../report/step-summary.js';
import type { SubnetUsage } from '../sources/oci/usage.js';
import { appendStepSummary, checkStepSummaryTarget } from './step-summary.js';
import type { CommandEnv } from './env.js';
import { VERSION } from './version.js';

/** What the job summary (GITHUB_STEP_SUMMARY) is about; findings and baseline come from the run. */
export interface SummarySubject {
  command: StepSummaryInput['command'];
  subject: readonly string[];
  usage: readonly SubnetUsage[];
  /** Files the summary must never be appended to (the run's inputs). */
  inputs: readonly RunInput[];
}

/** Adds command-specific output (e.g. check's live pod-subnet use) to a rendered report. */
export type ReportExtra = (format: FindingFormat, report: string, color: boolean, width: number) => string;

/** The formats whose report itself says what the baseline did (table and markdown a line, json a key). */
const BASELINE_IN_REPORT: ReadonlySet<FindingFormat> = new Set(['table', 'markdown', 'json']);

export function emitFindings(
  env: CommandEnv,
  flags: FindingsFlags,
  found: readonly Finding[],
  inputs: readonly string[],
  extra?: ReportExtra,
  summary?: SummarySubject,
): void {
  const toFile = flags.output !== undefined;
  const color = !toFile && colorEnabled(flags, env.io);
  if (summary) checkStepSummaryTarget(env.io, summary.inputs);
  const { findings, outcome: baseline } = applyBaselineFlags(flags, found, env.io);
  // A report written to a file is laid out for the default width, not this terminal's.
  const width = toFile ? DEFAULT_WIDTH : terminalWidth(env.io);
  const ctx = { rules: rules.map((r) => r.meta), toolVersion: VERSION, color, inputs, baseline, width };
  // Written as it is made (a big plan's JSON report is tens of MB), unless `extra` adds to it whole.
  const text = extra ? [extra(flags.format, renderFindings(flags.format, findings, ctx), color, width)] : renderFindingsPieces(flags.format, findings, ctx);
  if (toFile) {
    writeFileAtomically(flags.output as string, text, '--output', 'report');
    const s = summarize(findings);
    env.io.stderr(`oke-cni: wrote ${flags.format} report to ${safeLine(flags.output as string)}: ${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}, ${count(s.notes, 'note')}\n`);
  } else {
    for (const run of batches(text)) env.io.stdout(run);
    // The github format is annotations only; its one human line goes beside them, on stderr.
    if (flags.format === 'github') env.io.stderr(`${summaryLine(summarize(findings))}\n`);
  }
  // The formats with no place for it in the report say it beside it.
  if (baseline && (toFile || !BASELINE_IN_REPORT.has(flags.format))) env.io.stderr(`oke-cni: ${baselineLine(baseline)}\n`);
  if (summary) appendStepSummary(env.io, { command: summary.command, subject: summary.subject, usage: summary.usage, findings, baseline });
  env.setExitCode(lintExitCode(findings, flags.failOn));
}
