/**
 * Seed: maximum pods per node "up to a limit of 110. The limit of 110 is imposed by Kubernetes."
 * Virtual nodes are not kubelets on an instance: OCI gives them their own ceiling,
 * VIRTUAL_NODE_MAX_PODS pods per virtual node (SOURCES.clusterScaling).
 */
import { KUBERNETES_MAX_PODS_PER_NODE, SOURCES, VIRTUAL_NODE_MAX_PODS } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'max-pods-range',
    severity: 'error',
    description: `maxPodsPerNode must be between 1 and ${KUBERNETES_MAX_PODS_PER_NODE} (Kubernetes' limit; ${VIRTUAL_NODE_MAX_PODS} per virtual node).`,
    remediation: `Set maxPodsPerNode between 1 and ${KUBERNETES_MAX_PODS_PER_NODE}.`,
    source: SOURCES.cniPlugin,
  },
  check({ model }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      const virtual = pool.type === 'virtual';
      const ceiling = virtual ? VIRTUAL_NODE_MAX_PODS : KUBERNETES_MAX_PODS_PER_NODE;
      if ((pool.maxPodsPerNode >= 1 && pool.maxPodsPerNode <= ceiling) || !isKnown(pool, 'maxPodsPerNode')) continue;
      const why = virtual
        ? `a virtual node runs at most ${VIRTUAL_NODE_MAX_PODS} pods`
        : `Kubernetes caps a node at ${KUBERNETES_MAX_PODS_PER_NODE} pods`;
      report({
        subject: pool,
        location: locate(pool.at, 'maxPodsPerNode'),
        message: `node pool ${poolLabel(cluster, pool)}: maxPodsPerNode ${pool.maxPodsPerNode} is outside 1 to ${ceiling} (${why})`,
        remediation: `Set maxPodsPerNode between 1 and ${ceiling}.`,
      });
    }
  },
  docs: {
    details:
      `Applies to every node pool of a VCN-native cluster. Managed and self-managed nodes: 1 to ${KUBERNETES_MAX_PODS_PER_NODE}. ` +
      `Virtual node pools: OKE has no maxPodsPerNode setting for them; oke-cni reads the pool's maxPodsPerNode as the pods you plan ` +
      `per virtual node and checks it against OCI's ${VIRTUAL_NODE_MAX_PODS} pods per virtual node (Scaling Kubernetes Clusters and Node Pools, ${SOURCES.clusterScaling}).`,
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 8, size: 3, maxPodsPerNode: 120, subnet: workers, podSubnets: [pods]}
`,
  },
};
