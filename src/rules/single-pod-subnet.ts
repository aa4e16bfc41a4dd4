/** Seed: "You specify a single pod subnet for all the pods running on worker nodes in a node pool." */
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import { usesSecondaryVnics } from '../core/models/pool.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'single-pod-subnet',
    severity: 'error',
    description: 'A node pool of a VCN-native cluster must name exactly one pod subnet.',
    remediation: 'Give the node pool exactly one pod subnet in podSubnets (it may be the worker subnet).',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      // Pods of a pool with secondary VNIC profiles take their IPs in the profiles' subnets.
      if (usesSecondaryVnics(pool)) continue;
      const count = pool.podSubnets.length;
      if (count === 1 || !isKnown(pool, 'podSubnets')) continue;
      const names = pool.podSubnets.map((ref) => `"${index.subnet(ref)?.name ?? ref}"`).join(', ');
      report({
        subject: pool,
        location: locate(pool.at, 'podSubnets'),
        message:
          count === 0
            ? `node pool ${poolLabel(cluster, pool)} names no pod subnet; VCN-native pod networking needs exactly one`
            : `node pool ${poolLabel(cluster, pool)} names ${count} pod subnets (${names}); VCN-native pod networking takes exactly one per node pool`,
      });
    }
  },
  docs: {
    details:
      'Applies to every node pool of a VCN-native cluster. Several node pools, and node pools of several clusters, ' +
      'may share one pod subnet; one node pool cannot spread over several. Pools that name none or several pod subnets ' +
      'are left out of pod-subnet-capacity and pod-subnet-headroom. Pools with secondary VNIC profiles are not checked: their pods take ' +
      'IPs in each profile\'s subnet (counted by pod-subnet-capacity), whatever podSubnets says.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods-a, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
  - {name: pods-b, vcn: prod-vcn, cidrBlock: 10.0.128.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods-a, pods-b]}
`,
  },
};
