/** Seed: "You can only use the OCI VCN-Native Pod Networking CNI plugin with clusters running Kubernetes 1.22 or later". */
import { MIN_KUBERNETES_VCN_NATIVE, SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { vcnNativeClusters } from './support/scope.js';
import { displayVersion, versionBelow } from './support/version.js';

const MIN = displayVersion(MIN_KUBERNETES_VCN_NATIVE);

export const rule: DocumentedRule = {
  meta: {
    id: 'kubernetes-version',
    severity: 'error',
    description: `A cluster using VCN-native pod networking must run Kubernetes ${MIN} or later.`,
    remediation: `Upgrade the cluster to Kubernetes ${MIN} or later, or use the flannel CNI.`,
    source: SOURCES.cniPlugin,
  },
  check({ model }, report) {
    for (const cluster of vcnNativeClusters(model)) {
      if (!isKnown(cluster, 'kubernetesVersion') || !versionBelow(cluster.kubernetesVersion, MIN_KUBERNETES_VCN_NATIVE)) continue;
      report({
        subject: cluster,
        location: locate(cluster.at, 'kubernetesVersion'),
        message: `cluster ${cluster.name} runs Kubernetes ${cluster.kubernetesVersion}; VCN-native pod networking needs ${MIN} or later`,
      });
    }
  },
  docs: {
    details:
      "Applies to clusters with cniType OCI_VCN_IP_NATIVE and reads the cluster's (control plane's) kubernetesVersion. " +
      'A version oke-cni cannot read (not v1.30.1, 1.30.1 or v1.30) gives no finding.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.21.5
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};
