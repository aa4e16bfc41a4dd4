import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Location } from '../../../src/core/model.js';
import { BytePositions } from '../../../src/sources/file/json-scan.js';
import { packedPositions, placeOffset } from '../../../src/sources/file/packed-positions.js';

const text = '{"a": 1,\n  "é": [2,\n 3]}\n';
const bytes = Buffer.from(text, 'utf8');
const lines = new BytePositions(bytes);
const file = 'plan.json';
const loc = (line: number, column: number): Location => ({ kind: 'file', file, line, column });

describe('packed positions (a plan object\'s Positions as byte offsets)', () => {
  it('reads as the plain record of Locations it stands for: index, in, keys, spread, JSON, equality', () => {
    const at = packedPositions(lines, file);
    expect(placeOffset(at, '', lines, 0)).toBe(true);
    expect(placeOffset(at, 'a', lines, bytes.indexOf('"a"'))).toBe(true);
    // Line 2; the column counts "é" as one UTF-16 unit though it is two bytes.
    expect(placeOffset(at, 'list[1]', lines, bytes.indexOf('3'))).toBe(true);
    const plain = { '': loc(1, 1), a: loc(1, 2), 'list[1]': loc(3, 2) };
    expect(at['a']).toEqual(loc(1, 2));
    expect(at['list[1]']).toEqual(loc(3, 2));
    expect(at).toEqual(plain);
    expect(Object.keys(at)).toEqual(['', 'a', 'list[1]']);
    expect({ ...at }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(at))).toEqual(plain);
    expect('a' in at).toBe(true);
    expect('b' in at).toBe(false);
    expect(at['b']).toBeUndefined();
    expect(Object.hasOwn(at, 'a')).toBe(true);
    expect(Object.hasOwn(at, 'toString')).toBe(false);
    expect(String(at)).toBe('[object Object]');
  });

  it('keeps a Location written as such, over an offset of the same key; delete removes either', () => {
    const at = packedPositions(lines, file);
    placeOffset(at, 'a', lines, 0);
    const live: Location = { kind: 'oci', resourceType: 'Subnet', ocid: 'ocid1.subnet.oc1..x' };
    at['a'] = live;
    expect(at['a']).toBe(live);
    at['b'] = loc(9, 9);
    expect(Object.keys(at)).toEqual(['a', 'b']);
    // An offset placed later wins again.
    placeOffset(at, 'a', lines, 0);
    expect(at['a']).toEqual(loc(1, 1));
    delete at['a'];
    delete at['b'];
    expect(Object.keys(at)).toEqual([]);
  });

  it('is not written through by an offset of another document or a plain record', () => {
    const other = new BytePositions(Buffer.from('{}'));
    const at = packedPositions(lines, file);
    expect(placeOffset(at, 'a', other, 0)).toBe(false);
    expect(placeOffset({}, 'a', lines, 0)).toBe(false);
    expect(Object.keys(at)).toEqual([]);
  });

  it('gives each offset the line and column BytePositions gives it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length - 1 }), { maxLength: 12 }), (offsets) => {
        const at = packedPositions(lines, file);
        offsets.forEach((o, i) => placeOffset(at, `k${i}`, lines, o));
        offsets.forEach((o, i) => expect(at[`k${i}`]).toEqual({ kind: 'file', file, ...lines.pos(o) }));
        expect(Object.keys(at)).toEqual(offsets.map((_, i) => `k${i}`));
      }),
    );
  });
});
