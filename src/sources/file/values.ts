/**
 * Typed reads of tree values, shared by the three formats. Each reports a precise problem
 * ("maxPodsPerNode: expected a whole number, got string") at the value's position and
 * returns undefined, so a reader can go on and collect every problem in the file.
 */
import { surgeNodesForPercent } from '../../core/capacity.js';
import { isIPv6 } from 'node:net';
import { distance } from 'fastest-levenshtein';
import { parseCidr, type Cidr } from '../../core/cidr.js';
import type { FileProblems } from './problems.js';
import { describe, type Node, type ScalarNode } from './tree.js';

/** The closest candidate to `word` when it is close enough to be a likely typo. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : `; did you mean "${s}"?`;
}

function got(node: Node): string {
  if (node.kind === 'scalar' && typeof node.value === 'string') return `string "${clip(node.value)}"`;
  return describe(node);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function scalarOf(node: Node): ScalarNode | undefined {
  return node.kind === 'scalar' ? node : undefined;
}

export function readString(node: Node, path: string, fp: FileProblems): string | undefined {
  const s = scalarOf(node);
  if (typeof s?.value !== 'string') {
    fp.add(node.at, `${path}: expected a string, got ${got(node)}`);
    return undefined;
  }
  if (s.value.trim() === '') {
    fp.add(node.at, `${path}: must not be empty`);
    return undefined;
  }
  return s.value;
}

export function readBoolean(node: Node, path: string, fp: FileProblems): boolean | undefined {
  const v = scalarOf(node)?.value;
  if (typeof v === 'boolean') return v;
  fp.add(node.at, `${path}: expected true or false, got ${got(node)}`);
  return undefined;
}

export function readWholeNumber(node: Node, path: string, fp: FileProblems): number | undefined {
  const v = scalarOf(node)?.value;
  if (typeof v !== 'number') {
    fp.add(node.at, `${path}: expected a whole number, got ${got(node)}`);
    return undefined;
  }
  if (!Number.isSafeInteger(v) || v < 0) {
    fp.add(node.at, `${path}: expected a whole number (0 or more), got ${v}`);
    return undefined;
  }
  return v;
}

export function readPositiveNumber(node: Node, path: string, fp: FileProblems): number | undefined {
  const v = scalarOf(node)?.value;
  if (typeof v !== 'number') {
    fp.add(node.at, `${path}: expected a number, got ${got(node)}`);
    return undefined;
  }
  if (!Number.isFinite(v) || v <= 0) {
    fp.add(node.at, `${path}: expected a number above 0, got ${v}`);
    return undefined;
  }
  return v;
}

/** OKE maximumSurge: a node count, or a percentage of the pool ("25%"). */
export type Surge = { nodes: number } | { percent: number };

export function readSurge(node: Node, path: string, fp: FileProblems, stringCounts = false): Surge | undefined {
  const v = scalarOf(node)?.value;
  if (typeof v === 'number') {
    const nodes = readWholeNumber(node, path, fp);
    return nodes === undefined ? undefined : { nodes };
  }
  if (typeof v === 'string') {
    const percent = /^\s*(\d{1,3})\s*%\s*$/.exec(v);
    if (percent && Number(percent[1]) <= 100) return { percent: Number(percent[1]) };
    // Terraform and the OCI API carry maximumSurge as a string: "1" is a count there.
    if (stringCounts && /^\s*\d+\s*$/.test(v)) return { nodes: Number(v) };
  }
  fp.add(node.at, `${path}: expected a whole number or a percentage from 0% to 100% such as "25%", got ${got(node)}`);
  return undefined;
}

/** Surge nodes for a pool that may grow to `plannedSize`. */
export function surgeNodes(surge: Surge, plannedSize: number): number {
  return 'nodes' in surge ? surge.nodes : surgeNodesForPercent(surge.percent, plannedSize);
}

const VERSION = /^v?\d+\.\d+\.\d+$/;

/** Kubernetes version text, kept as written ("v1.30.1" or "1.30.1"). */
export function readVersion(node: Node, path: string, fp: FileProblems): string | undefined {
  const s = scalarOf(node);
  // YAML reads an unquoted 1.30 as the number 1.3: report the text the user wrote.
  const text = typeof s?.value === 'string' ? s.value : typeof s?.value === 'number' ? (s.source ?? String(s.value)) : undefined;
  if (text === undefined) {
    fp.add(node.at, `${path}: expected a Kubernetes version such as "v1.30.1", got ${got(node)}`);
    return undefined;
  }
  if (!VERSION.test(text.trim())) {
    fp.add(node.at, `${path}: "${clip(text)}" is not a Kubernetes version (expected v1.30.1 or 1.30.1)`);
    return undefined;
  }
  return text.trim();
}

export function readEnum<T extends string>(node: Node, path: string, values: readonly T[], fp: FileProblems): T | undefined {
  const v = scalarOf(node)?.value;
  if (typeof v !== 'string') {
    fp.add(node.at, `${path}: expected one of ${values.join(', ')}, got ${got(node)}`);
    return undefined;
  }
  const exact = values.find((x) => x === v.trim());
  if (exact !== undefined) return exact;
  fp.add(node.at, `${path}: "${clip(v)}" is not one of ${values.join(', ')}${didYouMean(v, values)}`);
  return undefined;
}

export function readCidr(node: Node, path: string, fp: FileProblems, anyPrefix = false): Cidr | undefined {
  const text = readString(node, path, fp);
  if (text === undefined) return undefined;
  const parsed = parseCidr(text, { anyPrefix });
  if (!parsed.ok) {
    fp.add(node.at, `${path}: ${parsed.reason}`);
    return undefined;
  }
  return parsed.cidr;
}

export function readIpv6Cidr(node: Node, path: string, fp: FileProblems): string | undefined {
  const text = readString(node, path, fp);
  if (text === undefined) return undefined;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m || !isIPv6(m[1] as string) || Number(m[2]) > 128) {
    fp.add(node.at, `${path}: "${clip(text)}" is not an IPv6 CIDR block (expected e.g. 2603:c020:4:2a00::/64)`);
    return undefined;
  }
  return text.trim();
}

/**
 * A list whose items are read with `item`; undefined when the node is not a list. Items that
 * fail are left out (their problem is reported), so one bad item does not hide the others.
 */
export function readList<T>(
  node: Node,
  path: string,
  fp: FileProblems,
  item: (n: Node, itemPath: string) => T | undefined,
): T[] | undefined {
  if (node.kind !== 'seq') {
    fp.add(node.at, `${path}: expected a list, got ${got(node)}`);
    return undefined;
  }
  const out: T[] = [];
  node.items.forEach((n, i) => {
    const v = item(n, `${path}[${i}]`);
    if (v !== undefined) out.push(v);
  });
  return out;
}

/** OCIDs look like ocid1.<resource type>.<realm>.[region].<unique id>. */
export function ocidType(text: string): string | undefined {
  const m = /^ocid1\.([a-z0-9]+)\.[a-z0-9-]+\.[a-z0-9-]*(?:\.[a-z0-9-]*)?\.[a-z0-9]+$/i.exec(text.trim());
  return m ? (m[1] as string).toLowerCase() : undefined;
}

export function looksLikeOcid(text: string): boolean {
  return text.trim().toLowerCase().startsWith('ocid1.');
}
