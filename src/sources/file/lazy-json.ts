/**
 * A Terraform plan as the positioned tree (tree.ts), built lazily over JSON.parse. A plan is tens
 * of megabytes of machine-written JSON of which lint reads a small part, and reports on fewer
 * places still: a full tree of positioned nodes costs many times the file in memory and time. So
 * the values come from V8's JSON.parse, a node is wrapped only when a reader reaches it, and a
 * position is found only when it is read (a finding's line:col), by scanning the text of the
 * node's ancestors once each (the offsets of a container's members are kept once scanned).
 *
 * Only for plans (read.ts decides): JSON.parse keeps the last of duplicate keys where the strict
 * tree parser reports them; Terraform never writes duplicates. Keys that could reach a prototype
 * are reported as the strict parser does, and are never read.
 */
import type { FileProblems } from './problems.js';
import { FORBIDDEN_KEYS, LinePositions, type Entry, type MapNode, type Node, type Pos, type ScalarNode, type ScalarValue, type SeqNode } from './tree.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The text and its line starts (built on the first position asked for). */
class Doc {
  private lines: LinePositions | undefined;
  constructor(
    readonly text: string,
    readonly problems: FileProblems,
  ) {}
  pos(offset: number): Pos {
    this.lines ??= new LinePositions(this.text);
    return this.lines.pos(offset);
  }
}

/** A position computed when first read. */
export abstract class LazyPos implements Pos {
  private resolved: Pos | undefined;
  constructor(protected readonly doc: Doc) {}
  protected abstract offset(): number;
  private get pos(): Pos {
    this.resolved ??= this.doc.pos(this.offset());
    return this.resolved;
  }
  get line(): number {
    return this.pos.line;
  }
  get column(): number {
    return this.pos.column;
  }
}

class NodePos extends LazyPos {
  constructor(
    doc: Doc,
    private readonly node: LazyNode,
  ) {
    super(doc);
  }
  protected offset(): number {
    return this.node.offset();
  }
}

class KeyPos extends LazyPos {
  constructor(
    doc: Doc,
    private readonly map: LazyMap,
    private readonly key: string,
  ) {
    super(doc);
  }
  protected offset(): number {
    return this.map.keyOffset(this.key);
  }
}

/** Index of the closing quote of the string whose opening quote is at `i`. */
function stringEnd(text: string, i: number): number {
  let j = i;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return text.length;
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}

function skipSpace(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) <= 0x20) j++;
  return j;
}

/** Index just past the JSON value starting at `i` (the text is valid JSON: JSON.parse read it). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return stringEnd(text, i) + 1;
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    let j = i;
    for (; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d <= 0x20) break;
    }
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === QUOTE) j = stringEnd(text, j);
    else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return j + 1;
  }
  return text.length;
}

/** Offsets of an object's keys, the object's "{" at `start`; the last of a repeated key, as JSON.parse keeps it. */
function scanObject(text: string, start: number): Map<string, number> {
  const members = new Map<string, number>();
  let i = skipSpace(text, start + 1);
  while (i < text.length && text.charCodeAt(i) === QUOTE) {
    const end = stringEnd(text, i);
    const raw = text.slice(i + 1, end);
    members.set(raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw, i);
    i = skipSpace(text, skipValue(text, valueAfterKey(text, i)));
    if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
  }
  return members;
}

/** The offset of the value of the key whose opening quote is at `keyStart`. */
function valueAfterKey(text: string, keyStart: number): number {
  const j = skipSpace(text, stringEnd(text, keyStart) + 1);
  return text.charCodeAt(j) === COLON ? skipSpace(text, j + 1) : j;
}

/** Offsets of an array's items, the array's "[" at `start`. */
function scanArray(text: string, start: number): number[] {
  const items: number[] = [];
  let i = skipSpace(text, start + 1);
  while (i < text.length && text.charCodeAt(i) !== CLOSE_BRACKET) {
    items.push(i);
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
    else break;
  }
  return items;
}

/** A node: where it is comes from its parent (a key or an index in it), found when first asked. */
abstract class LazyNode {
  private start = -1;
  private pos: LazyPos | undefined;
  constructor(
    protected readonly doc: Doc,
    private readonly parent: LazyMap | LazySeq | undefined,
    private readonly slot: string | number,
  ) {}
  offset(): number {
    if (this.start < 0) {
      const p = this.parent;
      this.start = p === undefined ? skipSpace(this.doc.text, 0) : p instanceof LazyMap ? p.valueOffset(this.slot as string) : p.itemOffset(this.slot as number);
    }
    return this.start;
  }
  get at(): Pos {
    this.pos ??= new NodePos(this.doc, this);
    return this.pos;
  }
}

