/**
 * Fake kubectl executables for the `updates` tests: a Node script with a shebang, written into a
 * temp dir with the answers it gives (kubectl's -o json shapes, log text), recording every argv
 * it was called with. Never a cluster.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeReply {
  /** Every one of these must appear in argv, in this order (not necessarily adjacent). */
  args: string[];
  stdout?: string;
  stderr?: string;
  code?: number;
  /** Never answer (the runner's timeout must kill it). */
  hang?: boolean;
}

const SCRIPT = `#!/usr/bin/env node
'use strict';
const { appendFileSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const argv = process.argv.slice(2);
appendFileSync(join(__dirname, 'calls.jsonl'), JSON.stringify({ argv, env: { KUBECONFIG: process.env.KUBECONFIG ?? null } }) + '\\n');
const replies = JSON.parse(readFileSync(join(__dirname, 'replies.json'), 'utf8'));
const matches = (want) => { let i = 0; for (const a of argv) if (a === want[i]) i++; return i === want.length; };
const reply = replies.find((r) => matches(r.args));
if (!reply) { process.stderr.write('error: the fake kubectl has no answer for: ' + argv.join(' ') + '\\n'); process.exit(1); }
if (reply.hang) setInterval(() => {}, 1000);
else {
  if (reply.stderr) process.stderr.write(reply.stderr);
  process.stdout.write(reply.stdout ?? '', () => process.exit(reply.code ?? 0));
}
`;

export interface FakeKubectl {
  dir: string;
  /** Path of the executable (named `kubectl`, so the dir can go first on PATH). */
  path: string;
  calls(): Array<{ argv: string[]; env: { KUBECONFIG: string | null } }>;
}

export function writeFakeKubectl(replies: FakeReply[]): FakeKubectl {
  const dir = mkdtempSync(join(tmpdir(), 'oke-cni-kubectl-'));
  const path = join(dir, 'kubectl');
  writeFileSync(join(dir, 'replies.json'), JSON.stringify(replies));
  writeFileSync(path, SCRIPT);
  chmodSync(path, 0o755);
  return {
    dir,
    path,
    calls: () => {
      const log = join(dir, 'calls.jsonl');
      return existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { argv: string[]; env: { KUBECONFIG: string | null } })
        : [];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A recorded-shape cluster: the CNI DaemonSet (OnDelete, revision 2), its pods, nodes and logs.

export const DS_UID = '6f1c2a9e-1b7d-4c1e-9a51-3f0e8d2b7c10';
const IMAGE = (tag: string) => `ocir.example/oke/vcn-native-ip-cni:${tag}`;
export const OLD_HASH = '5d8f7c9b6';
export const NEW_HASH = '7b9c4d6f8';

export interface FakeNodeSpec {
  name: string;
  pool: string | null;
  poolId?: string;
  /** The pod's revision: 'new' or 'old'; null = no CNI pod on the node. */
  revision: 'new' | 'old' | null;
  /** Log text of the pod. */
  log?: string;
  /** kubectl logs fails for this pod with this stderr. */
  logError?: string;
  startTime?: string;
}

export function daemonSetJson(opts: { strategy?: string; desired?: number; updated?: number; tag?: string } = {}): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'vcn-native-ip-cni', namespace: 'kube-system', uid: DS_UID, generation: 2, labels: { app: 'vcn-native-ip-cni' } },
    spec: {
      selector: { matchLabels: { app: 'vcn-native-ip-cni' } },
      updateStrategy: { type: opts.strategy ?? 'OnDelete' },
      template: {
        metadata: { labels: { app: 'vcn-native-ip-cni' } },
        spec: {
          initContainers: [{ name: 'install-cni', image: IMAGE(opts.tag ?? '2.3.1') }],
          containers: [{ name: 'vcn-native-ip-cni', image: IMAGE(opts.tag ?? '2.3.1') }],
        },
      },
    },
    status: { desiredNumberScheduled: opts.desired ?? 0, updatedNumberScheduled: opts.updated ?? 0, observedGeneration: 2, numberReady: opts.desired ?? 0 },
  };
}

export function podName(node: string): string {
  return `vcn-native-ip-cni-${node.replace(/[^a-z0-9]/g, '').slice(-5)}`;
}

export function podsJson(nodes: readonly FakeNodeSpec[]): object {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: nodes
      .filter((n) => n.revision !== null)
      .map((n) => {
        const tag = n.revision === 'new' ? '2.3.1' : '2.3.0';
        return {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: podName(n.name),
            namespace: 'kube-system',
            labels: { app: 'vcn-native-ip-cni', 'controller-revision-hash': n.revision === 'new' ? NEW_HASH : OLD_HASH, 'pod-template-generation': n.revision === 'new' ? '2' : '1' },
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'vcn-native-ip-cni', uid: DS_UID, controller: true }],
          },
          spec: { nodeName: n.name, containers: [{ name: 'vcn-native-ip-cni', image: IMAGE(tag) }] },
          status: {
            phase: 'Running',
            startTime: n.startTime ?? '2026-10-02T08:15:00Z',
            containerStatuses: [{ name: 'vcn-native-ip-cni', image: IMAGE(tag), ready: true }],
          },
        };
      }),
  };
}

