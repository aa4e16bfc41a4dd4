/** The VNIC formula needs the shape's VNICs; a shape missing from the catalog cannot be checked. */
import { shapesListCommand, type Catalog } from '../catalog/catalog.js';
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

/**
 * Live, the catalog is what ListShapes offers the compartment: no --catalog can add to it. With a
 * --catalog file, the shapes to pick from are that file's, listed by `oke-cni shapes --catalog FILE`.
 */
function remediationFor(shape: string, hint: string | undefined, catalog: Catalog): string {
  const instead = hint ? `Use "${hint}" if that is what you meant` : `Pick a shape listed by \`${shapesListCommand(catalog)}\``;
  if (catalog.origin === 'live') return `${instead}; "${shape}" is not offered in the node pool's compartment.`;
  if (catalog.origin === 'embedded') return `${instead}, or pass a catalog that has "${shape}" with --catalog.`;
  return `${instead}, or add "${shape}" to the catalog file ${catalog.origin}.`;
}

export const rule: DocumentedRule = {
  meta: {
    id: 'unknown-shape',
    severity: 'error',
    description: "A node pool's shape must be in the shape catalog, so its VNICs (and so its pods per node) are known.",
    remediation: 'Fix the shape name (see `oke-cni shapes`), or pass a catalog that has it with --catalog.',
    source: SOURCES.computeShapes,
  },
  check({ model, shapes }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      // Virtual node pools use pod shapes (Pod.Standard.E4.Flex ...), not compute shapes.
      if (pool.type === 'virtual' || pool.shape === undefined || !isKnown(pool, 'shape') || shapes.get(pool.shape)) continue;
      const hints = shapes.suggest(pool.shape);
      report({
        subject: pool,
        location: locate(pool.at, 'shape'),
        message: `node pool ${poolLabel(cluster, pool)}: ${shapes.unknownShapeMessage(pool.shape)}`,
        remediation: remediationFor(pool.shape, hints[0], shapes.catalog),
      });
    }
  },
  docs: {
    details:
      'Applies to managed and self-managed node pools of VCN-native clusters. Virtual node pools are skipped: their pods use pod shapes ' +
      '(e.g. Pod.Standard.E4.Flex), not compute shapes with VNIC limits. The lookup ignores case; the message suggests the closest catalog names.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flexx, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
