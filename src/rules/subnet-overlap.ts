/** OCI: the subnets of one VCN must not overlap (VCN overview, "Subnets"). */
import { overlappingPairs } from '../core/cidr.js';
import { SOURCES } from '../core/facts.js';
import { isKnown, locate, type Subnet } from '../core/model.js';
import type { DocumentedRule } from './types.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'subnet-overlap',
    severity: 'error',
    description: 'Two subnets of the same VCN must not overlap.',
    remediation: 'Give one of the subnets a CIDR block that does not overlap the other.',
    source: SOURCES.vcnOverview,
  },
  check({ model, index }, report) {
    const order = new Map<Subnet, number>();
    const byVcn = new Map<string, Subnet[]>();
    model.subnets.forEach((subnet, i) => {
      // A subnet whose CIDR or VCN is unknown until apply cannot be compared.
      if (!isKnown(subnet, 'vcn', 'cidrBlock')) return;
      order.set(subnet, i);
      const list = byVcn.get(subnet.vcn);
      if (list) list.push(subnet);
      else byVcn.set(subnet.vcn, [subnet]);
    });
    for (const [vcnRef, subnets] of byVcn) {
      const vcnName = index.vcn(vcnRef)?.name ?? vcnRef;
      for (const pair of overlappingPairs(subnets, (s) => s.cidrBlock)) {
        // Report at the subnet written later: it is the one that ran into the other.
        const [first, later] = (order.get(pair[0]) ?? 0) < (order.get(pair[1]) ?? 0) ? pair : [pair[1], pair[0]];
        report({
          subject: later,
          location: locate(later.at, 'cidrBlock'),
          message:
            `subnet "${later.name}" ${later.cidrBlock.text} overlaps subnet "${first.name}" ${first.cidrBlock.text} ` +
            `in VCN "${vcnName}"`,
        });
      }
    }
  },
  docs: {
    details:
      'Applies to every subnet, whatever the cluster\'s CNI. Subnets are grouped by VCN and compared by a sort and sweep, ' +
      'so the check stays fast with thousands of subnets. Each overlapping pair is reported once, at the subnet that comes later in the input.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.8.0/21, prohibitPublicIpOnVnic: true}
clusters: []
`,
  },
};
