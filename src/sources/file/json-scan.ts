/**
 * One pass over a JSON document's bytes (a Terraform plan of tens of megabytes) that checks its
 * syntax and records where the parts a reader walks are, without building a value: for the
 * containers a layout names (a plan's resource lists and each resource's members), the byte
 * offsets of every member's key and value; every other value is only checked and skipped. A
 * reader then JSON.parses just the slices it reads (lazy-json.ts): V8's parser is several times
 * faster than any tokenizer written in JS, and what no reader touches (other resource types,
 * `before`, sensitive values) is never turned into objects.
 *
 * The scan only says whether the text is valid JSON. Where it is not, the caller reads the text
 * with the strict tree parser (json-tree.ts), which words the error at its line and column.
 */
import { isAscii } from 'node:buffer';
import { MAX_JSON_DEPTH } from './json-tree.js';
import type { Pos } from './tree.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Which containers to record: the layout state of the document's root, and the state of a
 * member (its key, or the item index in a list) of a container in state `state`; NOT_RECORDED
 * for a value that is only checked. States are small numbers the layout chooses.
 */
export interface JsonLayout {
  root: number;
  child(state: number, key: string | number): number;
}

export const NOT_RECORDED = -1;

/** Growable list of unsigned 32-bit numbers (byte offsets below 4 GiB, indexes). */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(n: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = n;
  }
  /** Gives back the room grown beyond what was pushed. */
  trim(): void {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length);
  }
}

/**
 * The members' key ids: 16 bits each until an id needs more (a plan's recorded members have a
 * few dozen distinct keys, and a 55 MB plan 600,000 members).
 */
class KeyIdList {
  data: Uint16Array | Uint32Array = new Uint16Array(1024);
  length = 0;
  push(n: number): void {
    if (n > 0xffff && this.data instanceof Uint16Array) this.data = Uint32Array.from(this.data);
    if (this.length === this.data.length) {
      const bigger = this.data instanceof Uint16Array ? new Uint16Array(this.data.length * 2) : new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = n;
  }
  trim(): void {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length);
  }
}

const NO_CHILD = 0xffffffff;

/**
 * The recorded containers of a document, as flat tables (a plan has tens of thousands of
 * resources: one object per member would cost more than the members' bytes). Container c's
 * members are members [first(c), first(c) + count(c)); a member has its key (an index into
 * `keys`, maps only), where it starts (its key in an object, its value in a list: a value after
 * a key is found from the key, valueAt), where its value ends, and the recorded container it is,
 * if any (few members are one: kept apart, as sorted member -> container pairs).
 */
export class JsonSkeleton {
  /** Per container: 1 for an object, 0 for a list; its "{" or "["; its first member; how many. */
  readonly isMap = new U32List();
  readonly start = new U32List();
  readonly first = new U32List();
  readonly count = new U32List();
  /** Per member. */
  /** A list item's is 0: a list has no keys. */
  readonly keyId = new KeyIdList();
  readonly keyAt = new U32List();
  readonly valueEnd = new U32List();
  /** The members that are recorded containers, in member order, and those containers. */
  readonly parentMember = new U32List();
  readonly childContainer = new U32List();
  /** Distinct keys, once each. */
  readonly keys: string[] = [];
  private readonly keyIndex = new Map<string, number>();
  /** Keys by their bytes (KeyTable), for the scan and for the members of parsed objects. */
  readonly keyTable: KeyTable = new KeyTable(this);
  /** The root container (the last one recorded), or undefined when the root is not recorded. */
  root: number | undefined;

  /** The id of a key seen before, or undefined. */
  idOf(key: string): number | undefined {
    return this.keyIndex.get(key);
  }

