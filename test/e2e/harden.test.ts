/**
 * The hardening contract through the built bin (issue 12): nothing a file, a flag or a terminal
 * holds can overwrite data, write to the screen raw, or split one problem over two lines.
 * Every case runs in its own temp dir.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, read, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ERROR_LINES } from '../../src/cli/program.js';
import { generateConfig } from '../../scripts/gen-config.mjs';
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
  // stdout that is a file, pipe or socket is written with fs.writeSync (src/cli/run.ts): the same
  // bytes as through process.stdout, and the same faults.
  it('stdout to a file, a shell pipe and a socket: the same bytes (the rules in markdown)', () => {
    const viaSocket = runBin(['rules', '--format', 'markdown']);
    expect(viaSocket.code).toBe(0);
    expect(viaSocket.stdout.startsWith('# oke-cni rules\n')).toBe(true);
    const d = caseDir();
    const file = join(d, 'rules.md');
    const r = sh(`"${process.execPath}" "${BIN}" rules --format markdown > "${file}" && "${process.execPath}" "${BIN}" rules --format markdown | cat > "${file}.piped"`);
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(viaSocket.stdout);
    expect(readFileSync(`${file}.piped`, 'utf8')).toBe(viaSocket.stdout);
  });
  it('a reader that stops early (| head -c 10): exit 0, nothing on stderr', () => {
    const s = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" rules --format markdown | head -c 10; echo " exit \${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8' });
    expect([s.stdout, s.stderr]).toEqual(['# oke-cni  exit 0\n', '']);
  });
  it('a non-blocking pipe that fills up (EAGAIN): the rest goes through process.stdout, every byte in order', async () => {
    const d = caseDir();
    // 1,000 pools: ~110 KB of JSON, more than a pipe's 64 KiB buffer.
    writeFileSync(join(d, 'big.yaml'), generateConfig({ pools: 1000, subnets: 500 }));
    const args = ['lint', 'big.yaml', '--format', 'json'];
    const expected = runBin(args, { cwd: d });
    expect(Buffer.byteLength(expected.stdout)).toBeGreaterThan(65536);
    const fifo = join(d, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    // The reading end read/write, so opening it never waits for a writer; the writing end
    // non-blocking. It is fd 3 of sh, made stdout by exec 1>&3: libuv resets only fds 0-2 of the
    // processes it spawns to blocking, and sh keeps the open file description as it is.
    const rfd = openSync(fifo, constants.O_RDWR);
    const wfd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    try {
      const child = spawn('sh', ['-c', 'exec "$0" "$@" 1>&3 3>&-', process.execPath, BIN, ...args], { cwd: d, stdio: ['ignore', 'ignore', 'pipe', wfd] });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
      const exited = new Promise<number | null>((r) => child.on('close', r));
      // Read only once the child has filled the pipe's 64 KiB (its written bytes, /proc/PID/io
      // wchar), so its next write meets EAGAIN.
      const written = (): number => {
        try {
          return Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))?.[1] ?? 0);
        } catch {
          return Infinity; // gone: what it wrote is in the pipe
        }
      };
      while (written() < 65536) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      const chunks: Buffer[] = [];
      let got = 0;
      const want = Buffer.byteLength(expected.stdout);
      while (got < want) {
        const buf = Buffer.alloc(65536);
        const n = await new Promise<number>((res, rej) => read(rfd, buf, 0, buf.length, null, (err, bytes) => (err ? rej(err) : res(bytes))));
        chunks.push(buf.subarray(0, n));
        got += n;
      }
      expect([await exited, stderr]).toEqual([expected.code, '']);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(expected.stdout);
    } finally {
      closeSync(wfd);
      closeSync(rfd);
    }
  }, 30000);
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

describe('every input is read under a size bound, stdin included', () => {
  it('--catalog /dev/zero stops at the input limit', () => {
    expectOneLineError(runBin(['plan', '--shape', 'VM.Standard2.4', '--catalog', '/dev/zero']), /^oke-cni: --catalog \/dev\/zero: larger than the 10 MiB input limit$/);
  });

  it('lint - reads standard input as a file named -, and /dev/stdin is the same file', () => {
    const d = caseDir();
    expect(runBin(['lint', '-'], { cwd: d, input: PASSING })).toEqual({ code: 0, stdout: '✔ no findings\n', stderr: '' });
    const r = runBin(['lint', '-', '--format', 'json'], { cwd: d, input: FAILING });
    expect(r.code).toBe(1);
    // examples/failing.yaml: 7 errors and the security rules note.
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(Array(8).fill('-'));
    // Given twice under its two names, standard input is read once.
    expect(runBin(['lint', '-', '/dev/stdin'], { cwd: d, input: PASSING }).code).toBe(0);
    expectOneLineError(runBin(['lint', '-'], { cwd: d, input: 'vcns: [\n' }), /^oke-cni: -:\d+:\d+: invalid YAML/);
  });

  it('a Terraform plan piped in is read like the file (terraform show -json plan.out | oke-cni lint -)', () => {
    const plan = readFileSync(join(ROOT, 'examples/terraform-plan.json'), 'utf8');
    const fromFile = runBin(['lint', 'examples/terraform-plan.json', '--format', 'json']);
    const fromPipe = runBin(['lint', '-', '--format', 'json'], { input: plan });
    expect(fromPipe.code).toBe(fromFile.code);
    expect(JSON.parse(fromPipe.stdout).summary).toEqual(JSON.parse(fromFile.stdout).summary);
  });

  it('standard input larger than the limit is refused after reading the limit', () => {
    const r = spawnSync('sh', ['-c', `head -c 12000000 /dev/zero | "${process.execPath}" "${BIN}" lint -`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('oke-cni: -: larger than the 10 MiB input limit\n');
  });

  it('a pipe without a writer is empty, not a hang; a process substitution is read', () => {
    const d = caseDir();
    execFileSync('mkfifo', [join(d, 'fifo')]);
    expectOneLineError(runBin(['lint', 'fifo'], { cwd: d }), /^oke-cni: fifo: file is empty$/);
    writeFileSync(join(d, 'a.yaml'), PASSING);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint <(cat a.yaml)`], { cwd: d, encoding: 'utf8' });
    expect(r.status).toBe(0);
  });

  it('one file under two spellings is read once', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), PASSING);
    symlinkSync('a.yaml', join(d, 'b.yaml'));
    expect(runBin(['lint', 'a.yaml', './a.yaml', 'b.yaml', join(d, 'a.yaml')], { cwd: d })).toEqual({ code: 0, stdout: '✔ no findings\n', stderr: '' });
  });
});

describe('encodings', () => {
  const BOM = '\ufeff';
  it('a UTF-8 byte-order mark is accepted in configs (YAML, JSON), Terraform plans, OCI CLI JSON and catalogs', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), BOM + FAILING);
    writeFileSync(join(d, 'plan.json'), BOM + readFileSync(join(ROOT, 'examples/terraform-plan.json'), 'utf8'));
    writeFileSync(join(d, 'cluster.json'), BOM + readFileSync(join(ROOT, 'examples/oci-cli/cluster.json'), 'utf8'));
    writeFileSync(join(d, 'shapes.json'), BOM + readFileSync(join(ROOT, 'src/catalog/shapes.json'), 'utf8'));
    // Positions count from after the mark, as editors show them.
    const r = runBin(['lint', 'a.yaml', '--format', 'json'], { cwd: d });
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ ruleId: 'pod-subnet-private', line: 18, column: 5 });
    expect(runBin(['lint', 'plan.json'], { cwd: d }).code).not.toBe(2);
    expect(runBin(['lint', 'cluster.json', '--format', 'json'], { cwd: d }).stderr).not.toMatch(/Unexpected|invalid JSON|BOM/);
    expect(runBin(['shapes', 'E4', '--catalog', 'shapes.json', '--json'], { cwd: d }).code).toBe(0);
  });

  it('invalid UTF-8 is "not UTF-8 at byte offset N" in a config and a catalog', () => {
    const d = caseDir();
    writeFileSync(join(d, 'a.yaml'), Buffer.concat([Buffer.from('vcns:\n  - name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    writeFileSync(join(d, 'shapes.json'), Buffer.concat([Buffer.from('{"source": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    expectOneLineError(runBin(['lint', 'a.yaml'], { cwd: d }), /^oke-cni: a\.yaml: not UTF-8 at byte offset 19; expected YAML or JSON text in UTF-8$/);
    expectOneLineError(runBin(['shapes', '--catalog', 'shapes.json'], { cwd: d }), /^oke-cni: --catalog shapes\.json: not UTF-8 at byte offset 12; expected JSON text in UTF-8$/);
  });
});

describe('deep nesting', () => {
  it('YAML and JSON thousands of levels deep: "nested too deeply (limit N levels)" at line:col', () => {
    const d = caseDir();
    writeFileSync(join(d, 'flow.yaml'), `vcns: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    writeFileSync(join(d, 'block.yaml'), `vcns:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n')}\n`);
    writeFileSync(join(d, 'deep.json'), `{"vcns": ${'['.repeat(20000)}${']'.repeat(20000)}}`);
    // The 257th "[" (the first is at column 7) is one level past the limit: column 263.
    expectOneLineError(runBin(['lint', 'flow.yaml'], { cwd: d }), /^oke-cni: flow\.yaml:1:263: nested too deeply \(limit 256 levels\)$/);
    expectOneLineError(runBin(['lint', 'block.yaml'], { cwd: d }), /^oke-cni: block\.yaml:\d+:\d+: nested too deeply \(limit 256 levels\)$/);
    expectOneLineError(runBin(['lint', 'deep.json'], { cwd: d }), /^oke-cni: deep\.json:1:521: invalid JSON: nested too deeply \(limit 512 levels\)$/);
  });
});

describe('one number grammar for every number flag', () => {
  const PLAN = ['plan', '--shape', 'VM.Standard.E4.Flex', '--nodes', '3'];
  it.each([
    [['--ocpus', '0x10'], '--ocpus <n>', '0x10', 'expected a number above 0, at most 100000 in plain decimal digits, got "0x10"'],
    [['--ocpus', '1e1'], '--ocpus <n>', '1e1', 'expected a number above 0, at most 100000 in plain decimal digits, got "1e1"'],
    [['--ocpus', ' 4'], '--ocpus <n>', ' 4', 'expected a number above 0, at most 100000 in plain decimal digits, got " 4"'],
    [['--ocpus', '0'], '--ocpus <n>', '0', 'expected a number above 0, at most 100000, got 0'],
    [['--ocpus', '4', '--max-pods', '1e2'], '--max-pods <n>', '1e2', 'expected a whole number from 1 to 65533, got "1e2"'],
    [['--ocpus', '4', '--surge', '+1'], '--surge <n>', '+1', 'expected a node count from 0 to 65533 or a percentage from 0% to 100% such as 25%, got "+1"'],
    [['--ocpus', '4', '--max-nodes', '99999999999999999999'], '--max-nodes <n>', '99999999999999999999', `expected a whole number from 1 to 65533, got 99999999999999999999`],
  ])('plan %j is exit 2 naming the flag and the value as typed', (extra, flag, value, reason) => {
    const r = runBin([...PLAN, ...extra]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `oke-cni: option '${flag}' argument '${value}' is invalid. ${reason}\n` });
  });

  it.each(['1e9', '1.0001x', '0.0001', '0', '4294968', '2147484', '601', '-1'])('--timeout %s is exit 2 naming the flag, before any request', (value) => {
    const r = runBin(['check', '--cluster', 'ocid1.cluster.oc1.phx.aaaa', '--endpoint', 'http://127.0.0.1:9', '--timeout', value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^oke-cni: option '--timeout <seconds>' argument '.*' is invalid\. expected a number from 1 to 600/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('OCI credential files are read under a bound too', () => {
  it('--config-file /dev/zero and key_file=/dev/zero stop at 1 MiB, before any request', () => {
    const d = caseDir();
    writeFileSync(join(d, 'config'), '[DEFAULT]\nuser=ocid1.user.oc1..u\nfingerprint=aa:bb\ntenancy=ocid1.tenancy.oc1..t\nregion=us-ashburn-1\nkey_file=/dev/zero\n');
    const base = ['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaa', '--endpoint', 'http://127.0.0.1:9'];
    expectOneLineError(runBin([...base, '--config-file', '/dev/zero'], { cwd: d }), /^oke-cni: \/dev\/zero: cannot read the OCI config file \(larger than the 1 MiB input limit\)$/);
    expectOneLineError(runBin([...base, '--config-file', 'config'], { cwd: d }), /^oke-cni: config \[DEFAULT\]: cannot read key_file \/dev\/zero: larger than the 1 MiB input limit$/);
  });
});

describe('an OCI config file saved with a byte-order mark', () => {
  it('still has its [DEFAULT] profile', () => {
    const d = caseDir();
    writeFileSync(join(d, 'config'), '\ufeff[DEFAULT]\nuser=ocid1.user.oc1..u\nfingerprint=aa:bb\ntenancy=ocid1.tenancy.oc1..t\nregion=us-ashburn-1\nkey_file=missing.pem\n');
    const r = runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaa', '--endpoint', 'http://127.0.0.1:9', '--config-file', 'config'], { cwd: d });
    // The profile is found: the next problem is its key file.
    expectOneLineError(r, /^oke-cni: config \[DEFAULT\]: cannot read key_file missing\.pem \(relative to the working directory\): no such file$/);
  });
});
