import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, runBin } from '../helpers/run-bin.js';

const E4 = ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '8'];

describe('oke-cni plan (built bin)', () => {
  it('README example: fits, table with formula, breakdown and usage bar', () => {
    const r = runBin([...E4, '--nodes', '20', '--pod-subnet', '10.0.64.0/18']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('VM.Standard.E4.Flex with 8 OCPUs: 8 VNICs (1 VNIC per OCPU, min 2, max 24, at 8 OCPUs)');
    expect(r.stdout).toMatch(/max pods per node\s+110\s+MIN\(\(8 VNICs - 1\) x 31, 110\) = MIN\(217, 110\)/);
    expect(r.stdout).toMatch(/addresses per node\s+114\s+110 \+ 4 \+ 0/);
    expect(r.stdout).toMatch(/nodes planned for\s+21/);
    expect(r.stdout).toMatch(/addresses needed\s+2394\s+21 x 114/);
    expect(r.stdout).toMatch(/smallest pod subnet\s+\/20\s+4093 usable addresses/);
    expect(r.stdout).toMatch(/usable addresses\s+16381\s+2\^14 - 3 reserved by OCI/);
    expect(r.stdout).toMatch(/\[█{6}░{34}\] 14\.6% \(2394 of 16381\)/);
    expect(r.stdout).toContain('✔ fits: 10.0.64.0/18 holds the 21 planned nodes (room for 143)');
    expect(r.stdout).not.toContain('\u001b['); // piped: no color
  });

  it('--json prints one object with the documented keys', () => {
    const r = runBin([...E4, '--nodes', '20', '--max-nodes', '25', '--surge', '2', '--pod-subnet', '10.0.64.0/18', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      shape: 'VM.Standard.E4.Flex',
      ocpus: 8,
      vnics: 8,
      maxPodsPerNode: 110,
      podsPerNode: 110,
      ipsPerNode: 114,
      nodes: 27,
      required: 3078,
      smallestPrefix: 20,
      fits: true,
      subnet: { cidr: '10.0.64.0/18', usable: 16381, required: 3078, fits: true, utilization: 0.1879, smallestPrefix: 20, maxNodes: 143 },
    });
  });

  it('--max-pods lowers the pre-allocation; --same-subnet adds the node IP', () => {
    const j = JSON.parse(runBin([...E4, '--max-pods', '31', '--nodes', '3', '--same-subnet', '--json']).stdout);
    expect(j).toMatchObject({ podsPerNode: 31, ipsPerNode: 33, nodes: 4, required: 132, smallestPrefix: 24, subnet: null, sameSubnet: true });
    expect(j.perNode).toEqual({ podIps: 31, podVnics: 1, vnicPrimaryIps: 1, nodePrimaryIp: 1, total: 33 });
  });

  it('only --nodes: required and smallestPrefix', () => {
    const j = JSON.parse(runBin(['plan', '--shape', 'VM.Standard2.2', '--nodes', '7', '--json']).stdout);
    expect(j).toMatchObject({ vnics: 2, maxPodsPerNode: 31, ipsPerNode: 32, nodes: 8, required: 256, smallestPrefix: 23 });
  });

  it('subnet too small: exit 1 with the reason and the fix, JSON still printed', () => {
    const args = ['plan', '--shape', 'VM.Standard2.4', '--nodes', '10', '--pod-subnet', '10.0.0.0/24'];
    const t = runBin(args);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain('✖ 10.0.0.0/24 has 253 usable addresses; 11 nodes x 96 need 1056');
    expect(t.stdout).toContain('fix: use a /21 or larger pod subnet, or plan for at most 2 nodes (surge included), or lower --max-pods');
    const j = runBin([...args, '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout).subnet).toMatchObject({ fits: false, smallestPrefix: 21, maxNodes: 2 });
  });

  it.each([
    [['--shape', 'VM.Standard2.1', '--max-pods', '40'], 'max-pods-above-shape'],
    [['--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--max-pods', '111'], 'max-pods-above-kubernetes'],
    [['--shape', 'VM.Standard.E2.1.Micro'], 'shape-without-pod-vnics'],
    [['--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--nodes', '600'], 'demand-beyond-largest-subnet'],
  ])('does not fit: %j -> %s, exit 1', (args, code) => {
    const r = runBin(['plan', ...args, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems.map((p: { code: string }) => p.code)).toEqual([code]);
  });

  it('colors only when forced, never with NO_COLOR or --no-color', () => {
    const args = [...E4, '--nodes', '2', '--pod-subnet', '10.0.64.0/18'];
    expect(runBin(args, { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(runBin(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runBin([...args, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('--catalog replaces the embedded catalog', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oke-cni-plan-'));
    const file = join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify({ source: 'test', retrieved: '2026-01-01', shapes: [{ name: 'Custom.3', vnics: 3 }] }));
    const j = JSON.parse(runBin(['plan', '--shape', 'Custom.3', '--catalog', file, '--json']).stdout);
    expect(j).toMatchObject({ vnics: 3, maxPodsPerNode: 62 });
    const r = runBin(['plan', '--shape', 'VM.Standard2.1', '--catalog', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`oke-cni: --shape: unknown shape "VM.Standard2.1" (not in the ${file} catalog)\n`);
  });

  it.each([
    [[], "oke-cni: required option '--shape <name>' not specified\n"],
    [['--shape', 'VM.Standard.E4.Flx', '--ocpus', '2'], 'oke-cni: --shape: unknown shape "VM.Standard.E4.Flx" (not in the embedded catalog); did you mean "VM.Standard.E4.Flex"'],
    [['--shape', 'VM.Standard.E4.Flex'], 'oke-cni: --ocpus: VM.Standard.E4.Flex is a flexible shape: give its OCPU count (1 to 114)\n'],
    [['--shape', 'VM.Standard.E4.Flex', '--ocpus', '115'], 'oke-cni: --ocpus: VM.Standard.E4.Flex takes 1 to 114 OCPUs, not 115\n'],
    [['--shape', 'VM.Standard.E4.Flex', '--ocpus', '-1'], "oke-cni: option '--ocpus <n>' argument '-1' is invalid."],
    [['--shape', 'VM.Standard2.4', '--ocpus', '8'], 'oke-cni: --ocpus: VM.Standard2.4 is a fixed shape with 4 OCPUs, not 8\n'],
    [['--shape', 'VM.Standard2.1', '--nodes', '2.5'], "oke-cni: option '--nodes <n>' argument '2.5' is invalid. expected a whole number from 1 to 65533, got \"2.5\""],
    [['--shape', 'VM.Standard2.1', '--max-pods', '0'], "oke-cni: option '--max-pods <n>' argument '0' is invalid. expected a whole number from 1 to 65533, got 0"],
    [['--shape', 'VM.Standard2.1', '--surge', '-1'], "oke-cni: option '--surge <n>' argument '-1' is invalid."],
    [['--shape', 'VM.Standard2.1', '--nodes', '5', '--max-nodes', '2'], 'oke-cni: --max-nodes: the autoscaler ceiling 2 is below --nodes 5\n'],
    [['--shape', 'VM.Standard2.1', '--pod-subnet', '10.0.0.1/24'], 'has host bits set (the network address is 10.0.0.0/24)'],
    [['--shape', 'VM.Standard2.1', '--pod-subnet', '10.0.0.0/8'], "outside OCI's allowed sizes /16 to /30"],
    [['--shape', 'VM.Standard2.1', '--pod-subnet', 'pods'], 'is not an IPv4 CIDR block'],
    [['--shape', 'VM.Standard2.1', '--catalog', '/nonexistent/c.json'], 'oke-cni: --catalog /nonexistent/c.json: no such file\n'],
    [['--shape', 'VM.Standard2.1', '--frobnicate'], "oke-cni: unknown option '--frobnicate'\n"],
  ])('bad input %j: exit 2, one line, no stack', (args, message) => {
    const r = runBin(['plan', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--debug adds the stack trace to a user error', () => {
    const r = runBin(['plan', '--shape', 'Nope.Shape', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('oke-cni: --shape: unknown shape "Nope.Shape" (not in the embedded catalog)');
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('global conventions', () => {
  it('--version prints the package version', () => {
    const r = runBin(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('--help lists the commands and exit codes; no arguments prints the help on stderr, exit 2', () => {
    const help = runBin(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('plan [options]');
    expect(help.stdout).toContain('Exit codes: 0 fine, 1 findings or the plan does not fit, 2 could not run');
    const bare = runBin([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe(help.stdout);
    expect(runBin(['plan', '--help']).stdout).toContain('--pod-subnet <cidr>');
  });
  it('an unknown command suggests the right one on one line', () => {
    const r = runBin(['plann']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("oke-cni: unknown command 'plann' (did you mean plan?)\n");
  });
  it('a reader that closes the pipe early (| head) ends the run quietly, exit 0', async () => {
    // Output well past a pipe's 64 KiB buffer, so the write hits the closed pipe (EPIPE).
    const dir = mkdtempSync(join(tmpdir(), 'oke-cni-epipe-'));
    const catalog = join(dir, 'catalog.json');
    const shapes = Array.from({ length: 3000 }, (_, i) => ({ name: `Test.Shape.${i}`, vnics: 2 + (i % 20) }));
    writeFileSync(catalog, JSON.stringify({ source: 'test', retrieved: '2026-01-01', shapes }));
    const child = spawn(process.execPath, [BIN, 'shapes', '--catalog', catalog], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('oke-cni plan --secondary-vnics / --compare (built bin)', () => {
  const E4_4 = ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '4'];

  it('profiles 128,64: the IP budget, addresses per node and subnet sizing', () => {
    const r = runBin([...E4_4, '--secondary-vnics', '128,64', '--nodes', '20', '--pod-subnet', '10.0.64.0/18']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('allocation model: secondary VNIC profiles (up to 256 pods per node)');
    expect(r.stdout).toMatch(/secondary VNIC profiles\s+2\s+the shape attaches up to 3 \(4 VNICs - 1 primary\)/);
    expect(r.stdout).toMatch(/IP budget\s+192\s+128 \+ 64/);
    expect(r.stdout).toMatch(/max pods per node\s+192\s+MIN\(192, 256\)/);
    expect(r.stdout).toMatch(/addresses per node\s+194\s+192 \+ 2 \+ 0/);
    expect(r.stdout).toMatch(/addresses needed\s+4074\s+21 x 194/);
    expect(r.stdout).toMatch(/room for nodes\s+84\s+16381 \/ 194 addresses per node, surge nodes included/);
    expect(r.stdout).toContain('✔ fits: 10.0.64.0/18 holds the 21 planned nodes (room for 84)');
  });

  it('--json: allocationModel secondary-vnics with the profiles', () => {
    const r = runBin([...E4_4, '--secondary-vnics', '128,64', '--max-pods', '150', '--nodes', '5', '--same-subnet', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      allocationModel: 'secondary-vnics',
      maxPodsPerNode: 192,
      podsPerNode: 150,
      ipsPerNode: 195,
      perNode: { podIps: 192, podVnics: 2, vnicPrimaryIps: 2, nodePrimaryIp: 1, total: 195 },
      secondaryVnics: { profiles: [128, 64], maxProfiles: 3, ipBudget: 192 },
      nodes: 6,
      required: 1170,
      fits: true,
    });
  });

  it.each([
    [['--ocpus', '2', '--secondary-vnics', '128,64'], 'profiles-above-shape', 'use --ocpus 3 or more (3 VNICs), or use at most 1 profile'],
    [['--ocpus', '8', '--secondary-vnics', '100'], 'ip-count-not-power-of-two', 'use 64 or 128 for profile 1'],
    [['--ocpus', '8', '--secondary-vnics', '512'], 'ip-count-above-vnic-limit', 'use 256 or less for profile 1'],
    [['--ocpus', '8', '--secondary-vnics', '256,128'], 'ip-budget-above-node-limit', 'add up to 256 or less'],
    [['--ocpus', '8', '--secondary-vnics', '64', '--max-pods', '100'], 'max-pods-above-ip-budget', 'or lower --max-pods to 64'],
    [['--ocpus', '8', '--secondary-vnics', '256', '--max-pods', '300'], 'max-pods-above-node-limit', 'use --max-pods 256 or less'],
  ])('%j: exit 1, problem %s with its fix', (args, code, fix) => {
    const r = runBin(['plan', '--shape', 'VM.Standard.E4.Flex', ...args, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.fits).toBe(false);
    expect(j.problems.map((p: { code: string }) => p.code)).toContain(code);
    expect(j.problems.find((p: { code: string }) => p.code === code).fix).toContain(fix);
  });

  it('legacy --max-pods above 110: exit 1, and the fix names secondary VNIC profiles', () => {
    const r = runBin([...E4, '--max-pods', '200']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✖ --max-pods 200 is above the 110 pods per node that nodes without secondary VNIC profiles run');
    expect(r.stdout).toContain('fix: use --max-pods 110 or less, or use secondary VNIC profiles, which allow up to 256 pods per node (e.g. --secondary-vnics 256)');
  });

  it('a malformed --secondary-vnics is a usage error: exit 2, one line naming the flag', () => {
    const r = runBin([...E4_4, '--secondary-vnics', '128,x']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^oke-cni: .*--secondary-vnics.*expected ipCounts as whole numbers separated by commas.*\n$/);
  });

  it('--compare: both models side by side for the same shape, OCPUs and nodes', () => {
    const r = runBin([...E4, '--nodes', '20', '--pod-subnet', '10.0.64.0/18', '--compare']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/legacy\s+secondary VNICs 256/);
    expect(r.stdout).toMatch(/max pods per node\s+110\s+256/);
    expect(r.stdout).toMatch(/addresses per node\s+114\s+257/);
    expect(r.stdout).toMatch(/addresses needed\s+2394\s+5397/);
    expect(r.stdout).toMatch(/smallest pod subnet\s+\/20\s+\/19/);
    expect(r.stdout).toMatch(/10\.0\.64\.0\/18 room for\s+143 nodes\s+63 nodes/);
    expect(r.stdout).toContain('give --secondary-vnics to compare yours');
    expect(r.stdout).toContain('✔ legacy: fits: 10.0.64.0/18 holds the 21 planned nodes (room for 143)');
    expect(r.stdout).toContain('✔ secondary VNICs: fits: 10.0.64.0/18 holds the 21 planned nodes (room for 63)');
  });

  it('--compare --json, and exit 1 when either model does not fit', () => {
    const r = runBin([...E4, '--secondary-vnics', '128', '--nodes', '40', '--pod-subnet', '10.0.64.0/20', '--compare', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ shape: 'VM.Standard.E4.Flex', ocpus: 8, vnics: 8, nodes: 41, profilesGiven: true, fits: false });
    expect(j.legacy).toMatchObject({ allocationModel: 'legacy', ipsPerNode: 114, required: 4674, fits: false });
    expect(j.secondaryVnics).toMatchObject({ allocationModel: 'secondary-vnics', ipsPerNode: 129, required: 5289, fits: false });
    expect(j.legacy.problems[0].code).toBe('subnet-too-small');
  });
});

describe('plan --pod-subnet, repeated: a subnet with several CIDR blocks', () => {
  it('sums the blocks, 3 reserved in each; fits only with both blocks', () => {
    const one = runBin([...E4, '--nodes', '20', '--pod-subnet', '10.0.64.0/21']);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain('✖ 10.0.64.0/21 has 2045 usable addresses; 21 nodes x 114 need 2394');
    const two = runBin([...E4, '--nodes', '20', '--pod-subnet', '10.0.64.0/21', '--pod-subnet', '10.1.0.0/22']);
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect(two.stdout).toContain('Pod subnet 10.0.64.0/21 + 10.1.0.0/22\n');
    expect(two.stdout).toMatch(/usable addresses\s+3066\s+\(2\^11 - 3\) \+ \(2\^10 - 3\): 3 reserved by OCI in each block \(inferred\)\n/);
    expect(two.stdout).toContain('✔ fits: 10.0.64.0/21 + 10.1.0.0/22 holds the 21 planned nodes (room for 26)');
    const json = JSON.parse(runBin([...E4, '--nodes', '20', '--pod-subnet', '10.0.64.0/21', '--pod-subnet', '10.1.0.0/22', '--json']).stdout);
    expect(json.subnet).toEqual({
      cidr: '10.0.64.0/21 + 10.1.0.0/22', cidrBlocks: ['10.0.64.0/21', '10.1.0.0/22'], usable: 3066, required: 2394, fits: true,
      utilization: 0.7808, smallestPrefix: 20, maxNodes: 26,
    });
  });

  it('a block too few: the fix names the block to add', () => {
    const r = runBin([...E4, '--nodes', '40', '--pod-subnet', '10.0.64.0/21', '--pod-subnet', '10.1.0.0/21']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '✖ 10.0.64.0/21 + 10.1.0.0/21 has 4090 usable addresses; 41 nodes x 114 need 4674\n' +
        '  fix: add a /22 (1021 usable addresses) or larger CIDR block (the 2 blocks give 4090), use a /19 or larger pod subnet, or plan for at most 35 nodes (surge included), or lower --max-pods\n',
    );
  });

  it('overlapping or repeated blocks are refused with one line, exit 2', () => {
    expect(runBin([...E4, '--nodes', '20', '--pod-subnet', '10.0.64.0/21', '--pod-subnet', '10.0.66.0/23'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'oke-cni: --pod-subnet: 10.0.64.0/21 and 10.0.66.0/23 overlap: the CIDR blocks of one subnet cannot overlap; give each block once\n',
    });
    expect(runBin([...E4, '--pod-subnet', '10.0.64.0/21', '--pod-subnet', '10.0.64.0/21']).stderr).toBe(
      'oke-cni: --pod-subnet: 10.0.64.0/21 is given twice: the CIDR blocks of one subnet cannot overlap; give each block once\n',
    );
  });
});
