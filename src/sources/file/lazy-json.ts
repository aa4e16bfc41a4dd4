/**
 * A Terraform plan as the positioned tree (tree.ts), built lazily over the file's bytes. A plan is
 * tens of megabytes of machine-written JSON of which lint reads a small part, and reports on fewer
 * places still: a full tree of positioned nodes, or even one JSON.parse of all of it, costs many
 * times the file in memory and time. So one pass (json-scan.ts) checks the syntax and records the
 * members of the containers a reader walks (the layout: a plan's resource lists and each
 * resource's members); any other value is JSON.parsed from its slice of the bytes when a reader
 * first reaches it, a node is wrapped only then, and a position is found only when it is read (a
 * finding's line:col), by scanning the bytes of the node's ancestors once each (the offsets of a
 * container's members are kept once scanned).
 *
 * Only for plans (read.ts decides): JSON.parse keeps the last of duplicate keys where the strict
 * tree parser reports them; Terraform never writes duplicates. Keys that could reach a prototype
 * are reported as the strict parser does, and are never read.
 */
import { BytePositions, memberOffset, releaseMemory, scanArray, scanObject, skipSpace, skipValue, valueAfterKey, type JsonSkeleton, type ObjectMembers } from './json-scan.js';
import type { FileProblems } from './problems.js';
import { FORBIDDEN_KEYS, type Entry, type MapNode, type Node, type Pos, type ScalarNode, type ScalarValue, type SeqNode } from './tree.js';
import type { Location } from '../../core/model.js';
import type { LineTable } from './packed-positions.js';

/** A Location in a file (core/model.ts). */
type FileLocation = Location & { kind: 'file' };

/** The bytes, what the scan recorded, and the line starts (built on the first position asked for). */
class Doc {
  private lines: BytePositions | undefined;
  constructor(
    readonly bytes: Buffer,
    readonly skeleton: JsonSkeleton,
    readonly problems: FileProblems,
  ) {}
  /** Line starts and multi-byte characters: kept by packed positions after the bytes are given back. */
  lineTable(): BytePositions {
    this.lines ??= new BytePositions(this.bytes);
    return this.lines;
  }
  pos(offset: number): Pos {
    return this.lineTable().pos(offset);
  }
  parse(start: number, end: number): unknown {
    return JSON.parse(this.bytes.toString('utf8', start, end));
  }
  /**
   * A scalar's value (the scan checked it is one): a string without escapes is its bytes decoded,
   * true, false and null are themselves, anything else JSON.parse. A plan's index reads the
   * address, mode, type and name of every resource: a JSON.parse each cost a big plan 100s of ms.
   */
  scalar(start: number, end: number): unknown {
    const b = this.bytes;
    const first = b[start];
    if (first === 0x22) {
      const close = end - 1;
      let i = start + 1;
      while (i < close && b[i] !== 0x5c) i++;
      if (i === close) return b.toString('utf8', start + 1, close);
    } else if (first === 0x74) return true;
    else if (first === 0x66) return false;
    else if (first === 0x6e) return null;
    return this.parse(start, end);
  }
  release(): void {
    releaseMemory(this.bytes);
    this.skeleton.release();
    this.lines = undefined;
  }
}

/**
 * Once everything is read from a plan's tree (the model holds plain data only): the memory of its
 * bytes and scan tables given back at once. Nothing may read the tree after this.
 */
export function releaseTree(root: Node): void {
  if (root instanceof LazyNode) root.doc.release();
}

/** A position computed when first read. */
// The classes below are made in the hundreds of thousands for a big plan: their fields are
// `declare`d and assigned in the constructor (plain stores; a class field is defined, which costs
// several times more), and `kind` lives on the prototype.

export abstract class LazyPos implements Pos {
  declare private resolved: Pos | undefined;
  declare private located: FileLocation | undefined;
  declare protected readonly doc: Doc;
  constructor(doc: Doc) {
    this.doc = doc;
    this.resolved = undefined;
    this.located = undefined;
  }
  protected abstract offset(): number;
  /** Line and column, found once. */
  resolve(): Pos {
    this.resolved ??= this.doc.pos(this.offset());
    return this.resolved;
  }
  /**
   * The model Location of this position in `file`, made once: a resource's field and the
   * reference read from it stand at one key, and share one plain object (a big plan's pools
   * held hundreds of thousands of them until the report was written).
   */
  location(file: string): FileLocation {
    if (this.located === undefined || this.located.file !== file) {
      const found = this.resolve();
      this.located = { kind: 'file', file, line: found.line, column: found.column };
    }
    return this.located;
  }
  /** The document's line table and this position's byte offset in it (a position kept small: FileProblems.spot). */
  lineTable(): LineTable {
    return this.doc.lineTable();
  }
  byteOffset(): number {
    return this.offset();
  }
  private get pos(): Pos {
    return this.resolve();
  }
  get line(): number {
    return this.pos.line;
  }
  get column(): number {
    return this.pos.column;
  }
}

