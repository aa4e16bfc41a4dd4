/**
 * Seed: "To avoid running out of IP addresses, the IP addresses are pre-allocated in the pod subnet
 * before pods are created", and one pod subnet may serve several node pools and several clusters.
 * Demand per subnet: see support/pod-subnet-demand.ts.
 */
import { count } from '../core/plural.js';
import { usableAddresses } from '../core/capacity.js';
import { cidrsText } from '../core/cidr.js';
import { LARGEST_SUBNET_PREFIX, POD_IPS_PER_VNIC, SOURCES, SUBNET_RESERVED_ADDRESSES } from '../core/facts.js';
import { locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { formatBreakdown, podSubnetDemandsOf, subnetSizeAdvice, withOtherUse } from './support/pod-subnet-demand.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'pod-subnet-capacity',
    severity: 'error',
    description:
      'A pod subnet must hold the addresses that all node pools sharing it pre-allocate at their largest (maxSize + maxSurge nodes).',
    remediation: 'Use a larger pod subnet, lower maxPodsPerNode, or move node pools to another pod subnet.',
    source: SOURCES.cniPlugin,
  },
  check(ctx, report) {
    for (const demand of podSubnetDemandsOf(ctx)) {
      if (demand.total <= demand.usable) continue;
      const { subnet } = demand;
      const { addBlock, single: prefix } = subnetSizeAdvice(subnet, demand.usable, demand.total);
      const addAdvice =
        addBlock === undefined
          ? ''
          : `Add a /${addBlock} (${usableAddresses(addBlock)} usable addresses) or larger CIDR block to the subnet (its ${subnet.cidrBlocks.length} blocks give ${demand.usable}), or: `;
      const remediation =
        addAdvice +
        (prefix === undefined
          ? `No single OCI subnet holds ${demand.total} addresses (a /${LARGEST_SUBNET_PREFIX} has ${usableAddresses(LARGEST_SUBNET_PREFIX)} usable): ` +
            'split the node pools over several pod subnets, or lower maxPodsPerNode.'
          : `Use a /${prefix} (${usableAddresses(prefix)} usable addresses) or larger pod subnet, lower maxPodsPerNode, ` +
            'or move node pools to another pod subnet.');
      report({
        subject: subnet,
        location: locate(subnet.at, 'cidrBlocks'),
        message:
          `pod subnet "${subnet.name}" (${cidrsText(subnet.cidrBlocks)}) has ${count(demand.usable, 'usable address', 'usable addresses')} but its node pools ` +
          `need ${demand.total} at their largest (maxSize + maxSurge nodes)${withOtherUse(demand)}: ${formatBreakdown(demand)}`,
        remediation,
      });
    }
  },
  docs: {
    details:
      'Reported once per pod subnet, at its CIDR block(s). Every node pool of every VCN-native cluster naming the subnet as its one pod subnet ' +
      'counts, at max(size, maxSize) + maxSurge nodes (the autoscaler ceiling plus the extra nodes that node cycling and upgrades add). ' +
      `Usable addresses: the sum over the subnet's CIDR blocks (cidrBlock, or cidrBlocks for a subnet with several) of 2^(32 - prefix) - ${SUBNET_RESERVED_ADDRESSES} ` +
      '(OCI reserves the first two and the last address of a subnet; that it does so in each block of a multi-block subnet is inferred). ' +
      'For a subnet with several blocks the fix names the block to add first. ' +
      'Per managed or self-managed node (inferred, not stated by Oracle): maxPodsPerNode secondary IPs, plus one primary IP for each ' +
      `pod-subnet VNIC (ceil(maxPodsPerNode / ${POD_IPS_PER_VNIC}) of them), plus one for the node's own VNIC when the worker subnet is the pod subnet. ` +
      'Per virtual node (inferred from OCI\'s virtual-node pages: one VNIC per virtual node, IPs not pre-allocated, each pod\'s VNIC placed ' +
      'in the pod subnet): one address per pod at maxPodsPerNode pods per virtual node, plus one for the virtual node\'s VNIC when the worker ' +
      'subnet is the pod subnet. For virtual nodes this is the demand when every virtual node is full, not a pre-allocation; ' +
      `maxSurge is counted as given. Sources: ${SOURCES.virtualNodes}, ${SOURCES.virtualPodConfiguration}. ` +
      'Per node of a pool with secondary VNIC profiles (`secondaryVnics`, the secondary-vnics model): in each profile\'s subnet, the profile\'s ipCount ' +
      '(pre-allocated whatever maxPodsPerNode says) plus one primary IP per profile VNIC (inferred from the VNIC model), plus one for the node\'s own VNIC ' +
      'when that subnet is the worker subnet; such a pool counts in every subnet its profiles use, not in podSubnets. ' +
      'Live (check, lint --live): every node pool of every cluster in the searched compartments whose pod subnet (or worker subnet) is this subnet counts, and so do the addresses in use now that no pool holds (ListPrivateIps, a CIDR-sized private IP counting 2^(32 - cidrPrefixLength) addresses, minus each pool\'s current nodes x its addresses per node, a virtual pool\'s current virtual nodes counted full as its planned demand counts them, so its running pods count once): load balancers, other VNICs, self-managed nodes. ' +
      'The project config\'s `reserved` addresses are an allowance for such other VNICs, the existing ones among them: live, the larger of reserved and the other use measured now counts, never their sum; offline, reserved. ' +
      'When virtual nodes are not full, other use is a lower bound (by at most their empty pod slots): the API does not say how many pods run',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/24, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 10, maxPodsPerNode: 31, subnet: workers, podSubnets: [pods]}
`,
  },
};
