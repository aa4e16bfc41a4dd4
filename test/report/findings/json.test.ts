import { describe, expect, it } from 'vitest';
import { renderFindings } from '../../../src/report/findings/index.js';
import { FINDINGS, SUBNET_OCID, context } from './sample.js';

describe('json format', () => {
  it('prints the exact documented shape, pretty-printed with 2 spaces', () => {
    const out = renderFindings('json', FINDINGS, context());
    const expected = {
      findings: [
        {
          ruleId: 'pod-subnet-too-small',
          severity: 'error',
          message: 'Pod subnet "pods" (10.0.64.0/24) has 253 usable addresses; node pool "np1" needs 341.',
          remediation: 'Use a /22 or larger pod subnet.',
          file: 'examples/cluster.yaml',
          line: 12,
          column: 5,
        },
        {
          ruleId: 'max-pods-above-shape',
          severity: 'warning',
          message: 'Node pool "np1" asks for maxPodsPerNode 93 but VM.Standard.E4.Flex with 1 OCPU carries 31.',
          remediation: 'Set maxPodsPerNode to at most 31, or give the pool 3 OCPUs.',
          file: 'examples/cluster.yaml',
          line: 4,
          column: 3,
        },
        {
          ruleId: 'pod-subnet-headroom',
          severity: 'note',
          message: 'Pod subnet "pods" would be 91% full at the pool\'s maximum size.',
          remediation: 'Plan a /21 before the pool grows past 6 nodes.',
          file: null,
          line: null,
          column: null,
          resource: { type: 'Subnet', ocid: SUBNET_OCID, name: 'pods' },
        },
      ],
      summary: { errors: 1, warnings: 1, notes: 1 },
    };
    // Byte for byte, key order included: scripts may diff it.
    expect(out).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(out.split('\n')[1]).toBe('  "findings": [');
  });

  it('keeps the order findings came in and omits resource for file locations', () => {
    const parsed = JSON.parse(renderFindings('json', FINDINGS, context()));
    expect(parsed.findings.map((f: { line: number | null }) => f.line)).toEqual([12, 4, null]);
    expect(Object.keys(parsed.findings[0])).toEqual(['ruleId', 'severity', 'message', 'remediation', 'file', 'line', 'column']);
    expect(Object.keys(parsed.findings[2])).toEqual(['ruleId', 'severity', 'message', 'remediation', 'file', 'line', 'column', 'resource']);
  });

  it('gives an unnamed resource a null name', () => {
    const unnamed = { ...FINDINGS[2]!, location: { kind: 'oci' as const, resourceType: 'Subnet', ocid: SUBNET_OCID } };
    const parsed = JSON.parse(renderFindings('json', [unnamed], context()));
    expect(parsed.findings[0].resource).toEqual({ type: 'Subnet', ocid: SUBNET_OCID, name: null });
  });

  it('is an empty list and zero counts when nothing was found', () => {
    expect(renderFindings('json', [], context())).toBe(
      '{\n  "findings": [],\n  "summary": {\n    "errors": 0,\n    "warnings": 0,\n    "notes": 0\n  }\n}\n',
    );
  });
});
