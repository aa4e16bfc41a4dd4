/** OCI: a subnet's CIDR must lie within one of its VCN's CIDR blocks (VCN overview, "Subnets"). */
import { cidrContains } from '../core/cidr.js';
import { SOURCES } from '../core/facts.js';
import { isKnown } from '../core/model.js';
import { blockLocation } from './support/scope.js';
import type { DocumentedRule } from './types.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'subnet-in-vcn',
    severity: 'error',
    description: "A subnet's CIDR block must lie within one of its VCN's CIDR blocks.",
    remediation: "Pick a subnet CIDR inside one of the VCN's CIDR blocks, or add a CIDR block to the VCN that contains it.",
    source: SOURCES.vcnOverview,
  },
  check({ model, index }, report) {
    for (const subnet of model.subnets) {
      if (!isKnown(subnet, 'vcn', 'cidrBlocks')) continue;
      const vcn = index.vcn(subnet.vcn);
      if (!vcn || vcn.cidrBlocks.length === 0 || !isKnown(vcn, 'cidrBlocks')) continue;
      subnet.cidrBlocks.forEach((cidr, i) => {
        if (vcn.cidrBlocks.some((block) => cidrContains(block, cidr))) return;
        const blocks = vcn.cidrBlocks.map((b) => b.text).join(', ');
        report({
          subject: subnet,
          location: blockLocation(subnet, i),
          message: `subnet "${subnet.name}" ${cidr.text} is outside every CIDR block of VCN "${vcn.name}" (${blocks})`,
        });
      });
    }
  },
  docs: {
    details:
      'Applies to every subnet, whatever the cluster\'s CNI. A VCN may have several CIDR blocks, and so may a subnet (cidrBlocks): each block of the subnet must fit entirely inside one of the blocks of the VCN, and each one that does not is reported at that block.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.1.0.0/18, prohibitPublicIpOnVnic: true}
clusters: []
`,
  },
};
