import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from '../../../src/sources/file/read.js';

describe('firstInvalidUtf8', () => {
  it('is -1 exactly for well-formed UTF-8, and the prefix before the offset is well-formed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const at = firstInvalidUtf8(bytes);
        expect(at === -1).toBe(isUtf8(bytes));
        if (at >= 0) {
          expect(isUtf8(bytes.subarray(0, at))).toBe(true);
          // The byte at the offset starts no complete character: the prefix through it is not UTF-8.
          expect(isUtf8(bytes.subarray(0, at + 1))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds overlong forms, surrogates and truncated sequences at their lead byte', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // U+D800
    expect(firstInvalidUtf8(Buffer.from([0xe2, 0x82]))).toBe(0); // € cut short
    expect(firstInvalidUtf8(Buffer.from('añ€😀', 'utf8'))).toBe(-1);
  });
});

describe('decodeUtf8', () => {
  it('drops a byte-order mark and names the first bad byte', () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
    expect(decodeUtf8(Buffer.from([0x61, 0x62, 0xff]))).toEqual({ ok: false, reason: 'not UTF-8 at byte offset 2; expected YAML or JSON text in UTF-8' });
  });
});
