/**
 * Reads the OCI VCN-Native Pod Networking CNI's DaemonSet, its pods, their nodes, the
 * DaemonSet's ControllerRevisions and the pods' logs through kubectl, and turns kubectl's JSON
 * into the plain data core/updates.ts works on. Unknown or missing fields stay undefined: the
 * core says what it could not check rather than guess.
 */
import { UserError } from '../../core/errors.js';
import type { CniDaemonSet, CniNode, CniPod, CniRevision, PodLogScan, UpdatesInput } from '../../core/updates.js';
import { KubectlError, type Kubectl } from './run.js';

/** Node metadata that names the node pool. */
export const NODE_POOL_KEYS = {
  /**
   * OKE's annotation with the node pool OCID; read by the OCI cluster-autoscaler provider
   * (kubernetes/autoscaler cluster-autoscaler/cloudprovider/oci, NodeToOciRef) and OpenCost's
   * Oracle provider (read 2026-12).
   */
  poolIdAnnotation: 'oci.oraclecloud.com/node-pool-id',
  /** Virtual nodes: the same for virtual node pools (OpenCost's Oracle provider, read 2026-12). */
  virtualPoolIdAnnotation: 'oci.oraclecloud.com/virtual-node-pool-id',
  /**
   * Pool-name labels, first present wins: terraform-oci-oke's `oke.oraclecloud.com/pool.name`
   * (seen on a real node, kueue issue, 2025-04), then `name`, which OKE-created nodes carry with
   * the node pool's name (inferred from real nodes' labels; Oracle documents no pool-name label).
   */
  poolNameLabels: ['oke.oraclecloud.com/pool.name', 'name'],
} as const;

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v) ?? {})) if (typeof val === 'string') out[k] = val;
  return out;
};

function parseJson(text: string, command: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError('kubectl printed something that is not JSON', command);
  }
  const o = obj(value);
  if (!o) throw new UserError('kubectl printed JSON that is not an object', command);
  return o;
}

/** Container name -> image, for containers (init containers are not the plugin that runs). */
function images(containers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of arr(containers)) {
    const name = str(obj(c)?.name);
    const image = str(obj(c)?.image);
    if (name && image) out[name] = image;
  }
  return out;
}

export function parseDaemonSet(json: Json): CniDaemonSet {
  const meta = obj(json.metadata) ?? {};
  const spec = obj(json.spec) ?? {};
  const status = obj(json.status) ?? {};
  const template = obj(spec.template) ?? {};
  return {
    name: str(meta.name) ?? '',
    namespace: str(meta.namespace) ?? '',
    uid: str(meta.uid),
    updateStrategy: str(obj(spec.updateStrategy)?.type),
    matchLabels: strMap(obj(spec.selector)?.matchLabels),
    images: images(obj(template.spec)?.containers),
    generation: num(meta.generation),
    observedGeneration: num(status.observedGeneration),
    desiredNumberScheduled: num(status.desiredNumberScheduled),
    updatedNumberScheduled: num(status.updatedNumberScheduled),
  };
}

export function parsePods(json: Json): CniPod[] {
  return arr(json.items).flatMap((item): CniPod[] => {
    const o = obj(item);
    const meta = obj(o?.metadata);
    const name = str(meta?.name);
    if (!o || !meta || !name) return [];
    const spec = obj(o.spec) ?? {};
    const status = obj(o.status) ?? {};
    const running: Record<string, string> = {};
    for (const cs of arr(status.containerStatuses)) {
      const n = str(obj(cs)?.name);
      const image = str(obj(cs)?.image);
      if (n && image) running[n] = image;
    }
    return [
      {
        name,
        nodeName: str(spec.nodeName),
        revisionHash: strMap(meta.labels)['controller-revision-hash'],
        ownerUids: arr(meta.ownerReferences).flatMap((r) => str(obj(r)?.uid) ?? []),
        specImages: images(spec.containers),
        runningImages: running,
        startTime: str(status.startTime),
        phase: str(status.phase),
      },
    ];
  });
}

export function parseNodes(json: Json): CniNode[] {
  return arr(json.items).flatMap((item): CniNode[] => {
    const meta = obj(obj(item)?.metadata);
    const name = str(meta?.name);
    if (!meta || !name) return [];
    const labels = strMap(meta.labels);
    const annotations = strMap(meta.annotations);
    const poolName = NODE_POOL_KEYS.poolNameLabels.map((k) => labels[k]).find((v) => v !== undefined && v !== '');
    return [
      {
        name,
        poolId: annotations[NODE_POOL_KEYS.poolIdAnnotation] ?? annotations[NODE_POOL_KEYS.virtualPoolIdAnnotation],
        poolName,
        createdAt: str(meta.creationTimestamp),
      },
    ];
  });
}

