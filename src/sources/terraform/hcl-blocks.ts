/**
 * Where `resource "TYPE" "NAME" {` and `data "TYPE" "NAME" {` blocks start in a .tf file: a
 * small scanner of HCL's native syntax, enough to find top-level block headers and nothing
 * more (no npm HCL parser gives source positions: @cdktf/hcl2json converts to JSON without
 * them). It skips what could hide a brace or a header: `#`, `//` and `/* *\/` comments, quoted
 * strings with their escapes and `${...}` / `%{...}` templates (which nest), and heredocs
 * (`<<EOF`, `<<-EOF`, until the line holding only the marker). One linear pass.
 */
import { LinePositions } from '../file/tree.js';

export interface HclBlock {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** 1-based, of the `resource` / `data` keyword. */
  line: number;
  column: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

/** Index just past the quoted string whose opening quote is at `i` (or at the end of its line when it is not closed). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const ch = text.charAt(j);
    if (ch === '\\') j += 2;
    else if (ch === '"') return j + 1;
    else if (ch === '\n') return j;
    else if ((ch === '$' || ch === '%') && text.charAt(j + 1) === '{') {
      // $${ and %%{ are a literal "${" / "%{".
      if (text.charAt(j - 1) === ch) j += 2;
      else j = skipTemplate(text, j + 2);
    } else j++;
  }
  return j;
}

/** Index just past the "}" closing a template expression that starts at `i`. */
function skipTemplate(text: string, i: number): number {
  let depth = 1;
  let j = i;
  while (j < text.length) {
    const ch = text.charAt(j);
    if (ch === '"') j = skipString(text, j);
    else if (ch === '{') {
      depth++;
      j++;
    } else if (ch === '}') {
      j++;
      if (--depth === 0) return j;
    } else j++;
  }
  return j;
}

/** Index of the line after the heredoc whose "<<" is at `i`, or undefined when `i` starts no heredoc. */
function skipHeredoc(text: string, i: number): number | undefined {
  const m = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
  m.lastIndex = i;
  const found = m.exec(text);
  if (!found) return undefined;
  const marker = found[1] as string;
  let j = m.lastIndex;
  while (j < text.length) {
    const end = text.indexOf('\n', j);
    const line = text.slice(j, end < 0 ? text.length : end);
    if (line.trim() === marker) return end < 0 ? text.length : end + 1;
    if (end < 0) return text.length;
    j = end + 1;
  }
  return text.length;
}

/** A block label at `i` (after spaces): a quoted string without templates, or an identifier. */
function label(text: string, i: number): { value: string; end: number } | undefined {
  let j = i;
  while (text.charAt(j) === ' ' || text.charAt(j) === '\t') j++;
  if (text.charAt(j) === '"') {
    const end = skipString(text, j);
    const raw = text.slice(j + 1, end - 1);
    if (text.charAt(end - 1) !== '"' || /[\\$%]/.test(raw)) return undefined;
    return { value: raw, end };
  }
  IDENT.lastIndex = j;
  const m = IDENT.exec(text);
  return m ? { value: m[0], end: IDENT.lastIndex } : undefined;
}

/** The resource and data blocks of one .tf file's text, in order. */
export function findResourceBlocks(text: string): HclBlock[] {
  const found: Array<{ mode: 'managed' | 'data'; type: string; name: string; offset: number }> = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    const next = text.charAt(i + 1);
    if (ch === '#' || (ch === '/' && next === '/')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (ch === '"') i = skipString(text, i);
    else if (ch === '<' && next === '<') i = skipHeredoc(text, i) ?? i + 2;
    else if (ch === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (depth === 0 && /[A-Za-z_]/.test(ch) && !/[A-Za-z0-9_-]/.test(text.charAt(i - 1))) {
      IDENT.lastIndex = i;
      const word = (IDENT.exec(text) as RegExpExecArray)[0];
      const after = IDENT.lastIndex;
      if (word === 'resource' || word === 'data') {
        const type = label(text, after);
        const name = type && label(text, type.end);
        if (type && name) {
          let j = name.end;
          while (/[ \t]/.test(text.charAt(j))) j++;
          if (text.charAt(j) === '{') found.push({ mode: word === 'data' ? 'data' : 'managed', type: type.value, name: name.value, offset: i });
        }
      }
      i = after;
    } else i++;
  }
  const lines = new LinePositions(text);
  return found.map(({ offset, ...block }) => ({ ...block, ...lines.pos(offset) }));
}
