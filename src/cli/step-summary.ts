/**
 * GitHub Actions job summary: when GITHUB_STEP_SUMMARY names a file, lint and check append their
 * Markdown summary to it (report/step-summary.ts). Appended, never replacing what other steps
 * wrote there; refused (one line, exit 2) when it names one of the run's inputs or is not a
 * regular file, like --output.
 */
import { appendFileSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { renderStepSummary, type StepSummaryInput } from '../report/step-summary.js';
import { checkOutputTarget, refuseOutputOverInput, type RunInput } from './output-file.js';
import type { CliIo } from './io.js';

export const STEP_SUMMARY_ENV = 'GITHUB_STEP_SUMMARY';

/** The summary file of this run, or undefined outside GitHub Actions (or with the variable empty). */
export function stepSummaryFile(io: CliIo): string | undefined {
  const path = io.env[STEP_SUMMARY_ENV];
  return path === undefined || path === '' ? undefined : path;
}

/** Before anything is written: the summary file may be appended to (not an input, not a directory or FIFO). */
export function checkStepSummaryTarget(io: CliIo, inputs: readonly RunInput[]): void {
  const path = stepSummaryFile(io);
  if (path === undefined) return;
  checkOutputTarget(path, STEP_SUMMARY_ENV);
  refuseOutputOverInput(path, STEP_SUMMARY_ENV, inputs);
}

/** Appends the summary when GITHUB_STEP_SUMMARY is set (checked by checkStepSummaryTarget first). */
export function appendStepSummary(io: CliIo, input: StepSummaryInput): void {
  const path = stepSummaryFile(io);
  if (path === undefined) return;
  try {
    appendFileSync(path, renderStepSummary(input));
  } catch (err) {
    throw new UserError(`cannot append the job summary (${(err as NodeJS.ErrnoException).code ?? String(err)})`, `${STEP_SUMMARY_ENV} ${path}`);
  }
}
