/**
 * Seed: "If the worker node subnet and the pod subnet are the same subnet, Oracle recommends defining
 * security rules in network security groups (rather than in security lists)".
 */
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'shared-subnet-nsg',
    severity: 'warning',
    description: 'A node pool whose worker subnet is also its pod subnet should use network security groups (NSGs).',
    remediation: 'Attach NSGs to the node pool (nsgIds) and its pods (podNsgIds) and define the security rules there rather than in security lists.',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      if (!isKnown(pool, 'subnet', 'podSubnets', 'nsgIds', 'podNsgIds')) continue;
      const shared = pool.workerSubnets.find((ref) => pool.podSubnets.includes(ref));
      if (shared === undefined) continue;
      if (pool.nsgIds.length > 0 || pool.podNsgIds.length > 0) continue;
      const subnetName = index.subnet(shared)?.name ?? shared;
      report({
        subject: pool,
        location: pool.at.nsgIds ?? locate(pool.at, 'podSubnets'),
        message:
          `node pool ${poolLabel(cluster, pool)} uses subnet "${subnetName}" for both worker nodes and pods but has no NSGs ` +
          '(nsgIds and podNsgIds are empty); OCI recommends NSGs over security lists in this case',
      });
    }
  },
  docs: {
    details:
      'Applies to node pools of VCN-native clusters (virtual node pools included) one of whose worker subnets (`subnet`, or the subnet of any placement of a multi-AD pool) is also in `podSubnets`, ' +
      'when both nsgIds and podNsgIds are empty. Security lists are not read: a warning, since they can still carry the rules.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: nodes-and-pods, vcn: prod-vcn, cidrBlock: 10.0.0.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: nodes-and-pods, podSubnets: [nodes-and-pods]}
`,
  },
};
