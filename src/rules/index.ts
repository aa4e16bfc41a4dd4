/**
 * The rule registry: one ordered array, one module per rule (src/rules/<id>.ts). The order is the
 * order of `oke-cni rules` and docs/rules.md. Building it refuses duplicate ids.
 */
import type { ShapeIndex } from '../catalog/catalog.js';
import type { Finding } from '../core/finding.js';
import { closestRuleIds, runRules, type RunLintOptions } from '../core/lint.js';
import type { Model } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { rule as podSubnetSameVcn } from './pod-subnet-same-vcn.js';
import { rule as podSubnetPrivate } from './pod-subnet-private.js';
import { rule as podSubnetRegional } from './pod-subnet-regional.js';
import { rule as workerSubnetRegional } from './worker-subnet-regional.js';
import { rule as singlePodSubnet } from './single-pod-subnet.js';
import { rule as maxPodsRange } from './max-pods-range.js';
import { rule as maxPodsShape } from './max-pods-shape.js';
import { rule as secondaryVnicsShape } from './secondary-vnics-shape.js';
import { rule as secondaryVnicIpCount } from './secondary-vnic-ip-count.js';
import { rule as maxPodsIpBudget } from './max-pods-ip-budget.js';
import { rule as secondaryVnicTwoCidrs } from './secondary-vnic-two-cidrs.js';
import { rule as secondaryVnicsFlannel } from './secondary-vnics-flannel.js';
import { rule as unknownShape } from './unknown-shape.js';
import { rule as podSubnetCapacity } from './pod-subnet-capacity.js';
import { rule as podSubnetHeadroom } from './pod-subnet-headroom.js';
import { rule as maxNodesTag } from './max-nodes-tag.js';
import { rule as invalidSuppression } from './invalid-suppression.js';
import { rule as subnetInVcn } from './subnet-in-vcn.js';
import { rule as subnetOverlap } from './subnet-overlap.js';
import { rule as servicesCidrOverlap } from './services-cidr-overlap.js';
import { rule as kubernetesVersion } from './kubernetes-version.js';
import { rule as selfManagedVersion } from './self-managed-version.js';
import { rule as nodeImageDate } from './node-image-date.js';
import { rule as sharedSubnetNsg } from './shared-subnet-nsg.js';
import { rule as podSubnetSecurityRules } from './pod-subnet-security-rules.js';
import { rule as serviceMeshSupport } from './service-mesh-support.js';
import { rule as crossCompartmentPolicy } from './cross-compartment-policy.js';
import { rule as ipv6Policy } from './ipv6-policy.js';
import { rule as notChecked } from './not-checked.js';

export { RULES_DOC, ruleDocsUrl } from './support/docs-url.js';

export interface Registry {
  rules: readonly DocumentedRule[];
  byId: ReadonlyMap<string, DocumentedRule>;
}

/** The registry of `list`, in order; throws on a duplicate id (a programming error, caught at load). */
export function buildRegistry(list: readonly DocumentedRule[]): Registry {
  const byId = new Map<string, DocumentedRule>();
  for (const r of list) {
    if (byId.has(r.meta.id)) throw new Error(`duplicate rule id "${r.meta.id}" in the rule registry`);
    byId.set(r.meta.id, r);
  }
  return { rules: Object.freeze([...list]), byId };
}

const registry = buildRegistry([
  podSubnetSameVcn,
  podSubnetPrivate,
  podSubnetRegional,
  workerSubnetRegional,
  singlePodSubnet,
  maxPodsRange,
  maxPodsShape,
  secondaryVnicsShape,
  secondaryVnicIpCount,
  maxPodsIpBudget,
  secondaryVnicTwoCidrs,
  secondaryVnicsFlannel,
  unknownShape,
  podSubnetCapacity,
  podSubnetHeadroom,
  maxNodesTag,
  subnetInVcn,
  subnetOverlap,
  servicesCidrOverlap,
  kubernetesVersion,
  selfManagedVersion,
  nodeImageDate,
  sharedSubnetNsg,
  podSubnetSecurityRules,
  serviceMeshSupport,
  crossCompartmentPolicy,
  ipv6Policy,
  invalidSuppression,
  notChecked,
]);

export const rules: readonly DocumentedRule[] = registry.rules;
export const ruleIds: readonly string[] = rules.map((r) => r.meta.id);

export function ruleById(id: string): DocumentedRule | undefined {
  return registry.byId.get(id);
}

/** The lint runner bound to this registry: every rule over `model` (core/lint.ts runRules). */
export function runLint(model: Model, shapes: ShapeIndex, opts: RunLintOptions = {}): Finding[] {
  return runRules(rules, model, shapes, opts);
}

/** The closest registered rule ids to an unknown one, for "did you mean". */
export function suggestRuleIds(id: string): string[] {
  return closestRuleIds(id, ruleIds);
}
