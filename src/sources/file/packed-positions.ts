/**
 * A model object's Positions (core/model.ts) kept as byte offsets into its file, each turned into
 * a Location only when read (a finding's line:col). A big plan's tens of thousands of pools hold
 * about twenty positions each: as plain Location objects they cost more than 20 MB from the
 * moment the plan is read until the report is written; as offsets a few hundred bytes a pool.
 *
 * To every reader it is a plain Record<string, Location>: indexing, `in`, Object.keys, spread
 * and JSON.stringify see the same keys and values (each read makes a new Location object, equal
 * to the last). Writing a Location stores it as given. The line table (lazy-json.ts) outlives the
 * file's bytes: it holds only line starts and where multi-byte characters are.
 */
import type { Location, Positions } from '../../core/model.js';
import type { Pos } from './tree.js';

/** Byte offsets to 1-based line and UTF-16 column (json-scan.ts BytePositions). */
export interface LineTable {
  pos(offset: number): Pos;
}

/** The Location of byte `offset` of `file`. */
export function offsetLocation(lines: LineTable, file: string, offset: number): Location {
  const { line, column } = lines.pos(offset);
  return { kind: 'file', file, line, column };
}

const TARGET = Symbol('packed positions');
const LINES = Symbol('line table');

/**
 * The record behind the Proxy. Key -> byte offset (a small integer: no object), or a Location
 * written as such (another file's, a live object's). A plain object: objects with the same keys
 * share their shape, where a null-prototype one is a hash table each.
 */
type Packed = Record<string, number | Location>;

/** The traps of one file's packed positions (`this`: the handler, which knows the file and its lines). */
class PackedHandler implements ProxyHandler<Packed> {
  constructor(
    readonly lines: LineTable,
    readonly file: string,
  ) {}

  private at(t: Packed, key: string): Location | undefined {
    if (!Object.hasOwn(t, key)) return undefined;
    const v = t[key] as number | Location;
    return typeof v === 'number' ? offsetLocation(this.lines, this.file, v) : v;
  }

  get(t: Packed, key: string | symbol): unknown {
    if (key === TARGET) return t;
    if (key === LINES) return this.lines;
    if (typeof key === 'string' && Object.hasOwn(t, key)) return this.at(t, key);
    return (Object.prototype as Record<string | symbol, unknown>)[key];
  }
  set(t: Packed, key: string | symbol, value: Location): boolean {
    // A plain record's "__proto__" would be its prototype: no model field is named so.
    if (typeof key !== 'string' || key === '__proto__') return false;
    t[key] = value;
    return true;
  }
  has(t: Packed, key: string | symbol): boolean {
    return (typeof key === 'string' && Object.hasOwn(t, key)) || key in Object.prototype;
  }
  deleteProperty(t: Packed, key: string | symbol): boolean {
    if (typeof key === 'string') delete t[key];
    return true;
  }
  ownKeys(t: Packed): string[] {
    return Object.keys(t);
  }
  getOwnPropertyDescriptor(t: Packed, key: string | symbol): PropertyDescriptor | undefined {
    if (typeof key !== 'string' || !Object.hasOwn(t, key)) return undefined;
    return { value: this.at(t, key), writable: true, enumerable: true, configurable: true };
  }
  defineProperty(t: Packed, key: string | symbol, desc: PropertyDescriptor): boolean {
    if (typeof key !== 'string' || !('value' in desc)) return false;
    return this.set(t, key, desc.value as Location);
  }
  getPrototypeOf(): object {
    return Object.prototype;
  }
}

/** One handler per file's line table: a big plan's objects share it (each has only its Proxy and its record). */
const HANDLERS = new WeakMap<LineTable, Map<string, PackedHandler>>();

/** Empty Positions for objects read from `file`, whose positions `lines` turns into lines and columns. */
export function packedPositions(lines: LineTable, file: string): Positions {
  let byFile = HANDLERS.get(lines);
  if (byFile === undefined) HANDLERS.set(lines, (byFile = new Map()));
  let handler = byFile.get(file);
  if (handler === undefined) byFile.set(file, (handler = new PackedHandler(lines, file)));
  return new Proxy({}, handler) as unknown as Positions;
}

/**
 * at[key] = the position at byte `offset`, kept as the offset, when `at` is packed over `lines`;
 * false (nothing written) otherwise.
 */
export function placeOffset(at: Positions, key: string, lines: LineTable, offset: number): boolean {
  const view = at as unknown as Record<symbol, unknown>;
  const t = view[TARGET] as Packed | undefined;
  if (t === undefined || view[LINES] !== lines || key === '__proto__') return false;
  t[key] = offset;
  return true;
}
