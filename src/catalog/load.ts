/**
 * The shape catalog: the embedded one, or a user's --catalog file. Reading and checking a file
 * (catalog/file.ts) is loaded only when one is given, so the commands that use the embedded
 * catalog never load the file readers.
 */
import embeddedData from './shapes.json' with { type: 'json' };
import type { Catalog, Shape } from './catalog.js';

/** An alias ("aliasOf") takes the values of the shape it names, under its own name and note. */
function resolveAliases(shapes: readonly Shape[]): Shape[] {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  return shapes.map((s) => {
    const target = s.aliasOf === undefined ? undefined : byName.get(s.aliasOf);
    return target ? { ...target, name: s.name, aliasOf: s.aliasOf, note: s.note ?? target.note } : s;
  });
}

/** Catalog data, already checked, as a Catalog with its aliases resolved. */
export function toCatalog(data: unknown, origin: string): Catalog {
  const d = data as Omit<Catalog, 'origin'>;
  return { source: d.source, sourceUpdated: d.sourceUpdated ?? null, retrieved: d.retrieved, shapes: resolveAliases(d.shapes), origin };
}

export function embeddedCatalog(): Catalog {
  return toCatalog(embeddedData, 'embedded');
}

export async function loadCatalog(file: string | undefined): Promise<Catalog> {
  if (file === undefined) return embeddedCatalog();
  const { loadCatalogFile } = await import('./file.js');
  return loadCatalogFile(file);
}
