/**
 * The contract between the lint runner (core/lint.ts) and the rules (src/rules/<id>.ts): what a
 * rule declares, what it is given, and what it reports. The rules implement it; core defines it.
 */
import type { ShapeIndex } from '../catalog/catalog.js';
import type { FindingResource, Severity } from './finding.js';
import type { Cluster, Location, Model, ModelIndex, NodePool, Subnet, Vcn } from './model.js';

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One sentence: what the rule checks. */
  description: string;
  /** One sentence: what to do about a finding (a finding may give a more specific one). */
  remediation: string;
  /** URL of the OCI documentation the rule enforces. */
  source: string;
}

export interface LintOptions {
  /** pod-subnet-headroom threshold, percent of usable addresses. */
  headroomPercent: number;
  /** service-mesh-support: also check the 2025-02 page's Oracle Linux 7 restriction (lint --service-mesh-ol7). */
  serviceMeshOracleLinux7: boolean;
}

export interface RuleContext {
  model: Model;
  index: ModelIndex;
  shapes: ShapeIndex;
  options: LintOptions;
  /** Every rule id of the registry being run (for rules about rule ids, such as invalid-suppression). */
  ruleIds: readonly string[];
}

export interface RuleReport {
  message: string;
  location: Location;
  /** Overrides the rule's generic remediation with a specific one. */
  remediation?: string;
  /**
   * The remediation names the keys of several inputs on purpose: it is not put in the subject's
   * input's words (core/vocabulary.ts); the message still is.
   */
  verbatim?: boolean;
  /**
   * The Terraform resource the fix goes into when it is not the subject's (a plan's security list
   * or NSG for a node pool's missing rule): the finding's `resource`, and its block for --tf-dir.
   */
  resource?: FindingResource | undefined;
  /** The object the finding is about; its `disabledRules` can switch the rule off (a VCN has none). */
  subject: NodePool | Subnet | Cluster | Vcn;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext, report: (r: RuleReport) => void): void;
}
