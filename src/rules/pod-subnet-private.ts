/** Seed: "The pod subnet must be private". */
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { podSubnetUsers } from './support/subnet-users.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'pod-subnet-private',
    severity: 'error',
    description: 'A pod subnet must be private (prohibitPublicIpOnVnic: true).',
    remediation: 'Use a private subnet (prohibitPublicIpOnVnic: true) as the pod subnet.',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const { subnet, pools } of podSubnetUsers(model, index)) {
      if (subnet.prohibitPublicIpOnVnic || !isKnown(subnet, 'prohibitPublicIpOnVnic')) continue;
      report({
        subject: subnet,
        location: locate(subnet.at, 'prohibitPublicIpOnVnic'),
        message:
          `subnet "${subnet.name}" is the pod subnet of ${pools.join(', ')} but allows public IPs ` +
          '(prohibitPublicIpOnVnic is false; unset means false)',
      });
    }
  },
  docs: {
    details:
      'Reported once per subnet, at the subnet, when any node pool of a VCN-native cluster names it as a pod subnet. ' +
      'An unset prohibitPublicIpOnVnic means false in the OCI API and Terraform: a public subnet.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: false}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
