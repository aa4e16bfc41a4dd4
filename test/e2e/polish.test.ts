/**
 * The rough edges a new user met (issue 11, "Why"), each run through the built bin with its exact
 * output and exit code, so none comes back.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBin } from '../helpers/run-bin.js';

const E4 = ['plan', '--shape', 'VM.Standard.E4.Flex'];
const verdict = (stdout: string): string => stdout.slice(stdout.indexOf('✖'));
const tmp = () => mkdtempSync(join(tmpdir(), 'oke-cni-polish-'));
/** A config with one VCN-native cluster whose one node pool is `pool` (a YAML flow mapping). */
const configWithPool = (pool: string): string =>
  [
    'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]',
    'subnets:',
    '  - {name: workers, vcn: v, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}',
    '  - {name: pods, vcn: v, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}',
    'clusters:',
    '  - name: prod',
    '    vcn: v',
    '    kubernetesVersion: v1.30.1',
    '    nodePools:',
    `      - ${pool}`,
    '',
  ].join('\n');

describe('plan wording', () => {
  it('a subnet that holds no more than the surge nodes does not suggest "at most 0 nodes"', () => {
    const r = runBin(['plan', '--shape', 'VM.Standard2.4', '--nodes', '10', '--pod-subnet', '10.0.0.0/28']);
    expect(r.code).toBe(1);
    expect(verdict(r.stdout)).toBe('✖ 10.0.0.0/28 has 13 usable addresses; 11 nodes x 96 need 1056\n  fix: use a /21 or larger pod subnet, or lower --max-pods\n');
  });

  it('singular counts: 1 OCPU, 1 usable address, 1 node', () => {
    const r = runBin([...E4, '--ocpus', '1', '--nodes', '1', '--surge', '0', '--pod-subnet', '10.0.64.0/30']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('VM.Standard.E4.Flex with 1 OCPU: 2 VNICs (1 VNIC per OCPU, min 2, max 24, at 1 OCPU)');
    expect(verdict(r.stdout)).toBe('✖ 10.0.64.0/30 has 1 usable address; 1 node x 32 need 32\n  fix: use a /26 or larger pod subnet, or lower --max-pods\n');
    const fits = runBin([...E4, '--ocpus', '1', '--nodes', '1', '--surge', '0', '--pod-subnet', '10.0.64.0/26']);
    expect(fits.stdout).toContain('✔ fits: 10.0.64.0/26 holds the 1 planned node (room for 1)\n');
    const shapeLimit = runBin([...E4, '--ocpus', '1', '--max-pods', '64', '--nodes', '10']);
    expect(verdict(shapeLimit.stdout)).toBe(
      '✖ --max-pods 64 needs 4 VNICs, but VM.Standard.E4.Flex at 1 OCPU has 2 (max 31 pods per node)\n  fix: use --ocpus 4 or more (4 VNICs), or lower --max-pods to 31\n',
    );
  });

  it('"room for" beside the verdict, not "holds at once" against "holds 21 nodes"', () => {
    const r = runBin([...E4, '--ocpus', '8', '--nodes', '20', '--pod-subnet', '10.0.64.0/18']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('holds at once');
    expect(r.stdout).toContain('  room for nodes           143   16381 / 114 addresses per node, surge nodes included\n');
    expect(r.stdout).toContain('✔ fits: 10.0.64.0/18 holds the 21 planned nodes (room for 143)\n');
  });

  it('the values of every section share one column', () => {
    const r = runBin([...E4, '--ocpus', '8', '--nodes', '20', '--pod-subnet', '10.0.64.0/18']);
    // Where each row's value ends: the same for Per node, Pool and Pod subnet.
    const ends = r.stdout
      .split('\n')
      .filter((l) => /^  [A-Za-z].*\S   \S/.test(l) && !l.includes('['))
      .map((l) => /^  .+?\s{3,}(\S+)   /.exec(l))
      .map((m) => (m ? (m.index ?? 0) + m[0].length - 3 : -1));
    expect(ends.length).toBe(12);
    expect(new Set(ends)).toEqual(new Set([ends[0]]));
  });

  it('a 1-VNIC shape prints no subnet sizes: VCN-native pods cannot run there', () => {
    const r = runBin(['plan', '--shape', 'VM.Standard.E2.1.Micro', '--nodes', '3', '--pod-subnet', '10.0.0.0/24']);
    expect(r).toEqual({
      code: 1,
      stderr: '',
      stdout:
        'VM.Standard.E2.1.Micro: 1 VNIC (fixed shape)\n\n' +
        '✖ VM.Standard.E2.1.Micro has 1 VNIC: VCN-native pod networking cannot run pods on it (it needs at least 2: one for the worker subnet, one or more for pods)\n' +
        '  fix: choose a shape with 2 or more VNICs (`oke-cni shapes` lists them)\n',
    });
    const json = JSON.parse(runBin(['plan', '--shape', 'VM.Standard.E2.1.Micro', '--nodes', '3', '--pod-subnet', '10.0.0.0/24', '--json']).stdout);
    expect([json.required, json.smallestPrefix, json.subnet.required, json.subnet.fits, json.subnet.maxNodes]).toEqual([null, null, null, null, 0]);
  });
});

describe('plan --surge', () => {
  it('takes a percentage of the largest pool size, rounded up, as OKE accepts', () => {
    const r = runBin([...E4, '--ocpus', '8', '--nodes', '10', '--max-nodes', '22', '--surge', '25%', '--pod-subnet', '10.0.64.0/18']);
    expect(r.code).toBe(0);
    // 25% of 22 = 5.5 -> 6 surge nodes
    expect(r.stdout).toContain('  nodes planned for         28   largest pool size + 6 surge (25% of 22, rounded up)\n');
    const j = JSON.parse(runBin([...E4, '--ocpus', '8', '--nodes', '10', '--max-nodes', '22', '--surge', '25%', '--json']).stdout);
    expect([j.nodes, j.surge, j.surgePercent, j.required]).toEqual([28, 6, 25, 28 * 114]);
    expect(JSON.parse(runBin([...E4, '--ocpus', '8', '--nodes', '10', '--surge', '0%', '--json']).stdout).nodes).toBe(10);
  });

  it.each([
    ['101%', 'expected a percentage from 0% to 100%, got 101%'],
    ['25 %', 'expected a node count from 0 to 65533 or a percentage from 0% to 100% such as 25%, got "25 %"'],
    ['1.5%', 'expected a node count from 0 to 65533 or a percentage from 0% to 100% such as 25%, got "1.5%"'],
    ['65534', 'expected a whole number from 0 to 65533, got 65534'],
  ])('--surge %s is refused naming the range', (value, reason) => {
    expect(runBin([...E4, '--ocpus', '8', '--nodes', '3', '--surge', value])).toEqual({
      code: 2,
      stdout: '',
      stderr: `oke-cni: option '--surge <n>' argument '${value}' is invalid. ${reason}\n`,
    });
  });
});

describe('number flags name their range and never a number the user did not type', () => {
  it.each([
    ['--nodes', '99999999999999999999', 'expected a whole number from 1 to 65533, got 99999999999999999999'],
    ['--max-nodes', '65534', 'expected a whole number from 1 to 65533, got 65534'],
    ['--max-pods', '99999999999999999999', 'expected a whole number from 1 to 65533, got 99999999999999999999'],
    ['--ocpus', '99999999999999999999', 'expected a number above 0, at most 100000, got 99999999999999999999'],
  ])('plan %s %s', (flag, value, reason) => {
    expect(runBin([...E4, '--ocpus', '8', flag, value])).toEqual({ code: 2, stdout: '', stderr: `oke-cni: option '${flag} <n>' argument '${value}' is invalid. ${reason}\n` });
  });

  it('check --timeout 1e9 and updates --timeout 1e9 are range errors, not internal ones', () => {
    expect(runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaa', '--timeout', '1e9']).stderr).toBe(
      "oke-cni: option '--timeout <seconds>' argument '1e9' is invalid. expected a number from 1 to 600 in plain decimal digits, got \"1e9\"\n",
    );
    expect(runBin(['updates', '--timeout', '100000000'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "oke-cni: option '--timeout <seconds>' argument '100000000' is invalid. expected a number above 0, at most 600, got 100000000\n",
    });
  });
});

describe('shapes', () => {
  it.each([
    ['Standrd', 'did you mean "Standard" (40 shapes), "Standard1" (6 shapes), "Standard2" (7 shapes)?'],
    ['E4.Flx', 'did you mean "E4.Flex" (2 shapes), "A4.Flex" (1 shape), "E3.Flex" (1 shape)?'],
  ])('a filter matching nothing suggests filters that do: %s', (filter, tail) => {
    expect(runBin(['shapes', filter])).toEqual({ code: 2, stdout: '', stderr: `oke-cni: shapes: no shape matches "${filter}" (not in the embedded catalog); ${tail}\n` });
  });

  it('the table has a header rule like every other table', () => {
    const lines = runBin(['shapes', 'VM.Standard2.1']).stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '┌─────────────────┬───────┬───────┬───────────────┬───────────────┬────────────────────┐',
      '│ shape           │ OCPUs │ VNICs │ max pods/node │ 110 pods from │ with VNIC profiles │',
      '├─────────────────┼───────┼───────┼───────────────┼───────────────┼────────────────────┤',
    ]);
  });
});

describe('tables use the terminal width and never break a name', () => {
  it('COLUMNS widens and narrows the rules table; an id never wraps', () => {
    const widest = (columns: string): number => {
      const lines = runBin(['rules'], { env: { COLUMNS: columns } }).stdout.trimEnd().split('\n');
      expect(lines.some((l) => l.startsWith('│ pod-subnet-security-rules │'))).toBe(true);
      return Math.max(...lines.map((l) => l.length));
    };
    expect(widest('100')).toBe(100);
    expect(widest('160')).toBe(160);
    // 60 columns cannot hold an id, a severity and the longest word: the table stays as narrow as that allows.
    expect(widest('60')).toBeLessThan(80);
  });

  it('COLUMNS narrows the findings table; a long name stays whole on its line', () => {
    const dir = tmp();
    const name = `a-very-long-node-pool-name-${'x'.repeat(70)}`;
    writeFileSync(
      join(dir, 'c.yaml'),
      configWithPool(`{name: ${name}, shape: VM.Standard.E4.Flx, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}`),
    );
    for (const columns of ['80', '140']) {
      const r = runBin(['lint', 'c.yaml'], { cwd: dir, env: { COLUMNS: columns } });
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines.some((l) => l.includes(`prod/${name}:`))).toBe(true);
      for (const l of lines.filter((x) => !x.includes(name))) expect(l.length).toBeLessThanOrEqual(Number(columns));
    }
  });
});