export function parseRevisions(json: Json): CniRevision[] {
  return arr(json.items).flatMap((item): CniRevision[] => {
    const o = obj(item);
    const meta = obj(o?.metadata);
    const name = str(meta?.name);
    const revision = num(o?.revision);
    if (!meta || !name || revision === undefined) return [];
    return [
      {
        name,
        revision,
        hash: strMap(meta.labels)['controller-revision-hash'],
        ownerUids: arr(meta.ownerReferences).flatMap((r) => str(obj(r)?.uid) ?? []),
        createdAt: str(meta.creationTimestamp),
      },
    ];
  });
}

/** The seed's signal, matched as its `grep "reboot required"` does, but regardless of case. */
const REBOOT_REQUIRED = /reboot required/i;
/** `--prefix --timestamps` lines: `[pod/NAME/CONTAINER] 2025-08-14T09:12:03.123456789Z text`. */
const LOG_LINE = /^(?:\[[^\]]*\] )?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?(.*)$/;

/** The "reboot required" lines of one pod's log window. */
export function scanLog(pod: string, text: string, tail: number): PodLogScan {
  const lines = text.split('\n').filter((l) => l !== '');
  const matches: PodLogScan['matches'] = [];
  for (const line of lines) {
    if (!REBOOT_REQUIRED.test(line)) continue;
    const m = LOG_LINE.exec(line);
    matches.push({ time: m?.[1], text: (m?.[2] ?? line).slice(0, 300) });
  }
  return { pod, read: true, lines: lines.length, windowFull: lines.length >= tail, matches };
}

export interface ReadOptions {
  namespace: string;
  daemonSet: string;
  /** Log lines per container read from each pod (kubectl logs --tail). */
  tail: number;
  /** Bytes per pod (kubectl logs --limit-bytes). */
  logBytes: number;
  /** kubectl logs calls at once. */
  concurrency: number;
  /** Progress lines (--verbose). */
  log?: ((line: string) => void) | undefined;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const selectorOf = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** Everything `updates` reads, in as few kubectl runs as the data allows (3 + one per pod). */
export async function readCniState(kubectl: Kubectl, opts: ReadOptions): Promise<UpdatesInput> {
  const ns = ['-n', opts.namespace];
  const getJson = async (args: string[]): Promise<Json> => parseJson(await kubectl(args), `kubectl ${args.join(' ')}`);
  let dsJson: Json;
  try {
    dsJson = await getJson(['get', 'daemonset', opts.daemonSet, ...ns, '-o', 'json']);
  } catch (err) {
    if (err instanceof KubectlError && err.failure === 'not-found') {
      throw new KubectlError('not-found', `DaemonSet ${opts.namespace}/${opts.daemonSet} is not in the cluster: it does not run the VCN-Native Pod Networking CNI (flannel?), or --namespace/--daemonset name another`, err.command);
    }
    throw err;
  }
  const daemonSet = parseDaemonSet(dsJson);
  const selector = selectorOf(Object.keys(daemonSet.matchLabels).length ? daemonSet.matchLabels : { app: opts.daemonSet });
  const [podsJson, nodesJson, revisions] = await Promise.all([
    getJson(['get', 'pods', ...ns, '-l', selector, '-o', 'json']),
    getJson(['get', 'nodes', '-o', 'json']),
    // Optional: without it the pods' images still tell old from new.
    getJson(['get', 'controllerrevisions', ...ns, '-l', selector, '-o', 'json']).then(
      (j) => ({ ok: true as const, revisions: parseRevisions(j) }),
      (err: unknown) => ({ ok: false as const, reason: err instanceof UserError ? err.message : String(err) }),
    ),
  ]);
  const pods = parsePods(podsJson).filter((p) => daemonSet.uid === undefined || p.ownerUids.length === 0 || p.ownerUids.includes(daemonSet.uid));
  const logs = await mapLimit(pods, opts.concurrency, async (pod): Promise<PodLogScan> => {
    const args = ['logs', ...ns, `pod/${pod.name}`, '--all-containers', '--prefix', '--timestamps', `--tail=${opts.tail}`, `--limit-bytes=${opts.logBytes}`];
    try {
      const text = await kubectl(args);
      opts.log?.(`kubectl logs ${pod.name}: read`);
      return scanLog(pod.name, text, opts.tail);
    } catch (err) {
      if (err instanceof KubectlError && (err.failure === 'missing' || err.failure === 'config')) throw err;
      return { pod: pod.name, read: false, reason: err instanceof UserError ? err.message : String(err), lines: 0, windowFull: false, matches: [] };
    }
  });
  return {
    daemonSet,
    pods,
    nodes: parseNodes(nodesJson),
    revisions: revisions.ok ? revisions.revisions.filter((r) => daemonSet.uid === undefined || r.ownerUids.length === 0 || r.ownerUids.includes(daemonSet.uid)) : undefined,
    revisionsUnreadable: revisions.ok ? undefined : revisions.reason,
    logs,
    tail: opts.tail,
  };
}
