/** `oke-cni shapes [FILTER]`: the catalog as a table or JSON. */
import { Command } from 'commander';
import { ShapeIndex, type Shape } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load.js';
import { UserError } from '../core/errors.js';
import { renderShapesJson, renderShapesTable } from '../report/shapes.js';
import { colorEnabled } from './io.js';
import type { CommandEnv } from './program.js';

interface ShapesFlags {
  catalog?: string;
  json?: boolean;
  color?: boolean;
}

/** Shapes whose name contains the filter (case-insensitive); all without a filter. */
export function filterShapes(shapes: readonly Shape[], filter: string | undefined): Shape[] {
  if (!filter) return [...shapes];
  const needle = filter.toLowerCase();
  return shapes.filter((s) => s.name.toLowerCase().includes(needle));
}

export function shapesCommand({ io }: CommandEnv): Command {
  return new Command('shapes')
    .description('list the shape catalog: VNICs (or the flex rule), max pods per node, OCPUs for 110 pods')
    .argument('[filter]', 'show only shapes whose name contains this text, e.g. E4 or Flex')
    .option('--catalog <file>', 'shape catalog file replacing the embedded one')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `
Examples:
  $ oke-cni shapes
  $ oke-cni shapes Flex
  $ oke-cni shapes VM.Standard2 --json`,
    )
    .action((filter: string | undefined, _opts, cmd: Command) => {
      const flags = cmd.optsWithGlobals<ShapesFlags>();
      const catalog = loadCatalog(flags.catalog);
      const shapes = filterShapes(catalog.shapes, filter).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
      if (shapes.length === 0 && filter) {
        throw new UserError(new ShapeIndex(catalog).unknownShapeMessage(filter).replace(/^unknown shape/, 'no shape matches'), 'shapes');
      }
      io.stdout(flags.json ? renderShapesJson(catalog, shapes) : renderShapesTable(catalog, shapes, colorEnabled(flags, io)));
    });
}
