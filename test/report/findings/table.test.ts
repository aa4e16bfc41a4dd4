import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { renderFindings } from '../../../src/report/findings/index.js';
import { wrapText } from '../../../src/report/findings/table.js';
import { DEFAULT_WIDTH } from '../../../src/report/table.js';
import { FINDINGS, context } from './sample.js';

const ESC = '\u001b';

describe('table format', () => {
  it('groups by file then OCI resource, sorts by line, puts the remediation under the message', () => {
    expect(renderFindings('table', FINDINGS, context())).toBe(
      [
        'examples/cluster.yaml',
        '  4:3   warning  max-pods-above-shape  Node pool "np1" asks for maxPodsPerNode 93 but',
        '                                       VM.Standard.E4.Flex with 1 OCPU carries 31.',
        '                                       fix: Set maxPodsPerNode to at most 31, or give the pool 3',
        '                                       OCPUs.',
        '  12:5  error    pod-subnet-too-small  Pod subnet "pods" (10.0.64.0/24) has 253 usable addresses;',
        '                                       node pool "np1" needs 341.',
        '                                       fix: Use a /22 or larger pod subnet.',
        '',
        'Subnet pods (ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaexample)',
        '        note     pod-subnet-headroom   Pod subnet "pods" would be 91% full at the pool\'s maximum',
        '                                       size.',
        '                                       fix: Plan a /21 before the pool grows past 6 nodes.',
        '',
        '✖ 1 error, 1 warning, 1 note',
        '',
      ].join('\n'),
    );
  });

  it('has no escape codes without color', () => {
    expect(renderFindings('table', FINDINGS, context({ color: false }))).not.toContain(ESC);
  });

  it('colors severities (error red, warning yellow, note blue), dims the remediation, colors the summary by the worst', () => {
    const out = renderFindings('table', FINDINGS, context({ color: true }));
    expect(out).toContain(`${ESC}[31merror  ${ESC}[39m`);
    expect(out).toContain(`${ESC}[33mwarning${ESC}[39m`);
    expect(out).toContain(`${ESC}[34mnote   ${ESC}[39m`);
    expect(out).toContain(`${ESC}[2mfix: Use a /22 or larger pod subnet.${ESC}[22m`);
    expect(out.trimEnd().split('\n').at(-1)).toBe(`${ESC}[31m${ESC}[1m✖ 1 error, 1 warning, 1 note${ESC}[22m${ESC}[39m`);
    const warningsOnly = renderFindings('table', [FINDINGS[1]!], context({ color: true }));
    expect(warningsOnly.trimEnd().split('\n').at(-1)).toBe(`${ESC}[33m${ESC}[1m✖ 0 errors, 1 warning, 0 notes${ESC}[22m${ESC}[39m`);
  });

  it('prints only the check mark line when nothing was found', () => {
    expect(renderFindings('table', [], context())).toBe('✔ no findings\n');
    expect(renderFindings('table', [], context({ color: true }))).toBe(`${ESC}[32m✔ no findings${ESC}[39m\n`);
  });

  it('wraps long messages within the width and never splits or cuts a long OCID', () => {
    const ocid = `ocid1.subnet.oc1.eu-frankfurt-1.${'a'.repeat(90)}`;
    const long: Finding = {
      ruleId: 'pod-subnet-too-small',
      severity: 'error',
      message: `Subnet ${ocid} is too small: ${'every node needs 32 addresses '.repeat(6).trim()}.`,
      remediation: 'Use a /22 or larger pod subnet.',
      location: { kind: 'file', file: 'a.yaml', line: 1, column: 1 },
    };
    const lines = renderFindings('table', [long], context()).split('\n');
    // The OCID is one word longer than the message column: it stands whole on its own line.
    expect(lines[1]).toBe(`  1:1  error  pod-subnet-too-small  Subnet`);
    expect(lines[2]).toBe(`${' '.repeat(36)}${ocid}`);
    for (const line of lines.filter((l) => !l.includes(ocid))) expect(line.length).toBeLessThanOrEqual(DEFAULT_WIDTH);
    expect(lines.join('\n')).not.toContain('…');
  });

  it('fits the given terminal width', () => {
    const long: Finding = { ...FINDINGS[0]!, message: 'word '.repeat(40).trim() };
    const narrow = renderFindings('table', [long], context({ width: 80 })).split('\n');
    for (const line of narrow) expect(line.length).toBeLessThanOrEqual(80);
    const wide = renderFindings('table', [long], context({ width: 200 })).split('\n');
    expect(wide[1]!.length).toBeGreaterThan(100);
  });
});

describe('wrapText', () => {
  it('fills lines greedily and keeps explicit newlines', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one\ntwo three', 20)).toEqual(['one', 'two three']);
  });

  it('keeps a word longer than the width whole on its own line', () => {
    expect(wrapText('ab 0123456789 cd', 4)).toEqual(['ab', '0123456789', 'cd']);
  });

  it('returns one empty line for an empty text', () => {
    expect(wrapText('', 10)).toEqual(['']);
  });
});