class NodePos extends LazyPos {
  declare private readonly node: LazyNode;
  constructor(doc: Doc, node: LazyNode) {
    super(doc);
    this.node = node;
  }
  protected offset(): number {
    return this.node.offset();
  }
}

class KeyPos extends LazyPos {
  declare private readonly map: LazyMap;
  declare private readonly key: string;
  constructor(doc: Doc, map: LazyMap, key: string) {
    super(doc);
    this.map = map;
    this.key = key;
  }
  protected offset(): number {
    return this.map.keyOffset(this.key);
  }
}

/** A key whose offset the scan recorded. */
class OffsetPos extends LazyPos {
  declare private readonly at: number;
  constructor(doc: Doc, at: number) {
    super(doc);
    this.at = at;
  }
  protected offset(): number {
    return this.at;
  }
}

type Parent = LazyMap | LazySeq | ScannedMap | ScannedSeq | undefined;

/** A node: where it is comes from its parent (a key or an index in it), found when first asked; known at once under a scanned parent. */
abstract class LazyNode {
  declare private pos: LazyPos | undefined;
  declare readonly doc: Doc;
  declare private readonly parent: Parent;
  declare private readonly slot: string | number;
  declare private start: number;
  constructor(doc: Doc, parent: Parent, slot: string | number, start: number) {
    this.doc = doc;
    this.parent = parent;
    this.slot = slot;
    this.start = start;
    this.pos = undefined;
  }
  offset(): number {
    if (this.start < 0) {
      const p = this.parent;
      this.start = p === undefined ? skipSpace(this.doc.bytes, 0) : p instanceof LazyMap ? p.valueOffset(this.slot as string) : (p as LazySeq).itemOffset(this.slot as number);
    }
    return this.start;
  }
  get at(): Pos {
    this.pos ??= new NodePos(this.doc, this);
    return this.pos;
  }
}

/** A parsed value as a node; `start` when the offset is already known. */
function wrap(doc: Doc, value: unknown, parent: Parent, slot: string | number, start = -1): Node {
  if (Array.isArray(value)) return new LazySeq(doc, parent, slot, value, start);
  if (value !== null && typeof value === 'object') return new LazyMap(doc, parent, slot, value as Record<string, unknown>, start);
  return new LazyScalar(doc, parent, slot, value as ScalarValue, start);
}

class LazyScalar extends LazyNode implements ScalarNode {
  declare readonly kind: 'scalar';
  declare readonly value: ScalarValue;
  constructor(doc: Doc, parent: Parent, slot: string | number, value: ScalarValue, start: number) {
    super(doc, parent, slot, start);
    this.value = value;
  }
  /** A number as written (1.30), as the strict parser keeps it. */
  get source(): string | undefined {
    if (typeof this.value !== 'number') return undefined;
    const start = this.offset();
    return this.doc.bytes.toString('latin1', start, skipValue(this.doc.bytes, start));
  }
}

class LazySeq extends LazyNode implements SeqNode {
  declare readonly kind: 'seq';
  declare private wrapped: Node[] | undefined;
  declare private offsets: number[] | undefined;
  /** The parsed list, or where its bytes end while it is not parsed yet. */
  declare private parsed: unknown[] | number;
  constructor(doc: Doc, parent: Parent, slot: string | number, parsed: unknown[] | number, start: number) {
    super(doc, parent, slot, start);
    this.parsed = parsed;
    this.wrapped = undefined;
    this.offsets = undefined;
  }
  private get value(): unknown[] {
    if (typeof this.parsed === 'number') this.parsed = this.doc.parse(this.offset(), this.parsed) as unknown[];
    return this.parsed;
  }
  itemOffset(i: number): number {
    this.offsets ??= scanArray(this.doc.bytes, this.offset());
    return this.offsets[i] ?? this.offset();
  }
  get items(): Node[] {
    this.wrapped ??= this.value.map((item, i) => wrap(this.doc, item, this, i));
    return this.wrapped;
  }
}

class LazyEntry implements Entry {
  declare private pos: LazyPos | undefined;
  declare private readonly map: LazyMap;
  declare readonly key: string;
  declare readonly value: Node;
  constructor(map: LazyMap, key: string, value: Node) {
    this.map = map;
    this.key = key;
    this.value = value;
    this.pos = undefined;
  }
  get keyAt(): Pos {
    this.pos ??= new KeyPos(this.map.doc, this.map, this.key);
    return this.pos;
  }
}

/**
 * The prototype of a parsed object's cache of entries: none of its own, so no key finds an
 * inherited name ("toString"); an object made from it keeps fast properties, and the caches of
 * objects with the same keys share their shape (a Map each would cost a big plan tens of MB).
 */
