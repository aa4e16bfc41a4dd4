/**
 * The words every findings output shares. Findings are data; this is the one place that turns
 * a finding (and a run's summary) into sentences, so table, SARIF, GitHub and JUnit say the
 * same thing the same way.
 */
import { baselineSentence, type BaselineOutcome } from '../../core/baseline.js';
import { formatLocation, type Finding, type FindingSummary } from '../../core/finding.js';
import { showControls, showControlsKeepingLines } from '../../core/escape.js';
import type { Location } from '../../core/model.js';

/** Between a finding's message and its remediation wherever both share one line. */
export const REMEDIATION_SEPARATOR = ' — ';

/**
 * A finding's message as shown to a person: names and values from the input inside it have their
 * control characters escaped (an ESC in a pool name must not reach a terminal raw); the line
 * breaks of our own multi-line remediations stay.
 */
export function messageText(finding: Finding): string {
  return showControlsKeepingLines(finding.message);
}

/** "message — remediation"; the message alone when there is no remediation. */
export function findingSentence(finding: Finding): string {
  const remediation = showControlsKeepingLines(finding.remediation.trim());
  return remediation === '' ? messageText(finding) : `${messageText(finding)}${REMEDIATION_SEPARATOR}${remediation}`;
}

/** The remediation as its own line under the message (table, JUnit details); null when there is none. */
export function remediationLine(finding: Finding): string | null {
  const remediation = finding.remediation.trim();
  return remediation === '' ? null : `fix: ${showControlsKeepingLines(remediation)}`;
}

/** "file:line:col" or "Subnet pods (ocid1...)". */
export function locationText(location: Location): string {
  return showControls(formatLocation(location));
}

function count(n: number, singular: string): string {
  return `${n} ${singular}${n === 1 ? '' : 's'}`;
}

/** "✖ 3 errors, 1 warning, 0 notes", or "✔ no findings". */
export function summaryLine(summary: FindingSummary): string {
  if (summary.errors + summary.warnings + summary.notes === 0) return '✔ no findings';
  return `✖ ${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ${count(summary.notes, 'note')}`;
}

/** "baseline b.json: 3 known findings not shown, every entry still occurs", the file name escaped. */
export function baselineLine(outcome: BaselineOutcome): string {
  return baselineSentence(outcome, showControls(outcome.file));
}

/** "2 suppressed findings not shown (--format json or sarif lists them with their reasons)", or null for none. */
export function suppressedLine(count: number | undefined): string | null {
  if (!count) return null;
  return `${count} suppressed finding${count === 1 ? '' : 's'} not shown (--format json or sarif lists ${count === 1 ? 'it' : 'them'} with the reason)`;
}
