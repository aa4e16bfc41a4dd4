/** Seed: "The worker node subnet and the pod subnet must be in the same VCN." */
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'pod-subnet-same-vcn',
    severity: 'error',
    description: "A node pool's worker subnet and pod subnet must be in the same VCN.",
    remediation: 'Pick a pod subnet in the worker subnet\'s VCN (or a worker subnet in the pod subnet\'s VCN).',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      // Every placement's worker subnet (a multi-AD pool may name one per availability domain).
      if (!isKnown(pool, 'subnet', 'podSubnets')) continue;
      for (const workerRef of pool.workerSubnets) {
        const worker = index.subnet(workerRef);
        if (!worker || !isKnown(worker, 'vcn')) continue;
        for (const ref of pool.podSubnets) {
          const podSubnet = index.subnet(ref);
          if (!podSubnet || !isKnown(podSubnet, 'vcn') || podSubnet.vcn === worker.vcn) continue;
          const podVcn = index.vcn(podSubnet.vcn)?.name ?? podSubnet.vcn;
          const workerVcn = index.vcn(worker.vcn)?.name ?? worker.vcn;
          report({
            subject: pool,
            location: locate(pool.at, 'podSubnets'),
            message:
              `node pool ${poolLabel(cluster, pool)}: pod subnet "${podSubnet.name}" is in VCN "${podVcn}" ` +
              `but worker subnet "${worker.name}" is in VCN "${workerVcn}"`,
            remediation: `Use a pod subnet in VCN "${workerVcn}", or a worker subnet in VCN "${podVcn}".`,
          });
        }
      }
    }
  },
  docs: {
    details:
      'Applies to every node pool (managed, self-managed and virtual) of a cluster using VCN-native pod networking ' +
      '(cniType OCI_VCN_IP_NATIVE). Compares the VCN of each worker subnet (`subnet`; live and in OCI CLI/Terraform input, the subnet of every placement of a multi-AD pool) with the VCN of each pod subnet (`podSubnets`).',
    failingExample: `vcns:
  - {name: prod-vcn, cidrBlocks: [10.0.0.0/16]}
  - {name: other-vcn, cidrBlocks: [10.1.0.0/16]}
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: other-vcn, cidrBlock: 10.1.0.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
