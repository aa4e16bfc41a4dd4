import { describe, expect, it } from 'vitest';
import { renderFindings, renderFindingsPieces } from '../../../src/report/findings/index.js';
import type { Finding } from '../../../src/core/finding.js';
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

  it('comes in pieces, a finding each, that together are JSON.stringify(report, null, 2) byte for byte', () => {
    const tf: Finding = {
      ...FINDINGS[0]!,
      message: 'line one\nline "two" \u001b[31m',
      resource: { type: 'oci_containerengine_node_pool', address: 'oci_containerengine_node_pool.p["a"]', name: undefined },
      planLocation: { kind: 'file', file: 'plan.json', line: 1, column: 377 },
      suppressed: { kind: 'inSource', reason: 'known', source: 'main.tf:3:1 (freeform tag)' },
    };
    const findings = [...FINDINGS, tf];
    const baseline = { file: 'oke-cni-baseline.json', known: 2, gone: 1 };
    for (const ctx of [context(), { ...context(), baseline }]) {
      const parts = [...renderFindingsPieces('json', findings, ctx)];
      // The opening, one piece per finding, the list's end, the summary (and baseline), the close.
      expect(parts.length).toBe(findings.length + 3 + (ctx.baseline ? 2 : 1));
      const whole = parts.join('');
      expect(whole).toBe(renderFindings('json', findings, ctx));
      expect(whole).toBe(`${JSON.stringify(JSON.parse(whole), null, 2)}\n`);
      expect(JSON.parse(whole).baseline).toEqual(ctx.baseline);
      expect(JSON.parse(whole).findings[3]).toEqual({
        ruleId: 'pod-subnet-too-small',
        severity: 'error',
        message: 'line one\nline "two" \u001b[31m',
        remediation: 'Use a /22 or larger pod subnet.',
        file: 'examples/cluster.yaml',
        line: 12,
        column: 5,
        resource: { type: 'oci_containerengine_node_pool', address: 'oci_containerengine_node_pool.p["a"]', name: null },
        plan: { file: 'plan.json', line: 1, column: 377 },
        suppressed: { kind: 'inSource', reason: 'known', source: 'main.tf:3:1 (freeform tag)' },
      });
    }
    expect([...renderFindingsPieces('json', [], context())].join('')).toBe(renderFindings('json', [], context()));
    // Other formats come whole.
    expect([...renderFindingsPieces('sarif', findings, context())]).toEqual([renderFindings('sarif', findings, context())]);
  });
});
