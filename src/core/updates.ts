/**
 * `oke-cni updates`, the pure part: which nodes still wait for a CNI plugin update.
 *
 * Two signals, each only where kubectl showed it:
 * - the seed's: a "reboot required" line in the node's vcn-native-ip-cni pod log ("updates ...
 *   have been deployed to the worker nodes associated with the pods shown ... The updates will
 *   be applied when the worker nodes are next rebooted", SOURCES.cniPlugin, 2025-02-12);
 * - the DaemonSet's: a pod still on an older revision (its controller-revision-hash is not the
 *   newest ControllerRevision's, or, without revisions, its images are not the template's).
 *   Since CNI plugin 2.3.0 (Aug 2025) the DaemonSet uses the OnDelete strategy and OCI deploys
 *   no update by itself (oci-facts-2026.md section 6, the CNI page as crawled 2026-09), so such
 *   pods stay old until someone replaces them.
 * A node whose log could not be read and whose revision is current is "unknown", never "fine".
 */

export interface CniDaemonSet {
  name: string;
  namespace: string;
  uid?: string | undefined;
  /** RollingUpdate or OnDelete. */
  updateStrategy?: string | undefined;
  matchLabels: Record<string, string>;
  /** Template: container name -> image. */
  images: Record<string, string>;
  generation?: number | undefined;
  observedGeneration?: number | undefined;
  desiredNumberScheduled?: number | undefined;
  updatedNumberScheduled?: number | undefined;
}

export interface CniPod {
  name: string;
  nodeName?: string | undefined;
  revisionHash?: string | undefined;
  ownerUids: string[];
  specImages: Record<string, string>;
  /** What the kubelet reports running (status.containerStatuses[].image). */
  runningImages: Record<string, string>;
  startTime?: string | undefined;
  phase?: string | undefined;
}

export interface CniNode {
  name: string;
  poolId?: string | undefined;
  poolName?: string | undefined;
  createdAt?: string | undefined;
}

export interface CniRevision {
  name: string;
  revision: number;
  hash?: string | undefined;
  ownerUids: string[];
  createdAt?: string | undefined;
}

export interface PodLogScan {
  pod: string;
  read: boolean;
  /** Why the log could not be read. */
  reason?: string | undefined;
  /** Lines read. */
  lines: number;
  /** The window (--tail) was full: older lines exist that were not read. */
  windowFull: boolean;
  matches: Array<{ time?: string | undefined; text: string }>;
}

export interface UpdatesInput {
  daemonSet: CniDaemonSet;
  pods: CniPod[];
  nodes: CniNode[];
  /** undefined: kubectl did not show them (revisionsUnreadable says why). */
  revisions?: CniRevision[] | undefined;
  revisionsUnreadable?: string | undefined;
  logs: PodLogScan[];
  tail: number;
}

export type NodeUpdateState = 'up-to-date' | 'reboot-required' | 'old-revision' | 'unknown';

export interface NodeUpdate {
  node: string;
  /** The pool's name from node labels, else its OCID from the node annotation; null if neither. */
  pool: string | null;
  poolId: string | null;
  pod: string | null;
  /** Image tag the pod runs, and the DaemonSet template's. */
  runningVersion: string | null;
  deployedVersion: string | null;
  podRevision: string | null;
  currentRevision: string | null;
  /** The log says "reboot required" (null: the log could not be read). */
  rebootRequired: boolean | null;
  /** The pod is older than the DaemonSet (null: neither revision nor images tell). */
  oldRevision: boolean | null;
  state: NodeUpdateState;
  waits: boolean;
  /** Since when it waits (ISO time) and where that time comes from. */
  since: string | null;
  sinceFrom: 'log' | 'revision' | 'pod-start' | null;
  podStarted: string | null;
  /** The matching log line (first in the window). */
  logLine: string | null;
  notes: string[];
}

export interface UpdatesSummary {
  nodes: number;
  waiting: number;
  rebootRequired: number;
  oldRevision: number;
  unknown: number;
  /** Pools with a waiting node, sorted. */
  pools: string[];
}

