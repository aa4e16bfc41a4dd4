import { describe, expect, it } from 'vitest';
import { imageVersion, updatesExitCode, updatesReport, updatesSummaryLine, type UpdatesInput } from '../../src/core/updates.js';
import { parseDaemonSet, parseNodes, parsePods, parseRevisions, scanLog } from '../../src/sources/kubectl/cni.js';
import { daemonSetJson, nodesJson, podName, podsJson, PROD_NODES, revisionsJson, type FakeNodeSpec } from '../helpers/fake-kubectl.js';

/** The input readCniState builds, from the same recorded shapes the fake kubectl prints. */
function input(nodes: FakeNodeSpec[], opts: { revisions?: boolean; tail?: number } = {}): UpdatesInput {
  const tail = opts.tail ?? 2000;
  const withPod = nodes.filter((n) => n.revision !== null);
  return {
    daemonSet: parseDaemonSet(daemonSetJson({ desired: withPod.length, updated: withPod.filter((n) => n.revision === 'new').length }) as never),
    pods: parsePods(podsJson(nodes) as never),
    nodes: parseNodes(nodesJson(nodes) as never),
    revisions: opts.revisions === false ? undefined : parseRevisions(revisionsJson() as never),
    revisionsUnreadable: opts.revisions === false ? 'Error from server (Forbidden)' : undefined,
    logs: withPod.map((n) =>
      n.logError ? { pod: podName(n.name), read: false, reason: n.logError, lines: 0, windowFull: false, matches: [] } : scanLog(podName(n.name), n.log ?? '', tail),
    ),
    tail,
  };
}

describe('updatesReport', () => {
  it('the six-node cluster: 1 reboot required (log), 2 on the old revision, 3 fine, a virtual node without a pod', () => {
    const r = updatesReport(input(PROD_NODES));
    expect(r.summary).toEqual({ nodes: 6, waiting: 3, rebootRequired: 1, oldRevision: 2, unknown: 0, pools: ['batch', 'general'] });
    expect(r.nodesWithoutPod).toEqual(['10.0.40.5']);
    const byNode = Object.fromEntries(r.nodes.map((n) => [n.node, n]));
    expect(byNode['10.0.10.12']).toMatchObject({ state: 'reboot-required', waits: true, since: '2026-11-18T09:41:09.530114Z', sinceFrom: 'log', runningVersion: '2.3.1', deployedVersion: '2.3.1', pool: 'general' });
    expect(byNode['10.0.10.12']?.logLine).toBe('I1118 09:41:09 main.go:132] CNI plugin 2.3.1 installed, reboot required to apply it');
    expect(byNode['10.0.10.13']).toMatchObject({ state: 'old-revision', podRevision: '5d8f7c9b6', currentRevision: '7b9c4d6f8', since: '2026-11-18T09:30:00Z', sinceFrom: 'revision', runningVersion: '2.3.0' });
    expect(byNode['10.0.20.21']).toMatchObject({ state: 'up-to-date', waits: false, since: null });
    expect(r.daemonSet).toMatchObject({ updateStrategy: 'OnDelete', deployedVersion: '2.3.1', currentRevision: '7b9c4d6f8', desiredNumberScheduled: 6, updatedNumberScheduled: 4 });
    expect(updatesExitCode(r)).toBe(1);
    expect(updatesSummaryLine(r)).toBe('3 of 6 nodes wait for a reboot, in pools batch, general; 1 with "reboot required" in the log, 2 on an older DaemonSet revision');
  });

  it('nothing waits: exit 0 and the summary says how many nodes were checked', () => {
    const nodes = PROD_NODES.filter((n) => n.revision === 'new' && !n.log?.includes('reboot'));
    const r = updatesReport(input(nodes));
    expect(r.summary.waiting).toBe(0);
    expect(updatesExitCode(r)).toBe(0);
    expect(updatesSummaryLine(r)).toBe('no node waits for a CNI plugin update (3 nodes checked)');
  });

  it('only old revisions: waits for the update, one pool', () => {
    const r = updatesReport(input([PROD_NODES[3]!, PROD_NODES[4]!]));
    expect(updatesSummaryLine(r)).toBe('1 of 2 nodes waits for a CNI plugin update, in pool batch');
  });

  it('a log that cannot be read makes the node unknown (exit 1), never up to date', () => {
    const nodes: FakeNodeSpec[] = [{ ...PROD_NODES[0]!, logError: 'Error from server (Forbidden): pods "x" is forbidden' }];
    const r = updatesReport(input(nodes));
    expect(r.nodes[0]).toMatchObject({ state: 'unknown', rebootRequired: null, oldRevision: false, waits: false });
    expect(r.nodes[0]?.notes[0]).toMatch(/^log not read: Error from server \(Forbidden\)/);
    expect(r.summary.unknown).toBe(1);
    expect(updatesExitCode(r)).toBe(1);
    expect(updatesSummaryLine(r)).toBe('no node waits for a CNI plugin update (1 node checked); 1 could not be checked');
  });

  it('without ControllerRevisions the images decide, and the report says revisions were not checked', () => {
    const r = updatesReport(input(PROD_NODES, { revisions: false }));
    expect(r.summary).toMatchObject({ waiting: 3, oldRevision: 2 });
    expect(r.nodes.find((n) => n.node === '10.0.10.13')).toMatchObject({ oldRevision: true, currentRevision: null, since: null });
    expect(r.notChecked).toHaveLength(1);
    expect(r.notChecked[0]).toMatch(/controllerrevisions failed \(Error from server \(Forbidden\)\)/);
  });

  it('a full --tail window is said: the first "reboot required" may be older', () => {
    const r = updatesReport(input([PROD_NODES[1]!], { tail: 3 }));
    expect(r.nodes[0]?.notes).toEqual(['the first "reboot required" line may be older than the 3 lines read (--tail)']);
    const clean = updatesReport(input([{ ...PROD_NODES[0]!, log: 'a\nb\nc\n' }], { tail: 3 }));
    expect(clean.nodes[0]?.notes).toEqual(['only the last 3 log lines were read (--tail)']);
  });

  it('pool from the node-pool-id annotation when no label names it', () => {
    const r = updatesReport(input([{ ...PROD_NODES[0]!, pool: null }]));
    expect(r.nodes[0]).toMatchObject({ pool: 'ocid1.nodepool.oc1.iad.aaaageneral', poolId: 'ocid1.nodepool.oc1.iad.aaaageneral' });
  });
});

describe('scanLog', () => {
  it('matches "reboot required" in any case, with the timestamp kubectl --timestamps adds after the --prefix', () => {
    const scan = scanLog('p', '[pod/p/c] 2026-01-02T03:04:05.5Z Reboot Required now\n[pod/p/c] 2026-01-02T03:04:06Z fine\nno timestamp reboot required\n', 100);
    expect(scan.matches).toEqual([
      { time: '2026-01-02T03:04:05.5Z', text: 'Reboot Required now' },
      { time: undefined, text: 'no timestamp reboot required' },
    ]);
    expect(scan).toMatchObject({ lines: 3, windowFull: false, read: true });
  });
});

describe('imageVersion', () => {
  it.each([
    ['iad.ocir.io/ns/vcn-native-ip-cni:2.3.1', '2.3.1'],
    ['localhost:5000/cni:v3.2.0', 'v3.2.0'],
    ['localhost:5000/cni', 'latest'],
    ['r/cni:1.0@sha256:0123456789abcdef0123', '1.0'],
    ['r/cni@sha256:0123456789abcdef0123', 'sha256:0123456789ab'],
  ])('%s -> %s', (image, version) => expect(imageVersion(image)).toBe(version));
});
