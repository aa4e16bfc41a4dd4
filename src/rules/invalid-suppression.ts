/**
 * Suppressions must be checkable: the oke-cni-ignore tag ("rule-id[, rule-id]: reason") and
 * disableRules {id, reason} name rules that exist and say why. One that does not suppresses
 * nothing (the finding it aimed at stays counted), and this rule says so at the suppression.
 */
import { closestRuleIds } from '../core/lint.js';
import { SOURCES } from '../core/facts.js';
import { IGNORE_TAG, type ModelSuppression } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { poolLabel } from './support/scope.js';

export const rule: DocumentedRule = {
  meta: {
    id: 'invalid-suppression',
    severity: 'warning',
    description: `A suppression (the ${IGNORE_TAG} tag, or disableRules {id, reason}) must name known rules and give a reason.`,
    remediation: `Write the tag as "${IGNORE_TAG} = rule-id[, rule-id]: reason", with rule ids from \`oke-cni rules\`; in the oke-cni config, disableRules: [{id: rule-id, reason: why}].`,
    source: SOURCES.tagging,
  },
  check({ model, ruleIds }, report) {
    const known = new Set(ruleIds);
    const examine = (subject: Parameters<typeof report>[0]['subject'], what: string, suppressions: readonly ModelSuppression[] | undefined): void => {
      for (const s of suppressions ?? []) {
        const written = s.via === 'oke-cni-ignore tag' ? `tag ${IGNORE_TAG}` : 'disableRules';
        if (s.ruleIds.length === 0) {
          report({ subject, location: s.at, message: `${what}: ${written} names no rule id, so it suppresses nothing` });
        }
        for (const id of s.ruleIds) {
          if (known.has(id)) continue;
          const hints = closestRuleIds(id, ruleIds);
          const tail = hints.length > 0 ? `; did you mean ${hints.map((h) => `"${h}"`).join(' or ')}?` : '';
          report({ subject, location: s.at, message: `${what}: ${written} names unknown rule "${id}", which suppresses nothing${tail}` });
        }
        if (s.reason === '' && s.ruleIds.length > 0) {
          report({ subject, location: s.at, message: `${what}: ${written} suppresses ${s.ruleIds.join(', ')} without a reason, so it suppresses nothing` });
        }
      }
    };
    for (const subnet of model.subnets) examine(subnet, `subnet "${subnet.name}"`, subnet.suppressions);
    for (const cluster of model.clusters) {
      examine(cluster, `cluster ${cluster.name}`, cluster.suppressions);
      for (const pool of cluster.nodePools) examine(pool, `node pool ${poolLabel(cluster, pool)}`, pool.suppressions);
    }
  },
  docs: {
    details:
      `A finding about a node pool, subnet or cluster can be suppressed where the object is written: the ${IGNORE_TAG} tag ` +
      '(freeform, or defined in any namespace) with the value "rule-id: reason" (several ids comma-separated before the colon), read ' +
      'alike live, from OCI CLI JSON (freeform-tags, defined-tags), from a Terraform plan (freeform_tags, defined_tags) and from the ' +
      'oke-cni config (freeformTags of a pool); or in the oke-cni config, disableRules: [{id, reason}] on the object. A node pool ' +
      "is also covered by its cluster's suppressions. A suppressed finding is still reported, marked as suppressed with its reason " +
      '(JSON `suppressed`, SARIF `suppressions`; tables and Markdown count it), and does not set the exit code. A suppression that ' +
      'names an unknown rule, or gives no reason, suppresses nothing, and this rule reports it (with "did you mean"). Plain ids in ' +
      'disableRules keep switching the rule off for the object without a trace.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 10, subnet: workers, podSubnets: [pods], freeformTags: {oke-cni-ignore: "max-pods-shap: sized by hand"}}
`,
  },
};
