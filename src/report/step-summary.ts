/**
 * The GitHub Actions job summary of a lint or check run (appended to $GITHUB_STEP_SUMMARY by the
 * CLI): the verdict, findings by severity and by rule, each pod subnet's planned use with a bar,
 * and the findings themselves, folded. Built from the markdown report's pieces, so a PR comment
 * (--format markdown) and the summary read alike.
 */
import { baselineSentence, type BaselineOutcome } from '../core/baseline.js';
import { SEVERITIES, summarize, suppressedCount, type Finding } from '../core/finding.js';
import type { SubnetUsage } from '../sources/oci/usage.js';
import { findingsByRule, findingsTable } from './findings/markdown.js';
import { summaryLine } from './findings/wording.js';
import { markdownBar, markdownCell, markdownTable, markdownText } from './markdown.js';

/** Cells of the usage bar in the summary's table. */
export const SUMMARY_BAR_WIDTH = 20;

export interface StepSummaryInput {
  command: 'lint' | 'check';
  /** What was checked, as the user named it: the files, or the cluster OCID. */
  subject: readonly string[];
  findings: readonly Finding[];
  usage: readonly SubnetUsage[];
  baseline?: BaselineOutcome | undefined;
}

const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-');

function usageTable(usage: readonly SubnetUsage[]): string[] {
  const live = usage.some((u) => u.inUse !== undefined);
  const head = ['pod subnet', 'CIDR', 'usable', ...(live ? ['in use now'] : []), 'planned at largest', 'use', 'node pools'];
  const rows = usage.map((u) => [
    markdownCell(u.name),
    markdownCell(u.cidr),
    String(u.usable),
    ...(live ? [u.inUse === undefined ? 'unknown' : `${u.inUse} (${percent(u.inUse, u.usable)})`] : []),
    `${u.plannedAtMax}${u.plannedAtMax > u.usable ? ' **(does not fit)**' : ''}`,
    `\`${markdownBar(u.usable > 0 ? u.plannedAtMax / u.usable : 1, SUMMARY_BAR_WIDTH)}\` ${percent(u.plannedAtMax, u.usable)}`,
    u.pools.map((p) => markdownCell(`${p.pool}: ${p.nodes} x ${p.addressesPerNode}`)).join('<br>') || '-',
  ]);
  return markdownTable(head, rows);
}

export function renderStepSummary(input: StepSummaryInput): string {
  const counted = input.findings.filter((f) => f.suppressed === undefined);
  const summary = summarize(counted);
  const suppressed = suppressedCount(input.findings);
  const lines = [`### oke-cni ${input.command}: ${summaryLine(summary)}`, '', `Checked: ${input.subject.map((s) => `\`${markdownCell(s).replace(/`/g, "'")}\``).join(', ') || '-'}`];
  if (suppressed > 0) lines.push('', `${suppressed} suppressed (not counted)`);
  if (input.baseline) lines.push('', markdownText(baselineSentence(input.baseline)));
  lines.push('', ...markdownTable(['severity', 'findings'], SEVERITIES.map((s) => [s, String(counted.filter((f) => f.severity === s).length)])));
  if (counted.length > 0) lines.push('', ...findingsByRule(counted));
  if (input.usage.length > 0) lines.push('', '#### Pod subnets', '', ...usageTable(input.usage));
  if (counted.length > 0) {
    lines.push('', `<details><summary>${counted.length} finding${counted.length === 1 ? '' : 's'}</summary>`, '', ...findingsTable(counted), '', '</details>');
  }
  return `${lines.join('\n')}\n\n`;
}
