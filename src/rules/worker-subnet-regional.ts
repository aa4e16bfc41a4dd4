/**
 * Seed: the worker node subnet "can be a regional subnet (recommended) or on different AD-specific
 * subnets (one in each availability domain in the region)". AD-specific is allowed, hence a warning.
 */
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { workerSubnetUsers } from './support/subnet-users.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'worker-subnet-regional',
    severity: 'warning',
    description: 'A worker subnet should be regional (OCI recommends it over AD-specific worker subnets).',
    remediation: 'Use a regional worker subnet (no availabilityDomain), or one AD-specific worker subnet in each availability domain.',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const { subnet, pools } of workerSubnetUsers(model, index)) {
      if (subnet.availabilityDomain === undefined || !isKnown(subnet, 'availabilityDomain')) continue;
      report({
        subject: subnet,
        location: locate(subnet.at, 'availabilityDomain'),
        message:
          `subnet "${subnet.name}" is the worker subnet of ${pools.join(', ')} and is specific to ` +
          `availability domain "${subnet.availabilityDomain}"; OCI recommends a regional worker subnet`,
      });
    }
  },
  docs: {
    details:
      'Reported once per subnet, at its availabilityDomain, when any node pool of a VCN-native cluster names it as its worker subnet (`subnet`). ' +
      'A warning, not an error: OCI allows AD-specific worker subnets (one per availability domain) and recommends regional ones.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true, availabilityDomain: "Uocm:PHX-AD-1"}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
