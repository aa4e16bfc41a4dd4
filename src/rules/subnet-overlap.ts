/** OCI: the subnets of one VCN must not overlap (VCN overview, "Subnets"). */
import { overlappingPairs } from '../core/cidr.js';
import { SOURCES } from '../core/facts.js';
import { isKnown, type Subnet } from '../core/model.js';
import { blockLocation } from './support/scope.js';
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
      if (!isKnown(subnet, 'vcn', 'cidrBlocks')) return;
      order.set(subnet, i);
      const list = byVcn.get(subnet.vcn);
      if (list) list.push(subnet);
      else byVcn.set(subnet.vcn, [subnet]);
    });
    for (const [vcnRef, subnets] of byVcn) {
      const vcnName = index.vcn(vcnRef)?.name ?? vcnRef;
      // Every CIDR block of every subnet of the VCN: a subnet may have several (cidrBlocks).
      const blocks = subnets.flatMap((subnet) => subnet.cidrBlocks.map((cidr, i) => ({ subnet, cidr, i })));
      const rank = (b: (typeof blocks)[number]): number => (order.get(b.subnet) ?? 0) * 1e6 + b.i;
      for (const pair of overlappingPairs(blocks, (b) => b.cidr)) {
        // Report at the block written later: it is the one that ran into the other.
        const [first, later] = rank(pair[0]) < rank(pair[1]) ? pair : [pair[1], pair[0]];
        const other = first.subnet === later.subnet ? `its own block ${first.cidr.text}` : `subnet "${first.subnet.name}" ${first.cidr.text}`;
        report({
          subject: later.subnet,
          location: blockLocation(later.subnet, later.i),
          message: `subnet "${later.subnet.name}" ${later.cidr.text} overlaps ${other} in VCN "${vcnName}"`,
        });
      }
    }
  },
  docs: {
    details:
      'Applies to every subnet, whatever the cluster\'s CNI. Subnets are grouped by VCN and compared by a sort and sweep, ' +
      'so the check stays fast with thousands of subnets. Every CIDR block of a subnet counts (a subnet may have several; they must not overlap each other either). Each overlapping pair of blocks is reported once, at the block that comes later in the input.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.8.0/21, prohibitPublicIpOnVnic: true}
clusters: []
`,
  },
};
