/**
 * The direction of imports in STYLE.md's picture: cli -> report/rules/sources -> core. A test so a
 * shortcut (a reporter reaching into cli/ for colour, core importing the rules) fails the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative module a file imports (static, type-only, re-export or dynamic), as src-relative paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1] as string);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

const files = tsFiles(SRC).map((f) => ({ path: relative(SRC, f), imports: importsOf(f) }));
const offenders = (from: string, forbidden: (target: string) => boolean) =>
  files.filter((f) => f.path.startsWith(from)).flatMap((f) => f.imports.filter(forbidden).map((t) => `${f.path} -> ${t}`));

describe('layering', () => {
  test('the scan sees the source tree', () => {
    expect(files.find((f) => f.path === 'cli/program.ts')?.imports).toContain('cli/env.ts');
  });

  test('reporters never import cli/', () => {
    expect(offenders('report/', (t) => t.startsWith('cli/'))).toEqual([]);
  });

  test('core imports only core and the catalog (the rules are passed in)', () => {
    expect(offenders('core/', (t) => !t.startsWith('core/') && !t.startsWith('catalog/'))).toEqual([]);
  });

  test('rules, reporters and sources never import cli/', () => {
    expect([...offenders('rules/', (t) => t.startsWith('cli/')), ...offenders('sources/', (t) => t.startsWith('cli/'))]).toEqual([]);
  });

  test('only the process entry point imports the program; commands take CommandEnv from cli/env.ts', () => {
    expect(files.filter((f) => f.imports.includes('cli/program.ts')).map((f) => f.path)).toEqual(['cli/run.ts']);
  });
});
