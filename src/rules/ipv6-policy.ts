/** Seed, "Additional IAM policy to access resources with IPv6 addresses". */
import { SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import { clusterOcidNote, clusterPolicyNeeds } from '../core/policy/required.js';
import type { DocumentedRule } from './types.js';
import { vcnNativeClusters } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'ipv6-policy',
    severity: 'note',
    description: 'A VCN-native cluster whose resources use IPv6 needs an extra IAM policy statement (use ipv6s).',
    remediation: 'Add the IAM policy statement of the finding.',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const cluster of vcnNativeClusters(model)) {
      const needs = clusterPolicyNeeds(cluster, index);
      if (needs.ipv6Reasons.length === 0) continue;
      const statements = needs.needed.filter((p) => p.purpose === 'ipv6').map((p) => p.leastPrivilege);
      report({
        subject: cluster,
        location: cluster.ipv6 ? locate(cluster.at, 'ipv6') : locate(cluster.at),
        message: `cluster ${cluster.name} ${needs.ipv6Reasons.join(' and ')}: VCN-native pod networking with IPv6 needs an extra IAM policy statement`,
        remediation: `Add ${statements.length === 1 ? 'this statement' : 'these statements'} to an IAM policy:\n${statements.join('\n')}${clusterOcidNote(cluster) ?? ''}`,
      });
    }
  },
  docs: {
    details:
      'Applies to VCN-native clusters with ipv6: true, or whose node pools use a worker or pod subnet with ipv6CidrBlocks. ' +
      'The statement names the compartment of the network resources (VCN and those subnets; one statement per distinct known compartment, ' +
      'else <compartment-ocid-of-network-resources>) and the cluster OCID (else <cluster-ocid>, with a note on why).',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16], compartmentId: ocid1.compartment.oc1..network}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    ipv6: true
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
