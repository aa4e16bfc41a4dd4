/**
 * Strict JSON (RFC 8259) to the positioned tree, with Microsoft's jsonc-parser (VS Code's JSON
 * parser). Its `visit` callbacks build our tree in the parser's one linear pass: a Terraform
 * plan is one line of several megabytes, and parseTree would first build a second tree of its
 * own. Comments and trailing commas are errors (a file with them is JSONC, not JSON), and the
 * first error stops the parse: the callbacks throw, so jsonc-parser's error recovery never runs.
 */
import { type JSONVisitor, printParseErrorCode, visit } from 'jsonc-parser';
import type { FileProblems } from './problems.js';
import { nestedTooDeeply } from './yaml-tree.js';
import { FORBIDDEN_KEYS, LinePositions, type Entry, type MapNode, type Node, type Pos, type SeqNode } from './tree.js';

/**
 * Deeper nesting than any plan or CLI output has. jsonc-parser recurses once per level, so
 * beyond this we stop before the stack does (a RangeError would be a crash, not an input error).
 */
export const MAX_JSON_DEPTH = 512;

export class JsonSyntaxError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
  ) {
    super(message);
  }
}

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** What the parser needed next, for "unexpected X, expected Y" messages. */
type Expecting = 'value' | 'key' | 'colon' | 'comma' | 'end';

interface Open {
  node: MapNode | SeqNode;
  /** The key whose value is being read, in a map. */
  key: string;
  keyAt: Pos;
}

export function parseJsonTree(text: string, problems: FileProblems): Node {
  const lines = new LinePositions(text);
  const open: Open[] = [];
  let root: Node | undefined;
  let expecting: Expecting = 'value';
  /** Offset of the "," just read, while `expecting` is the key or value after it; else -1. */
  let commaAt = -1;

  const fail = (offset: number, message: string): never => {
    throw new JsonSyntaxError(lines.pos(offset), message);
  };

  const attach = (node: Node): void => {
    const parent = open[open.length - 1];
    expecting = parent === undefined ? 'end' : 'comma';
    commaAt = -1;
    if (parent === undefined) root = node;
    else if (parent.node.kind === 'seq') parent.node.items.push(node);
    else {
      const { key, keyAt } = parent;
      const first = parent.node.entries.get(key);
      if (FORBIDDEN_KEYS.has(key)) problems.add(keyAt, `key "${key}" is not allowed`);
      else if (first) problems.add(keyAt, `duplicate key "${key}" (first at line ${first.keyAt.line}, column ${first.keyAt.column})`);
      else (parent.node.entries as Map<string, Entry>).set(key, { key, keyAt, value: node });
    }
  };

  const begin = (node: MapNode | SeqNode, offset: number): void => {
    if (open.length >= MAX_JSON_DEPTH) fail(offset, nestedTooDeeply(MAX_JSON_DEPTH));
    open.push({ node, key: '', keyAt: node.at });
    expecting = node.kind === 'map' ? 'key' : 'value';
    commaAt = -1;
  };

  // jsonc-parser calls onObjectEnd/onArrayEnd at the end of the file too, before it reports
  // the missing "}" or "]"; the message must name what was expected there, so fail first.
  const end = (offset: number): void => {
    if (offset >= text.length) unexpected(offset, 0);
    attach((open.pop() as Open).node);
  };

  const unexpected = (offset: number, length: number): never => {
    const closer = text.charAt(offset);
    const container = open[open.length - 1]?.node.kind;
    if (commaAt >= 0 && closer === (container === 'map' ? '}' : ']')) {
      return fail(commaAt, `trailing comma before "${closer}"; JSON does not allow one`);
    }
    const found = describeToken(text, offset, length);
    if (expecting === 'end') return fail(offset, `unexpected ${found} after the end of the JSON value`);
    return fail(offset, `unexpected ${found}, ${expectation(expecting, container)}`);
  };

  const visitor: JSONVisitor = {
    onObjectBegin: (offset) => begin({ kind: 'map', at: lines.pos(offset), entries: new Map() }, offset),
    onArrayBegin: (offset) => begin({ kind: 'seq', at: lines.pos(offset), items: [] }, offset),
    onObjectEnd: end,
    onArrayEnd: end,
    onObjectProperty: (key, offset) => {
      const top = open[open.length - 1] as Open;
      top.key = key;
      top.keyAt = lines.pos(offset);
      expecting = 'colon';
      commaAt = -1;
    },
    onSeparator: (separator, offset) => {
      if (separator === ':') {
        expecting = 'value';
        return;
      }
      expecting = open[open.length - 1]?.node.kind === 'map' ? 'key' : 'value';
      commaAt = offset;
    },
    onLiteralValue: (value: string | number | boolean | null, offset, length) => {
      const at = lines.pos(offset);
      attach(typeof value === 'number' ? { kind: 'scalar', at, value, source: text.slice(offset, offset + length) } : { kind: 'scalar', at, value });
    },
    onError: (error, offset, length) => {
      const code = printParseErrorCode(error);
      // jsonc-parser checks a string or number token before it checks the token may come there
      // at all: a stray `"` after a value is "unexpected", not the start of a bad string.
      if (code !== 'InvalidCommentToken' && expecting !== 'value' && !(expecting === 'key' && text.charAt(offset) === '"')) {
        return unexpected(offset, length);
      }
      // By name: ParseErrorCode is a const enum, which isolatedModules cannot read from a library.
      switch (code) {
        case 'InvalidCommentToken':
          return fail(offset, 'comments are not allowed in JSON (use a .yaml file to keep them)');
        case 'UnexpectedEndOfString':
        case 'InvalidCharacter':
        case 'InvalidEscapeCharacter':
        case 'InvalidUnicode': {
          const problem = stringProblem(text, offset, offset + length);
          return fail(problem.offset, problem.message);
        }
        case 'UnexpectedEndOfNumber':
          return fail(offset, `incomplete number ${describeToken(text, offset, length)} (expected a digit after "." or "e")`);
        default:
          // Every other code is "this token cannot come here": say what could.
          return unexpected(offset, length);
      }
    },
  };
  visit(text, visitor, STRICT);
  // visit reports every syntax error to onError, which throws, so a tree was attached here.
  return root as Node;
}

