/**
 * Seeded, bounded fuzzing of the CLI contract (issue 12): mutated input files (configs,
 * Terraform plans, OCI CLI JSON, catalogs) and generated command lines, each checked for
 *   - an exit code in {0, 1, 2};
 *   - on 2, nothing on stdout and every stderr line starting with `oke-cni: ` (or, with no
 *     command at all, the usage text on stderr);
 *   - no stack trace and no internal error;
 *   - no raw control character on either stream;
 *   - no file changed except the `--output`.
 * Most cases run in-process through the CLI's `main(argv, io)` (the same code the bin runs,
 * without a process start each); a smaller sample runs the built bin, stdin included.
 * The seed is fixed (OKE_CNI_FUZZ_SEED overrides it); a failure names the seed and the case.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { BIN, ROOT } from '../helpers/run-bin.js';

const SEED = Number(process.env.OKE_CNI_FUZZ_SEED ?? 20261201);
export const FILE_CASES = 300;
export const ARGV_CASES = 200;
export const BIN_CASES = 16;

/** mulberry32: a small, fast, seedable PRNG (the cases must be the same on every run). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEEDS: Array<{ name: string; text: string }> = [
  'examples/passing.yaml',
  'examples/failing.yaml',
  'examples/multi-cluster-shared-subnet.yaml',
  'examples/terraform-plan.json',
  'examples/oci-cli/cluster.json',
  'examples/oci-cli/node-pools.json',
  'examples/oci-cli/subnets.json',
  'examples/oci-cli/vcns.json',
  'test/fixtures/config-mixed/network.json',
].map((p) => ({ name: p.split('/').pop() as string, text: readFileSync(join(ROOT, p), 'utf8') }));
const CATALOG = readFileSync(join(ROOT, 'src/catalog/shapes.json'), 'utf8');

/** Pieces a hostile or unlucky file holds. */
const NASTY = [
  '\u001b[31m', '\u001b[2J', '\u0000', '\r', '\n', '\r\n', '\t', '\u0007', '\u007f', '\u0085', '\u2028', '\u202e', '\ufeff',
  '"', "'", '\\', '{', '}', '[', ']', ':', ',', '- ', '&a ', '*a', '<<: ', '!!binary ', '? ', '|', '>',
  '__proto__', 'constructor', '1e309', '-1', '0x10', '99999999999999999999', '0.5', 'NaN', 'null', 'true', '~',
  '10.0.0.1/33', '0.0.0.0/0', 'ocid1.subnet.oc1..x', '%', '::error::', 'é', '😀',
];

function mutate(text: string, r: Rand): Buffer {
  let s = text;
  const steps = 1 + r.int(4);
  for (let k = 0; k < steps; k++) {
    const at = r.int(s.length + 1);
    switch (r.int(9)) {
      case 0: // insert a nasty piece
        s = s.slice(0, at) + r.pick(NASTY) + s.slice(at);
        break;
      case 1: // delete a range
        s = s.slice(0, at) + s.slice(at + r.int(40));
        break;
      case 2: // duplicate a range
        s = s.slice(0, at) + s.slice(at, at + r.int(200)) + s.slice(at);
        break;
      case 3: // truncate
        s = s.slice(0, at);
        break;
      case 4: // deep nesting
        s = `${s.slice(0, at)}${'['.repeat(200 + r.int(3000))}${s.slice(at)}`;
        break;
      case 5: // swap a number for another
        s = s.replace(/\d+/, r.pick(['0', '-3', '1e400', '4294967296', '2.5', '007', '99999999999999999999']));
        break;
      case 6: // rename a key
        s = s.replace(/"?[a-zA-Z]+"?:/, r.pick(['nam:', '"__proto__":', '"\\u001b":', 'maxPodsPerNode:', 'cidrBlock:', '"":']));
        break;
      case 7: // a BOM or a byte order mark in the middle
        s = r.chance(0.5) ? `\ufeff${s}` : s.slice(0, at) + '\ufeff' + s.slice(at);
        break;
      default: // replace a line
        s = s.replace(/\n[^\n]*\n/, `\n${r.pick(NASTY)}${r.pick(NASTY)}\n`);
    }
  }
  const bytes = Buffer.from(s, 'utf8');
  // Sometimes a byte that is not UTF-8.
  if (r.chance(0.08) && bytes.length > 0) bytes[r.int(bytes.length)] = r.pick([0xff, 0xc3, 0x80, 0xfe]);
  return bytes;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Every part of the contract; returns what broke, or undefined. */
function breach(o: Outcome): string | undefined {
  if (o.code !== 0 && o.code !== 1 && o.code !== 2) return `exit code ${o.code}`;
  if (o.code === 2 && o.stdout !== '') return 'exit 2 with output on stdout';
  // No command: the help, on stderr (a usage error, exit 2).
  const usage = o.code === 2 && o.stderr.startsWith('Usage: oke-cni [options] [command]\n');
  if (o.code === 2 && !usage) {
    const bad = o.stderr.split('\n').filter((l) => l !== '').find((l) => !l.startsWith('oke-cni: '));
    if (bad !== undefined) return `stderr line without the oke-cni: prefix: ${JSON.stringify(bad.slice(0, 200))}`;
    if (o.stderr === '') return 'exit 2 without a word on stderr';
  }
  if (/internal error/.test(o.stderr)) return `internal error: ${JSON.stringify(o.stderr.slice(0, 300))}`;
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(`${o.stderr}\n`)) return 'stack trace on stderr';
  if (RAW_CONTROL.test(o.stdout)) return 'raw control character on stdout';
  if (RAW_CONTROL.test(o.stderr)) return 'raw control character on stderr';
  return undefined;
}

