/**
 * Seed, "Additional IAM Policy when a Cluster and its Related Resources are in Different Compartments":
 * the least-privilege statements name the node pool compartment, the network compartment and the cluster.
 */
import { SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import { clusterOcidNote, clusterPolicyNeeds } from '../core/policy/required.js';
import type { DocumentedRule } from './types.js';
import { vcnNativeClusters } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'cross-compartment-policy',
    severity: 'note',
    description:
      "Node pools, VCN or subnets in a compartment other than the cluster's need extra IAM policy statements for VCN-native pod networking.",
    remediation: 'Add the least-privilege IAM policy statements of the finding (or the broader tenancy-wide ones from the OCI page).',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const cluster of vcnNativeClusters(model)) {
      const needs = clusterPolicyNeeds(cluster, index);
      if (needs.elsewhere.length === 0) continue;
      const statements = needs.needed.filter((p) => p.purpose === 'cross-compartment').map((p) => p.leastPrivilege);
      report({
        subject: cluster,
        location: locate(cluster.at, 'compartmentId'),
        message:
          `cluster ${cluster.name} is in compartment ${cluster.compartmentId} but ${needs.elsewhere.join('; ')}: ` +
          `VCN-native pod networking needs ${statements.length} extra IAM policy statements`,
        remediation: `Add these statements to an IAM policy:\n${statements.join('\n')}${clusterOcidNote(cluster) ?? ''}`,
      });
    }
  },
  docs: {
    details:
      "Applies to VCN-native clusters whose compartmentId is known. Compares it with the compartmentId of each node pool, of the VCN, and of the " +
      'worker and pod subnets the pools use; only known compartments count. The note gives the seed\'s least-privilege statements with ' +
      '<compartment-ocid-of-nodepool> (each node pool compartment), <compartment-ocid-of-network-resources> (each VCN/subnet compartment) and ' +
      "<cluster-ocid> filled in; a cluster not created yet has no OCID, so <cluster-ocid> stays and the note says so.",
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16], compartmentId: ocid1.compartment.oc1..network}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    compartmentId: ocid1.compartment.oc1..cluster
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
