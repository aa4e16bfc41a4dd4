/** Markdown building blocks for the markdown reports (PR comments, job summaries, docs/rules.md). */
import { showControlsKeepingLines } from '../core/escape.js';
import { BAR_EMPTY, BAR_FULL, filledCells } from './bar.js';

/** Text safe inside a Markdown table cell: no pipe ends the cell, no newline ends the row, no HTML. */
export function markdownCell(text: string): string {
  return showControlsKeepingLines(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, '<br>');
}

/** Text safe outside tables: also no emphasis, link or code syntax taken from input. */
export function markdownText(text: string): string {
  return markdownCell(text).replace(/([\\`*_[\]#])/g, '\\$1');
}

export function markdownTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** "██████░░░░" of `width` cells for a share of a subnet (capped at full). */
export function markdownBar(share: number, width: number): string {
  const filled = filledCells(share, width);
  return `${BAR_FULL.repeat(filled)}${BAR_EMPTY.repeat(width - filled)}`;
}
