import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJsonTree } from '../../../src/sources/file/json-tree.js';
import { Problems } from '../../../src/sources/file/problems.js';
import { LinePositions, type Node } from '../../../src/sources/file/tree.js';

function toJs(node: Node): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJs);
  const out: Record<string, unknown> = {};
  for (const [k, e] of node.entries) out[k] = toJs(e.value);
  return out;
}

function parse(text: string): Node {
  return parseJsonTree(text, new Problems().forFile('t.json'));
}

/** Every key and value position in the tree, checked against the text: each must start there. */
function checkPositions(text: string, node: Node, lines: LinePositions, offsetOf: (line: number, column: number) => number): void {
  const offset = offsetOf(node.at.line, node.at.column);
  const first = text.charAt(offset);
  if (node.kind === 'map') expect(first).toBe('{');
  else if (node.kind === 'seq') expect(first).toBe('[');
  else expect(JSON.parse(text.slice(offset, offset + JSON.stringify(node.value).length + 200).match(/^("(?:[^"\\]|\\.)*"|[^,\]}\s]+)/)![0])).toEqual(node.value);
  if (node.kind === 'map') {
    for (const [key, e] of node.entries) {
      expect(text.charAt(offsetOf(e.keyAt.line, e.keyAt.column))).toBe('"');
      expect(JSON.parse(text.slice(offsetOf(e.keyAt.line, e.keyAt.column)).match(/^"(?:[^"\\]|\\.)*"/)![0])).toBe(key);
      checkPositions(text, e.value, lines, offsetOf);
    }
  }
  if (node.kind === 'seq') for (const item of node.items) checkPositions(text, item, lines, offsetOf);
}

const SAFE_KEY = fc.string().filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(SAFE_KEY, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('JSON parser', () => {
  it('reads exactly what JSON.parse reads, compact and indented, with positions at each key and value', () => {
    fc.assert(
      fc.property(jsonValue, fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const tree = parse(text);
        expect(toJs(tree)).toEqual(JSON.parse(text));
        const starts = [0];
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
        checkPositions(text, tree, new LinePositions(text), (line, column) => (starts[line - 1] as number) + column - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects what JSON.parse rejects', () => {
    for (const bad of ['', '{', '{"a" 1}', '[1,]', '{"a":1,}', "{'a':1}", '01', '1.', '.5', '"a\nb"', 'nul', '[1] 2', '"\\x"', '+1', 'NaN']) {
      expect(() => JSON.parse(bad)).toThrow();
      expect(() => parse(bad)).toThrow(JsonSyntaxError);
    }
  });

  it('gives syntax errors their line and column', () => {
    try {
      parse('{\n  "a": 1,\n  "b" 2\n}');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(JsonSyntaxError);
      expect((err as JsonSyntaxError).pos).toEqual({ line: 3, column: 7 });
      expect((err as JsonSyntaxError).message).toBe('unexpected "2", expected ":" after the key');
    }
  });

  it('names the problem and points at it: comments, trailing commas, strings, numbers, stray tokens', () => {
    const cases: Array<[string, number, number, string]> = [
      ['{"a": 1, // note\n"b": 2}', 1, 10, 'comments are not allowed in JSON (use a .yaml file to keep them)'],
      ['/* header */\n{}', 1, 1, 'comments are not allowed in JSON (use a .yaml file to keep them)'],
      ['{\n  "a": 1,\n}', 2, 9, 'trailing comma before "}"; JSON does not allow one'],
      ['[1, 2 ,\n]', 1, 7, 'trailing comma before "]"; JSON does not allow one'],
      ['[1,}', 1, 4, 'unexpected "}", expected a JSON value'],
      ['{"a":[1,2}', 1, 10, 'unexpected "}", expected "," or "]"'],
      ['{"a": "x\ty"}', 1, 9, 'control characters must be escaped inside a JSON string'],
      ['{"a": "x\ny"}', 1, 9, 'control characters must be escaped inside a JSON string'],
      ['{"a": "ok \\\\ \\q"}', 1, 14, 'invalid escape sequence "\\q" in string'],
      ['["\\u12G4"]', 1, 3, 'invalid escape "\\u12G4" in string (expected \\u and four hex digits)'],
      ['{"a": "open', 1, 7, 'unterminated string'],
      ['[1.]', 1, 2, 'incomplete number "1." (expected a digit after "." or "e")'],
      ['[1, 2 "x\n]', 1, 7, 'unexpected string "x, expected "," or "]"'],
      ['{"a" "b"}', 1, 6, 'unexpected string "b", expected ":" after the key'],
      ['{"a": tru}', 1, 7, 'unexpected "tru", expected a JSON value'],
      ['{"a": null\u0001}', 1, 7, 'unexpected "null\\u0001", expected a JSON value'],
      ['{"a": 1', 1, 8, 'unexpected end of file, expected "," or "}"'],
      ['   ', 1, 4, 'unexpected end of file, expected a JSON value'],
      ['{} {}', 1, 4, 'unexpected "{" after the end of the JSON value'],
    ];
    for (const [text, line, column, message] of cases) {
      const err = (() => {
        try {
          parse(text);
        } catch (e) {
          return e as JsonSyntaxError;
        }
        throw new Error(`accepted ${JSON.stringify(text)}`);
      })();
      expect(err).toBeInstanceOf(JsonSyntaxError);
      expect({ text, pos: err.pos, message: err.message }).toEqual({ text, pos: { line, column }, message });
    }
  });

  it('stops at the nesting limit with a syntax error, not a stack overflow', () => {
    expect(MAX_JSON_DEPTH).toBe(512);
    // Exactly the limit is read; one level more is the error.
    const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(parse(ok).kind).toBe('seq');
    try {
      parse(`{"a":${'['.repeat(100_000)}`);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(JsonSyntaxError);
      // "{" is level 1, the first "[" (column 6) level 2: level 513 opens at column 6 + 511.
      expect((err as JsonSyntaxError).pos).toEqual({ line: 1, column: 6 + MAX_JSON_DEPTH - 1 });
      expect((err as JsonSyntaxError).message).toBe('nested too deeply (limit 512 levels)');
    }
  });

  it('keeps the text of numbers, and the values JSON.parse gives for huge and tiny ones', () => {
    const tree = parse('[1.30, 1e400, -1e400, 1e-400, -0, 12345678901234567890, 5e-324]');
    expect(tree.kind).toBe('seq');
    const items = tree.kind === 'seq' ? tree.items : [];
    expect(items.map((n) => (n.kind === 'scalar' ? [n.value, n.source] : undefined))).toEqual([
      [1.3, '1.30'],
      [Infinity, '1e400'],
      [-Infinity, '-1e400'],
      [0, '1e-400'],
      [-0, '-0'],
      [12345678901234567000, '12345678901234567890'],
      [5e-324, '5e-324'],
    ]);
  });

  it('reports forbidden and duplicate keys once the value is read, and keeps the first', () => {
    const problems = new Problems();
    const tree = parseJsonTree('{\n  "a": 1,\n  "constructor": {},\n  "a": [2]\n}', problems.forFile('t.json'));
    expect(toJs(tree)).toEqual({ a: 1 });
    expect(problems.lines()).toEqual(['t.json:3:3: key "constructor" is not allowed', 't.json:4:3: duplicate key "a" (first at line 2, column 3)']);
  });

  // Speed is measured by `npm run bench`, not asserted here.
  it('reads a several-megabyte one-line plan into a tree with every resource', () => {
    const resources = Array.from({ length: 8000 }, (_, i) => ({
      address: `oci_core_subnet.s${i}`,
      values: { cidr_block: '10.0.0.0/24', display_name: 'x'.repeat(300), freeform_tags: { team: 'a' } },
    }));
    const text = JSON.stringify({ planned_values: { root_module: { resources } } });
    expect(text.length).toBeGreaterThan(3_000_000);
    const tree = parse(text);
    expect(tree.kind).toBe('map');
    const root = tree.kind === 'map' ? tree.entries.get('planned_values') : undefined;
    const mod = root?.value.kind === 'map' ? root.value.entries.get('root_module') : undefined;
    const list = mod?.value.kind === 'map' ? mod.value.entries.get('resources') : undefined;
    expect(list?.value.kind === 'seq' ? list.value.items.length : -1).toBe(8000);
  });
});
