/**
 * Input problems found while loading files. All of them are collected (not just the first)
 * and thrown at the end as one UserErrors, one "file:line:col: message" line each.
 */
import { UserErrors } from '../../core/errors.js';
import type { Location, Positions } from '../../core/model.js';
import { LazyPos } from './lazy-json.js';
import { offsetLocation, packedPositions, placeOffset, type LineTable } from './packed-positions.js';
import type { Pos } from './tree.js';

interface Problem {
  fileIndex: number;
  file: string;
  pos: Pos | undefined;
  message: string;
}

export class Problems {
  private readonly list: Problem[] = [];
  private readonly seen = new Set<string>();
  private readonly fileIndex = new Map<string, number>();

  /** The sink for one file; problems are ordered by the order files were opened. */
  forFile(file: string): FileProblems {
    if (!this.fileIndex.has(file)) this.fileIndex.set(file, this.fileIndex.size);
    return new FileProblems(this, file);
  }

  add(file: string, pos: Pos | undefined, message: string): void {
    const key = `${file}\0${pos?.line ?? 0}\0${pos?.column ?? 0}\0${message}`;
    // The same anchored YAML node may be read through several aliases: report it once.
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (!this.fileIndex.has(file)) this.fileIndex.set(file, this.fileIndex.size);
    this.list.push({ fileIndex: this.fileIndex.get(file) as number, file, pos, message });
  }

  /** Add a problem at a model Location (file positions only; others carry no file). */
  addAt(location: Location, message: string): void {
    if (location.kind === 'file') this.add(location.file, { line: location.line, column: location.column }, message);
    else this.add(location.ocid, undefined, message);
  }

  get size(): number {
    return this.list.length;
  }

  lines(): string[] {
    return [...this.list]
      .sort(
        (a, b) =>
          a.fileIndex - b.fileIndex ||
          (a.pos?.line ?? 0) - (b.pos?.line ?? 0) ||
          (a.pos?.column ?? 0) - (b.pos?.column ?? 0),
      )
      .map((p) => (p.pos ? `${p.file}:${p.pos.line}:${p.pos.column}: ${p.message}` : `${p.file}: ${p.message}`));
  }

  /** Throw everything collected so far as one UserErrors; no-op when there is nothing. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new UserErrors(this.lines());
  }
}

/** A position kept small (FileProblems.spot): a byte offset in the file's line table, or a Location. */
export type Spot = number | Location;

export class FileProblems {
  /** The line table of the file's lazy tree (a plan), once a spot is taken in it. */
  private lines: LineTable | undefined;
  constructor(
    private readonly all: Problems,
    readonly file: string,
  ) {}
  add(pos: Pos | undefined, message: string): void {
    this.all.add(this.file, pos, message);
  }
  /** A model Location in this file: plain data, its line and column found now (a lazy position holds a plan's parsed values alive). */
  location(pos: Pos): Location {
    if (pos instanceof LazyPos) return pos.location(this.file);
    return { kind: 'file', file: this.file, line: pos.line, column: pos.column };
  }
  /**
   * Where `pos` is, kept small until a message needs it (locationOf): in a plan's lazy tree its
   * byte offset (a number: no object), else its Location.
   */
  spot(pos: Pos): Spot {
    if (pos instanceof LazyPos) {
      const lines = pos.lineTable();
      this.lines ??= lines;
      if (this.lines === lines) return pos.byteOffset();
    }
    return this.location(pos);
  }
  locationOf(spot: Spot): Location {
    return typeof spot === 'number' ? offsetLocation(this.lines as LineTable, this.file, spot) : spot;
  }
  /** Empty Positions for an object read at `pos`: byte offsets in a plan's lazy tree (packed-positions.ts), else plain. */
  positions(pos: Pos): Positions {
    return pos instanceof LazyPos ? packedPositions(pos.lineTable(), this.file) : {};
  }
  /** at[key] = the Location of `pos` in this file. */
  place(at: Positions, key: string, pos: Pos): void {
    if (pos instanceof LazyPos && placeOffset(at, key, pos.lineTable(), pos.byteOffset())) return;
    at[key] = this.location(pos);
  }
}
