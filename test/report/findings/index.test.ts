import { describe, expect, it } from 'vitest';
import { FINDING_FORMATS, renderFindings, ruleDocsUrl } from '../../../src/report/findings/index.js';
import { FINDINGS, context } from './sample.js';

describe('renderFindings', () => {
  it('offers exactly the seven formats, table first (the default a human sees)', () => {
    expect(FINDING_FORMATS).toEqual(['table', 'json', 'sarif', 'github', 'junit', 'markdown', 'gitlab']);
  });

  it.each(FINDING_FORMATS)('%s returns one string ending in a newline, with or without findings (github: empty without)', (format) => {
    for (const findings of [FINDINGS, []]) {
      const out = renderFindings(format, findings, context());
      if (format === 'github' && findings.length === 0) {
        expect(out).toBe('');
        continue;
      }
      expect(out.endsWith('\n')).toBe(true);
      expect(out.endsWith('\n\n')).toBe(false);
    }
  });

  it('dispatches each format to its own renderer', () => {
    const ctx = context();
    expect(renderFindings('table', FINDINGS, ctx)).toMatch(/^examples\/cluster\.yaml\n/);
    expect(JSON.parse(renderFindings('json', FINDINGS, ctx)).summary).toEqual({ errors: 1, warnings: 1, notes: 1 });
    expect(JSON.parse(renderFindings('sarif', FINDINGS, ctx)).version).toBe('2.1.0');
    expect(renderFindings('github', FINDINGS, ctx)).toMatch(/^::error file=examples\/cluster\.yaml,line=12,col=5,/);
    expect(renderFindings('junit', FINDINGS, ctx)).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="oke-cni" tests="3" failures="3">/);
  });
});

describe('ruleDocsUrl', () => {
  it('points at the rule heading of the generated docs page', () => {
    expect(ruleDocsUrl('pod-subnet-too-small')).toBe('https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md#pod-subnet-too-small');
  });
});