export interface UpdatesReport {
  daemonSet: {
    namespace: string;
    name: string;
    updateStrategy: string | null;
    deployedVersion: string | null;
    currentRevision: string | null;
    currentRevisionCreated: string | null;
    desiredNumberScheduled: number | null;
    updatedNumberScheduled: number | null;
  };
  nodes: NodeUpdate[];
  /** Nodes kubectl listed that run no CNI pod (virtual nodes, nodes not ready yet, ...). */
  nodesWithoutPod: string[];
  summary: UpdatesSummary;
  /** What could not be checked, and how to supply it. */
  notChecked: string[];
}

/** The version part of an image reference: its tag, else a short digest. */
export function imageVersion(image: string | undefined): string | null {
  if (!image) return null;
  const [ref, digest] = image.split('@') as [string, string | undefined];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return ref.slice(colon + 1);
  return digest ? digest.replace(/^sha256:/, 'sha256:').slice(0, 19) : 'latest';
}

/** The plugin's container: the template's first (by name); a pod's image for the same container. */
function mainContainer(ds: CniDaemonSet): string | undefined {
  return Object.keys(ds.images)[0];
}

const sameImages = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

const earliest = (times: Array<string | undefined>): string | undefined =>
  times.filter((t): t is string => t !== undefined).sort((x, y) => Date.parse(x) - Date.parse(y))[0];

