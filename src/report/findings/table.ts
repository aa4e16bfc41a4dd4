/**
 * Human output, in the manner of ESLint's "stylish": findings grouped under their file (or OCI
 * resource), one row each with the remediation under the message, then a one-line summary.
 * Rows fit the terminal's width (ReportContext.width); messages wrap between words, and a word
 * longer than the message column (an OCID, a Terraform address) stays whole on its own line, so
 * it can be copied.
 */
import type { ChalkInstance } from 'chalk';
import { summarize, type Finding, type Severity } from '../../core/finding.js';
import { chalkFor } from '../style.js';
import { DEFAULT_WIDTH, displayWidth } from '../table.js';
import type { Renderer } from './renderer.js';
import { showControls } from '../../core/escape.js';
import { baselineLine, locationText, messageText, remediationLine, summaryLine, suppressedLine } from './wording.js';

/** Below this the message column would wrap every few words, so rows may run wider instead. */
const MIN_MESSAGE_WIDTH = 40;
const INDENT = '  ';
const GAP = '  ';

interface Group {
  heading: string;
  findings: Finding[];
}

/** Groups in order of their first finding; within a file, findings by line and column. */
function groupFindings(findings: readonly Finding[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of findings) {
    const loc = f.location;
    const key = loc.kind === 'file' ? `file\0${loc.file}` : `oci\0${loc.ocid}`;
    let group = groups.get(key);
    if (!group) {
      group = { heading: loc.kind === 'file' ? showControls(loc.file) : locationText(loc), findings: [] };
      groups.set(key, group);
    }
    group.findings.push(f);
  }
  for (const g of groups.values()) {
    g.findings.sort((a, b) => {
      const la = a.location;
      const lb = b.location;
      if (la.kind !== 'file' || lb.kind !== 'file') return 0;
      return la.line - lb.line || la.column - lb.column;
    });
  }
  return [...groups.values()];
}

/** Greedy word wrap; a word longer than the width stays whole on its own line (it is never split or cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // A paragraph's leading spaces (a snippet of YAML or Terraform in a fix) are kept on its lines.
    const indent = /^ */.exec(paragraph)?.[0] ?? '';
    let line = '';
    for (let word of paragraph.split(' ').filter((w) => w !== '')) {
      if (line !== '' && displayWidth(line) + 1 + displayWidth(word) <= width) {
        line += ` ${word}`;
        continue;
      }
      if (line !== '') lines.push(line);
      if (indent.length < width / 2) word = indent + word;
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

function position(f: Finding): string {
  return f.location.kind === 'file' ? `${f.location.line}:${f.location.column}` : '';
}

function severityColor(c: ChalkInstance, severity: Severity): ChalkInstance {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
}

export const renderTable: Renderer = (findings, ctx) => {
  const c = chalkFor(ctx.color);
  const summary = summarize(findings);
  const summaryColor = summary.errors > 0 ? c.red.bold : summary.warnings > 0 ? c.yellow.bold : summary.notes > 0 ? c.blue.bold : c.green;
  const suppressed = suppressedLine(ctx.suppressed);
  const tail = (suppressed === null ? '' : `${c.dim(suppressed)}\n`) + (ctx.baseline ? `${c.dim(baselineLine(ctx.baseline))}\n` : '');
  if (findings.length === 0) return `${summaryColor(summaryLine(summary))}\n${tail}`;

  // One set of column widths for the whole report, so rows line up across groups.
  const widest = (values: string[]): number => Math.max(...values.map((v) => v.length));
  const positionWidth = widest(findings.map(position));
  const severityWidth = widest(findings.map((f) => f.severity));
  const ruleWidth = widest(findings.map((f) => f.ruleId));
  const messageColumn = INDENT.length + positionWidth + severityWidth + ruleWidth + 3 * GAP.length;
  const messageWidth = Math.max(MIN_MESSAGE_WIDTH, (ctx.width ?? DEFAULT_WIDTH) - messageColumn);
  const continuation = ' '.repeat(messageColumn);

  const out: string[] = [];
  for (const group of groupFindings(findings)) {
    out.push(c.underline(group.heading));
    for (const f of group.findings) {
      const [first = '', ...rest] = wrapText(messageText(f), messageWidth);
      const lead =
        INDENT +
        c.dim(position(f).padEnd(positionWidth)) + GAP +
        severityColor(c, f.severity)(f.severity.padEnd(severityWidth)) + GAP +
        c.dim(f.ruleId.padEnd(ruleWidth)) + GAP;
      out.push(lead + first);
      for (const line of rest) out.push(continuation + line);
      const fix = remediationLine(f);
      if (fix !== null) for (const line of wrapText(fix, messageWidth)) out.push(continuation + c.dim(line));
    }
    out.push('');
  }
  out.push(summaryColor(summaryLine(summary)));
  return `${out.join('\n')}\n${tail}`;
};
