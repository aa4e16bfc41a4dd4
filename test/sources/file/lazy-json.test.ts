/**
 * The lazy plan tree (lazy-json.ts, over json-scan.ts) against the strict tree parser
 * (json-tree.ts): for any JSON text, pretty or one-line, whichever containers the scan records
 * and whichever it leaves to JSON.parse, every node, key position and value is the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_RECORDED, scanJson, type JsonLayout } from '../../../src/sources/file/json-scan.js';
import { parseJsonTree } from '../../../src/sources/file/json-tree.js';
import { lazyJsonTree } from '../../../src/sources/file/lazy-json.js';
import { Problems } from '../../../src/sources/file/problems.js';
import type { Node } from '../../../src/sources/file/tree.js';

/** Every node as [path, kind, line, column, value] and every key as [path, line, column]. */
function flatten(node: Node, path = '$', out: unknown[] = []): unknown[] {
  out.push([path, node.kind, node.at.line, node.at.column, node.kind === 'scalar' ? node.value : null, node.kind === 'scalar' ? (node.source ?? null) : null]);
  if (node.kind === 'map') for (const [key, e] of node.entries) {
    out.push([`${path}.${key}#key`, e.keyAt.line, e.keyAt.column]);
    flatten(e.value, `${path}.${JSON.stringify(key)}`, out);
  }
  if (node.kind === 'seq') node.items.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
  return out;
}

const NOTHING: JsonLayout = { root: NOT_RECORDED, child: () => NOT_RECORDED };
const EVERYTHING: JsonLayout = { root: 0, child: () => 0 };
/** Records a member when a hash of its key (or index) and its container's state says so. */
const someOf = (seed: number): JsonLayout => ({
  root: 0,
  child: (state, key) => {
    const h = [...String(key)].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, seed + state * 7);
    return h % 3 === 0 ? NOT_RECORDED : (h % 5) + 1;
  },
});

const trees = (text: string, layout: JsonLayout) => {
  const strict = parseJsonTree(text, new Problems().forFile('s.json'));
  const bytes = Buffer.from(text, 'utf8');
  const skeleton = scanJson(bytes, layout);
  expect(skeleton).toBeDefined();
  const lazy = lazyJsonTree(bytes, skeleton!, new Problems().forFile('l.json'));
  return { strict: flatten(strict), lazy: flatten(lazy) };
};

// Keys without duplicates (JSON.parse keeps the last one where the strict parser reports it).
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'grapheme' }), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.string({ maxLength: 6, unit: 'grapheme' }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)), tie('value'), { maxKeys: 5 }),
})).object;

const layouts = fc.oneof(fc.constant(NOTHING), fc.constant(EVERYTHING), fc.nat().map(someOf));

