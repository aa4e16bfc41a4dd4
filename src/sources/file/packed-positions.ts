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

const TARGET = Symbol('packed positions');

class Packed {
  /** Key -> byte offset (small integers: no object each). */
  readonly offsets: Record<string, number> = {};
  /** Locations written as such (another file's, a live object's), made when first written. */
  extra: Record<string, Location> | undefined = undefined;
  constructor(
    readonly lines: LineTable,
    readonly file: string,
  ) {}

  get(key: string): Location | undefined {
    const extra = this.extra;
    if (extra !== undefined && Object.hasOwn(extra, key)) return extra[key];
    if (!Object.hasOwn(this.offsets, key)) return undefined;
    const { line, column } = this.lines.pos(this.offsets[key] as number);
    return { kind: 'file', file: this.file, line, column };
  }

  keys(): string[] {
    const own = Object.keys(this.offsets);
    if (this.extra === undefined) return own;
    for (const key of Object.keys(this.extra)) if (!Object.hasOwn(this.offsets, key)) own.push(key);
    return own;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.offsets, key) || (this.extra !== undefined && Object.hasOwn(this.extra, key));
  }

  delete(key: string): void {
    delete this.offsets[key];
    if (this.extra !== undefined) delete this.extra[key];
  }
}

const HANDLER: ProxyHandler<Packed> = {
  get(t, key) {
    if (key === TARGET) return t;
    if (typeof key !== 'string') return (Object.prototype as Record<symbol, unknown>)[key];
    return t.has(key) ? t.get(key) : (Object.prototype as Record<string, unknown>)[key];
  },
  set(t, key, value: Location) {
    if (typeof key !== 'string') return false;
    t.delete(key);
    (t.extra ??= {})[key] = value;
    return true;
  },
  has(t, key) {
    return typeof key === 'string' ? t.has(key) || key in Object.prototype : key in Object.prototype;
  },
  deleteProperty(t, key) {
    if (typeof key === 'string') t.delete(key);
    return true;
  },
  ownKeys(t) {
    return t.keys();
  },
  getOwnPropertyDescriptor(t, key) {
    if (typeof key !== 'string' || !t.has(key)) return undefined;
    return { value: t.get(key), writable: true, enumerable: true, configurable: true };
  },
  defineProperty(t, key, desc) {
    if (typeof key !== 'string' || !('value' in desc)) return false;
    return HANDLER.set?.(t, key, desc.value, t) ?? false;
  },
  getPrototypeOf() {
    return Object.prototype;
  },
};

/** Empty Positions for objects read from `file`, whose positions `lines` turns into lines and columns. */
export function packedPositions(lines: LineTable, file: string): Positions {
  return new Proxy(new Packed(lines, file), HANDLER) as unknown as Positions;
}

/**
 * at[key] = the position at byte `offset`, kept as the offset, when `at` is packed over `lines`;
 * false (nothing written) otherwise.
 */
export function placeOffset(at: Positions, key: string, lines: LineTable, offset: number): boolean {
  const t = (at as unknown as Record<symbol, Packed | undefined>)[TARGET];
  if (t === undefined || t.lines !== lines) return false;
  if (t.extra !== undefined) delete t.extra[key];
  t.offsets[key] = offset;
  return true;
}
