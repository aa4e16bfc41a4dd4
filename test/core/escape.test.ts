import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControls, redactSecrets, safeLine, showControls, showControlsKeepingLines } from '../../src/core/escape.js';

describe('showControls', () => {
  it('escapes C0, DEL, C1, line separators and bidi overrides; leaves other text alone', () => {
    expect(showControls('a\nb\tc\rd\u001b[31me\u0000\u007f\u0085\u2028\u202e\u2066')).toBe(
      'a\\nb\\tc\\rd\\u001b[31me\\u0000\\u007f\\u0085\\u2028\\u202e\\u2066',
    );
    expect(showControls('VM.Standard.E4.Flex ✔ é 😀')).toBe('VM.Standard.E4.Flex ✔ é 😀');
  });
  it('never leaves a control character, and keeps newlines only when asked', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(hasControls(showControls(s))).toBe(false);
        expect(showControlsKeepingLines(s).split('\n')).toHaveLength(s.split('\n').length);
      }),
    );
  });
});

describe('redactSecrets', () => {
  const header = 'Signature version="1",keyId="ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb",algorithm="rsa-sha256",headers="date",signature="c2VjcmV0+/="';
  it('redacts keyId and signature, plain and inside JSON strings', () => {
    expect(redactSecrets(`Authorization: ${header}`)).toBe(
      'Authorization: Signature version="1",keyId="[redacted]",algorithm="rsa-sha256",headers="date",signature="[redacted]"',
    );
    const inJson = JSON.stringify({ message: `echo ${header}` });
    expect(redactSecrets(inJson)).not.toMatch(/ocid1\.user|c2VjcmV0/);
    expect(JSON.parse(redactSecrets(inJson)).message).toContain('keyId="[redacted]"');
    expect(redactSecrets('keyId=ocid1.user.oc1..u, Bearer abcdefghijkl')).toBe('keyId=[redacted], Bearer [redacted]');
    expect(safeLine('x\nkeyId="k"')).toBe('x\\nkeyId="[redacted]"');
  });
});
