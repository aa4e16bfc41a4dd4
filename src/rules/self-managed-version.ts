/** Seed: self-managed nodes work with VCN-native pod networking "provided the cluster's control plane nodes are running Kubernetes version 1.27.10 (or later)". */
import { MIN_CONTROL_PLANE_SELF_MANAGED, SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';
import { displayVersion, versionBelow } from './support/version.js';

const MIN = displayVersion(MIN_CONTROL_PLANE_SELF_MANAGED);

export const rule: DocumentedRule = {
  meta: {
    id: 'self-managed-version',
    severity: 'error',
    description: `Self-managed nodes with VCN-native pod networking need a control plane on Kubernetes ${MIN} or later.`,
    remediation: `Upgrade the cluster's control plane to Kubernetes ${MIN} or later, or use managed nodes.`,
    source: SOURCES.cniPlugin,
  },
  check({ model }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      if (pool.type !== 'self-managed' || !isKnown(cluster, 'kubernetesVersion') || !versionBelow(cluster.kubernetesVersion, MIN_CONTROL_PLANE_SELF_MANAGED)) continue;
      report({
        subject: pool,
        location: locate(pool.at, 'type'),
        message:
          `self-managed node pool ${poolLabel(cluster, pool)} needs the control plane on Kubernetes ${MIN} or later ` +
          `for VCN-native pod networking; cluster ${cluster.name} runs ${cluster.kubernetesVersion}`,
      });
    }
  },
  docs: {
    details:
      "Applies to self-managed node pools (type: self-managed) of VCN-native clusters; compares the cluster's kubernetesVersion " +
      '(the control plane), not the nodes\' own version. Reported once per self-managed pool.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.27.2
    nodePools:
      - {name: own, type: self-managed, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
