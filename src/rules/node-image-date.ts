/** Seed: "do not select an OKE image released before June 2022". */
import { MIN_OKE_IMAGE_RELEASE, SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { imageReleaseDate, isOkeImage } from './support/image.js';
import { poolLabel, vcnNativePools } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'node-image-date',
    severity: 'error',
    description: `An OKE node image used with VCN-native pod networking must be released on or after ${MIN_OKE_IMAGE_RELEASE}.`,
    remediation: `Pick an OKE image released on or after ${MIN_OKE_IMAGE_RELEASE} (the date is in its name, e.g. ...-2024.01.26-0-OKE-...).`,
    source: SOURCES.cniPlugin,
  },
  check({ model }, report) {
    for (const { cluster, pool } of vcnNativePools(model)) {
      if (pool.image === undefined || !isKnown(pool, 'image') || !isOkeImage(pool.image)) continue;
      const released = imageReleaseDate(pool.image);
      // ISO dates compare correctly as strings.
      if (released === undefined || released >= MIN_OKE_IMAGE_RELEASE) continue;
      report({
        subject: pool,
        location: locate(pool.at, 'image'),
        message:
          `node pool ${poolLabel(cluster, pool)}: OKE image ${pool.image} was released on ${released}; ` +
          `VCN-native pod networking needs an OKE image released on or after ${MIN_OKE_IMAGE_RELEASE}`,
      });
    }
  },
  docs: {
    details:
      'Applies to node pools of VCN-native clusters whose image is an OKE image, i.e. its name has "-OKE-<version>" ' +
      '(Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679 was released on 2024-01-26). The release date is read from the name. ' +
      'Images whose names carry no date (image OCIDs, custom images) give no finding.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods], image: Oracle-Linux-7.9-2022.05.31-0-OKE-1.22.5-420}
`,
  },
};
