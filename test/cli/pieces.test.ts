import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batches, pieces, WRITE_CHUNK } from '../../src/cli/io.js';

describe('pieces (stdout written in parts)', () => {
  it('gives back the text whole, in pieces no longer than the size, no piece starting with a lone low surrogate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 2, max: 9 }), (text, size) => {
        const out = [...pieces(text, size)];
        expect(out.join('')).toBe(text);
        for (const p of out) expect(p.length).toBeLessThanOrEqual(size);
        // Only the text's own lone surrogates may stand at a piece's edge.
        let at = 0;
        for (const p of out.slice(0, -1)) {
          at += p.length;
          const high = text.charCodeAt(at - 1);
          const low = text.charCodeAt(at);
          expect(high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff).toBe(false);
        }
      }),
    );
  });

  it('keeps a pair whole at the boundary: the piece ends one unit early', () => {
    const text = `${'a'.repeat(3)}😀b`;
    expect([...pieces(text, 4)]).toEqual(['aaa', '😀b']);
  });

  it('writes text up to the chunk size as one piece, the same string', () => {
    const text = 'x'.repeat(WRITE_CHUNK);
    const out = [...pieces(text)];
    expect(out).toHaveLength(1);
    expect(out[0]).toBe(text);
    expect([...pieces(`${text}y`)].map((p) => p.length)).toEqual([WRITE_CHUNK, 1]);
  });
});

describe('batches (a report made in pieces, written in runs)', () => {
  it('joins the parts in order into runs of at least the size; only the last is shorter; none is empty', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 7 }), { maxLength: 30 }), fc.integer({ min: 1, max: 12 }), (parts, size) => {
        const out = [...batches(parts, size)];
        expect(out.join('')).toBe(parts.join(''));
        for (const run of out) expect(run.length).toBeGreaterThan(0);
        for (const run of out.slice(0, -1)) expect(run.length).toBeGreaterThanOrEqual(size);
      }),
    );
    expect([...batches(['ab', 'c', 'de', 'f'], 3)]).toEqual(['abc', 'def']);
    expect([...batches(['', ''], 3)]).toEqual([]);
  });
});