/** Name -> content hash of every file under `root`. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.set(p, createHash('sha1').update(readFileSync(p)).digest('hex'));
      else out.set(p, 'special');
    }
  };
  walk(root);
  return out;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

async function runInProcess(argv: string[], home: string, columns?: string): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'oke-cni', ...argv], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { HOME: home, PATH: process.env.PATH, ...(columns === undefined ? {} : { COLUMNS: columns }) },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const FORMATS = ['table', 'json', 'sarif', 'github', 'junit', 'markdown', 'gitlab'];
const BAD_FORMATS = ['xml', '', 'TABLE', 'json\n'];
/** Mostly a value the flag takes (so the run goes on to the inputs), sometimes one it refuses. */
const mostly = (r: Rand, good: readonly string[], bad: readonly string[]): string => (r.chance(0.85) ? r.pick(good) : r.pick(bad));

/** A workspace per case: the inputs, the special files, an --output target. */
function workspace(i: number): string {
  const d = join(dir, `c${i}`);
  mkdirSync(d);
  return d;
}

const specials = join(dir, 'specials');
mkdirSync(specials);
execFileSync('mkfifo', [join(specials, 'fifo')]);
mkdirSync(join(specials, 'a-dir'));

interface Case {
  argv: string[];
  ws: string;
  output?: string;
  describe: string;
  /** COLUMNS for the run (table layout). */
  columns?: string | undefined;
}

function fileCase(i: number, r: Rand): Case {
  const ws = workspace(i);
  const files: string[] = [];
  for (let k = 0, n = r.chance(0.6) ? 1 : 2 + r.int(2); k < n; k++) {
    const seed = r.pick(SEEDS);
    const path = join(ws, `${k}-${seed.name}`);
    // Some files are left whole, so findings (exit 1) and clean runs (exit 0) are fuzzed too.
    writeFileSync(path, r.chance(0.7) ? mutate(seed.text, r) : seed.text);
    files.push(path);
  }
  const argv = ['lint', ...files];
  if (r.chance(0.7)) argv.push('--format', mostly(r, FORMATS, BAD_FORMATS));
  if (r.chance(0.25)) {
    const catalog = join(ws, 'catalog.json');
    writeFileSync(catalog, r.chance(0.7) ? mutate(CATALOG, r) : CATALOG);
    argv.push('--catalog', catalog);
  }
  let output: string | undefined;
  if (r.chance(0.3)) {
    // Sometimes the output names an input: that must be refused, the input untouched.
    output = r.chance(0.3) ? (files[0] as string) : join(ws, 'report.out');
    argv.push('--output', output);
  }
  if (r.chance(0.2)) argv.push('--fail-on', mostly(r, ['error', 'warning', 'note', 'never'], ['fatal', '']));
  if (r.chance(0.15)) argv.push('--headroom', mostly(r, ['80', '50', '100', '1'], ['0', '101', '1e1', '50.5', '\u001b']));
  if (r.chance(0.15)) argv.push('--disable', mostly(r, ['pod-subnet-capacity', 'max-pods-shape,subnet-overlap'], ['nope', 'max-pods-shape,\n']));
  return { argv, ws, output, describe: `file case ${i}`, columns: r.pick(COLUMNS) };
}

