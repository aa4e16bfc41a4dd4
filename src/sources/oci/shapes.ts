/**
 * Compute shapes from ListShapes -> oke-cni's catalog format (src/catalog/catalog.ts), the same
 * format `--catalog FILE` reads, so `shapes --live --write FILE` output loads back unchanged.
 * VNIC limits: fixed shapes carry `maxVnicAttachments`; flexible shapes carry
 * `maxVnicAttachmentOptions {min, max, defaultPerOcpu}` and `ocpuOptions {min, max}`, and
 * `maxVnicAttachments` alone under-reports them (domain-facts.md, "VNICs per shape").
 */
import type { models as core } from 'oci-core';
import type { Catalog, Shape, ShapeFamily } from '../../catalog/catalog.js';

export interface LiveShapes {
  catalog: Catalog;
  /** Shapes left out, each with why (the API gave no usable VNIC limit). */
  skipped: string[];
}

const isWhole = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1;

function familyOf(s: core.Shape): ShapeFamily | undefined {
  const name = s.shape;
  if ((s.gpus ?? 0) > 0 || /\.GPU/i.test(name)) return 'gpu';
  if (/\.HPC/i.test(name)) return 'hpc';
  if (/DenseIO/i.test(name)) return 'dense-io';
  if (/Optimized/i.test(name)) return 'optimized';
  if (/\.Standard/i.test(name)) return 'standard';
  return undefined;
}

function kindOf(name: string): Shape['kind'] {
  if (/^BM\./i.test(name)) return 'bm';
  if (/^VM\./i.test(name)) return 'vm';
  return undefined;
}

/** One ListShapes entry as a catalog shape, or why it cannot be one. */
export function shapeFromApi(s: core.Shape): { shape: Shape } | { skipped: string } {
  const base: Shape = { name: s.shape };
  const kind = kindOf(s.shape);
  if (kind) base.kind = kind;
  const family = familyOf(s);
  if (family) base.family = family;
  const vnicOptions = s.maxVnicAttachmentOptions;
  if (s.isFlexible === true || vnicOptions !== undefined) {
    const ocpu = s.ocpuOptions;
    if (!vnicOptions || !isWhole(vnicOptions.min) || !isWhole(vnicOptions.max) || !(typeof vnicOptions.defaultPerOcpu === 'number' && vnicOptions.defaultPerOcpu > 0)) {
      return { skipped: `${s.shape}: flexible shape without maxVnicAttachmentOptions {min, max, defaultPerOcpu}` };
    }
    if (!ocpu || typeof ocpu.min !== 'number' || typeof ocpu.max !== 'number') {
      return { skipped: `${s.shape}: flexible shape without ocpuOptions {min, max}` };
    }
    // Node pools are sized in whole OCPUs here; subcore minimums (0.5 OCPU ...) round up to 1.
    const minOcpus = Math.max(1, Math.ceil(ocpu.min));
    const maxOcpus = Math.floor(ocpu.max);
    if (maxOcpus < minOcpus) return { skipped: `${s.shape}: ocpuOptions ${ocpu.min}..${ocpu.max} holds no whole OCPU count` };
    base.flex = {
      minOcpus,
      maxOcpus,
      vnics: { min: vnicOptions.min, perOcpu: vnicOptions.defaultPerOcpu, max: vnicOptions.max },
    };
    const memory = s.memoryOptions;
    if (memory && typeof memory.minPerOcpuInGBs === 'number' && typeof memory.maxPerOcpuInGBs === 'number') {
      base.flex.memoryGbPerOcpu = { min: memory.minPerOcpuInGBs, max: memory.maxPerOcpuInGBs };
    }
    if (minOcpus !== ocpu.min) base.note = `ListShapes allows from ${ocpu.min} OCPUs; oke-cni plans whole OCPUs from ${minOcpus}.`;
    return { shape: base };
  }
  if (!isWhole(s.maxVnicAttachments)) return { skipped: `${s.shape}: fixed shape without maxVnicAttachments` };
  if (typeof s.ocpus === 'number' && s.ocpus > 0) base.ocpus = s.ocpus;
  if (typeof s.memoryInGBs === 'number' && s.memoryInGBs > 0) base.memoryGb = s.memoryInGBs;
  base.vnics = s.maxVnicAttachments;
  return { shape: base };
}

/**
 * A catalog from ListShapes answers (one or several compartments). ListShapes may list a shape
 * more than once (per availability domain); the first entry wins. Sorted by name for a stable file.
 */
export function liveCatalog(apiShapes: readonly core.Shape[], source: string, retrieved: string): LiveShapes {
  const byName = new Map<string, Shape>();
  const skipped: string[] = [];
  for (const s of apiShapes) {
    if (byName.has(s.shape.toLowerCase())) continue;
    const mapped = shapeFromApi(s);
    if ('skipped' in mapped) {
      if (!skipped.includes(mapped.skipped)) skipped.push(mapped.skipped);
      continue;
    }
    byName.set(s.shape.toLowerCase(), mapped.shape);
  }
  const shapes = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { catalog: { source, sourceUpdated: null, retrieved, shapes, origin: 'live' }, skipped };
}

/** The catalog as a `--catalog` file (catalogProblems accepts it; `origin` is set by whoever loads it). */
export function catalogFileText(catalog: Catalog): string {
  const file = {
    $comment:
      'Written by oke-cni shapes --live from the OCI ListShapes API: fixed shapes carry "vnics" (maxVnicAttachments); ' +
      'flexible shapes carry flex.vnics {min, perOcpu, max} from maxVnicAttachmentOptions {min, defaultPerOcpu, max} and ' +
      'flex.minOcpus/maxOcpus from ocpuOptions.',
    source: catalog.source,
    sourceUpdated: catalog.sourceUpdated ?? null,
    retrieved: catalog.retrieved,
    shapes: catalog.shapes,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