  intern(key: string): number {
    let id = this.keyIndex.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.keyIndex.set(key, id);
    }
    return id;
  }

  trim(): void {
    for (const list of this.lists()) list.trim();
  }

  /** Once the document is read: the tables' memory given back (releaseMemory); nothing may read them after. */
  release(): void {
    for (const list of this.lists()) {
      releaseMemory(list.data);
      list.length = 0;
    }
  }

  private lists(): Array<U32List | KeyIdList> {
    return [this.isMap, this.start, this.first, this.count, this.keyId, this.keyAt, this.valueEnd, this.parentMember, this.childContainer];
  }

  /** Where member `m`'s value starts, in a container that is an object (`inMap`) or a list. */
  valueAt(b: Buffer, m: number, inMap: boolean): number {
    const at = this.keyAt.data[m] as number;
    return inMap ? valueAfterKey(b, at) : at;
  }

  memberChild(m: number): number | undefined {
    const members = this.parentMember.data;
    let lo = 0;
    let hi = this.parentMember.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((members[mid] as number) < m) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.parentMember.length && members[lo] === m ? (this.childContainer.data[lo] as number) : undefined;
  }
}

/** Below this, an ArrayBuffer may be Node's shared pool of small Buffers, and is never released. */
const RELEASE_MIN_BYTES = 1 << 20;

/**
 * The memory behind `view` given back now, not when the collector next makes a full pass: its
 * ArrayBuffer is detached (moved into a clone that nothing keeps, freed by the next minor
 * collection). A big plan's bytes and tables (80 MB for 55 MB of plan) otherwise stayed until the
 * run ended. The caller guarantees nothing reads the view, or another view of its buffer, again.
 */
export function releaseMemory(view: ArrayBufferView): void {
  const buffer = view.buffer;
  if (buffer instanceof ArrayBuffer && buffer.byteLength >= RELEASE_MIN_BYTES) structuredClone(buffer, { transfer: [buffer] });
}

/** Thrown inside the scan at the first byte that is not valid JSON (or one level too deep). */
class NotJson extends Error {}
const notJson = new NotJson();

function space(b: Uint8Array, i: number): number {
  let j = i;
  for (;;) {
    const c = b[j];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) j++;
    else return j;
  }
}

/** Index just past the string whose opening quote is at `i`, checking its escapes and control characters. */
function checkedString(b: Uint8Array, i: number): number {
  let j = i + 1;
  for (;;) {
    const c = b[j];
    if (c === QUOTE) return j + 1;
    if (c === undefined || c < 0x20) throw notJson;
    if (c === BACKSLASH) {
      const e = b[j + 1];
      if (e === 0x75) {
        for (let k = j + 2; k < j + 6; k++) if (!isHex(b[k])) throw notJson;
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) throw notJson;
      j += 2;
      continue;
    }
    j++;
  }
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

function digits(b: Uint8Array, i: number): number {
  let j = i;
  while ((b[j] as number) >= ZERO && (b[j] as number) <= NINE) j++;
  if (j === i) throw notJson;
  return j;
}

/** Index just past the number, literal or string at `i`; containers are the caller's. */
function checkedScalar(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === QUOTE) return checkedString(b, i);
  if (c === 0x74) return literal(b, i, 'true');
  if (c === 0x66) return literal(b, i, 'false');
  if (c === 0x6e) return literal(b, i, 'null');
  let j = i;
  if (c === MINUS) j++;
  if (b[j] === ZERO) j++;
  else j = digits(b, j);
  if (b[j] === DOT) j = digits(b, j + 1);
  if (b[j] === 0x65 || b[j] === 0x45) {
    j++;
    if (b[j] === 0x2b || b[j] === MINUS) j++;
    j = digits(b, j);
  }
  return j;
}

function literal(b: Uint8Array, i: number, word: string): number {
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) throw notJson;
  return i + word.length;
}

/**
 * Index just past the value at `i` (no leading space), checking all of it; `depth` containers
 * are open around it. Iterative, with the open containers' kinds on a small stack, so a deep
 * document cannot exhaust the call stack.
 */
/** The open containers of checkedValue, one stack for every call (the scan is synchronous). */
const OPEN = new Uint8Array(MAX_JSON_DEPTH + 1);

