/**
 * The lazy plan tree (lazy-json.ts) against the strict tree parser (json-tree.ts): for any JSON
 * text, pretty or one-line, every node, key position and value is the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

const trees = (text: string) => {
  const strict = parseJsonTree(text, new Problems().forFile('s.json'));
  const lazy = lazyJsonTree(text, JSON.parse(text), new Problems().forFile('l.json'));
  return { strict: flatten(strict), lazy: flatten(lazy) };
};

// Keys without duplicates (JSON.parse keeps the last one where the strict parser reports it).
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)), tie('value'), { maxKeys: 5 }),
})).object;

describe('lazy plan tree', () => {
  it('has the strict tree parser\'s positions and values, pretty and one-line', () => {
    fc.assert(
      fc.property(json, fc.boolean(), (value, pretty) => {
        const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        const { strict, lazy } = trees(text);
        expect(lazy).toEqual(strict);
      }),
      { numRuns: 300 },
    );
  });

  it('escaped keys, strings holding braces and quotes, numbers as written', () => {
    const text = '{"a\\"b": {"x": "}]\\"{[", "n": 1.50, "e": 1e3},\n "list": [ {"k\\u00e9": [true, null]} ] }';
    const { strict, lazy } = trees(text);
    expect(lazy).toEqual(strict);
    expect(lazy).toContainEqual(['$."a\\"b"."n"', 'scalar', 1, 31, 1.5, '1.50']);
  });

  it('reports a key that could reach a prototype, at its position', () => {
    const problems = new Problems();
    const text = '{"format_version": "1.2",\n  "__proto__": {"x": 1}}';
    const tree = lazyJsonTree(text, JSON.parse(text), problems.forFile('p.json'));
    expect(tree.kind === 'map' && tree.entries.has('__proto__')).toBe(false);
    expect(problems.lines()).toEqual(['p.json:2:3: key "__proto__" is not allowed']);
  });
});
