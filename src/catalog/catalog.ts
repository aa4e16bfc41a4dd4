/**
 * The shape catalog: which VNIC limit each OCI compute shape has.
 * The embedded data lives in shapes.json (source URL and date inside); a user's file of
 * the same format replaces it with --catalog.
 */
import { distance } from 'fastest-levenshtein';
import { count } from '../core/plural.js';

export type ShapeFamily = 'standard' | 'dense-io' | 'optimized' | 'gpu' | 'hpc';

/** VNICs at N OCPUs = clamp(floor(N * perOcpu), min, max), as ListShapes' maxVnicAttachmentOptions. */
export interface FlexVnicRule {
  min: number;
  perOcpu: number;
  max: number;
}

export interface FlexSpec {
  minOcpus: number;
  maxOcpus: number;
  /** Shapes offered only in set sizes (e.g. VM.DenseIO.E4.Flex: 8, 16, 32 OCPUs). */
  allowedOcpus?: number[];
  memoryGbPerOcpu?: { min: number; max: number };
  vnics: FlexVnicRule;
}

export interface Shape {
  name: string;
  kind?: 'vm' | 'bm';
  family?: ShapeFamily;
  generation?: 'current' | 'previous';
  /** Fixed shapes only. */
  ocpus?: number;
  memoryGb?: number;
  /** Fixed shapes: the maximum number of VNICs. */
  vnics?: number;
  /** Flexible shapes: OCPU range and VNIC rule. */
  flex?: FlexSpec;
  note?: string;
  /** Another name of the shape named here (e.g. BM.GPU.GM4.8 for BM.GPU.A100-v2.8); the loader copies that shape's values. */
  aliasOf?: string;
}

export interface Catalog {
  source: string;
  sourceUpdated?: string | null;
  retrieved: string;
  shapes: Shape[];
  /** Where this catalog came from: "embedded", a file path, or "live". */
  origin: string;
}

/** `oke-cni shapes` for the embedded catalog, with --catalog FILE for a file's, --live for OCI's. */
export function shapesListCommand(catalog: Pick<Catalog, 'origin'>): string {
  if (catalog.origin === 'embedded') return 'oke-cni shapes';
  if (catalog.origin === 'live') return 'oke-cni shapes --live';
  return `oke-cni shapes --catalog ${/^[\w./@:+-]+$/.test(catalog.origin) ? catalog.origin : `'${catalog.origin.replace(/'/g, "'\\''")}'`}`;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Collation rank of an ASCII character: punctuation, then digits, then letters (case folded), as ICU orders them. */
const rank = (c: number): number =>
  c === 95 ? 0 : c === 45 ? 1 : c === 46 ? 2 : isDigit(c) ? 100 : c >= 65 && c <= 90 ? 200 + c + 32 : c >= 97 && c <= 122 ? 200 + c : 1000 + c;

/**
 * Shape names in natural order (VM.Standard2.4 before VM.Standard2.16), the order of
 * `localeCompare(b, 'en', { numeric: true })` for names like OCI's, without creating an ICU
 * collator: that alone costs `oke-cni shapes` ~40 ms of start-up.
 */
export function compareShapeNames(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      let ie = i;
      while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++;
      let je = j;
      while (je < b.length && isDigit(b.charCodeAt(je))) je++;
      const d = Number(a.slice(i, ie)) - Number(b.slice(j, je));
      if (d !== 0) return d;
      i = ie;
      j = je;
      continue;
    }
    const d = rank(x) - rank(y);
    if (d !== 0) return d;
    i++;
    j++;
  }
  // A prefix first; equal but for case: lower case first.
  return a.length - i - (b.length - j) || (a < b ? 1 : a > b ? -1 : 0);
}

export function isFlex(shape: Shape): shape is Shape & { flex: FlexSpec } {
  return shape.flex !== undefined;
}

/** VNICs of a flexible shape at `ocpus`. */
export function flexVnics(rule: FlexVnicRule, ocpus: number): number {
  return Math.min(rule.max, Math.max(rule.min, Math.floor(ocpus * rule.perOcpu)));
}

/**
 * OCPUs at which a flexible shape first reaches `vnics` VNICs, or undefined when it never does
 * within its OCPU range.
 */