describe('command-line conventions', () => {
  it('bare oke-cni: the help on stderr, nothing on stdout, exit 2', () => {
    const r = runBin([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: oke-cni \[options\] \[command\]\n/);
  });

  it('rules --json --format markdown is refused, not silently one of them', () => {
    expect(runBin(['rules', '--json', '--format', 'markdown'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'oke-cni: --json: conflicts with --format markdown (--json means --format json); give one of them\n',
    });
  });

  it('--format github puts only annotations on stdout, the summary on stderr', () => {
    const r = runBin(['lint', 'examples/failing.yaml', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) /);
    expect(r.stderr).toBe('✖ 7 errors, 0 warnings, 1 note\n');
  });

  it('a newline in a file name stays on one escaped line', () => {
    expect(runBin(['lint', 'a\nb.yaml'], { cwd: tmp() })).toEqual({ code: 2, stdout: '', stderr: 'oke-cni: a\\nb.yaml: no such file\n' });
  });

  it('YAML nested thousands of levels deep: "nested too deeply" at line:col', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'deep.yaml'), `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(runBin(['lint', 'deep.yaml'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'oke-cni: deep.yaml:1:260: nested too deeply (limit 256 levels)\n' });
  });
});

describe('--catalog FILE: the fixes point at that catalog, not the embedded one', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'shapes.json'), JSON.stringify({ source: 'mine', retrieved: '2026-12-01', shapes: [{ name: 'VM.Standard2.4', ocpus: 4, vnics: 4 }] }));
  writeFileSync(
    join(dir, 'c.yaml'),
    configWithPool(`{name: general, shape: Foo.Bar, size: 3, subnet: workers, podSubnets: [pods]}`),
  );

  it('lint: the unknown-shape fix names `oke-cni shapes --catalog FILE` and the file to add it to', () => {
    const r = runBin(['lint', 'c.yaml', '--catalog', 'shapes.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const finding = JSON.parse(r.stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'unknown-shape');
    expect(finding.remediation).toBe('Pick a shape listed by `oke-cni shapes --catalog shapes.json`, or add "Foo.Bar" to the catalog file shapes.json.');
  });

  it('shapes and plan name the same command', () => {
    expect(runBin(['shapes', 'zzz', '--catalog', 'shapes.json'], { cwd: dir }).stderr).toBe(
      'oke-cni: shapes: no shape matches "zzz" (not in the shapes.json catalog); `oke-cni shapes --catalog shapes.json` lists them all\n',
    );
  });
});

describe('--debug and --verbose', () => {
  it('--debug traces point into src/, not the minified bundle; without it no trace', () => {
    const r = runBin(['plan', '--shape', 'Nope.Shape', '--debug']);
    expect(r.code).toBe(2);
    const frames = r.stderr.split('\n').filter((l) => /^\s+at /.test(l));
    expect(frames[0]).toMatch(/\/src\/cli\/plan\.ts:\d+:\d+\)$/);
    expect(r.stderr).not.toContain('dist/cli.cjs');
    expect(runBin(['plan', '--shape', 'Nope.Shape']).stderr).toBe('oke-cni: --shape: unknown shape "Nope.Shape" (not in the embedded catalog)\n');
  });

  it('the source maps ship in the package, one beside the bundle and each chunk it loads on demand', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
    const paths = pack!.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/cli.cjs', 'dist/cli.cjs.map', 'dist/start.cjs']));
    const chunks = paths.filter((p) => /^dist\/chunks\/.*\.cjs$/.test(p));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((c) => !paths.includes(`${c}.map`))).toEqual([]);
  });

  it('--verbose never prints [object Object] for an SDK warning about a network error', () => {
    const dir = tmp();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'config'), `[DEFAULT]\nuser=ocid1.user.oc1..u\nfingerprint=aa:bb\ntenancy=ocid1.tenancy.oc1..t\nregion=us-ashburn-1\nkey_file=${join(dir, 'key.pem')}\n`);
    const r = runBin(['check', '--cluster', 'ocid1.cluster.oc1.iad.aaaa', '--endpoint', 'http://127.0.0.1:9', '--config-file', join(dir, 'config'), '--verbose'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('[object Object]');
    expect(r.stderr).toContain('oci-sdk warn: Request cannot be retried. Not Retrying. Exception occurred : a request error (the oci: line above says which)\n');
    expect(r.stderr).toMatch(/^oci: GET \/20180222\/clusters\/ocid1\.cluster\.oc1\.iad\.aaaa failed after \d+ ms: /);
  });
});
