/**
 * A strict JSON (RFC 8259) parser that builds the positioned tree directly. A Terraform plan
 * is one long line of several megabytes: this reads it in one linear pass (a YAML parser
 * takes seconds on the same text) and still gives every key its exact line and column.
 */
import type { FileProblems } from './problems.js';
import { FORBIDDEN_KEYS, type Entry, type MapNode, type Node, type Pos, type SeqNode } from './tree.js';

/** Deeper nesting than any plan or CLI output has; beyond it we stop before the stack does. */
export const MAX_JSON_DEPTH = 512;

export class JsonSyntaxError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJsonTree(text: string, problems: FileProblems): Node {
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const pos = (offset = i): Pos => ({ line, column: offset - lineStart + 1 });
  const fail = (message: string, offset = i): never => {
    throw new JsonSyntaxError(pos(offset), message);
  };
  const found = (): string => {
    if (i >= text.length) return 'the end of the file';
    const ch = text[i] as string;
    return /[\x00-\x1f]/.test(ch) ? `control character U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : `"${ch}"`;
  };

  const skipSpace = (): void => {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        lineStart = i + 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    }
  };

  const readString = (): string => {
    const start = i;
    i++; // opening quote
    let escaped = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        i++;
        continue;
      }
      if (c < 0x20) fail('control characters must be escaped inside a JSON string');
    }
    if (i >= text.length) fail('unterminated string', start);
    i++; // closing quote
    const raw = text.slice(start, i);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return fail('invalid escape sequence in string', start);
    }
  };

  const parseValue = (depth: number): Node => {
    if (depth > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    skipSpace();
    const here = pos();
    const ch = text[i];
    if (ch === '{') return parseObject(depth, here);
    if (ch === '[') return parseArray(depth, here);
    if (ch === '"') return { kind: 'scalar', at: here, value: readString() };
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: 'scalar', at: here, value };
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return { kind: 'scalar', at: here, value: Number(m[0]), source: m[0] };
    }
    return fail(`unexpected ${found()}, expected a JSON value`);
  };

  const parseObject = (depth: number, here: Pos): MapNode => {
    const node: MapNode = { kind: 'map', at: here, entries: new Map<string, Entry>() };
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return node;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`unexpected ${found()}, expected a key in double quotes`);
      const keyAt = pos();
      const key = readString();
      skipSpace();
      if (text[i] !== ':') fail(`unexpected ${found()}, expected ":" after the key`);
      i++;
      const value = parseValue(depth + 1);
      const first = node.entries.get(key);
      if (FORBIDDEN_KEYS.has(key)) {
        problems.add(keyAt, `key "${key}" is not allowed`);
      } else if (first) {
        problems.add(keyAt, `duplicate key "${key}" (first at line ${first.keyAt.line}, column ${first.keyAt.column})`);
      } else {
        node.entries.set(key, { key, keyAt, value });
      }
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return node;
      }
      fail(`unexpected ${found()}, expected "," or "}"`);
    }
  };

  const parseArray = (depth: number, here: Pos): SeqNode => {
    const node: SeqNode = { kind: 'seq', at: here, items: [] };
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return node;
    }
    for (;;) {
      node.items.push(parseValue(depth + 1));
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return node;
      }
      fail(`unexpected ${found()}, expected "," or "]"`);
    }
  };

  const root = parseValue(0);
  skipSpace();
  if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
  return root;
}
