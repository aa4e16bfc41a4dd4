/** oke-cni's own early warning before pod-subnet-capacity: threshold options.headroomPercent (DEFAULT_HEADROOM_PERCENT). */
import { usableAddresses } from '../core/capacity.js';
import { cidrsText } from '../core/cidr.js';
import { DEFAULT_HEADROOM_PERCENT, SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { formatBreakdown, podSubnetDemandsOf, subnetSizeAdvice, withOtherUse } from './support/pod-subnet-demand.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'pod-subnet-headroom',
    severity: 'warning',
    description: `A pod subnet's node pools should need no more than the headroom threshold (default ${DEFAULT_HEADROOM_PERCENT}%) of its usable addresses.`,
    remediation: 'Plan a larger pod subnet before the node pools grow, or lower maxPodsPerNode.',
    source: SOURCES.cniPlugin,
  },
  check(ctx, report) {
    const threshold = ctx.options.headroomPercent;
    for (const demand of podSubnetDemandsOf(ctx)) {
      // Above usable is pod-subnet-capacity's error; at or below the threshold is fine.
      if (demand.total > demand.usable || demand.total * 100 <= demand.usable * threshold) continue;
      const { subnet } = demand;
      const percent = ((demand.total / demand.usable) * 100).toFixed(1);
      const needed = Math.ceil((demand.total * 100) / threshold);
      const { addBlock, single: prefix } = subnetSizeAdvice(subnet, demand.usable, needed);
      const addAdvice = addBlock === undefined ? '' : `Adding a /${addBlock} (${usableAddresses(addBlock)} usable addresses) CIDR block to the subnet keeps them under ${threshold}%; or: `;
      report({
        subject: subnet,
        location: locate(subnet.at, 'cidrBlocks'),
        message:
          `pod subnet "${subnet.name}" (${cidrsText(subnet.cidrBlocks)}): its node pools need ${demand.total} of ${demand.usable} usable ` +
          `addresses (${percent}%)${withOtherUse(demand)}, above the ${threshold}% headroom threshold: ${formatBreakdown(demand)}`,
        remediation:
          addAdvice +
          (prefix === undefined
            ? `No single OCI subnet keeps ${demand.total} addresses under ${threshold}%: split the node pools over several pod subnets, or lower maxPodsPerNode.`
            : `A /${prefix} (${usableAddresses(prefix)} usable addresses) keeps them under ${threshold}%; or lower maxPodsPerNode.`),
      });
    }
  },
  docs: {
    details:
      'Counts exactly what pod-subnet-capacity counts, and warns when the demand is above the threshold but still fits ' +
      `(above the subnet's usable addresses, pod-subnet-capacity reports an error instead). The threshold is oke-cni's own choice, ` +
      `${DEFAULT_HEADROOM_PERCENT}% unless the lint run sets another (headroomPercent), not an OCI number.`,
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/23, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 12, maxPodsPerNode: 31, subnet: workers, podSubnets: [pods]}
`,
  },
};
