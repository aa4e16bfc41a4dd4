/**
 * With secondary VNIC profiles, "Kubernetes Engine sets the maximum number of pods per node based on the pod IP
 * capacity available on the node"; a custom max-pods must not exceed that capacity, the sum of the profiles'
 * ipCount (SOURCES.secondaryVnics, as fetched 2026-09), and max pods per node go "up to a limit of 256"
 * (SOURCES.addingNodePools, fetched 2026-09-05).
 */
import { MAX_PODS_PER_NODE_SECONDARY_VNICS, SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import { explicitMaxPods, secondaryVnicsPoolBudget } from '../core/models/pool.js';
import type { DocumentedRule } from './types.js';
import { poolLabel } from './support/scope.js';
import { PROFILES_DOC, secondaryVnicPools } from './support/secondary-vnics.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'max-pods-ip-budget',
    severity: 'error',
    description: "With secondary VNIC profiles, maxPodsPerNode must not exceed the profiles' IP budget (the sum of their ipCount).",
    remediation: "Raise the profiles' ipCount, or lower maxPodsPerNode (or leave it out: OKE then sets it from the profiles' IPs).",
    source: SOURCES.secondaryVnics,
  },
  check({ model }, report) {
    for (const { cluster, pool } of secondaryVnicPools(model)) {
      const maxPods = explicitMaxPods(pool);
      const budget = secondaryVnicsPoolBudget(pool);
      // Above 256, max-pods-range reports the pool; an ipCount problem is secondary-vnic-ip-count's.
      if (maxPods === undefined || maxPods > MAX_PODS_PER_NODE_SECONDARY_VNICS || maxPods <= budget) continue;
      report({
        subject: pool,
        location: locate(pool.at, 'maxPodsPerNode'),
        message:
          `node pool ${poolLabel(cluster, pool)}: maxPodsPerNode ${maxPods} is above its secondary VNIC profiles' ${budget} pod IPs ` +
          `(${pool.secondaryVnics.map((p) => p.ipCount ?? 0).join(' + ')})`,
        remediation: `Raise the profiles' ipCount to ${maxPods} or more in all, or lower maxPodsPerNode to ${budget} (or leave it out).`,
      });
    }
  },
  docs: {
    details:
      `${PROFILES_DOC} Only a maxPodsPerNode the input sets is checked; left out, OKE derives it from the profiles' IPs and oke-cni ` +
      `plans min(sum of ipCount, ${MAX_PODS_PER_NODE_SECONDARY_VNICS}) pods per node. Values above ${MAX_PODS_PER_NODE_SECONDARY_VNICS} are max-pods-range's.`,
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
        ocpus: 4
        size: 3
        maxPodsPerNode: 100
        subnet: workers
        secondaryVnics:
          - {subnet: pods, ipCount: 32}
          - {subnet: pods, ipCount: 32}
`,
  },
};
