import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFiles } from '../../../src/sources/file/index.js';
import { problemsOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MIB = 1024 * 1024;

describe('a plan above the 10 MiB cap (lint --max-input-mb)', () => {
  it('is refused by default and read with a raised cap', () => {
    const file = join(dir, 'big-plan.json');
    const padding = 'x'.repeat(11 * MIB);
    writeFileSync(file, JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', variables: { padding: { value: padding } }, planned_values: { root_module: { resources: [] } } }));
    expect(problemsOf(() => loadConfigFiles([file]))).toHaveLength(1);
    expect(loadConfigFiles([file], { maxBytes: 12 * MIB }).model).toEqual({ vcns: [], subnets: [], clusters: [] });
  });
});
