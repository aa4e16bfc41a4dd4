/** `oke-cni shapes [FILTER]`: the catalog as a table or JSON. */
import { Command } from 'commander';
import { compareShapeNames, ShapeIndex, type Shape } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load.js';
import { UserError } from '../core/errors.js';
import { KUBERNETES_MAX_PODS_PER_NODE } from '../core/facts.js';
import { DATA_FORMATS, type DataFormat } from '../report/formats.js';
import { renderShapesJson, renderShapesTable } from '../report/shapes.js';
import { addFormatOption, chosenFormat } from './format-option.js';
import { colorEnabled, terminalWidth } from './io.js';
import { addLiveOptions, liveConnection, readLiveCatalog, requireLiveFlag, writeCatalogFile, type LiveFlags } from './live-options.js';
import { checkOutputTarget, refuseOutputOverInput } from './output-file.js';
import type { CommandEnv } from './env.js';
import { catalogOf, readProjectConfig } from './project-config.js';

interface ShapesFlags extends LiveFlags {
  catalog?: string;
  color?: boolean;
  live?: boolean;
  compartment?: string;
  write?: string;
}

/** Shapes whose name contains the filter (case-insensitive); all without a filter. */
export function filterShapes(shapes: readonly Shape[], filter: string | undefined): Shape[] {
  if (!filter) return [...shapes];
  const needle = filter.toLowerCase();
  return shapes.filter((s) => s.name.toLowerCase().includes(needle));
}

export function shapesCommand({ io }: CommandEnv): Command {
  const cmd = new Command('shapes')
    .description(`list the shape catalog: VNICs (or the flex rule), max pods per node, OCPUs for ${KUBERNETES_MAX_PODS_PER_NODE} pods`)
    .argument('[filter]', 'show only shapes whose name contains this text, e.g. E4 or Flex')
    .option('--catalog <file>', 'shape catalog file replacing the embedded one')
    .option('--live', "read the shapes from OCI's ListShapes for --compartment instead of the catalog")
    .option('--compartment <ocid>', 'compartment (or tenancy) whose shapes --live lists')
    .option('--write <file>', 'with --live: save the shapes as a catalog file for --catalog');
  return addLiveOptions(addFormatOption(cmd, DATA_FORMATS))
    .addHelpText(
      'after',
      `
Examples:
  $ oke-cni shapes
  $ oke-cni shapes Flex
  $ oke-cni shapes VM.Standard2 --json
  $ oke-cni shapes --live --compartment ocid1.compartment.oc1..aaaa... --write shapes.json
  $ oke-cni plan --catalog shapes.json --shape VM.Standard.E5.Flex --ocpus 4 --nodes 10`,
    )
    .action(async (filter: string | undefined, _opts, self: Command) => {
      const flags = self.optsWithGlobals<ShapesFlags>();
      const format = chosenFormat<DataFormat>(self);
      const live = flags.live === true;
      requireLiveFlag(flags, live);
      if (!live && flags.compartment !== undefined) throw new UserError('needs --live', '--compartment');
      if (!live && flags.write !== undefined) throw new UserError('needs --live (it saves the shapes read from OCI)', '--write');
      if (live && flags.compartment === undefined) throw new UserError('--live needs --compartment OCID (the shapes OCI offers differ by compartment)', '--compartment');
      if (live && flags.catalog !== undefined) throw new UserError('cannot be combined with --live', '--catalog');
      if (flags.write !== undefined) {
        checkOutputTarget(flags.write, '--write');
        refuseOutputOverInput(flags.write, '--write', [{ path: liveConnection(flags, io.env).configFile, what: 'OCI config file' }]);
      }
      const catalog = live ? await readLiveCatalog(flags, io, flags.compartment as string) : await loadCatalog(catalogOf(flags, await readProjectConfig(self, io)));
      if (flags.write !== undefined) await writeCatalogFile(flags.write, catalog);
      const shapes = filterShapes(catalog.shapes, filter).sort((a, b) => compareShapeNames(a.name, b.name));
      if (shapes.length === 0 && filter) {
        const index = new ShapeIndex(catalog);
        const near = index.suggestFilters(filter);
        const tail = near.length
          ? `; did you mean ${near.map((n) => `"${n.filter}" (${n.matches} shape${n.matches === 1 ? '' : 's'})`).join(', ')}?`
          : `; \`${index.listCommand()}\` lists them all`;
        throw new UserError(`no shape matches "${filter}" (not in the ${catalog.origin} catalog)${tail}`, 'shapes');
      }
      io.stdout(format === 'json' ? renderShapesJson(catalog, shapes) : renderShapesTable(catalog, shapes, colorEnabled(flags, io), terminalWidth(io)));
    });
}