const VALUES = [
  '', ' ', '0', '1', '4', '8', '64', '110', '111', '-1', '+3', '0x10', '1e1', '1.5', '1.0001', '0.0001', '4294968', '2147484',
  '99999999999999999999', 'NaN', 'Infinity', 'abc', '\u001b[31mred', 'a\nb', '\r', '\u0000', '😀', 'é', '--', '-x',
  '10.0.64.0/18', '10.0.64.1/18', '10.0.0.0/8', '10.0.0.0/31', '::1/64', 'VM.Standard.E4.Flex', 'VM.Standard2.4', 'vm.standard2.1',
  'VM.Standard.E4.Flx', 'BM.Standard.E4.128', 'ocid1.cluster.oc1.iad.aaaa', 'ocid1.compartment.oc1..aaaa', 'http://127.0.0.1:9',
  'ftp://x', 'x'.repeat(5000),
  // --surge percentages, shape filters that need a suggestion, a 1-VNIC shape
  '25%', '0%', '100%', '101%', '%', '1.5%', 'Standrd', 'E4.Flx', 'VM.Standard.E2.1.Micro',
];
/** Terminal widths the tables lay out for (COLUMNS), sane and not. */
const COLUMNS = [undefined, '20', '80', '100', '300', '0', 'abc', '99999'];
const FLAGS: Record<string, string[]> = {
  plan: ['--shape', '--ocpus', '--max-pods', '--nodes', '--max-nodes', '--surge', '--pod-subnet', '--same-subnet', '--catalog', '--json', '--format', '--secondary-vnics', '--compare'],
  shapes: ['--catalog', '--json', '--live', '--compartment', '--write', '--format'],
  lint: ['--format', '--output', '--fail-on', '--disable', '--headroom', '--catalog', '--strict', '--live', '--timeout'],
  rules: ['--json', '--format'],
  check: ['--cluster', '--format', '--timeout', '--endpoint', '--region', '--profile', '--auth', '--config-file', '--output'],
};
const BOOLEAN = new Set(['--same-subnet', '--json', '--live', '--strict', '--compare']);

function argvCase(i: number, r: Rand): Case {
  const ws = workspace(i);
  const commands = [...Object.keys(FLAGS), 'bogus', '--help', '--version', ''];
  const command = r.pick(commands);
  const argv = command === '' ? [] : [command];
  const flags = FLAGS[command] ?? Object.values(FLAGS).flat();
  const special = [join(specials, 'fifo'), join(specials, 'a-dir'), '/dev/null', join(ws, 'missing.yaml'), join(ws, 'new\nline.yaml')];
  if (command === 'lint') argv.push(r.pick([...special, join(ROOT, 'examples/passing.yaml'), join(ROOT, 'examples/failing.yaml')]));
  if (command === 'shapes' && r.chance(0.5)) argv.push(r.pick(VALUES));
  let output: string | undefined;
  for (let k = 0, n = r.int(6); k < n; k++) {
    const flag = r.chance(0.9) ? r.pick(flags) : r.pick(['--nope', '-z', '--no-color', '--verbose']);
    argv.push(flag);
    if (BOOLEAN.has(flag) || flag === '--no-color' || flag === '--verbose') continue;
    if (flag === '--output' || flag === '--write') {
      output = join(ws, 'out.txt');
      argv.push(output);
    } else if (flag === '--catalog' || flag === '--config-file') argv.push(r.pick([...special, join(ROOT, 'src/catalog/shapes.json')]));
    else argv.push(r.pick(VALUES));
  }
  return { argv, ws, output, describe: `command-line case ${i}`, columns: r.pick(COLUMNS) };
}

