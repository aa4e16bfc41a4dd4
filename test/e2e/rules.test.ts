/** `oke-cni rules` through the built bin: the registry as a table, as JSON, and as docs/rules.md. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds, rules } from '../../src/rules/index.js';
import { ROOT, runBin } from '../helpers/run-bin.js';

describe('oke-cni rules (built bin)', () => {
  it('there are twenty-eight rules to list', () => {
    expect(ruleIds).toHaveLength(29);
  });

  it('table: one row per rule, in registry order, with its severity', () => {
    const r = runBin(['rules']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\u001b['); // piped: no color
    // A row starts where the id cell is filled; wrapped description lines leave it empty.
    const rows = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('│'))
      .map((l) => l.split('│').slice(1, -1).map((c) => c.trim()))
      .filter(([id]) => id !== '');
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'severity', 'description']);
    expect(rows.slice(1).map(([id, severity]) => [id, severity])).toEqual(rules.map((rule) => [rule.meta.id, rule.meta.severity]));
  });

  it('--json: every rule with id, severity, description, remediation, source and docsUrl', () => {
    const r = runBin(['rules', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const listed = JSON.parse(r.stdout);
    expect(listed.map((e: { id: string }) => e.id)).toEqual(ruleIds);
    for (const [i, entry] of listed.entries()) {
      const meta = rules[i]!.meta;
      expect(Object.keys(entry)).toEqual(['id', 'severity', 'description', 'remediation', 'source', 'docsUrl']);
      expect(entry).toEqual({
        id: meta.id,
        severity: meta.severity,
        description: meta.description,
        remediation: meta.remediation,
        source: meta.source,
        docsUrl: `https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md#${meta.id}`,
      });
      expect(['error', 'warning', 'note']).toContain(entry.severity);
      expect(new URL(entry.source).protocol).toBe('https:');
      expect(entry.description.length).toBeGreaterThan(30);
      expect(entry.remediation.length).toBeGreaterThan(20);
    }
    expect(runBin(['rules', '--format', 'json']).stdout).toBe(r.stdout);
  });

  it('--format markdown is docs/rules.md byte for byte (the page is generated from the registry)', () => {
    const r = runBin(['rules', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs/rules.md'), 'utf8'));
    for (const id of ruleIds) expect(r.stdout).toContain(`\n## ${id}\n`);
  });

  it('an unknown format is exit 2 listing the choices', () => {
    const r = runBin(['rules', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("oke-cni: option '-f, --format <format>' argument 'yaml' is invalid. Allowed choices are table, json, markdown.\n");
  });
});
