/**
 * The hardening contract through the built bin (issue 12): nothing a file, a flag or a terminal
 * holds can overwrite data, write to the screen raw, or split one problem over two lines.
 * Every case runs in its own temp dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ERROR_LINES } from '../../src/cli/program.js';
import { BIN, ROOT, runBin, type BinResult } from '../helpers/run-bin.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-harden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSING = readFileSync(join(ROOT, 'examples/passing.yaml'), 'utf8');
const FAILING = readFileSync(join(ROOT, 'examples/failing.yaml'), 'utf8');
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let n = 0;
function caseDir(): string {
  const d = join(dir, `case-${++n}`);
  execFileSync('mkdir', ['-p', d]);
  return d;
}

function expectOneLineError(r: BinResult, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^oke-cni: /);
  expect(lines[0]).toMatch(pattern);
}

describe('--output never loses data', () => {
  it('refuses an --output that is one of the inputs, under any spelling or through a link, before writing', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), PASSING);
    symlinkSync(join(d, 'a.yaml'), join(d, 'link.yaml'));
    for (const output of ['a.yaml', './a.yaml', join(d, 'a.yaml'), 'link.yaml', `../${d.split('/').pop()}/a.yaml`]) {
      const r = runBin(['lint', 'a.yaml', '--format', 'json', '--output', output], { cwd: d });
      expectOneLineError(r, new RegExp(`^oke-cni: --output ${output.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: is the same file as the input a\\.yaml;`));
      expect(readFileSync(join(d, 'a.yaml'), 'utf8')).toBe(PASSING);
    }
  });

  it('refuses an --output that is the --catalog file', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), PASSING);
    const catalog = readFileSync(join(ROOT, 'src/catalog/shapes.json'), 'utf8');
    writeFileSync(join(d, 'shapes.json'), catalog);
    const r = runBin(['lint', 'a.yaml', '--catalog', 'shapes.json', '--output', './shapes.json'], { cwd: d });
    expectOneLineError(r, /^oke-cni: --output \.\/shapes\.json: is the same file as the --catalog file shapes\.json;/);
    expect(readFileSync(join(d, 'shapes.json'), 'utf8')).toBe(catalog);
  });

  it('refuses a FIFO or a device as --output at once (no hang), and a directory', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), PASSING);
    execFileSync('mkfifo', [join(d, 'fifo')]);
    expectOneLineError(runBin(['lint', 'a.yaml', '--output', 'fifo'], { cwd: d }), /^oke-cni: --output fifo: is not a regular file/);
    expectOneLineError(runBin(['lint', 'a.yaml', '--output', '/dev/null'], { cwd: d }), /^oke-cni: --output \/dev\/null: is not a regular file/);
    expectOneLineError(runBin(['lint', 'a.yaml', '--output', '.'], { cwd: d }), /^oke-cni: --output \.: is a directory/);
  });

  it('writes through a temp file and a rename: the old file survives a failed write, no temp file is left', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), FAILING);
    writeFileSync(join(d, 'report.json'), 'old report');
    const ok = runBin(['lint', 'a.yaml', '--format', 'json', '--output', 'report.json'], { cwd: d });
    expect(ok.code).toBe(1);
    expect(JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')).summary.errors).toBe(7);
    expect(readdirSync(d).sort()).toEqual(['a.yaml', 'report.json']);
    // A file-size limit of 1 block makes the write fail half-way (EFBIG).
    const r = spawnSync('sh', ['-c', `ulimit -f 1; "${process.execPath}" "${BIN}" lint a.yaml --format json --output report.json`], { cwd: d, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('oke-cni: --output report.json: cannot write the report (EFBIG); the file was left as it was\n');
    expect(JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')).summary.errors).toBe(7);
    expect(readdirSync(d).sort()).toEqual(['a.yaml', 'report.json']);
  });

  it('a symlinked --output replaces the file it points at and stays a link', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), PASSING);
    writeFileSync(join(d, 'real.txt'), 'old');
    symlinkSync(join(d, 'real.txt'), join(d, 'out.txt'));
    const r = runBin(['lint', 'a.yaml', '--output', 'out.txt'], { cwd: d });
    expect(r.code).toBe(0);
    expect(readFileSync(join(d, 'real.txt'), 'utf8')).toBe('✔ no findings\n');
    expect(execFileSync('readlink', [join(d, 'out.txt')], { encoding: 'utf8' }).trim()).toBe(join(d, 'real.txt'));
  });
});

describe('output faults', () => {
  const sh = (cmd: string) => spawnSync('sh', ['-c', cmd], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  it('stdout on a full device: exit 2, one line on stderr, no stack trace', () => {
    const r = sh(`"${process.execPath}" "${BIN}" plan --shape VM.Standard2.4 --nodes 3 > /dev/full`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('oke-cni: cannot write to standard output (ENOSPC)\n');
  });
  it('stdout and stderr both failing: exit 2, quietly', () => {
    const r = sh(`"${process.execPath}" "${BIN}" plan --shape VM.Standard2.4 --nodes 3 > /dev/full 2>/dev/full`);
    expect(r.status).toBe(2);
  });
  it('stderr failing on an error: still exit 2', () => {
    const r = sh(`"${process.execPath}" "${BIN}" plan --shape nope 2>/dev/full`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('control characters from input are shown escaped', () => {
  it('an ESC sequence in a name reaches neither the table nor GitHub commands raw', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), FAILING.replace('name: general', 'name: "gen\\u001b[31mred\\u0007"'));
    for (const format of ['table', 'github', 'junit', 'sarif']) {
      const r = runBin(['lint', 'a.yaml', '--format', format], { cwd: d, env: { FORCE_COLOR: '0' } });
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stdout).toContain(format === 'sarif' ? 'gen\\\\u001b[31mred\\\\u0007' : 'gen\\u001b[31mred\\u0007');
    }
    // JSON keeps the value itself (JSON escapes it).
    const json = runBin(['lint', 'a.yaml', '--format', 'json'], { cwd: d });
    expect(json.stdout).toContain('gen\\u001b[31mred\\u0007');
    expect(json.stdout).not.toMatch(RAW_CONTROL);
  });

  it('a key holding a newline and an ESC is one escaped stderr line', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), PASSING.replace('vcns:', '"bad\\nkey\\u001b[2J": 1\nvcns:'));
    const r = runBin(['lint', 'a.yaml'], { cwd: d });
    expectOneLineError(r, /^oke-cni: a\.yaml:\d+:\d+: .*bad\\nkey\\u001b\[2J/);
  });

  it('a file name and a flag value holding a newline stay on one line', () => {
    const d = caseDir();
    expectOneLineError(runBin(['lint', 'no\nsuch\u001b.yaml'], { cwd: d }), /^oke-cni: no\\nsuch\\u001b\.yaml: no such file$/);
    expectOneLineError(runBin(['plan', '--shape', 'VM\n\u001b[2J'], { cwd: d }), /^oke-cni: --shape: unknown shape "VM\\n\\u001b\[2J"/);
    expectOneLineError(runBin(['lint', 'x.yaml', '--format', 'ta\nble'], { cwd: d }), /^oke-cni: option .*ta\\nble/);
  });

  it('a file with thousands of problems prints the first ones and a count', () => {
    const d = caseDir();
    const lines = ['vcns:'];
    for (let i = 0; i < 3000; i++) lines.push(`  - name: v${i}\n    cidrBlocks: [10.0.0.1/16]`);
    writeFileSync(join(d, 'many.yaml'), `${lines.join('\n')}\n`);
    const r = runBin(['lint', 'many.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    const out = r.stderr.trimEnd().split('\n');
    expect(out).toHaveLength(MAX_ERROR_LINES + 1);
    expect(out[MAX_ERROR_LINES]).toBe(`oke-cni: ... and ${3000 - MAX_ERROR_LINES} more problems (3000 in all; the first ${MAX_ERROR_LINES} are shown)`);
  });
});
