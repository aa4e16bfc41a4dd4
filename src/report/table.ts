/**
 * The boxed tables of every human report (shapes, rules, live pod-subnet use, updates). Written
 * here rather than taken from cli-table3: its Unicode width tables cost `shapes` ~25 ms of
 * start-up (a third of bare Node), and its word wrap cuts a word longer than the column, so an
 * OCID or a subnet name could come out split or shortened.
 *
 * Layout: every column is as wide as its widest cell. When the table is wider than `width` (the
 * terminal's), `wrap: 'header'` headers give way first, then `wrap: 'words'` columns, widest first,
 * and only between words: a column never gets narrower than its longest word, so a name,
 * address, CIDR or OCID is never broken. Whatever cannot give way makes the table run wider than
 * the terminal rather than break a token.
 */

export type Align = 'left' | 'right';

export interface TableColumn {
  header: string;
  align?: Align;
  /**
   * 'never' (names, numbers, CIDRs; the default) keeps each cell line whole; 'words' may wrap
   * between words; 'header' wraps only the header ("planned at largest" over "1067 (6.5%)").
   */
  wrap?: 'never' | 'words' | 'header';
}

/** Width to lay out for when the terminal's is unknown (output piped, no COLUMNS). */
export const DEFAULT_WIDTH = 100;

export interface TableOptions {
  /** The width to fit in (terminal columns). */
  width: number;
  /** A rule between body rows (for tables whose rows wrap over several lines). */
  rowRules?: boolean;
  /** Colours the header cells (bold); identity when colours are off. */
  head?: (text: string) => string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Wide (two-column) code points: CJK, Hangul, full-width forms, most emoji. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ZERO_WIDTH = /[\u0300-\u036f\u200b-\u200f\ufe00-\ufe0f]/;

/** Columns `text` takes on a terminal: ANSI colour codes take none, wide characters two. */
export function displayWidth(text: string): number {
  // Most cells are printable ASCII: one column each.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text.replace(ANSI, '')) {
    const cp = ch.codePointAt(0) as number;
    if (ZERO_WIDTH.test(ch)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

/**
 * Greedy word wrap of one line at spaces. A word longer than `width` stays whole on its own line
 * (it runs past `width`): a name or an address is never split.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const w = displayWidth(word);
    if (line !== '' && lineWidth + 1 + w <= width) {
      line += ` ${word}`;
      lineWidth += 1 + w;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    lineWidth = w;
  }
  lines.push(line);
  return lines;
}

/** Free text (a footer, a description) wrapped to `width`, paragraph by paragraph. */
export function wrapParagraphs(text: string, width: number): string {
  return text
    .split('\n')
    .map((p) => wrapWords(p, width).join('\n'))
    .join('\n');
}

/** The narrowest a wrapping column gets in a table too wide for the terminal anyway. */
const READABLE_WIDTH = 20;

const longestWord = (cell: string): number => Math.max(0, ...cell.split(/[ \n]/).map(displayWidth));
const widestLine = (cell: string): number => Math.max(0, ...cell.split('\n').map(displayWidth));

/** Column widths: natural widths, then 'words' columns narrowed (widest first) until the table fits. */
export function columnWidths(columns: readonly TableColumn[], rows: readonly (readonly string[])[], width: number): number[] {
  const cellsOf = (i: number) => [columns[i]?.header ?? '', ...rows.map((r) => r[i] ?? '')];
  const natural = columns.map((_, i) => Math.max(...cellsOf(i).map(widestLine)));
  const bodyWidest = (i: number) => Math.max(0, ...rows.map((r) => widestLine(r[i] ?? '')));
  let floor = columns.map((col, i) =>
    col.wrap === 'words' ? Math.max(...cellsOf(i).map(longestWord)) : col.wrap === 'header' ? Math.max(longestWord(col.header), bodyWidest(i)) : (natural[i] as number),
  );
  const widths = [...natural];
  // Borders and padding: "│ " before each column, " │" after the last.
  const frame = 3 * columns.length + 1;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // When even one word per line cannot make the table fit, it runs wider anyway: then wrap no
  // column narrower than a readable width, rather than into a tower of single words.
  if (sum(floor) + frame > width) floor = floor.map((f, i) => (columns[i]?.wrap === 'words' ? Math.max(f, Math.min(natural[i] as number, READABLE_WIDTH)) : f));
  let excess = sum(widths) + frame - width;
  // Headers give way first (a wrapped header costs one row a line or two), then cell text.
  for (const kind of ['header', 'words'] as const) {
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        if (columns[i]?.wrap !== kind || (widths[i] as number) <= (floor[i] as number)) continue;
        if (widest < 0 || (widths[i] as number) > (widths[widest] as number)) widest = i;
      }
      if (widest < 0) break;
      widths[widest] = (widths[widest] as number) - 1;
      excess--;
    }
  }
  return widths;
}

function pad(text: string, width: number, align: Align): string {
  const room = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? room + text : text + room;
}

/** A boxed table (┌─┬─┐), a rule under the header, cells padded by one space. */
export function renderBoxTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions): string {
  const widths = columnWidths(columns, rows, options.width);
  const head = options.head ?? ((s: string) => s);
  const rule = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const lines = (cells: readonly string[], isHeader: boolean, style: (s: string) => string = (s) => s): string[] => {
    const wrapped = columns.map((col, i) => {
      const cell = cells[i] ?? '';
      const w = widths[i] as number;
      const wraps = col.wrap === 'words' || (col.wrap === 'header' && isHeader);
      return cell.split('\n').flatMap((line) => (wraps && displayWidth(line) > w ? wrapWords(line, w) : [line]));
    });
    const height = Math.max(...wrapped.map((l) => l.length));
    const out: string[] = [];
    for (let y = 0; y < height; y++) {
      const parts = columns.map((col, i) => pad(style(wrapped[i]?.[y] ?? ''), widths[i] as number, col.align ?? 'left'));
      out.push(`│ ${parts.join(' │ ')} │`);
    }
    return out;
  };
  const out = [rule('┌', '┬', '┐'), ...lines(columns.map((c) => c.header), true, head), rule('├', '┼', '┤')];
  rows.forEach((row, i) => {
    if (i > 0 && options.rowRules) out.push(rule('├', '┼', '┤'));
    out.push(...lines(row, false));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
