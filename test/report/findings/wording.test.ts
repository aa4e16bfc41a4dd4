import { describe, expect, it } from 'vitest';
import { findingSentence, remediationLine, summaryLine } from '../../../src/report/findings/wording.js';
import { FINDINGS } from './sample.js';

const error = FINDINGS[0]!;

describe('findingSentence', () => {
  it('joins message and remediation with an em dash', () => {
    expect(findingSentence(error)).toBe(
      'Pod subnet "pods" (10.0.64.0/24) has 253 usable addresses; node pool "np1" needs 341. — Use a /22 or larger pod subnet.',
    );
  });

  it('is the message alone when the remediation is blank', () => {
    expect(findingSentence({ ...error, remediation: '  ' })).toBe(error.message);
    expect(remediationLine({ ...error, remediation: '' })).toBeNull();
  });
});

describe('summaryLine', () => {
  it('counts each severity, singular for one', () => {
    expect(summaryLine({ errors: 3, warnings: 1, notes: 0 })).toBe('✖ 3 errors, 1 warning, 0 notes');
    expect(summaryLine({ errors: 1, warnings: 2, notes: 1 })).toBe('✖ 1 error, 2 warnings, 1 note');
    expect(summaryLine({ errors: 0, warnings: 0, notes: 2 })).toBe('✖ 0 errors, 0 warnings, 2 notes');
  });

  it('says so when there is nothing', () => {
    expect(summaryLine({ errors: 0, warnings: 0, notes: 0 })).toBe('✔ no findings');
  });
});
