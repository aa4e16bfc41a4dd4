import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { escapeData, escapeProperty } from '../../../src/report/findings/github.js';
import { renderFindings } from '../../../src/report/findings/index.js';
import { FINDINGS, context } from './sample.js';

describe('github format', () => {
  it('writes one workflow command per finding and nothing else (the CLI puts the summary on stderr)', () => {
    expect(renderFindings('github', FINDINGS, context())).toBe(
      [
        '::error file=examples/cluster.yaml,line=12,col=5,title=pod-subnet-too-small::Pod subnet "pods" (10.0.64.0/24) has 253 usable addresses; node pool "np1" needs 341. — Use a /22 or larger pod subnet.',
        '::warning file=examples/cluster.yaml,line=4,col=3,title=max-pods-above-shape::Node pool "np1" asks for maxPodsPerNode 93 but VM.Standard.E4.Flex with 1 OCPU carries 31. — Set maxPodsPerNode to at most 31, or give the pool 3 OCPUs.',
        // A note is a "notice" in GitHub's words; an OCI resource has no file, so it leads the message.
        '::notice title=pod-subnet-headroom::Subnet pods (ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaexample): Pod subnet "pods" would be 91%25 full at the pool\'s maximum size. — Plan a /21 before the pool grows past 6 nodes.',
        '',
      ].join('\n'),
    );
  });

  it('escapes % and LF in the message (a CR is shown as \\r), and also : and , in properties', () => {
    const tricky: Finding = {
      ruleId: 'pod-subnet-too-small',
      severity: 'error',
      message: '100% used:\r\nline two, still "ok"',
      remediation: 'Resize: use a /22, then retry',
      location: { kind: 'file', file: 'envs\\prod,eu:1/cluster 50%.yaml', line: 7, column: 9 },
    };
    expect(renderFindings('github', [tricky], context()).split('\n')[0]).toBe(
      '::error file=envs/prod%2Ceu%3A1/cluster 50%25.yaml,line=7,col=9,title=pod-subnet-too-small::100%25 used:\\r%0Aline two, still "ok" — Resize: use a /22, then retry',
    );
  });

  it('escapes % before the other characters so an escape is never escaped twice', () => {
    expect(escapeData('%0A\n')).toBe('%250A%0A');
    expect(escapeProperty('a:%,b')).toBe('a%3A%25%2Cb');
  });

  it('prints nothing when nothing was found', () => {
    expect(renderFindings('github', [], context())).toBe('');
  });
});
