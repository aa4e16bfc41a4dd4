/** OKE: "The CIDR block you specify for the VCN must not overlap with the CIDR block you specify for the Kubernetes services" (SOURCES.cidrBlocks). */
import { cidrsOverlap } from '../core/cidr.js';
import { SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'services-cidr-overlap',
    severity: 'error',
    description: "A cluster's Kubernetes services CIDR must not overlap any CIDR block of its VCN.",
    remediation: 'Choose a services CIDR (servicesCidr) outside every CIDR block of the VCN.',
    source: SOURCES.cidrBlocks,
  },
  check({ model, index }, report) {
    for (const cluster of model.clusters) {
      const vcn = isKnown(cluster, 'vcn', 'servicesCidr') ? index.vcn(cluster.vcn) : undefined;
      if (!vcn || !isKnown(vcn, 'cidrBlocks')) continue;
      const overlapping = vcn.cidrBlocks.filter((block) => cidrsOverlap(block, cluster.servicesCidr));
      if (overlapping.length === 0) continue;
      report({
        subject: cluster,
        location: locate(cluster.at, 'servicesCidr'),
        message:
          `cluster ${cluster.name}: services CIDR ${cluster.servicesCidr.text} overlaps CIDR block ` +
          `${overlapping.map((b) => b.text).join(', ')} of VCN "${vcn.name}"`,
      });
    }
  },
  docs: {
    details: 'Applies to every cluster, whatever its CNI (OCI states it for flannel and VCN-native clusters alike). Every CIDR block of the VCN counts.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.96.0.0/16]}]
subnets: []
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    servicesCidr: 10.96.0.0/16
    nodePools: []
`,
  },
};
