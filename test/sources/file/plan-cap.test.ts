import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFiles, MAX_PLAN_BYTES } from '../../../src/sources/file/index.js';
import { readDescriptorBounded } from '../../../src/sources/file/read.js';
import { openSync, closeSync } from 'node:fs';
import { problemsOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MIB = 1024 * 1024;
const padding = 'x'.repeat(11 * MIB);
const bigPlan = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', variables: { padding: { value: padding } }, planned_values: { root_module: { resources: [] } } });

describe('input size caps: 10 MiB for any input, 256 MiB for a Terraform plan (lint --max-input-mb sets both)', () => {
  it('an 11 MiB plan is read by default; --max-input-mb below its size refuses it', () => {
    expect(MAX_PLAN_BYTES).toBe(256 * MIB);
    const file = join(dir, 'big-plan.json');
    writeFileSync(file, bigPlan);
    expect(loadConfigFiles([file]).model).toEqual({ vcns: [], subnets: [], clusters: [] });
    expect(problemsOf(() => loadConfigFiles([file], { maxBytes: 10 * MIB }))).toEqual([`${file}: file is 11.0 MiB; the limit is 10 MiB`]);
    expect(problemsOf(() => loadConfigFiles([file], { maxBytes: 1 * MIB, planMaxBytes: 5 * MIB }))).toEqual([`${file}: file is 11.0 MiB; the limit is 5 MiB for Terraform plans`]);
  });

  it('an 11 MiB input that is not a plan is refused by default and read with a raised cap', () => {
    const file = join(dir, 'big-config.yaml');
    writeFileSync(file, `# ${padding}\nvcns: []\n`);
    expect(problemsOf(() => loadConfigFiles([file]))).toEqual([`${file}: file is 11.0 MiB; the limit is 10 MiB`]);
    expect(loadConfigFiles([file], { maxBytes: 12 * MIB }).model).toEqual({ vcns: [], subnets: [], clusters: [] });
  });

  it('read from a descriptor of unknown size (a pipe): a plan reads on to its own limit, anything else stops at the first', () => {
    const plan = join(dir, 'plan-stream.json');
    const other = join(dir, 'other-stream.json');
    writeFileSync(plan, bigPlan);
    writeFileSync(other, JSON.stringify({ vcns: [], padding }));
    const read = (file: string, max: number, planMax: number) => {
      const fd = openSync(file, 'r');
      try {
        return readDescriptorBounded(fd, max, () => false, 0, planMax);
      } finally {
        closeSync(fd);
      }
    };
    const ok = read(plan, 10 * MIB, 12 * MIB);
    expect(ok.ok && ok.bytes.length).toBe(Buffer.byteLength(bigPlan));
    expect(read(plan, 10 * MIB, 11 * MIB)).toEqual({ ok: false, reason: 'larger than the 11 MiB input limit for Terraform plans' });
    expect(read(other, 10 * MIB, 12 * MIB)).toEqual({ ok: false, reason: 'larger than the 10 MiB input limit' });
  });
});