const ENTRY_CACHE: object = Object.create(null);

/** What EntriesView needs of a map. */
interface Members {
  keysInOrder(): string[];
  entry(key: string): Entry | undefined;
  has(key: string): boolean;
}

/** An object; its entries, each wrapped when first asked for. */
class LazyMap extends LazyNode implements MapNode, Members {
  declare readonly kind: 'map';
  declare private view: EntriesView | undefined;
  declare private made: Record<string, LazyEntry | undefined> | undefined;
  declare private members: ObjectMembers | undefined;
  declare private parsed: Record<string, unknown> | undefined;
  /** Where its bytes end while it is not parsed yet. */
  declare private end: number;
  /** `value`: the parsed object, or where its bytes end, to parse it on first use. */
  constructor(doc: Doc, parent: Parent, slot: string | number, value: Record<string, unknown> | number, start: number) {
    super(doc, parent, slot, start);
    this.view = undefined;
    this.made = undefined;
    this.members = undefined;
    this.parsed = undefined;
    this.end = -1;
    if (typeof value === 'number') this.end = value;
    else this.accept(value);
  }
  private accept(value: Record<string, unknown>): Record<string, unknown> {
    this.parsed = value;
    for (const key of FORBIDDEN_KEYS) if (Object.hasOwn(value, key)) this.doc.problems.add(new KeyPos(this.doc, this, key), `key "${key}" is not allowed`);
    return value;
  }
  private get value(): Record<string, unknown> {
    return this.parsed ?? this.accept(this.doc.parse(this.offset(), this.end) as Record<string, unknown>);
  }
  get entries(): ReadonlyMap<string, Entry> {
    this.view ??= new EntriesView(this);
    return this.view;
  }
  keyOffset(key: string): number {
    this.members ??= scanObject(this.doc.bytes, this.offset(), this.doc.skeleton);
    return memberOffset(this.members, key, this.doc.skeleton) ?? this.offset();
  }
  valueOffset(key: string): number {
    const at = this.keyOffset(key);
    return at === this.offset() ? at : valueAfterKey(this.doc.bytes, at);
  }
  keysInOrder(): string[] {
    return Object.keys(this.value).filter((k) => !FORBIDDEN_KEYS.has(k));
  }
  entry(key: string): Entry | undefined {
    if (!this.has(key)) return undefined;
    this.made ??= Object.create(ENTRY_CACHE) as Record<string, LazyEntry | undefined>;
    let e = this.made[key];
    if (e === undefined) this.made[key] = e = new LazyEntry(this, key, wrap(this.doc, this.value[key], this, key));
    return e;
  }
  has(key: string): boolean {
    return !FORBIDDEN_KEYS.has(key) && Object.hasOwn(this.value, key);
  }
}

/**
 * The node of member `m` of a scanned container: scanned itself when the scan recorded it; else
 * a list or an object parsed from its bytes when first read, or a scalar parsed now.
 */
function memberNode(doc: Doc, sk: JsonSkeleton, m: number, parent: ScannedMap | ScannedSeq, slot: string | number): Node {
  const child = sk.memberChild(m);
  const start = sk.valueAt(doc.bytes, m, parent instanceof ScannedMap);
  if (child !== undefined) return sk.isMap.data[child] === 1 ? new ScannedMap(doc, parent, slot, child) : new ScannedSeq(doc, parent, slot, child);
  const end = sk.valueEnd.data[m] as number;
  const first = doc.bytes[start];
  if (first === 0x7b) return new LazyMap(doc, parent, slot, end, start);
  if (first === 0x5b) return new LazySeq(doc, parent, slot, end, start);
  return wrap(doc, doc.scalar(start, end), parent, slot, start);
}

/**
 * An object the scan recorded: its members' offsets are known, and a member's node is made each
 * time it is asked for, never kept: what a reader keeps of a plan stays alive, what it has read
 * and dropped (a resource's parsed values) does not.
 */
