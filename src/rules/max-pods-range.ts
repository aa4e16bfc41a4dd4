/**
 * The 2025-02-12 CNI page (the seed): maximum pods per node "up to a limit of 110. The limit of 110 is imposed by
 * Kubernetes." Since secondary VNIC profiles (2026): "up to a limit of 256. The limit of 256 is the maximum number of
 * IP addresses that can be assigned to a worker node" (SOURCES.addingNodePools, fetched 2026-09-05), for node pools
 * with profiles; pools without keep 110. Virtual nodes are not kubelets on an instance: OCI gives them their own
 * ceiling, VIRTUAL_NODE_MAX_PODS pods per virtual node (SOURCES.clusterScaling).
 */
import { KUBERNETES_MAX_PODS_PER_NODE, MAX_PODS_PER_NODE_SECONDARY_VNICS, SOURCES, VIRTUAL_NODE_MAX_PODS } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import { explicitMaxPods, usesSecondaryVnics } from '../core/models/pool.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'max-pods-range',
    severity: 'error',
    description:
      `maxPodsPerNode must be between 1 and ${KUBERNETES_MAX_PODS_PER_NODE}; above ${KUBERNETES_MAX_PODS_PER_NODE} only with secondary VNIC profiles ` +
      `(up to ${MAX_PODS_PER_NODE_SECONDARY_VNICS}); ${VIRTUAL_NODE_MAX_PODS} per virtual node.`,
    remediation: `Set maxPodsPerNode between 1 and ${KUBERNETES_MAX_PODS_PER_NODE}, or give the pool secondary VNIC profiles to go up to ${MAX_PODS_PER_NODE_SECONDARY_VNICS}.`,
    source: SOURCES.cniPlugin,
  },
  check({ model }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      const virtual = pool.type === 'virtual';
      const profiles = usesSecondaryVnics(pool);
      // Left out with profiles, OKE sets it from the profiles' IPs: nothing to check. Unknown until apply: not checked either.
      const maxPods = profiles ? explicitMaxPods(pool) : pool.maxPodsPerNode;
      if (maxPods === undefined || !isKnown(pool, 'maxPodsPerNode')) continue;
      const ceiling = virtual ? VIRTUAL_NODE_MAX_PODS : profiles ? MAX_PODS_PER_NODE_SECONDARY_VNICS : KUBERNETES_MAX_PODS_PER_NODE;
      if (maxPods >= 1 && maxPods <= ceiling) continue;
      const why = virtual
        ? `a virtual node runs at most ${VIRTUAL_NODE_MAX_PODS} pods`
        : profiles
          ? `a node takes at most ${MAX_PODS_PER_NODE_SECONDARY_VNICS} IP addresses, even with secondary VNIC profiles`
          : `nodes without secondary VNIC profiles run at most ${KUBERNETES_MAX_PODS_PER_NODE} pods`;
      const pastLegacy = !virtual && !profiles && maxPods > KUBERNETES_MAX_PODS_PER_NODE && maxPods <= MAX_PODS_PER_NODE_SECONDARY_VNICS;
      report({
        subject: pool,
        location: locate(pool.at, 'maxPodsPerNode'),
        message: `node pool ${poolLabel(cluster, pool)}: maxPodsPerNode ${maxPods} is outside 1 to ${ceiling} (${why})`,
        remediation: pastLegacy
          ? `Set maxPodsPerNode between 1 and ${ceiling}, or give the pool secondary VNIC profiles (secondaryVnics, ipCount adding up to ${maxPods} or more), ` +
            `which allow up to ${MAX_PODS_PER_NODE_SECONDARY_VNICS} pods per node.`
          : `Set maxPodsPerNode between 1 and ${ceiling}.`,
      });
    }
  },
  docs: {
    details:
      `Applies to every node pool of a VCN-native cluster. Managed and self-managed nodes without secondary VNIC profiles: 1 to ${KUBERNETES_MAX_PODS_PER_NODE}; ` +
      `above ${KUBERNETES_MAX_PODS_PER_NODE} the fix names secondary VNIC profiles. With profiles: 1 to ${MAX_PODS_PER_NODE_SECONDARY_VNICS}, and only when ` +
      'maxPodsPerNode is set (left out, OKE derives it from the profiles\' IPs; max-pods-ip-budget compares a set value with the profiles\' ipCount). ' +
      `**A fact that moved:** the 2025-02-12 CNI page said "up to a limit of 110. The limit of 110 is imposed by Kubernetes"; OKE's pages as fetched ` +
      `2026-09 say "up to a limit of ${MAX_PODS_PER_NODE_SECONDARY_VNICS}" (${SOURCES.addingNodePools}), with secondary VNIC profiles. ` +
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
