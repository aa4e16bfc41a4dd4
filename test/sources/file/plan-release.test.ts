import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFiles } from '../../../src/sources/file/index.js';
import { runLint } from '../../../src/rules/index.js';
import { shapes } from '../../rules/build.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-release-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a plan's bytes are given back once the model is read", () => {
  it('a plan over the release size (1 MiB) gives the same model and findings as the same plan under it', () => {
    const plan = readFileSync(new URL('../../../examples/terraform-plan.json', import.meta.url), 'utf8').trimEnd();
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan);
    const small = loadConfigFiles([file]);
    // The same plan with 2 MiB more after everything lint reads: every position stays where it was.
    writeFileSync(file, `${plan.slice(0, -1)},"padding":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    const big = loadConfigFiles([file]);
    expect(big.model).toEqual(small.model);
    expect(big.externalRefs).toEqual(small.externalRefs);
    expect(big.moduleCalls).toEqual(small.moduleCalls);
    const findings = runLint(big.model, shapes);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toEqual(runLint(small.model, shapes));
    expect(findings.every((f) => f.location.kind !== 'file' || (f.location.file === file && f.location.line === 1 && f.location.column > 1))).toBe(true);
  });
});