export function nodesJson(nodes: readonly FakeNodeSpec[]): object {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: nodes.map((n) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: n.name,
        creationTimestamp: '2026-09-30T10:00:00Z',
        labels: { 'kubernetes.io/hostname': n.name, ...(n.pool ? { name: n.pool } : {}) },
        annotations: n.poolId ? { 'oci.oraclecloud.com/node-pool-id': n.poolId } : {},
      },
    })),
  };
}

export function revisionsJson(): object {
  const rev = (hash: string, revision: number, created: string) => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `vcn-native-ip-cni-${hash}`,
      namespace: 'kube-system',
      creationTimestamp: created,
      labels: { app: 'vcn-native-ip-cni', 'controller-revision-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'vcn-native-ip-cni', uid: DS_UID, controller: true }],
    },
    revision,
  });
  return { apiVersion: 'v1', kind: 'List', items: [rev(OLD_HASH, 1, '2026-08-20T12:00:00Z'), rev(NEW_HASH, 2, '2026-11-18T09:30:00Z')] };
}

/** The replies for a cluster of these nodes; `override` replies come first. */
export function clusterReplies(nodes: readonly FakeNodeSpec[], override: FakeReply[] = [], ds = daemonSetJson({ desired: nodes.filter((n) => n.revision).length, updated: nodes.filter((n) => n.revision === 'new').length })): FakeReply[] {
  const json = (o: object) => `${JSON.stringify(o, null, 4)}\n`;
  return [
    ...override,
    { args: ['get', 'daemonset', 'vcn-native-ip-cni'], stdout: json(ds) },
    { args: ['get', 'pods', '-l', 'app=vcn-native-ip-cni'], stdout: json(podsJson(nodes)) },
    { args: ['get', 'nodes'], stdout: json(nodesJson(nodes)) },
    { args: ['get', 'controllerrevisions'], stdout: json(revisionsJson()) },
    ...nodes
      .filter((n) => n.revision !== null)
      .map((n): FakeReply => {
        const pod = podName(n.name);
        if (n.logError) return { args: ['logs', `pod/${pod}`], stderr: n.logError, code: 1 };
        const prefixed = (n.log ?? '')
          .split('\n')
          .filter(Boolean)
          .map((l) => `[pod/${pod}/vcn-native-ip-cni] ${l}`)
          .join('\n');
        return { args: ['logs', `pod/${pod}`], stdout: prefixed ? `${prefixed}\n` : '' };
      }),
  ];
}

const REBOOT_LOG = [
  '2026-11-18T09:41:07.118302Z I1118 09:41:07 main.go:88] installing CNI plugin 2.3.1',
  '2026-11-18T09:41:09.530114Z I1118 09:41:09 main.go:132] CNI plugin 2.3.1 installed, reboot required to apply it',
  '2026-11-18T10:41:09.530114Z I1118 10:41:09 main.go:140] reboot required',
].join('\n');
const CLEAN_LOG = '2026-10-02T08:15:03.000001Z I1002 08:15:03 main.go:88] CNI plugin 2.3.1 running\n';

/** Six nodes in three pools, one virtual node: 1 reboot required, 2 on the old revision. */
export const PROD_NODES: FakeNodeSpec[] = [
  { name: '10.0.10.11', pool: 'general', poolId: 'ocid1.nodepool.oc1.iad.aaaageneral', revision: 'new', log: CLEAN_LOG },
  { name: '10.0.10.12', pool: 'general', poolId: 'ocid1.nodepool.oc1.iad.aaaageneral', revision: 'new', log: REBOOT_LOG, startTime: '2026-11-18T09:41:02Z' },
  { name: '10.0.10.13', pool: 'general', poolId: 'ocid1.nodepool.oc1.iad.aaaageneral', revision: 'old', log: '2026-09-30T10:02:00.000001Z I0930 10:02:00 main.go:88] CNI plugin 2.3.0 running\n' },
  { name: '10.0.20.21', pool: 'batch', poolId: 'ocid1.nodepool.oc1.iad.aaaabatch', revision: 'new', log: CLEAN_LOG },
  { name: '10.0.20.22', pool: 'batch', poolId: 'ocid1.nodepool.oc1.iad.aaaabatch', revision: 'old', log: '' },
  { name: '10.0.30.31', pool: 'gpu', poolId: 'ocid1.nodepool.oc1.iad.aaaagpu', revision: 'new', log: CLEAN_LOG },
  { name: '10.0.40.5', pool: null, revision: null },
];
