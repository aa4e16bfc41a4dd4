/** OCI: a subnet's CIDR must lie within one of its VCN's CIDR blocks (VCN overview, "Subnets"). */
import { cidrContains } from '../core/cidr.js';
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
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
      if (!isKnown(subnet, 'vcn', 'cidrBlock')) continue;
      const vcn = index.vcn(subnet.vcn);
      if (!vcn || vcn.cidrBlocks.length === 0 || !isKnown(vcn, 'cidrBlocks')) continue;
      if (vcn.cidrBlocks.some((block) => cidrContains(block, subnet.cidrBlock))) continue;
      const blocks = vcn.cidrBlocks.map((b) => b.text).join(', ');
      report({
        subject: subnet,
        location: locate(subnet.at, 'cidrBlock'),
        message: `subnet "${subnet.name}" ${subnet.cidrBlock.text} is outside every CIDR block of VCN "${vcn.name}" (${blocks})`,
      });
    }
  },
  docs: {
    details:
      'Applies to every subnet, whatever the cluster\'s CNI. A VCN may have several CIDR blocks; the subnet must fit entirely inside one of them.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.1.0.0/18, prohibitPublicIpOnVnic: true}
clusters: []
`,
  },
};
