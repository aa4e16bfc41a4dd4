/**
 * oke-cni's own tag: OKE has no node-pool field for the autoscaler's ceiling, so a pool may carry
 * `oke-cni-max-nodes=N` (core/max-nodes-tag.ts). A tag that cannot be read, or one below the
 * pool's size, would plan for the wrong number of nodes: the pool is planned at its size instead,
 * and this rule says so.
 */
import { MAX_NODES_TAG, readMaxNodesTag } from '../core/max-nodes-tag.js';
import { SOURCES } from '../core/facts.js';
import { locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel } from './support/scope.js';
import { fieldName, inputName } from '../core/vocabulary.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'max-nodes-tag',
    severity: 'warning',
    description: `A node pool's ${MAX_NODES_TAG} tag must be a whole number of nodes at or above the pool's size.`,
    remediation: `Set the ${MAX_NODES_TAG} tag to the pool's autoscaler maximum (a whole number, at least its size), or remove it.`,
    source: SOURCES.clusterScaling,
  },
  check({ model }, report) {
    for (const cluster of model.clusters) {
      for (const pool of cluster.nodePools) {
        if (pool.maxNodesTag === undefined) continue;
        const reading = readMaxNodesTag(pool.maxNodesTag, pool.size);
        if (reading.ok) continue;
        const shown = JSON.stringify(pool.maxNodesTag);
        // The input's words: "tag oke-cni-max-nodes (freeform_tags)", "the pool's node_config_details.size".
        const attribute = inputName(pool, 'maxNodesTag');
        const key = `${MAX_NODES_TAG}${attribute === undefined ? '' : ` (${attribute})`}`;
        const tag = `tag ${key}`;
        const size = fieldName(pool, 'size');
        const plannedFrom = pool.maxSizeSource === 'autoscaler add-on' ? 'the Cluster Autoscaler add-on maximum' : pool.maxSize === pool.size ? 'its size' : 'its maxSize';
        report({
          subject: pool,
          location: locate(pool.at, 'maxNodesTag'),
          message:
            reading.problem === 'malformed'
              ? `node pool ${poolLabel(cluster, pool)}: ${tag} = ${shown} is not a whole number of nodes; the pool is planned at ${pool.maxSize} nodes (${plannedFrom}) instead`
              : `node pool ${poolLabel(cluster, pool)}: ${tag} = ${reading.maxNodes} is below the pool's ${size} ${pool.size} (a stale tag?); the pool is planned at ${pool.maxSize} nodes (${plannedFrom}) instead`,
          remediation:
            reading.problem === 'malformed'
              ? `Set ${key} to a whole number of nodes (the pool's autoscaler maximum), or remove the tag.`
              : `Raise ${key} to the pool's autoscaler maximum (at least ${pool.size}), or remove the tag.`,
        });
      }
    }
  },
  docs: {
    details:
      `Applies to every node pool that carries the ${MAX_NODES_TAG} tag: live (freeform or defined tag in any namespace), in OCI CLI JSON ` +
      '(freeform-tags, defined-tags), in a Terraform plan (freeform_tags, defined_tags as "namespace.key") and in the oke-cni config ' +
      `(freeformTags). A tag that is a whole number at or above the pool's size sets maxSize (pod-subnet-capacity plans for it; the ` +
      'Cluster Autoscaler add-on\'s setting is used where the tag is absent); any other tag is reported here and the pool is planned at ' +
      'its size (or its add-on maximum, live). A finding, never a failed run.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 10, subnet: workers, podSubnets: [pods], freeformTags: {oke-cni-max-nodes: "6"}}
`,
  },
};