export function ocpusForVnics(shape: Shape & { flex: FlexSpec }, vnics: number): number | undefined {
  const candidates = shape.flex.allowedOcpus ?? range(shape.flex.minOcpus, shape.flex.maxOcpus);
  for (const ocpus of candidates) {
    if (flexVnics(shape.flex.vnics, ocpus) >= vnics) return ocpus;
  }
  return undefined;
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

export class ShapeIndex {
  private readonly byName = new Map<string, Shape>();
  constructor(readonly catalog: Catalog) {
    for (const s of catalog.shapes) this.byName.set(s.name.toLowerCase(), s);
  }
  get(name: string): Shape | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }
  /** Up to `limit` names close to `name`, best first ("did you mean"). */
  suggest(name: string, limit = 3): string[] {
    const wanted = name.trim().toLowerCase();
    const scored = this.catalog.shapes.map((s) => {
      const candidate = s.name.toLowerCase();
      const d = distance(wanted, candidate);
      // A substring match ("e4.flex" in "vm.standard.e4.flex") counts as close.
      const score = candidate.includes(wanted) || wanted.includes(candidate) ? Math.min(d, 1) : d;
      return { name: s.name, score };
    });
    const threshold = Math.max(3, Math.floor(wanted.length / 3));
    return scored
      .filter((s) => s.score <= threshold)
      .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((s) => s.name);
  }
  /**
   * Filters (runs of a name's dot-separated parts, "Standard", "E4.Flex") close to a filter
   * that matched no shape, best first, each with how many shapes it matches.
   */
  suggestFilters(filter: string, limit = 3): Array<{ filter: string; matches: number }> {
    const wanted = filter.trim().toLowerCase();
    const candidates = new Map<string, string>();
    for (const s of this.catalog.shapes) {
      const parts = s.name.split('.');
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j <= parts.length; j++) {
          const text = parts.slice(i, j).join('.');
          if (!candidates.has(text.toLowerCase())) candidates.set(text.toLowerCase(), text);
        }
      }
    }
    const threshold = Math.max(1, Math.floor(wanted.length / 3));
    return [...candidates.entries()]
      .map(([lower, text]) => ({ text, d: distance(wanted, lower) }))
      .filter((c) => c.d <= threshold)
      .sort((a, b) => a.d - b.d || a.text.length - b.text.length || a.text.localeCompare(b.text))
      .slice(0, limit)
      .map((c) => ({ filter: c.text, matches: this.catalog.shapes.filter((s) => s.name.toLowerCase().includes(c.text.toLowerCase())).length }));
  }
  /** The command that lists this catalog's shapes: a --catalog file's own, not the embedded one's. */
  listCommand(): string {
    return shapesListCommand(this.catalog);
  }
  unknownShapeMessage(name: string): string {
    const hints = this.suggest(name);
    const tail = hints.length ? `; did you mean ${hints.map((h) => `"${h}"`).join(', ')}?` : '';
    return `unknown shape "${name}" (not in the ${this.catalog.origin} catalog)${tail}`;
  }
}

export type VnicsAnswer = { ok: true; vnics: number } | { ok: false; reason: string; where: 'ocpus' };

/** VNICs of a shape, checking the OCPU count of flexible shapes against their range. */
export function vnicsFor(shape: Shape, ocpus: number | undefined): VnicsAnswer {
  if (!isFlex(shape)) {
    if (ocpus !== undefined && shape.ocpus !== undefined && ocpus !== shape.ocpus) {
      return { ok: false, where: 'ocpus', reason: `${shape.name} is a fixed shape with ${count(shape.ocpus, 'OCPU')}, not ${ocpus}` };
    }
    return { ok: true, vnics: shape.vnics ?? 0 };
  }
  const { minOcpus, maxOcpus, allowedOcpus } = shape.flex;
  if (ocpus === undefined) {
    return { ok: false, where: 'ocpus', reason: `${shape.name} is a flexible shape: give its OCPU count (${minOcpus} to ${maxOcpus})` };
  }
  if (ocpus < minOcpus || ocpus > maxOcpus) {
    return { ok: false, where: 'ocpus', reason: `${shape.name} takes ${minOcpus} to ${maxOcpus} OCPUs, not ${ocpus}` };
  }
  if (allowedOcpus && !allowedOcpus.includes(ocpus)) {
    return { ok: false, where: 'ocpus', reason: `${shape.name} is offered only with ${allowedOcpus.join(', ')} OCPUs, not ${ocpus}` };
  }
  return { ok: true, vnics: flexVnics(shape.flex.vnics, ocpus) };
}