export function updatesReport(input: UpdatesInput): UpdatesReport {
  const ds = input.daemonSet;
  const main = mainContainer(ds);
  const deployedVersion = imageVersion(main ? ds.images[main] : undefined);
  const current = input.revisions?.length ? [...input.revisions].sort((a, b) => b.revision - a.revision)[0] : undefined;
  const currentHash = current ? (current.hash ?? current.name.slice(ds.name.length + 1)) : undefined;
  const nodesByName = new Map(input.nodes.map((n) => [n.name, n]));
  const logsByPod = new Map(input.logs.map((l) => [l.pod, l]));
  const notChecked: string[] = [];
  if (input.revisions === undefined) {
    notChecked.push(
      `revisions: kubectl get controllerrevisions failed (${input.revisionsUnreadable ?? 'no answer'}); pods were compared with the DaemonSet by image only. Grant "list controllerrevisions" in ${ds.namespace} to compare revisions.`,
    );
  }

  const rows: NodeUpdate[] = [];
  const podNodes = new Set<string>();
  for (const pod of input.pods) {
    const nodeName = pod.nodeName ?? null;
    if (nodeName) podNodes.add(nodeName);
    const node = nodeName ? nodesByName.get(nodeName) : undefined;
    const notes: string[] = [];
    const scan = logsByPod.get(pod.name);
    const runningImage = main ? (pod.runningImages[main] ?? pod.specImages[main]) : undefined;
    let oldRevision: boolean | null = null;
    if (currentHash !== undefined && pod.revisionHash !== undefined) oldRevision = pod.revisionHash !== currentHash;
    else if (Object.keys(ds.images).length && Object.keys(pod.specImages).length) oldRevision = !sameImages(ds.images, pod.specImages);
    if (oldRevision === null) notes.push('neither the revision nor the images tell whether the pod is current');
    let rebootRequired: boolean | null = null;
    let logLine: string | null = null;
    let logTime: string | undefined;
    if (!scan || !scan.read) {
      notes.push(`log not read: ${scan?.reason ?? 'no answer'}`);
    } else {
      rebootRequired = scan.matches.length > 0;
      if (rebootRequired) {
        logTime = earliest(scan.matches.map((m) => m.time));
        logLine = scan.matches[0]?.text ?? null;
        if (scan.windowFull) notes.push(`the first "reboot required" line may be older than the ${input.tail} lines read (--tail)`);
      } else if (scan.windowFull) {
        notes.push(`only the last ${input.tail} log lines were read (--tail)`);
      }
    }
    if (pod.phase !== undefined && pod.phase !== 'Running') notes.push(`pod is ${pod.phase}`);
    const waits = rebootRequired === true || oldRevision === true;
    const state: NodeUpdateState =
      rebootRequired === true ? 'reboot-required' : oldRevision === true ? 'old-revision' : rebootRequired === null || oldRevision === null ? 'unknown' : 'up-to-date';
    let since: string | null = null;
    let sinceFrom: NodeUpdate['sinceFrom'] = null;
    if (rebootRequired === true && logTime) [since, sinceFrom] = [logTime, 'log'];
    else if (rebootRequired === true && pod.startTime) [since, sinceFrom] = [pod.startTime, 'pod-start'];
    else if (oldRevision === true && current?.createdAt) [since, sinceFrom] = [current.createdAt, 'revision'];
    rows.push({
      node: nodeName ?? `(pod ${pod.name} not scheduled)`,
      pool: node?.poolName ?? node?.poolId ?? null,
      poolId: node?.poolId ?? null,
      pod: pod.name,
      runningVersion: imageVersion(runningImage),
      deployedVersion,
      podRevision: pod.revisionHash ?? null,
      currentRevision: currentHash ?? null,
      rebootRequired,
      oldRevision,
      state,
      waits,
      since,
      sinceFrom,
      podStarted: pod.startTime ?? null,
      logLine,
      notes,
    });
  }
  rows.sort((a, b) => (a.pool ?? '').localeCompare(b.pool ?? '') || a.node.localeCompare(b.node, 'en', { numeric: true }));
  const nodesWithoutPod = input.nodes.filter((n) => !podNodes.has(n.name)).map((n) => n.name);
  const waiting = rows.filter((r) => r.waits);
  return {
    daemonSet: {
      namespace: ds.namespace,
      name: ds.name,
      updateStrategy: ds.updateStrategy ?? null,
      deployedVersion,
      currentRevision: currentHash ?? null,
      currentRevisionCreated: current?.createdAt ?? null,
      desiredNumberScheduled: ds.desiredNumberScheduled ?? null,
      updatedNumberScheduled: ds.updatedNumberScheduled ?? null,
    },
    nodes: rows,
    nodesWithoutPod,
    summary: {
      nodes: rows.length,
      waiting: waiting.length,
      rebootRequired: rows.filter((r) => r.rebootRequired === true).length,
      oldRevision: rows.filter((r) => r.oldRevision === true).length,
      unknown: rows.filter((r) => r.state === 'unknown').length,
      pools: [...new Set(waiting.map((r) => r.pool ?? '(pool unknown)'))].sort(),
    },
    notChecked,
  };
}

/** 0 nothing waits and every node was checked; 1 some node waits or could not be checked. */
export function updatesExitCode(report: UpdatesReport): 0 | 1 {
  return report.summary.waiting > 0 || report.summary.unknown > 0 ? 1 : 0;
}

/** "3 of 20 nodes wait for a reboot, in pools a, b" and what was not known. */
export function updatesSummaryLine(report: UpdatesReport): string {
  const s = report.summary;
  const of = `${s.waiting} of ${s.nodes} node${s.nodes === 1 ? '' : 's'}`;
  const main =
    s.waiting === 0
      ? `no node waits for a CNI plugin update (${s.nodes} node${s.nodes === 1 ? '' : 's'} checked)`
      : `${of} wait${s.waiting === 1 ? 's' : ''} for ${s.oldRevision > 0 && s.rebootRequired === 0 ? 'a CNI plugin update' : 'a reboot'}, in pool${s.pools.length === 1 ? '' : 's'} ${s.pools.join(', ')}`;
  const parts = [main];
  if (s.waiting > 0 && s.rebootRequired > 0 && s.oldRevision > 0) parts.push(`${s.rebootRequired} with "reboot required" in the log, ${s.oldRevision} on an older DaemonSet revision`);
  if (s.unknown > 0) parts.push(`${s.unknown} could not be checked`);
  return parts.join('; ');
}
