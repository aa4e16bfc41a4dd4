/**
 * Markdown for pull-request comments (and the job summary): the run's summary as a heading, the
 * findings counted by rule, then one table row per finding with its fix. Every piece of text from
 * the input is escaped, so a name cannot break the table or inject links.
 */
import { summarize, type Finding } from '../../core/finding.js';
import { markdownCell, markdownTable, markdownText } from '../markdown.js';
import { ruleDocsUrl } from './docs-url.js';
import type { Renderer } from './renderer.js';
import { baselineLine, locationText, summaryLine, suppressedLine } from './wording.js';

/** "| rule | severity | findings |" rows, by descending count then rule id. */
export function findingsByRule(findings: readonly Finding[]): string[] {
  const counts = new Map<string, { severity: Finding['severity']; n: number }>();
  for (const f of findings) {
    const entry = counts.get(f.ruleId) ?? { severity: f.severity, n: 0 };
    entry.n++;
    counts.set(f.ruleId, entry);
  }
  const rows = [...counts.entries()]
    .sort(([a, x], [b, y]) => y.n - x.n || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { severity, n }]) => [`[${id}](${ruleDocsUrl(id)})`, severity, String(n)]);
  return markdownTable(['rule', 'severity', 'findings'], rows);
}

export function findingsTable(findings: readonly Finding[]): string[] {
  return markdownTable(
    ['where', 'severity', 'rule', 'finding'],
    findings.map((f) => [
      markdownCell(locationText(f.location)),
      f.severity,
      `[${f.ruleId}](${ruleDocsUrl(f.ruleId)})`,
      markdownCell(f.message) + (f.remediation.trim() === '' ? '' : `<br>**fix:** ${markdownCell(f.remediation.trim())}`),
    ]),
  );
}

export const renderMarkdown: Renderer = (findings, ctx) => {
  const lines = [`### oke-cni: ${summaryLine(summarize(findings))}`];
  const suppressed = suppressedLine(ctx.suppressed);
  if (suppressed !== null) lines.push('', markdownText(suppressed));
  if (ctx.baseline) lines.push('', markdownText(baselineLine(ctx.baseline)));
  if (findings.length > 0) lines.push('', ...findingsByRule(findings), '', ...findingsTable(findings));
  return `${lines.join('\n')}\n`;
};