function expectation(expecting: Exclude<Expecting, 'end'>, container: 'map' | 'seq' | undefined): string {
  if (expecting === 'value') return 'expected a JSON value';
  if (expecting === 'key') return 'expected a key in double quotes';
  if (expecting === 'colon') return 'expected ":" after the key';
  return container === 'map' ? 'expected "," or "}"' : 'expected "," or "]"';
}

/** The token at an error, quoted, short enough for one message line. */
function describeToken(text: string, offset: number, length: number): string {
  if (offset >= text.length) return 'end of file';
  const code = text.charCodeAt(offset);
  if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0')}`;
  const token = text.slice(offset, offset + Math.max(length, 1));
  if (code === 0x22) return `string ${token.length > 40 ? `${token.slice(0, 40)}…"` : token}`;
  // JSON.stringify shows a control character inside a word (null\u0001) instead of hiding it.
  return JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token);
}

const SIMPLE_ESCAPES = '"\\/bfnrt';

/**
 * The first problem in the string token text[start, end) (start is its opening quote).
 * jsonc-parser keeps only the last error it met in a string; this points at the first one,
 * at the character itself.
 */
function stringProblem(text: string, start: number, end: number): { offset: number; message: string } {
  for (let i = start + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) return { offset: i, message: 'control characters must be escaped inside a JSON string' };
    if (code !== 0x5c) continue;
    if (i + 1 >= end) break;
    const escape = text.charAt(i + 1);
    if (escape === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        return { offset: i, message: `invalid escape "${text.slice(i, Math.min(i + 6, end))}" in string (expected \\u and four hex digits)` };
      }
      i += 5;
    } else if (SIMPLE_ESCAPES.includes(escape)) i++;
    else return { offset: i, message: `invalid escape sequence "\\${escape}" in string` };
  }
  // The string ran into a line break (left out of the token) or the end of the file.
  if (end < text.length && text.charCodeAt(end) < 0x20) return { offset: end, message: 'control characters must be escaped inside a JSON string' };
  return { offset: start, message: 'unterminated string' };
}
