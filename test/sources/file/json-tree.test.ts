import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonTree } from '../../../src/sources/file/json-tree.js';
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

  it('reads a several-megabyte one-line plan in well under a second', () => {
    const resources = Array.from({ length: 8000 }, (_, i) => ({
      address: `oci_core_subnet.s${i}`,
      values: { cidr_block: '10.0.0.0/24', display_name: 'x'.repeat(300), freeform_tags: { team: 'a' } },
    }));
    const text = JSON.stringify({ planned_values: { root_module: { resources } } });
    expect(text.length).toBeGreaterThan(3_000_000);
    const started = performance.now();
    const tree = parse(text);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(tree.kind).toBe('map');
  });
});
