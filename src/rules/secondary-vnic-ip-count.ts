/**
 * "The combined ipCount across all configured secondary VNIC profiles on a node can be up to 256"
 * (SOURCES.secondaryVnics, SOURCES.cniPlugin, as fetched 2026-09). Oracle's Karpenter provider also refuses
 * an ipCount that is not a power of two or above 256 for one VNIC (SOURCES.karpenterOciNetwork, 2026-04-21);
 * the OKE pages state only the combined budget, so those two come from Oracle's own controller.
 */
import { MAX_IP_COUNT_PER_SECONDARY_VNIC, MAX_IPS_PER_NODE_SECONDARY_VNICS, SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import { ipCountProblems, nearestPowersOfTwo } from '../core/models/secondary-vnics.js';
import { vnicProfilesOf } from '../core/models/pool.js';
import type { DocumentedRule } from './types.js';
import { poolLabel } from './support/scope.js';
import { PROFILES_DOC, profileLabel, secondaryVnicPools } from './support/secondary-vnics.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'secondary-vnic-ip-count',
    severity: 'error',
    description:
      `Each secondary VNIC profile's ipCount must be a power of two from 1 to ${MAX_IP_COUNT_PER_SECONDARY_VNIC}, ` +
      `and a node's profiles at most ${MAX_IPS_PER_NODE_SECONDARY_VNICS} IPs together.`,
    remediation: `Give every profile an ipCount of 1, 2, 4, ... ${MAX_IP_COUNT_PER_SECONDARY_VNIC}, adding up to ${MAX_IPS_PER_NODE_SECONDARY_VNICS} or less per node.`,
    source: SOURCES.secondaryVnics,
  },
  check({ model }, report) {
    for (const { cluster, pool } of secondaryVnicPools(model)) {
      const label = poolLabel(cluster, pool);
      for (const p of ipCountProblems(vnicProfilesOf(pool))) {
        if (p.code === 'ip-budget-above-node-limit') {
          report({
            subject: pool,
            location: locate(pool.at, 'secondaryVnics'),
            message: `node pool ${label}: its secondary VNIC profiles' ipCount adds up to ${p.total}, above the ${MAX_IPS_PER_NODE_SECONDARY_VNICS} IPs a node takes in all`,
            remediation: `Lower the profiles' ipCount to ${MAX_IPS_PER_NODE_SECONDARY_VNICS} or less in all.`,
          });
          continue;
        }
        const profile = pool.secondaryVnics[p.index];
        if (!profile) continue;
        const where = `node pool ${label}, ${profileLabel(profile, p.index)}`;
        if (p.code === 'ip-count-missing') {
          report({
            subject: pool,
            location: locate(profile.at),
            message: `${where}: no ipCount; OKE documents no default, so oke-cni counts no pod IPs for this profile`,
            remediation: 'Set createVnicDetails.ipCount (ipCount in the oke-cni config) to the pod IPs the profile should carry.',
          });
        } else if (p.code === 'ip-count-above-vnic-limit') {
          report({
            subject: pool,
            location: locate(profile.at, 'ipCount'),
            message: `${where}: ipCount ${p.ipCount} is above ${MAX_IP_COUNT_PER_SECONDARY_VNIC}, the most one secondary VNIC takes`,
            remediation: `Use ${MAX_IP_COUNT_PER_SECONDARY_VNIC} or less, or split the IPs over several profiles.`,
          });
        } else {
          report({
            subject: pool,
            location: locate(profile.at, 'ipCount'),
            message: `${where}: ipCount ${p.ipCount} is not a power of two (1, 2, 4, ... ${MAX_IP_COUNT_PER_SECONDARY_VNIC}), as Oracle's own provisioner requires`,
            remediation: p.ipCount >= 1 ? `Use ${nearestPowersOfTwo(p.ipCount).join(' or ')}.` : 'Use 1 or more, a power of two.',
          });
        }
      }
    }
  },
  docs: {
    details:
      `${PROFILES_DOC} The ${MAX_IPS_PER_NODE_SECONDARY_VNICS}-IP node budget is OKE's (reported at \`secondaryVnics\`); the power of two and ` +
      `the ${MAX_IP_COUNT_PER_SECONDARY_VNIC} per profile are enforced by Oracle's karpenter-provider-oci (${SOURCES.karpenterOciNetwork}, 2026-04-21), ` +
      'not stated on the OKE pages (reported at `ipCount`). A profile without ipCount is reported too: OKE documents no default ' +
      '(Karpenter\'s is 32), so oke-cni counts none of its pod IPs rather than guess. IPv6 single-stack limits (1, 16 or 256, Karpenter) are not checked.',
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
          - {subnet: pods, ipCount: 24}
`,
  },
};
