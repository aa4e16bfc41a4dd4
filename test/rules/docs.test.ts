/**
 * docs/rules.md is generated from the registry: this test fails when it is stale, and rewrites it
 * when run with UPDATE_DOCS=1 (`UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { MOVED_FACTS } from '../../src/core/facts.js';
import { renderRules } from '../../src/report/rules-list.js';
import { rules, runLint } from '../../src/rules/index.js';
import { parseConfigText } from '../../src/sources/file/index.js';
import { shapes } from './build.js';

const DOC = new URL('../../docs/rules.md', import.meta.url);

describe('docs/rules.md', () => {
  test('matches `oke-cni rules --format markdown`', () => {
    const generated = renderRules(rules, 'markdown', false);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, generated);
    expect(readFileSync(DOC, 'utf8'), 'docs/rules.md is stale: run UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts').toBe(generated);
  });

  // The examples are minimal configs about one rule: those without security lists also draw the
  // one note that says the security rules were not checked (test/rules/not-checked.test.ts).
  const noSecurityData = (f: { ruleId: string; message: string }): boolean =>
    f.ruleId === 'not-checked' && f.message.includes('pod-subnet-security-rules not checked: the inputs hold no security lists');
  test.each(rules.map((r) => [r.meta.id, r] as const))('the failing example of %s fails that rule, and only that one', (id, rule) => {
    const { model } = parseConfigText(rule.docs.failingExample, `${id}.yaml`);
    const found = runLint(model, shapes);
    expect(found.filter((f) => !noSecurityData(f)).map((f) => f.ruleId)).toEqual([id]);
    expect(found.filter(noSecurityData).length).toBeLessThanOrEqual(model.clusters.length);
  });
});

describe('docs/rules.md: facts that moved since the 2025-02 document', () => {
  const page = renderRules(rules, 'markdown', false);
  it.each(MOVED_FACTS.map((f) => [f.fact, f]))('%s: what the 2025-02 document said, what holds now, source and date', (_name, f) => {
    const row = page.split('\n').find((l) => l.startsWith(`| ${f.fact} |`));
    expect(row).toBeDefined();
    expect(row).toContain(`<${f.source}> (${f.date})`);
    expect(f.then.length).toBeGreaterThan(10);
    expect(f.date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
  });
  it('names the 256 limit, the Oracle Linux 7 restriction, the extended-memory ranges, E2.8 and the GPU aliases', () => {
    const facts = MOVED_FACTS.map((f) => `${f.fact} ${f.then} ${f.now}`).join('\n');
    for (const needle of ['limit of 256', 'Oracle Linux 7', '28-114', '14-56', 'ocpuOptions.max 80', 'maxVnicAttachments 8', 'BM.GPU.GM4.8']) expect(facts).toContain(needle);
  });
});
