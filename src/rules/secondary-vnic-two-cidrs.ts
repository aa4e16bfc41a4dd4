/**
 * "If you need more than 32 IPs per VNIC, configure pod subnets with two CIDR blocks as a capacity-planning
 * recommendation" (SOURCES.cniPlugin as fetched 2026-09; also the Large Cluster Best Practices page). Oracle's
 * Karpenter provider goes further and refuses more than 32 IPv4 addresses per VNIC on a one-CIDR-block subnet
 * (SOURCES.karpenterOciNetwork, 2026-04-21). OKE words it as a recommendation, so this is a warning.
 */
import { SINGLE_CIDR_IPS_PER_VNIC, SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel } from './support/scope.js';
import { PROFILES_DOC, profileLabel, secondaryVnicPools } from './support/secondary-vnics.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'secondary-vnic-two-cidrs',
    severity: 'warning',
    description: `A secondary VNIC profile with more than ${SINGLE_CIDR_IPS_PER_VNIC} IPs should use a subnet with two CIDR blocks, as OCI recommends.`,
    remediation: `Add a second CIDR block to the profile's subnet, or keep the profile at ${SINGLE_CIDR_IPS_PER_VNIC} IPs or fewer.`,
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const { cluster, pool } of secondaryVnicPools(model)) {
      pool.secondaryVnics.forEach((profile, i) => {
        const ipCount = profile.ipCount ?? 0;
        if (ipCount <= SINGLE_CIDR_IPS_PER_VNIC) return;
        const subnet = index.subnet(profile.subnet);
        if (!subnet) return;
        const blocks = subnet.cidrBlocks.length;
        if (blocks >= 2) return;
        report({
          subject: pool,
          location: locate(profile.at, 'ipCount'),
          message:
            `node pool ${poolLabel(cluster, pool)}, ${profileLabel(profile, i)}: ipCount ${ipCount} on subnet "${subnet.name}", which has one CIDR block ` +
            `(${subnet.cidrBlocks[0]?.text ?? 'no CIDR block'}); OCI recommends two CIDR blocks for more than ${SINGLE_CIDR_IPS_PER_VNIC} IPs per VNIC`,
          remediation: `Add a second CIDR block to subnet "${subnet.name}", or lower the profile's ipCount to ${SINGLE_CIDR_IPS_PER_VNIC}.`,
        });
      });
    }
  },
  docs: {
    details:
      `${PROFILES_DOC} Reported at the profile's \`ipCount\`. A subnet counts as one-block unless its input lists several IPv4 CIDR ` +
      "blocks (Subnet.cidrBlocks: OCI's ipv4CidrBlocks, or cidrBlocks in the oke-cni config). The reason is OCI's: each profile's IPs " +
      'are taken as a contiguous block, and a second CIDR block leaves room for them (oke-cni does not check contiguity itself).',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.33.1
    nodePools:
      - name: general
        shape: VM.Standard.E4.Flex
        ocpus: 4
        size: 3
        subnet: workers
        secondaryVnics:
          - {subnet: pods, ipCount: 64}
`,
  },
};
