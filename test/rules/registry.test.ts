import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SEVERITIES } from '../../src/core/finding.js';
import { buildRegistry, ruleById, ruleDocsUrl, ruleIds, rules } from '../../src/rules/index.js';
import type { DocumentedRule } from '../../src/rules/types.js';

const root = new URL('../../', import.meta.url);
const exists = (path: string) => existsSync(new URL(path, root));

describe('rule registry', () => {
  test('exactly the rules of the spec, in order', () => {
    expect(ruleIds).toEqual([
      'pod-subnet-same-vcn',
      'pod-subnet-private',
      'pod-subnet-regional',
      'worker-subnet-regional',
      'single-pod-subnet',
      'max-pods-range',
      'max-pods-shape',
      'secondary-vnics-shape',
      'secondary-vnic-ip-count',
      'max-pods-ip-budget',
      'secondary-vnic-two-cidrs',
      'secondary-vnics-flannel',
      'unknown-shape',
      'pod-subnet-capacity',
      'pod-subnet-headroom',
      'max-nodes-tag',
      'subnet-in-vcn',
      'subnet-overlap',
      'services-cidr-overlap',
      'kubernetes-version',
      'self-managed-version',
      'node-image-date',
      'shared-subnet-nsg',
      'pod-subnet-security-rules',
      'service-mesh-support',
      'cross-compartment-policy',
      'ipv6-policy',
      'invalid-suppression',
      'not-checked',
    ]);
  });

  test('ids are unique and kebab-case; severities valid', () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const { meta } of rules) {
      expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(SEVERITIES).toContain(meta.severity);
    }
  });

  test('every meta has a description, a remediation and an https source on docs.oracle.com', () => {
    for (const { meta, docs } of rules) {
      expect(meta.description.length, meta.id).toBeGreaterThan(20);
      expect(meta.remediation.length, meta.id).toBeGreaterThan(20);
      expect(meta.source, meta.id).toMatch(/^https:\/\/docs\.oracle\.com\//);
      expect(docs.details.length, meta.id).toBeGreaterThan(40);
      expect(docs.failingExample, meta.id).toContain('clusters:');
    }
  });

  test('building a registry with a duplicate id throws', () => {
    const first = rules[0] as DocumentedRule;
    expect(() => buildRegistry([first, rules[1] as DocumentedRule, first])).toThrow(`duplicate rule id "${first.meta.id}" in the rule registry`);
  });

  test('ruleById and ruleDocsUrl derive from the id', () => {
    expect(ruleById('max-pods-shape')?.meta.id).toBe('max-pods-shape');
    expect(ruleById('no-such-rule')).toBeUndefined();
    expect(ruleDocsUrl('max-pods-shape')).toBe('https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md#max-pods-shape');
  });

  test.each(ruleIds.map((id) => [id]))('%s has its module, test file, docs section and fixtures', async (id) => {
    expect(exists(`src/rules/${id}.ts`), `src/rules/${id}.ts`).toBe(true);
    const mod = (await import(`../../src/rules/${id}.ts`)) as { rule: DocumentedRule };
    expect(mod.rule).toBe(ruleById(id));
    expect(exists(`test/rules/${id}.test.ts`), `test/rules/${id}.test.ts`).toBe(true);
    expect(exists(`test/fixtures/rules/${id}/valid.yaml`)).toBe(true);
    expect(exists(`test/fixtures/rules/${id}/invalid.yaml`)).toBe(true);
    expect(readFileSync(new URL('docs/rules.md', root), 'utf8')).toContain(`\n## ${id}\n`);
  });

  test('every module in src/rules is a registered rule (or the registry, types, support)', () => {
    const modules = readdirSync(new URL('src/rules/', root))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .filter((name) => name !== 'index' && name !== 'types');
    expect(modules.sort()).toEqual([...ruleIds].sort());
    const fixtureDirs = readdirSync(new URL('test/fixtures/rules/', root));
    expect(fixtureDirs.sort()).toEqual([...ruleIds].sort());
  });
});