function checkedValue(b: Uint8Array, i: number, depth: number): number {
  const first = b[i];
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return checkedScalar(b, i);
  const open = OPEN;
  let top = 0;
  let j = i;
  for (;;) {
    // A value starts at j.
    const c = b[j];
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth + top >= MAX_JSON_DEPTH) throw notJson;
      open[top++] = c;
      j = space(b, j + 1);
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      if (b[j] !== close) {
        if (c === OPEN_BRACE) j = keyAndColon(b, j);
        continue;
      }
      top--;
      j++;
    } else j = checkedScalar(b, j);
    // After a value: a comma and the next member, or the end of containers.
    for (;;) {
      if (top === 0) return j;
      j = space(b, j);
      const d = b[j];
      const container = open[top - 1];
      if (d === COMMA) {
        j = space(b, j + 1);
        if (container === OPEN_BRACE) j = keyAndColon(b, j);
        break;
      }
      if (d !== (container === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) throw notJson;
      top--;
      j++;
    }
  }
}

/** At a key's opening quote: index of the value after the key and its colon. */
function keyAndColon(b: Uint8Array, i: number): number {
  if (b[i] !== QUOTE) throw notJson;
  const j = space(b, checkedString(b, i));
  if (b[j] !== COLON) throw notJson;
  return space(b, j + 1);
}

/** A key's text: most keys are plain ASCII, read without JSON.parse. */
function keyText(b: Buffer, start: number, end: number): string {
  for (let k = start + 1; k < end - 1; k++) {
    const c = b[k] as number;
    if (c === BACKSLASH || c >= 0x80) return JSON.parse(b.toString('utf8', start, end)) as string;
  }
  return b.toString('latin1', start + 1, end - 1);
}

/**
 * The members of the containers being recorded, innermost last: a container's members are
 * moved to the skeleton's tables when it ends, so each container's members are contiguous there.
 */
class Pending {
  keyId = new Uint32Array(256);
  keyAt = new Uint32Array(256);
  valueEnd = new Uint32Array(256);
  child = new Uint32Array(256);
  top = 0;
  /** Room for one more member. */
  reserve(): void {
    if (this.top < this.keyId.length) return;
    const grow = (a: Uint32Array) => {
      const bigger = new Uint32Array(a.length * 2);
      bigger.set(a);
      return bigger;
    };
    this.keyId = grow(this.keyId);
    this.keyAt = grow(this.keyAt);
    this.valueEnd = grow(this.valueEnd);
    this.child = grow(this.child);
  }
}

/** Keys by their bytes, so that the thousands of "address" keys of a plan are one string, made once. */
export class KeyTable {
  private readonly byHash = new Map<number, number[]>();
  constructor(private readonly sk: JsonSkeleton) {}
  /** The key id of the key token b[start, end) (its quotes included). */
  id(b: Buffer, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let k = start + 1; k < end - 1; k++) h = Math.imul(h ^ (b[k] as number), 0x01000193);
    const ids = this.byHash.get(h);
    if (ids !== undefined) {
      for (const id of ids) if (this.same(id, b, start, end)) return id;
    }
    const id = this.sk.intern(keyText(b, start, end));
    if (ids === undefined) this.byHash.set(h, [id]);
    else ids.push(id);
    this.raw[id] = b.toString('latin1', start + 1, end - 1);
    return id;
  }
  /** Each key as its raw bytes (latin1), for comparing without decoding. */
  private readonly raw: string[] = [];
  private same(id: number, b: Buffer, start: number, end: number): boolean {
    const raw = this.raw[id] as string;
    if (raw.length !== end - start - 2) return false;
    for (let k = 0; k < raw.length; k++) if (raw.charCodeAt(k) !== b[start + 1 + k]) return false;
    return true;
  }
}

interface Scan {
  b: Buffer;
  layout: JsonLayout;
  sk: JsonSkeleton;
  pending: Pending;
  keys: KeyTable;
}