describe('lazy plan tree', () => {
  it("has the strict tree parser's positions and values, pretty and one-line, whatever the scan records", () => {
    fc.assert(
      fc.property(json, fc.boolean(), layouts, (value, pretty, layout) => {
        const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        const { strict, lazy } = trees(text, layout);
        expect(lazy).toEqual(strict);
      }),
      { numRuns: 300 },
    );
  });

  it('escaped keys, strings holding braces and quotes, numbers as written, wide characters before a position', () => {
    const text = '{"a\\"b": {"x": "}]\\"{[", "n": 1.50, "e": 1e3},\n "list": [ {"k\\u00e9": [true, null]} ], "é😀": {"z": -0.0} }';
    for (const layout of [NOTHING, EVERYTHING, someOf(1), someOf(2)]) {
      const { strict, lazy } = trees(text, layout);
      expect(lazy).toEqual(strict);
      expect(lazy).toContainEqual(['$."a\\"b"."n"', 'scalar', 1, 31, 1.5, '1.50']);
      expect(lazy).toContainEqual(['$."é😀"."z"', 'scalar', 2, 54, -0, '-0.0']);
    }
  });

  it('more than 65,535 distinct keys in recorded objects: key ids widen past 16 bits, every key still found', () => {
    const keys = Array.from({ length: 70_000 }, (_, i) => `k${i}`);
    const text = JSON.stringify({ a: Object.fromEntries(keys.map((k, i) => [k, i])), b: { k69999: 'last', k0: 'first' } });
    const bytes = Buffer.from(text, 'utf8');
    const root = lazyJsonTree(bytes, scanJson(bytes, EVERYTHING)!, new Problems().forFile('l.json'));
    const a = root.kind === 'map' ? root.entries.get('a')?.value : undefined;
    const b = root.kind === 'map' ? root.entries.get('b')?.value : undefined;
    expect(a?.kind === 'map' ? [a.entries.size, a.entries.get('k0')?.value, a.entries.get('k65535')?.value, a.entries.get('k69999')?.value] : []).toEqual([
      70_000,
      expect.objectContaining({ value: 0 }),
      expect.objectContaining({ value: 65_535 }),
      expect.objectContaining({ value: 69_999 }),
    ]);
    expect(b?.kind === 'map' ? [...b.entries.keys()].map((k) => [k, b.entries.get(k)?.value.kind === 'scalar' ? (b.entries.get(k)?.value as { value: unknown }).value : null]) : []).toEqual([
      ['k69999', 'last'],
      ['k0', 'first'],
    ]);
    // Positions come from the recorded offsets: the last key of "a" where the text has it.
    expect(a?.kind === 'map' ? a.entries.get('k69999')?.keyAt.column : 0).toBe(text.indexOf('"k69999"') + 1);
  });

  it('reports a key that could reach a prototype, at its position, recorded by the scan or parsed', () => {
    for (const layout of [NOTHING, EVERYTHING]) {
      const problems = new Problems();
      const text = '{"format_version": "1.2",\n  "__proto__": {"x": 1}, "a": {"constructor": 2}}';
      const bytes = Buffer.from(text);
      const tree = lazyJsonTree(bytes, scanJson(bytes, layout)!, problems.forFile('p.json'));
      expect(tree.kind === 'map' && tree.entries.has('__proto__')).toBe(false);
      const a = tree.kind === 'map' ? tree.entries.get('a')?.value : undefined;
      expect(a?.kind === 'map' && a.entries.has('constructor')).toBe(false);
      expect(problems.lines()).toEqual(['p.json:2:3: key "__proto__" is not allowed', 'p.json:2:32: key "constructor" is not allowed']);
    }
  });
});

describe('the one-pass scan', () => {
  it('accepts exactly what JSON.parse accepts (every prefix and one-byte change of valid JSON)', () => {
    fc.assert(
      fc.property(json, fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 127 }), (value, pretty, cut, byte) => {
        const text = pretty ? JSON.stringify(value, null, 1) : JSON.stringify(value);
        const at = cut % (text.length + 1);
        const variants = [text.slice(0, at), text.slice(0, at) + String.fromCharCode(byte) + text.slice(at + 1), ` ${text}\n`];
        for (const v of variants) {
          let valid = true;
          try {
            JSON.parse(v);
          } catch {
            valid = false;
          }
          const bytes = Buffer.from(v, 'utf8');
          expect(scanJson(bytes, EVERYTHING) !== undefined).toBe(valid);
          expect(scanJson(bytes, NOTHING) !== undefined).toBe(valid);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses more than 512 levels of nesting, recorded or not, and takes 512', () => {
    for (const layout of [NOTHING, EVERYTHING, someOf(3)]) {
      expect(scanJson(Buffer.from(`${'['.repeat(512)}${']'.repeat(512)}`), layout)).toBeDefined();
      expect(scanJson(Buffer.from(`${'['.repeat(513)}${']'.repeat(513)}`), layout)).toBeUndefined();
      expect(scanJson(Buffer.from(`{"a":${'{"b":'.repeat(511)}1${'}'.repeat(512)}`), layout)).toBeDefined();
      expect(scanJson(Buffer.from(`{"a":${'{"b":'.repeat(512)}1${'}'.repeat(513)}`), layout)).toBeUndefined();
    }
  });
});
