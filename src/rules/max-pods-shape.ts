/**
 * Seed: "Maximum number of Pods per node = MIN( (Number of VNICs - 1) * 31 ), 110)"; "If you want more
 * than 31 pods on a single worker node, the shape you specify for the node pool must support three or
 * more VNICs". VNICs per shape come from the catalog (flexible shapes: at the pool's OCPU count).
 */
import { flexVnics, isFlex, ocpusForVnics, vnicsFor, type FlexSpec, type Shape } from '../catalog/catalog.js';
import { legacyModel, maxPodsPerNode } from '../core/capacity.js';
import { KUBERNETES_MAX_PODS_PER_NODE, POD_IPS_PER_VNIC, SOURCES, WORKER_SUBNET_VNICS } from '../core/facts.js';
import { isKnown, locate, type NodePool } from '../core/model.js';
import { usesSecondaryVnics } from '../core/models/pool.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

/** One VNIC in the worker subnet plus at least one in the pod subnet. */
const MIN_VNICS_FOR_PODS = WORKER_SUBNET_VNICS + 1;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function formula(vnics: number): string {
  return `MIN((${vnics} - ${WORKER_SUBNET_VNICS}) * ${POD_IPS_PER_VNIC}, ${KUBERNETES_MAX_PODS_PER_NODE}) = ${maxPodsPerNode(vnics)}`;
}

/** "Give the pool 3 OCPUs (3 VNICs -> 62 pods per node)", or undefined when no OCPU count gets there. */
function ocpuFix(shape: Shape & { flex: FlexSpec }, pods: number): string | undefined {
  const neededVnics = legacyModel.podVnicsFor(pods) + WORKER_SUBNET_VNICS;
  const ocpus = ocpusForVnics(shape, neededVnics);
  if (ocpus === undefined) return undefined;
  const vnics = flexVnics(shape.flex.vnics, ocpus);
  return `give the pool ${plural(ocpus, 'OCPU')} (${vnics} VNICs -> ${maxPodsPerNode(vnics)} pods per node)`;
}

function capacityFix(shape: Shape, pool: NodePool, wanted: number, capacity: number): string {
  const neededVnics = legacyModel.podVnicsFor(wanted) + WORKER_SUBNET_VNICS;
  const lower = capacity > 0 ? `lower maxPodsPerNode to ${capacity}` : undefined;
  const fixes: string[] = [];
  if (isFlex(shape)) {
    const more = ocpuFix(shape, wanted);
    if (more) fixes.push(more);
    else fixes.push(`pick a shape with at least ${neededVnics} VNICs (${shape.name} reaches at most ${shape.flex.vnics.max})`);
  } else {
    fixes.push(`pick a shape with at least ${neededVnics} VNICs`);
  }
  if (lower) fixes.push(lower);
  const text = fixes.join(', or ');
  const asks =
    pool.maxPodsPerNode > wanted
      ? `node pool ${pool.name} asks for ${pool.maxPodsPerNode} pods per node; the shape must reach ${wanted}, the most the VNIC model allows`
      : `node pool ${pool.name} asks for ${wanted} pods per node`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (${asks}).`;
}

export const rule: DocumentedRule = {
  meta: {
    id: 'max-pods-shape',
    severity: 'error',
    description:
      `maxPodsPerNode must not exceed what the shape's VNICs allow: MIN((VNICs - ${WORKER_SUBNET_VNICS}) * ${POD_IPS_PER_VNIC}, ${KUBERNETES_MAX_PODS_PER_NODE}); ` +
      'flexible shapes need a valid OCPU count.',
    remediation: 'Give a flexible shape more OCPUs, pick a shape with more VNICs, or lower maxPodsPerNode.',
    source: SOURCES.cniPlugin,
  },
  check({ model, shapes }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      // Virtual nodes have one VNIC and no VNIC formula (SOURCES.virtualNodes).
      if (pool.type === 'virtual' || pool.shape === undefined || !isKnown(pool, 'shape', 'ocpus', 'maxPodsPerNode')) continue;
      const shape = shapes.get(pool.shape);
      if (!shape) continue; // unknown-shape reports it
      const label = poolLabel(cluster, pool);
      const answer = vnicsFor(shape, pool.ocpus);
      if (!answer.ok) {
        const range = isFlex(shape) ? `Set ocpus between ${shape.flex.minOcpus} and ${shape.flex.maxOcpus}` : `Set ocpus to ${shape.ocpus} or leave it out`;
        const reach = isFlex(shape) && !usesSecondaryVnics(pool) ? ocpuFix(shape, Math.min(Math.max(pool.maxPodsPerNode, 1), KUBERNETES_MAX_PODS_PER_NODE)) : undefined;
        report({
          subject: pool,
          location: pool.at.ocpus ?? locate(pool.at, 'shape'),
          message: `node pool ${label}: ${answer.reason}`,
          remediation: reach ? `${range}; to run maxPodsPerNode ${pool.maxPodsPerNode}, ${reach}.` : `${range}.`,
        });
        continue;
      }
      // With secondary VNIC profiles the VNIC formula does not apply: secondary-vnics-shape checks the profiles.
      if (usesSecondaryVnics(pool)) continue;
      const vnics = answer.vnics;
      const capacity = maxPodsPerNode(vnics);
      // Above 110 the shape is not what limits the pool: max-pods-range reports that.
      const wanted = Math.min(pool.maxPodsPerNode, KUBERNETES_MAX_PODS_PER_NODE);
      if (wanted <= capacity) continue;
      const what = isFlex(shape) ? `${shape.name} at ${plural(pool.ocpus ?? 0, 'OCPU')}` : shape.name;
      const message =
        vnics < MIN_VNICS_FOR_PODS
          ? `node pool ${label}: ${what} has ${plural(vnics, 'VNIC')}; VCN-native pod networking needs at least ` +
            `${MIN_VNICS_FOR_PODS} (one in the worker subnet, one or more in the pod subnet): ${formula(vnics)} pods per node`
          : `node pool ${label}: maxPodsPerNode ${pool.maxPodsPerNode} is above what ${what} allows: ` +
            `${vnics} VNICs -> ${formula(vnics)} pods per node`;
      report({
        subject: pool,
        location: locate(pool.at, 'maxPodsPerNode'),
        message,
        remediation: capacityFix(shape, pool, wanted, capacity),
      });
    }
  },
  docs: {
    details:
      'Applies to managed and self-managed node pools of VCN-native clusters whose shape is in the catalog (unknown shapes: see unknown-shape; ' +
      'virtual node pools have one VNIC per virtual node and no VNIC formula, so they are skipped). VNICs come from the catalog: ' +
      'fixed shapes have a fixed number, flexible shapes scale with the pool\'s `ocpus`. A flexible shape without `ocpus`, or with `ocpus` ' +
      `outside its range, is reported here too, at \`ocpus\` (at \`shape\` when ocpus is missing). A shape with fewer than ${MIN_VNICS_FOR_PODS} VNICs can run no VCN-native pods at all. ` +
      `The fix names the OCPU count that reaches the VNICs needed (ceil(maxPodsPerNode / ${POD_IPS_PER_VNIC}) pod VNICs + ${WORKER_SUBNET_VNICS}), ` +
      'or a lower maxPodsPerNode. Pools with secondary VNIC profiles (`secondaryVnics`) get only the ocpus check here: their pods per node come ' +
      'from the profiles\' ipCount (see secondary-vnics-shape, secondary-vnic-ip-count and max-pods-ip-budget).',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 2, size: 3, maxPodsPerNode: 64, subnet: workers, podSubnets: [pods]}
`,
  },
};