function wrap(doc: Doc, value: unknown, parent: LazyMap | LazySeq | undefined, slot: string | number): Node {
  if (Array.isArray(value)) return new LazySeq(doc, parent, slot, value);
  if (value !== null && typeof value === 'object') return new LazyMap(doc, parent, slot, value as Record<string, unknown>);
  return new LazyScalar(doc, parent, slot, value as ScalarValue);
}

class LazyScalar extends LazyNode implements ScalarNode {
  readonly kind = 'scalar' as const;
  constructor(
    doc: Doc,
    parent: LazyMap | LazySeq | undefined,
    slot: string | number,
    readonly value: ScalarValue,
  ) {
    super(doc, parent, slot);
  }
  /** A number as written (1.30), as the strict parser keeps it. */
  get source(): string | undefined {
    if (typeof this.value !== 'number') return undefined;
    const start = this.offset();
    return this.doc.text.slice(start, skipValue(this.doc.text, start));
  }
}

class LazySeq extends LazyNode implements SeqNode {
  readonly kind = 'seq' as const;
  private wrapped: Node[] | undefined;
  private offsets: number[] | undefined;
  constructor(
    doc: Doc,
    parent: LazyMap | LazySeq | undefined,
    slot: string | number,
    private readonly value: unknown[],
  ) {
    super(doc, parent, slot);
  }
  itemOffset(i: number): number {
    this.offsets ??= scanArray(this.doc.text, this.offset());
    return this.offsets[i] ?? this.offset();
  }
  get items(): Node[] {
    this.wrapped ??= this.value.map((item, i) => wrap(this.doc, item, this, i));
    return this.wrapped;
  }
}

class LazyEntry implements Entry {
  private pos: LazyPos | undefined;
  constructor(
    private readonly map: LazyMap,
    readonly key: string,
    readonly value: Node,
  ) {}
  get keyAt(): Pos {
    this.pos ??= new KeyPos(this.map.doc, this.map, this.key);
    return this.pos;
  }
}

/** An object; its entries, each wrapped when first asked for. */
class LazyMap extends LazyNode implements MapNode {
  readonly kind = 'map' as const;
  private view: EntriesView | undefined;
  private made: Map<string, LazyEntry> | undefined;
  private members: Map<string, number> | undefined;
  constructor(
    override readonly doc: Doc,
    parent: LazyMap | LazySeq | undefined,
    slot: string | number,
    private readonly value: Record<string, unknown>,
  ) {
    super(doc, parent, slot);
    for (const key of FORBIDDEN_KEYS) if (Object.hasOwn(value, key)) doc.problems.add(new KeyPos(doc, this, key), `key "${key}" is not allowed`);
  }
  get entries(): ReadonlyMap<string, Entry> {
    this.view ??= new EntriesView(this);
    return this.view;
  }
  keyOffset(key: string): number {
    this.members ??= scanObject(this.doc.text, this.offset());
    return this.members.get(key) ?? this.offset();
  }
  valueOffset(key: string): number {
    const at = this.keyOffset(key);
    return at === this.offset() ? at : valueAfterKey(this.doc.text, at);
  }
  keysInOrder(): string[] {
    return Object.keys(this.value).filter((k) => !FORBIDDEN_KEYS.has(k));
  }
  entry(key: string): Entry | undefined {
    if (!this.has(key)) return undefined;
    this.made ??= new Map();
    let e = this.made.get(key);
    if (e === undefined) this.made.set(key, (e = new LazyEntry(this, key, wrap(this.doc, this.value[key], this, key))));
    return e;
  }
  has(key: string): boolean {
    return !FORBIDDEN_KEYS.has(key) && Object.hasOwn(this.value, key);
  }
}

/** A LazyMap's entries as the read-only Map every reader walks. */
class EntriesView implements ReadonlyMap<string, Entry> {
  constructor(private readonly map: LazyMap) {}
  get(key: string): Entry | undefined {
    return this.map.entry(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  get size(): number {
    return this.map.keysInOrder().length;
  }
  *entries(): MapIterator<[string, Entry]> {
    for (const k of this.map.keysInOrder()) yield [k, this.map.entry(k) as Entry];
  }
  *keys(): MapIterator<string> {
    yield* this.map.keysInOrder();
  }
  *values(): MapIterator<Entry> {
    for (const k of this.map.keysInOrder()) yield this.map.entry(k) as Entry;
  }
  [Symbol.iterator](): MapIterator<[string, Entry]> {
    return this.entries();
  }
  forEach(fn: (value: Entry, key: string, map: ReadonlyMap<string, Entry>) => void): void {
    for (const [k, e] of this.entries()) fn(e, k, this);
  }
}

/** The tree of `value` (JSON.parse of `text`), positions found in `text` when read. */
export function lazyJsonTree(text: string, value: unknown, problems: FileProblems): Node {
  return wrap(new Doc(text, problems), value, undefined, '');
}
