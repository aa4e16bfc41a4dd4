/**
 * "Compute shape VNIC limits, subnet/IP availability, and NSG rule limits still apply" (SOURCES.secondaryVnics,
 * as fetched 2026-09): the node's primary VNIC stays in the worker subnet, so a node attaches at most VNICs - 1
 * secondary VNIC profiles. Oracle's Karpenter provider offers a shape only when MaxVnicAttachments - 1 >= the
 * number of profiles (SOURCES.karpenterOciNetwork).
 */
import { count } from '../core/plural.js';
import { flexVnics, isFlex, ocpusForVnics, vnicsFor } from '../catalog/catalog.js';
import { SOURCES, WORKER_SUBNET_VNICS } from '../core/facts.js';
import { locate } from '../core/model.js';
import { maxProfilesForVnics } from '../core/models/secondary-vnics.js';
import type { DocumentedRule } from './types.js';
import { poolLabel } from './support/scope.js';
import { PROFILES_DOC, secondaryVnicPools } from './support/secondary-vnics.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'secondary-vnics-shape',
    severity: 'error',
    description: `A node pool's secondary VNIC profiles must fit the shape's VNICs: at most VNICs - ${WORKER_SUBNET_VNICS} (the primary VNIC stays in the worker subnet).`,
    remediation: 'Give a flexible shape more OCPUs, pick a shape with more VNICs, or use fewer profiles (one profile may take up to 256 IPs).',
    source: SOURCES.secondaryVnics,
  },
  check({ model, shapes }, report) {
    for (const { cluster, pool } of secondaryVnicPools(model)) {
      if (pool.shape === undefined) continue;
      const shape = shapes.get(pool.shape);
      if (!shape) continue; // unknown-shape reports it
      const answer = vnicsFor(shape, pool.ocpus);
      if (!answer.ok) continue; // max-pods-shape reports a missing or out-of-range ocpus
      const profiles = pool.secondaryVnics.length;
      const allowed = maxProfilesForVnics(answer.vnics);
      if (profiles <= allowed) continue;
      const needed = profiles + WORKER_SUBNET_VNICS;
      const what = isFlex(shape) && pool.ocpus !== undefined ? `${shape.name} at ${count(pool.ocpus, 'OCPU')}` : shape.name;
      const fixes: string[] = [];
      if (isFlex(shape)) {
        const ocpus = ocpusForVnics(shape, needed);
        fixes.push(
          ocpus !== undefined
            ? `Give the pool ${ocpus} OCPUs (${flexVnics(shape.flex.vnics, ocpus)} VNICs)`
            : `Pick a shape with at least ${needed} VNICs (${shape.name} reaches at most ${shape.flex.vnics.max})`,
        );
      } else {
        fixes.push(`Pick a shape with at least ${needed} VNICs`);
      }
      fixes.push(`use at most ${allowed} profile${allowed === 1 ? '' : 's'}`);
      report({
        subject: pool,
        location: locate(pool.at, 'secondaryVnics'),
        message:
          `node pool ${poolLabel(cluster, pool)}: ${profiles} secondary VNIC profiles need ${needed} VNICs (the primary one + one per profile), ` +
          `but ${what} has ${answer.vnics}`,
        remediation: `${fixes.join(', or ')}.`,
      });
    }
  },
  docs: {
    details:
      `${PROFILES_DOC} Reported at \`secondaryVnics\`. VNICs come from the catalog as in max-pods-shape (flexible shapes at the pool's ocpus); ` +
      'pools whose shape is unknown or whose ocpus is missing or out of range are left to unknown-shape and max-pods-shape. ' +
      'The "VNICs - 1" follows from OCI\'s split of a node\'s VNICs into one primary (node traffic) and secondary VNIC profiles (pods).',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.33.1
    nodePools:
      - name: general
        shape: VM.Standard.E4.Flex
        ocpus: 2
        size: 3
        subnet: workers
        secondaryVnics:
          - {subnet: pods, ipCount: 32}
          - {subnet: pods, ipCount: 32}
`,
  },
};
