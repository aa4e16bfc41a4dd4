/** Seed: "The pod subnet must be private, and must be a regional subnet." */
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { podSubnetUsers } from './support/subnet-users.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'pod-subnet-regional',
    severity: 'error',
    description: 'A pod subnet must be regional, not specific to one availability domain.',
    remediation: 'Use a regional subnet (no availabilityDomain) as the pod subnet.',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const { subnet, pools } of podSubnetUsers(model, index)) {
      if (subnet.availabilityDomain === undefined || !isKnown(subnet, 'availabilityDomain')) continue;
      report({
        subject: subnet,
        location: locate(subnet.at, 'availabilityDomain'),
        message:
          `subnet "${subnet.name}" is the pod subnet of ${pools.join(', ')} but is specific to ` +
          `availability domain "${subnet.availabilityDomain}"`,
      });
    }
  },
  docs: {
    details:
      'Reported once per subnet, at its availabilityDomain, when any node pool of a VCN-native cluster (virtual node pools included) ' +
      'names it as a pod subnet. A subnet with an availabilityDomain is AD-specific; without one it is regional.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true, availabilityDomain: "Uocm:PHX-AD-1"}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
