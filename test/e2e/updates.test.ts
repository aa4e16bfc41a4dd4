/** `oke-cni updates` through the built bin, with fake kubectl executables on PATH or via --kubectl. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin } from '../helpers/run-bin.js';
import { clusterReplies, daemonSetJson, PROD_NODES, writeFakeKubectl } from '../helpers/fake-kubectl.js';

const onPath = (dir: string) => ({ PATH: `${dir}:${process.env.PATH}`, NO_COLOR: '1' });

// Each run starts node for the bin and once more per kubectl call (4 + one per pod): on a busy
// 2-core machine that is slow, so these tests get a larger budget (not a speed assertion).
describe('oke-cni updates (built bin)', { timeout: 120_000 }, () => {
  it('table: one row per node, the DaemonSet line, the summary; exit 1; kubectl found on PATH', () => {
    const fake = writeFakeKubectl(clusterReplies(PROD_NODES));
    // 120 columns: every cell on one line (at the default 100, "why" wraps between words).
    const r = runBin(['updates'], { env: { ...onPath(fake.dir), COLUMNS: '120' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('DaemonSet kube-system/vcn-native-ip-cni: version 2.3.1, revision 7b9c4d6f8, update strategy OnDelete, 4 of 6 pods updated');
    expect(lines.filter((l) => /^│ 10\./.test(l))).toHaveLength(6);
    expect(r.stdout).toContain('│ 10.0.10.12 │ general   │ 2.3.1   │ 2.3.1    │ yes   │ log: "reboot required" │ 2026-11-18 09:41 UTC (log)      │');
    expect(r.stdout).toContain('│ 10.0.20.22 │ batch     │ 2.3.0   │ 2.3.1    │ yes   │ old revision 5d8f7c9b6 │ 2026-11-18 09:30 UTC (deployed) │');
    expect(r.stdout).toContain('1 node without a vcn-native-ip-cni pod (not counted): 10.0.40.5');
    expect(lines.at(-2)).toBe('✖ 3 of 6 nodes wait for a reboot, in pools batch, general; 1 with "reboot required" in the log, 2 on an older DaemonSet revision');
    // 4 reads + one logs run per pod, each with the bounded tail and the request timeout.
    const calls = fake.calls().map((c) => c.argv);
    expect(calls).toHaveLength(4 + 6);
    const logs = calls.filter((a) => a[0] === 'logs');
    expect(logs[0]).toEqual(['logs', '-n', 'kube-system', expect.stringMatching(/^pod\/vcn-native-ip-cni-/), '--all-containers', '--prefix', '--timestamps', '--tail=2000', '--limit-bytes=8388608', '--request-timeout=30s']);
  });

  it('--format json and --json: the same report, with the summary line', () => {
    const fake = writeFakeKubectl(clusterReplies(PROD_NODES));
    const a = runBin(['updates', '--kubectl', fake.path, '--format', 'json']);
    expect(a.code).toBe(1);
    const small = writeFakeKubectl(clusterReplies(PROD_NODES.slice(0, 2)));
    expect(runBin(['updates', '--kubectl', small.path, '--json']).stdout).toBe(runBin(['updates', '--kubectl', small.path, '--format', 'json']).stdout);
    const report = JSON.parse(a.stdout);
    expect(report.summary).toEqual({ nodes: 6, waiting: 3, rebootRequired: 1, oldRevision: 2, unknown: 0, pools: ['batch', 'general'], line: expect.stringMatching(/^3 of 6 nodes wait/) });
    expect(report.nodes.map((n: { node: string; state: string }) => `${n.node}=${n.state}`)).toEqual([
      '10.0.20.21=up-to-date',
      '10.0.20.22=old-revision',
      '10.0.10.11=up-to-date',
      '10.0.10.12=reboot-required',
      '10.0.10.13=old-revision',
      '10.0.30.31=up-to-date',
    ]);
  });

  it('exit 0 when nothing waits', () => {
    const nodes = PROD_NODES.filter((n) => n.revision === 'new' && !n.log?.includes('reboot'));
    const fake = writeFakeKubectl(clusterReplies(nodes));
    const r = runBin(['updates', '--kubectl', fake.path]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✔ no node waits for a CNI plugin update (3 nodes checked)');
  });

  it('--kubeconfig, --context, --namespace, --daemonset and --tail reach kubectl', () => {
    const fake = writeFakeKubectl(clusterReplies(PROD_NODES.slice(0, 1)));
    runBin(['updates', '--kubectl', fake.path, '--kubeconfig', '/tmp/k config', '--context', 'prod', '--namespace', 'kube-system', '--daemonset', 'vcn-native-ip-cni', '--tail', '50', '--timeout', '5']);
    const calls = fake.calls().map((c) => c.argv);
    for (const argv of calls) expect(argv.slice(-5)).toEqual(['--kubeconfig', '/tmp/k config', '--context', 'prod', '--request-timeout=5s']);
    expect(calls.find((a) => a[0] === 'logs')).toContain('--tail=50');
  });

  it('KUBECONFIG from the environment reaches kubectl', () => {
    const fake = writeFakeKubectl(clusterReplies(PROD_NODES.slice(0, 1)));
    runBin(['updates', '--kubectl', fake.path], { env: { KUBECONFIG: '/home/me/.kube/prod' } });
    expect(fake.calls().every((c) => c.env.KUBECONFIG === '/home/me/.kube/prod')).toBe(true);
  });

  it.each([
    ['kubectl missing', () => ['--kubectl', '/nonexistent/oke-cni/kubectl'], /^oke-cni: kubectl missing: kubectl not found \(\/nonexistent\/oke-cni\/kubectl\); install it or give its path with --kubectl \(kubectl get daemonset vcn-native-ip-cni -n kube-system -o json\)\n$/],
    [
      'no access',
      () => ['--kubectl', writeFakeKubectl([{ args: ['get'], code: 1, stderr: 'error: You must be logged in to the server (Unauthorized)\n' }]).path],
      /^oke-cni: no access to the cluster: You must be logged in to the server \(Unauthorized\) \(kubectl get daemonset vcn-native-ip-cni -n kube-system -o json\)\n$/,
    ],
    [
      'DaemonSet absent',
      () => ['--kubectl', writeFakeKubectl([{ args: ['get', 'daemonset'], code: 1, stderr: 'Error from server (NotFound): daemonsets.apps "vcn-native-ip-cni" not found\n' }]).path],
      /^oke-cni: DaemonSet absent: DaemonSet kube-system\/vcn-native-ip-cni is not in the cluster: it does not run the VCN-Native Pod Networking CNI \(flannel\?\), or --namespace\/--daemonset name another \(kubectl get daemonset vcn-native-ip-cni -n kube-system -o json\)\n$/,
    ],
    ['not JSON', () => ['--kubectl', writeFakeKubectl([{ args: ['get'], stdout: 'Listing daemonsets...' }]).path], /^oke-cni: kubectl get daemonset vcn-native-ip-cni -n kube-system -o json: kubectl printed something that is not JSON\n$/],
    ['empty --context', () => ['--context', ' '], /^oke-cni: --context: is empty\n$/],
    ['bad --tail', () => ['--tail', '0'], /^oke-cni: option '--tail <lines>' argument '0' is invalid/],
  ])('exit 2, one line: %s', (_name, args, line) => {
    const r = runBin(['updates', ...args()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(line);
  });

  it('a pod whose log cannot be read: that node is unknown, the others are still checked (exit 1)', () => {
    const nodes = [{ ...PROD_NODES[0]!, logError: 'Error from server (Forbidden): pods "vcn-native-ip-cni-01011" is forbidden: cannot get resource "pods/log"\n' }, PROD_NODES[3]!];
    const fake = writeFakeKubectl(clusterReplies(nodes));
    const r = runBin(['updates', '--kubectl', fake.path, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ nodes: 2, waiting: 0, unknown: 1 });
    expect(report.nodes.find((n: { node: string }) => n.node === '10.0.10.11').notes[0]).toMatch(/^log not read: Error from server \(Forbidden\)/);
  });

  it('control characters from the cluster are escaped in the table', () => {
    const nodes = [{ ...PROD_NODES[0]!, pool: 'evil\u001b[31mpool' }];
    const fake = writeFakeKubectl(clusterReplies(nodes));
    const r = runBin(['updates', '--kubectl', fake.path]);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('evil\\u001b[31mpool');
  });

  it('a RollingUpdate DaemonSet (before 2.3.0) gets the reboot advice, not the OnDelete one', () => {
    const nodes = [PROD_NODES[1]!];
    const fake = writeFakeKubectl(clusterReplies(nodes, [], daemonSetJson({ strategy: 'RollingUpdate', desired: 1, updated: 1 })));
    const r = runBin(['updates', '--kubectl', fake.path]);
    expect(r.stdout).toContain('The deployed update applies when these nodes next reboot: reboot or replace them (node pool cycling).');
    expect(r.stdout).not.toContain('OnDelete:');
  });

  it('--verbose: one stderr line per kubectl run; the OCI SDK is never loaded', () => {
    const fake = writeFakeKubectl(clusterReplies(PROD_NODES.slice(0, 2)));
    const log = join(mkdtempSync(join(tmpdir(), 'oke-cni-load-')), 'loaded.json');
    const hook = fileURLToPath(new URL('../live/load-hook.cjs', import.meta.url));
    const r = spawnSync(process.execPath, ['--require', hook, BIN, 'updates', '--kubectl', fake.path, '--verbose'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, OKE_CNI_LOAD_LOG: log },
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4 + 2);
    expect(lines[0]).toMatch(/^kubectl get daemonset vcn-native-ip-cni -n kube-system -o json \(\d+ ms\)$/);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual([]);
  });
});
