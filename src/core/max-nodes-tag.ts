/**
 * The `oke-cni-max-nodes` tag: a node pool may state its autoscaler ceiling in a freeform tag, or
 * a defined tag in any namespace, with this key (OCI tag keys cannot contain periods or spaces,
 * hence the dashes). Every source that reads OCI objects (live, OCI CLI JSON, Terraform) keeps the
 * raw value in NodePool.maxNodesTag; a tag that is a whole number at or above the pool's size sets
 * maxSize, any other is reported by the max-nodes-tag rule and leaves maxSize at size.
 */
export const MAX_NODES_TAG = 'oke-cni-max-nodes';

export type MaxNodesTagReading =
  | { ok: true; maxNodes: number }
  | { ok: false; problem: 'malformed' }
  | { ok: false; problem: 'below-size'; maxNodes: number };

/** Whether `raw` is a usable ceiling for a pool of `size` nodes. */
export function readMaxNodesTag(raw: string, size: number): MaxNodesTagReading {
  const text = raw.trim();
  if (!/^\d{1,9}$/.test(text)) return { ok: false, problem: 'malformed' };
  const maxNodes = Number(text);
  if (maxNodes < size) return { ok: false, problem: 'below-size', maxNodes };
  return { ok: true, maxNodes };
}

/** The pool's maxSize: the tag's ceiling when it is usable, else `fallback`. */
export function maxSizeWithTag(raw: string | undefined, size: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const reading = readMaxNodesTag(raw, size);
  return reading.ok ? reading.maxNodes : fallback;
}