function report(c: Case, o: Outcome, problem: string): string {
  return `seed ${SEED}, ${c.describe}: ${problem}\n  argv: ${JSON.stringify(c.argv)}${c.columns === undefined ? '' : ` COLUMNS=${c.columns}`}\n  exit ${o.code}\n  stdout: ${JSON.stringify(o.stdout.slice(0, 400))}\n  stderr: ${JSON.stringify(o.stderr.slice(0, 400))}`;
}

function checkCase(c: Case, o: Outcome, before: Map<string, string>): string[] {
  const problems: string[] = [];
  const broken = breach(o);
  if (broken) problems.push(report(c, o, broken));
  const changed = changedFiles(before, snapshot(c.ws)).filter((f) => f !== c.output);
  const changedElsewhere = changedFiles(SPECIALS_BEFORE, snapshot(specials));
  if (changed.length || changedElsewhere.length) problems.push(report(c, o, `files changed: ${[...changed, ...changedElsewhere].join(', ')}`));
  // An --output that names an input is refused: the input keeps its content.
  if (c.output !== undefined && before.has(c.output) && o.code !== 2 && c.argv.slice(1).filter((a) => a === c.output).length > 1) {
    problems.push(report(c, o, 'an --output naming an input was accepted'));
  }
  return problems;
}

const SPECIALS_BEFORE = snapshot(specials);
const home = join(dir, 'home');
mkdirSync(home);

describe('fuzz: the CLI contract holds for mutated inputs and command lines', () => {
  it(`${FILE_CASES} mutated input files and ${ARGV_CASES} command lines, in-process (seed ${SEED})`, async () => {
    const r = new Rand(prng(SEED));
    const problems: string[] = [];
    const cases = [...Array.from({ length: FILE_CASES }, (_, i) => fileCase(i, r)), ...Array.from({ length: ARGV_CASES }, (_, i) => argvCase(FILE_CASES + i, r))];
    let exits = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
    for (const c of cases) {
      const before = snapshot(c.ws);
      const o = await runInProcess(c.argv, home, c.columns);
      exits = { ...exits, [o.code ?? -1]: (exits[o.code ?? -1] ?? 0) + 1 };
      problems.push(...checkCase(c, o, before));
    }
    process.stderr.write(`fuzz: ${cases.length} in-process cases, exits ${JSON.stringify(exits)}\n`);
    expect(problems.slice(0, 5).join('\n\n')).toBe('');
    // The cases reach every outcome: a fuzzer that only ever gets exit 2 checks little.
    expect(exits[0]).toBeGreaterThan(20);
    expect(exits[1]).toBeGreaterThan(4);
    expect(exits[2]).toBeGreaterThan(200);
  }, 120_000);

  it(`${BIN_CASES} cases through the built bin, standard input included (seed ${SEED})`, async () => {
    const r = new Rand(prng(SEED + 1));
    const problems: string[] = [];
    const cases: Array<Case & { input?: Buffer }> = [];
    for (let i = 0; i < BIN_CASES; i++) {
      const index = FILE_CASES + ARGV_CASES + i;
      if (i % 2 === 0) {
        const seed = r.pick(SEEDS);
        cases.push({ argv: ['lint', '-', '--format', r.pick(FORMATS)], ws: workspace(index), describe: `bin stdin case ${i}`, input: mutate(seed.text, r) });
      } else cases.push(i % 4 === 1 ? fileCase(index, r) : argvCase(index, r));
    }
    const runOne = async (c: Case & { input?: Buffer }): Promise<void> => {
      const before = snapshot(c.ws);
      const o = await runBinAsync(c.argv, c.input ?? Buffer.alloc(0));
      problems.push(...checkCase(c, o, before));
    };
    // Four at a time: the machine is shared.
    for (let k = 0; k < cases.length; k += 4) await Promise.all(cases.slice(k, k + 4).map(runOne));
    expect(problems.slice(0, 5).join('\n\n')).toBe('');
  }, 120_000);
});

function runBinAsync(argv: string[], input: Buffer): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: home } });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}
