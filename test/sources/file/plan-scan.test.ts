/**
 * Reading a plan from its bytes (read.ts -> json-scan.ts -> lazy-json.ts) against the strict tree
 * parser over the decoded text: the same values and positions on a real plan, pretty and
 * one-line, and malformed bytes anywhere in a plan give one file:line:col error (the strict
 * parser's), never a crash and never a plan read past its error.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserErrors } from '../../../src/core/errors.js';
import { parseConfigBytes } from '../../../src/sources/file/index.js';
import { parseJsonTree } from '../../../src/sources/file/json-tree.js';
import { Problems } from '../../../src/sources/file/problems.js';
import { parseInputBytes } from '../../../src/sources/file/read.js';
import type { Node } from '../../../src/sources/file/tree.js';

const plan = JSON.parse(readFileSync(new URL('../../../examples/terraform-plan.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const texts = { 'one-line': JSON.stringify(plan), pretty: JSON.stringify(plan, null, 2) };

function flatten(node: Node, path = '$', out: unknown[] = []): unknown[] {
  out.push([path, node.kind, node.at.line, node.at.column, node.kind === 'scalar' ? node.value : null]);
  if (node.kind === 'map') for (const [key, e] of node.entries) {
    out.push([`${path}.${key}#key`, e.keyAt.line, e.keyAt.column]);
    flatten(e.value, `${path}.${JSON.stringify(key)}`, out);
  }
  if (node.kind === 'seq') node.items.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
  return out;
}

describe('a plan read from its bytes', () => {
  for (const [shape, text] of Object.entries(texts)) {
    it(`has every value and position the strict parser gives (${shape}, with a byte-order mark and wide characters)`, () => {
      // A name with characters outside ASCII before most positions: columns count UTF-16 units.
      const wide = text.replace('"format_version"', '"description": "Übersicht 😀 ß", "format_version"');
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(wide, 'utf8')]);
      const lazy = parseInputBytes(bytes, new Problems().forFile('plan.json'));
      const strict = parseJsonTree(wide, new Problems().forFile('plan.json'));
      // Read by the scan, not by the strict parser's plain objects.
      expect(Object.getPrototypeOf(lazy)).not.toBe(Object.prototype);
      expect(flatten(lazy as Node)).toEqual(flatten(strict));
    });
  }

  it('malformed bytes anywhere: the strict parser\'s file:line:col error, never a crash', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(texts)), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\u0001', '{', '[', '1'), (text, cut, junk) => {
        const at = cut % text.length;
        const broken = text.slice(0, at) + junk + text.slice(at + 1);
        let parses = true;
        try {
          JSON.parse(broken);
        } catch {
          parses = false;
        }
        let lines: string[] = [];
        try {
          parseConfigBytes(Buffer.from(broken, 'utf8'), 'plan.json');
        } catch (err) {
          if (!(err instanceof UserErrors)) throw err;
          lines = [...err.lines];
        }
        if (!parses) {
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatch(/^plan\.json:\d+:\d+: invalid JSON: /);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a syntax error deep in a part no reader reads (another resource type\'s values) is still an error at its line and column', () => {
    const other = { address: 'oci_core_instance.x', mode: 'managed', type: 'oci_core_instance', name: 'x', values: { metadata: { user_data: 'abc' } } };
    const withOther = { ...plan, planned_values: { root_module: { resources: [...((plan.planned_values as { root_module: { resources: unknown[] } }).root_module.resources), other] } } };
    const text = JSON.stringify(withOther, null, 2).replace('"user_data": "abc"', '"user_data": "abc" "def"');
    const line = text.slice(0, text.indexOf('"def"')).split('\n').length;
    const column = text.slice(0, text.indexOf('"def"')).split('\n').pop()!.length + 1;
    let lines: string[] = [];
    try {
      parseConfigBytes(Buffer.from(text), 'plan.json');
    } catch (err) {
      lines = [...(err as UserErrors).lines];
    }
    expect(lines).toEqual([`plan.json:${line}:${column}: invalid JSON: unexpected string "def", expected "," or "}"`]);
  });
});
