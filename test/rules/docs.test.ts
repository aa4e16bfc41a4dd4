/**
 * docs/rules.md is generated from the registry: this test fails when it is stale, and rewrites it
 * when run with UPDATE_DOCS=1 (`UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
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

  test.each(rules.map((r) => [r.meta.id, r] as const))('the failing example of %s fails that rule, and only that one', (id, rule) => {
    const { model } = parseConfigText(rule.docs.failingExample, `${id}.yaml`);
    expect(runLint(model, shapes).map((f) => f.ruleId)).toEqual([id]);
  });
});
