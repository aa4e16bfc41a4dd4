/**
 * One parsed document, YAML or JSON, as a small tree whose every node and key carries its
 * 1-based line and column. The three readers (oke-cni config, Terraform plan, OCI CLI JSON)
 * work on this tree only, so positions are exact whatever the syntax, and no value from the
 * file is ever turned into a plain JS object (no prototype to pollute).
 */

export interface Pos {
  line: number;
  column: number;
}

export interface Entry {
  key: string;
  keyAt: Pos;
  value: Node;
}

export interface MapNode {
  kind: 'map';
  at: Pos;
  /** Insertion-ordered; a Map, so keys such as "constructor" cannot reach a prototype. Built by the parsers, read-only after. */
  entries: ReadonlyMap<string, Entry>;
}

export interface SeqNode {
  kind: 'seq';
  at: Pos;
  items: Node[];
}

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  kind: 'scalar';
  at: Pos;
  value: ScalarValue;
  /** YAML plain scalars: the text as written (e.g. "1.30" for a value parsed as 1.3). */
  source?: string | undefined;
}

export type Node = MapNode | SeqNode | ScalarNode;

/** Keys that could reach Object.prototype if a consumer ever copied the tree into objects. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What a node is, for "expected X, got Y" messages. */
export function describe(node: Node): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'null';
  return typeof node.value;
}

export function isMap(node: Node | undefined): node is MapNode {
  return node?.kind === 'map';
}

export function isSeq(node: Node | undefined): node is SeqNode {
  return node?.kind === 'seq';
}

/** The entry at `key`, or undefined. */
export function entry(map: MapNode, key: string): Entry | undefined {
  return map.entries.get(key);
}

/** The value at a path of keys and list indexes, or undefined when any step is missing. */
export function at(node: Node | undefined, ...path: Array<string | number>): Node | undefined {
  return atPath(node, path);
}

/** at() with the path as one array (no spread where a path is read thousands of times). */
export function atPath(node: Node | undefined, path: ReadonlyArray<string | number>): Node | undefined {
  let cur = node;
  for (const step of path) {
    if (cur === undefined) return undefined;
    if (typeof step === 'number') cur = cur.kind === 'seq' ? cur.items[step] : undefined;
    else cur = cur.kind === 'map' ? cur.entries.get(step)?.value : undefined;
  }
  return cur;
}

/** The entry (key and value) at the end of a path, or undefined. */
export function entryAt(node: Node | undefined, ...path: Array<string | number>): Entry | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = at(node, ...path.slice(0, -1));
  return parent?.kind === 'map' ? parent.entries.get(last) : undefined;
}

/** Offsets in a text to 1-based line/column, by binary search over line starts. */
export class LinePositions {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  pos(offset: number): Pos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}
