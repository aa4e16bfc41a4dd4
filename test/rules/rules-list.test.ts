/** src/report/rules-list.ts: `oke-cni rules` as a table, JSON and the markdown docs page. */
import { describe, expect, test } from 'vitest';
import { renderRules } from '../../src/report/rules-list.js';
import { ruleIds, rules } from '../../src/rules/index.js';

describe('renderRules', () => {
  test('table: one row per rule with id, severity and description, no colors unless asked', () => {
    const out = renderRules(rules, 'table', false);
    expect(out).not.toMatch(/\u001b\[/);
    const lines = out.split('\n');
    expect(lines[1]).toMatch(/^│ id\s+│ severity │ description\s+│$/);
    const row = lines.find((l) => l.includes(' max-pods-range '));
    expect(row).toMatch(/^│ max-pods-range\s+│ error\s+│ maxPodsPerNode must be between 1 and 110/);
    for (const id of ruleIds) expect(out).toContain(`│ ${id} `);
  });

  test('table with colors: severities painted (error red, warning yellow, note cyan)', () => {
    const out = renderRules(rules, 'table', true);
    expect(out).toContain('\u001b[31merror\u001b[39m');
    expect(out).toContain('\u001b[33mwarning\u001b[39m');
    expect(out).toContain('\u001b[36mnote\u001b[39m');
  });

  test('json: every meta plus its docs URL, in registry order', () => {
    const parsed = JSON.parse(renderRules(rules, 'json', true)) as Array<Record<string, string>>;
    expect(parsed.map((r) => r.id)).toEqual([...ruleIds]);
    expect(parsed[0]).toEqual({
      id: 'pod-subnet-same-vcn',
      severity: 'error',
      description: "A node pool's worker subnet and pod subnet must be in the same VCN.",
      remediation: "Pick a pod subnet in the worker subnet's VCN (or a worker subnet in the pod subnet's VCN).",
      source: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengpodnetworking_topic-OCI_CNI_plugin.htm',
      docsUrl: 'https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md#pod-subnet-same-vcn',
    });
  });

  test('markdown: title, generation note, table linking each section, sections with example', () => {
    const md = renderRules(rules, 'markdown', true);
    expect(md.startsWith('# oke-cni rules\n')).toBe(true);
    expect(md).toContain('`oke-cni rules --format markdown > docs/rules.md`');
    expect(md).toContain('| [pod-subnet-capacity](#pod-subnet-capacity) | error | ');
    expect(md).not.toMatch(/\u001b\[/);
    const section = md.slice(md.indexOf('\n## pod-subnet-headroom\n'), md.indexOf('\n## subnet-in-vcn\n'));
    expect(section).toContain('- Severity: **warning**');
    expect(section).toContain('**Scope, and what is inferred:** Counts exactly what pod-subnet-capacity counts');
    expect(section).toContain('**Fix:** Plan a larger pod subnet before the node pools grow, or lower maxPodsPerNode.');
    expect(section).toContain('```yaml\nvcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]\n');
    // one section per rule, plus "Facts that moved since the 2025-02 document"
    expect(md.match(/^## /gm)).toHaveLength(ruleIds.length + 1);
  });
});
