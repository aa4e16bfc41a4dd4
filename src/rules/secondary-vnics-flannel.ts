/**
 * Secondary VNIC profiles are "supported only with the OCI VCN-Native Pod Networking CNI plugin ... not supported
 * when using the flannel CNI plugin" (SOURCES.secondaryVnics, as fetched 2026-09).
 */
import { SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'secondary-vnics-flannel',
    severity: 'error',
    description: 'Secondary VNIC profiles need the VCN-native pod networking CNI; a flannel cluster cannot use them.',
    remediation: 'Remove secondaryVnics from the node pool, or run it in a cluster with VCN-native pod networking (OCI_VCN_IP_NATIVE).',
    source: SOURCES.secondaryVnics,
  },
  check({ model }, report) {
    for (const cluster of model.clusters) {
      if (cluster.cniType !== 'FLANNEL_OVERLAY') continue;
      for (const pool of cluster.nodePools) {
        if ((pool.secondaryVnics?.length ?? 0) === 0) continue;
        report({
          subject: pool,
          location: locate(pool.at, 'secondaryVnics'),
          message: `node pool ${poolLabel(cluster, pool)} has secondary VNIC profiles, but cluster ${cluster.name} uses the flannel CNI (FLANNEL_OVERLAY), which does not support them`,
        });
      }
    }
  },
  docs: {
    details:
      'Applies to node pools with `secondaryVnics` in clusters whose CNI is flannel (FLANNEL_OVERLAY; an API object that names no CNI is flannel, ' +
      'an oke-cni config cluster without cniType is VCN-native). The CNI cannot be changed on an existing cluster.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.33.1
    cniType: FLANNEL_OVERLAY
    nodePools:
      - name: general
        shape: VM.Standard.E4.Flex
        ocpus: 4
        size: 3
        subnet: workers
        secondaryVnics:
          - {subnet: pods, ipCount: 32}
`,
  },
};