class ScannedMap extends LazyNode implements MapNode, Members {
  declare readonly kind: 'map';
  declare private readonly sk: JsonSkeleton;
  declare private readonly container: number;
  constructor(doc: Doc, parent: Parent, slot: string | number, container: number) {
    const sk = doc.skeleton;
    super(doc, parent, slot, sk.start.data[container] as number);
    this.sk = sk;
    this.container = container;
    for (const key of FORBIDDEN_KEYS) {
      const m = this.member(key);
      if (m !== undefined) doc.problems.add(new OffsetPos(doc, sk.keyAt.data[m] as number), `key "${key}" is not allowed`);
    }
  }
  /** The last member named `key` (JSON.parse keeps the last of duplicates). */
  private member(key: string): number | undefined {
    const sk = this.sk;
    const first = sk.first.data[this.container] as number;
    for (let m = first + (sk.count.data[this.container] as number) - 1; m >= first; m--) if (sk.keys[sk.keyId.data[m] as number] === key) return m;
    return undefined;
  }
  get entries(): ReadonlyMap<string, Entry> {
    return new EntriesView(this);
  }
  keysInOrder(): string[] {
    const sk = this.sk;
    const first = sk.first.data[this.container] as number;
    const keys = new Set<string>();
    for (let m = first; m < first + (sk.count.data[this.container] as number); m++) {
      const key = sk.keys[sk.keyId.data[m] as number] as string;
      if (!FORBIDDEN_KEYS.has(key)) keys.add(key);
    }
    return [...keys];
  }
  entry(key: string): Entry | undefined {
    const m = FORBIDDEN_KEYS.has(key) ? undefined : this.member(key);
    if (m === undefined) return undefined;
    return { key, keyAt: new OffsetPos(this.doc, this.sk.keyAt.data[m] as number), value: memberNode(this.doc, this.sk, m, this, key) };
  }
  has(key: string): boolean {
    return !FORBIDDEN_KEYS.has(key) && this.member(key) !== undefined;
  }
}

/** A list the scan recorded; its items are made each time they are asked for, never kept. */
class ScannedSeq extends LazyNode implements SeqNode {
  declare readonly kind: 'seq';
  declare private readonly container: number;
  constructor(doc: Doc, parent: Parent, slot: string | number, container: number) {
    super(doc, parent, slot, doc.skeleton.start.data[container] as number);
    this.container = container;
  }
  get items(): Node[] {
    const n = this.count();
    const items: Node[] = new Array(n);
    for (let i = 0; i < n; i++) items[i] = this.item(i);
    return items;
  }
  count(): number {
    return this.doc.skeleton.count.data[this.container] as number;
  }
  item(i: number): Node {
    const sk = this.doc.skeleton;
    return memberNode(this.doc, sk, (sk.first.data[this.container] as number) + i, this, i);
  }
}

/**
 * How many items a list has, and item i of it made alone: a scanned list (a plan's resources)
 * makes no other item, so a reader may keep a list and an index instead of the item's node.
 */
export function itemCount(list: SeqNode): number {
  return list instanceof ScannedSeq ? list.count() : list.items.length;
}
export function itemAt(list: SeqNode, i: number): Node {
  return list instanceof ScannedSeq ? list.item(i) : (list.items[i] as Node);
}

/** A map's entries as the read-only Map every reader walks. */
class EntriesView implements ReadonlyMap<string, Entry> {
  declare private readonly map: Members;
  constructor(map: Members) {
    this.map = map;
  }
  get(key: string): Entry | undefined {
    return this.map.entry(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  get size(): number {
    return this.map.keysInOrder().length;
  }
  // Arrays' iterators, not generators: a for-of over them allocates no result per step.
  entries(): MapIterator<[string, Entry]> {
    return this.map.keysInOrder().map((k): [string, Entry] => [k, this.map.entry(k) as Entry])[Symbol.iterator]() as unknown as MapIterator<[string, Entry]>;
  }
  keys(): MapIterator<string> {
    return this.map.keysInOrder()[Symbol.iterator]() as unknown as MapIterator<string>;
  }
  values(): MapIterator<Entry> {
    return this.map.keysInOrder().map((k) => this.map.entry(k) as Entry)[Symbol.iterator]() as unknown as MapIterator<Entry>;
  }
  [Symbol.iterator](): MapIterator<[string, Entry]> {
    return this.entries();
  }
  forEach(fn: (value: Entry, key: string, map: ReadonlyMap<string, Entry>) => void): void {
    for (const [k, e] of this.entries()) fn(e, k, this);
  }
}

for (const [cls, kind] of [
  [LazyScalar, 'scalar'],
  [LazySeq, 'seq'],
  [LazyMap, 'map'],
  [ScannedMap, 'map'],
  [ScannedSeq, 'seq'],
] as const) {
  Object.defineProperty(cls.prototype, 'kind', { value: kind });
}

/**
 * The tree of `bytes` (valid JSON: scanJson checked them and recorded `skeleton`), positions
 * found in the bytes when read. Without a recorded root, the whole document is parsed at once.
 */
export function lazyJsonTree(bytes: Buffer, skeleton: JsonSkeleton, problems: FileProblems): Node {
  const doc = new Doc(bytes, skeleton, problems);
  if (skeleton.root !== undefined) {
    const root = skeleton.root;
    return skeleton.isMap.data[root] === 1 ? new ScannedMap(doc, undefined, '', root) : new ScannedSeq(doc, undefined, '', root);
  }
  const start = skipSpace(bytes, 0);
  return wrap(doc, doc.parse(start, skipValue(bytes, start)), undefined, '', start);
}