/** Records the container at `i` (its "{" or "["), in layout state `state`; returns the index past it. */
function recorded(scan: Scan, i: number, depth: number, state: number): number {
  if (depth >= MAX_JSON_DEPTH) throw notJson;
  const { b, layout, sk, pending } = scan;
  const map = b[i] === OPEN_BRACE;
  const close = map ? CLOSE_BRACE : CLOSE_BRACKET;
  const base = pending.top;
  let j = space(b, i + 1);
  if (b[j] !== close) {
    for (let index = 0; ; index++) {
      pending.reserve();
      const m = pending.top++;
      let keyId = 0;
      let keyStart = NO_CHILD;
      if (map) {
        if (b[j] !== QUOTE) throw notJson;
        const keyEnd = checkedString(b, j);
        keyId = scan.keys.id(b, j, keyEnd);
        keyStart = j;
        j = space(b, keyEnd);
        if (b[j] !== COLON) throw notJson;
        j = space(b, j + 1);
      }
      const v = b[j];
      const childState = v === OPEN_BRACE || v === OPEN_BRACKET ? layout.child(state, map ? (sk.keys[keyId] as string) : index) : NOT_RECORDED;
      const valueStart = j;
      let child = NO_CHILD;
      if (childState !== NOT_RECORDED) {
        j = recorded(scan, j, depth + 1, childState);
        child = sk.start.length - 1;
      } else j = checkedValue(b, j, depth + 1);
      // The child's members have been moved out: this member's slot is `m` again.
      pending.keyId[m] = keyId;
      // A list item has no key: it starts at its value.
      pending.keyAt[m] = map ? keyStart : valueStart;
      pending.valueEnd[m] = j;
      pending.child[m] = child;
      j = space(b, j);
      if (b[j] === COMMA) {
        j = space(b, j + 1);
        continue;
      }
      if (b[j] !== close) throw notJson;
      break;
    }
  }
  sk.isMap.push(map ? 1 : 0);
  sk.start.push(i);
  sk.first.push(sk.keyAt.length);
  sk.count.push(pending.top - base);
  for (let m = base; m < pending.top; m++) {
    const child = pending.child[m] as number;
    if (child !== NO_CHILD) {
      sk.parentMember.push(sk.keyAt.length);
      sk.childContainer.push(child);
    }
    sk.keyId.push(pending.keyId[m] as number);
    sk.keyAt.push(pending.keyAt[m] as number);
    sk.valueEnd.push(pending.valueEnd[m] as number);
  }
  pending.top = base;
  return j + 1;
}

/**
 * Checks that `bytes` hold exactly one JSON value (with space around it) and records the
 * containers `layout` names. Undefined when they are not valid JSON or nest more than
 * MAX_JSON_DEPTH levels deep. Byte offsets must fit 32 bits (inputs are capped far below).
 */
export function scanJson(bytes: Buffer, layout: JsonLayout): JsonSkeleton | undefined {
  // Offsets are kept in 32 bits; inputs are capped far below 4 GiB (read.ts).
  if (bytes.length >= NO_CHILD) return undefined;
  const sk = new JsonSkeleton();
  try {
    const i = space(bytes, 0);
    const c = bytes[i];
    let end: number;
    if (layout.root !== NOT_RECORDED && (c === OPEN_BRACE || c === OPEN_BRACKET)) {
      end = recorded({ b: bytes, layout, sk, pending: new Pending(), keys: sk.keyTable }, i, 0, layout.root);
      sk.root = sk.start.length - 1;
    } else end = checkedValue(bytes, i, 0);
    if (space(bytes, end) !== bytes.length) return undefined;
    sk.trim();
  } catch (err) {
    if (err === notJson) return undefined;
    throw err;
  }
  return sk;
}

// Helpers for text already checked valid (by scanJson): finding members without checking them.

/** Index of the closing quote of the string whose opening quote is at `i`. */
export function stringEnd(b: Buffer, i: number): number {
  let j = i;
  for (;;) {
    j = b.indexOf(QUOTE, j + 1);
    if (j < 0) return b.length;
    let backslashes = 0;
    for (let k = j - 1; b[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}

export function skipSpace(b: Uint8Array, i: number): number {
  let j = i;
  while (j < b.length && (b[j] as number) <= 0x20) j++;
  return j;
}

/** Index just past the (valid) JSON value starting at `i`. */
export function skipValue(b: Buffer, i: number): number {
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i) + 1;
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    let j = i;
    for (; j < b.length; j++) {
      const d = b[j] as number;
      if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d <= 0x20) break;
    }
    return j;
  }
  let depth = 0;
  for (let j = i; j < b.length; j++) {
    const d = b[j];
    if (d === QUOTE) j = stringEnd(b, j);
    else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return j + 1;
  }
  return b.length;
}

/** The offset of the value of the key whose opening quote is at `keyStart`. */
export function valueAfterKey(b: Buffer, keyStart: number): number {
  const j = skipSpace(b, stringEnd(b, keyStart) + 1);
  return b[j] === COLON ? skipSpace(b, j + 1) : j;
}

/** An object's keys (ids in `sk`'s key table) and their offsets, in the order written. */
export interface ObjectMembers {
  ids: number[];
  at: number[];
}

/** The members of the object whose "{" is at `start`. */
export function scanObject(b: Buffer, start: number, sk: JsonSkeleton): ObjectMembers {
  const members: ObjectMembers = { ids: [], at: [] };
  let i = skipSpace(b, start + 1);
  while (i < b.length && b[i] === QUOTE) {
    const end = stringEnd(b, i) + 1;
    members.ids.push(sk.keyTable.id(b, i, end));
    members.at.push(i);
    i = skipSpace(b, skipValue(b, valueAfterKey(b, i)));
    if (b[i] === COMMA) i = skipSpace(b, i + 1);
  }
  return members;
}

/** Offset of the key `key` among `members` (the last of a repeated key, as JSON.parse keeps it), or undefined. */
export function memberOffset(members: ObjectMembers, key: string, sk: JsonSkeleton): number | undefined {
  const id = sk.idOf(key);
  if (id === undefined) return undefined;
  for (let m = members.ids.length - 1; m >= 0; m--) if (members.ids[m] === id) return members.at[m];
  return undefined;
}

/** Offsets of an array's items, the array's "[" at `start`. */
export function scanArray(b: Buffer, start: number): number[] {
  const items: number[] = [];
  let i = skipSpace(b, start + 1);
  while (i < b.length && b[i] !== CLOSE_BRACKET) {
    items.push(i);
    i = skipSpace(b, skipValue(b, i));
    if (b[i] === COMMA) i = skipSpace(b, i + 1);
    else break;
  }
  return items;
}

/**
 * Byte offsets to 1-based line and column, the column counted in UTF-16 units as an editor (and
 * the strict parser, over the decoded text) counts them. Built on the first position asked for.
 */
export class BytePositions {
  private readonly lineStarts: Uint32Array;
  private readonly lines: number;
  /** Offsets of multi-byte UTF-8 sequences and, per sequence, the UTF-16 units saved up to and including it; undefined for ASCII. */
  private readonly wide: { at: Uint32Array; saved: Uint32Array; n: number } | undefined;

  constructor(b: Buffer) {
    let starts = new Uint32Array(1024);
    let n = 1;
    for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, i + 1)) {
      if (n === starts.length) {
        const bigger = new Uint32Array(starts.length * 2);
        bigger.set(starts);
        starts = bigger;
      }
      starts[n++] = i + 1;
    }
    this.lineStarts = starts;
    this.lines = n;
    this.wide = isAscii(b) ? undefined : wideSequences(b);
  }

  pos(offset: number): Pos {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = this.lines - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo] as number;
    const units = offset - lineStart - (this.savedBefore(offset) - this.savedBefore(lineStart));
    return { line: lo + 1, column: units + 1 };
  }

  /** UTF-16 units fewer than bytes in [0, offset). */
  private savedBefore(offset: number): number {
    const w = this.wide;
    if (w === undefined) return 0;
    let lo = 0;
    let hi = w.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((w.at[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (w.saved[lo - 1] as number);
  }
}

/** Each multi-byte sequence saves its length less its UTF-16 units: 1 for 2 bytes, 2 for 3, 2 for 4 (a surrogate pair). */
function wideSequences(b: Buffer): { at: Uint32Array; saved: Uint32Array; n: number } {
  const at = new U32List();
  const saved = new U32List();
  let total = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c < 0xc0) continue;
    const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    total += len === 4 ? 2 : len - 1;
    at.push(i);
    saved.push(total);
    i += len - 1;
  }
  return { at: at.data, saved: saved.data, n: at.length };
}
