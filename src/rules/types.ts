/** What a rule module exports. One rule per file, src/rules/<id>.ts; src/rules/index.ts is the registry. */
import type { ShapeIndex } from '../catalog/catalog.js';
import type { Severity } from '../core/finding.js';
import type { Cluster, Location, Model, ModelIndex, NodePool, Subnet } from '../core/model.js';

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
}

export interface RuleContext {
  model: Model;
  index: ModelIndex;
  shapes: ShapeIndex;
  options: LintOptions;
}

export interface RuleReport {
  message: string;
  location: Location;
  /** Overrides the rule's generic remediation with a specific one. */
  remediation?: string;
  /** The object the finding is about; its `disabledRules` can switch the rule off. */
  subject: NodePool | Subnet | Cluster;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext, report: (r: RuleReport) => void): void;
}

/** What the generated docs page (docs/rules.md) says about a rule beyond its meta. */
export interface RuleDocs {
  /** What the rule applies to, what it counts, and which parts are inferred rather than stated by Oracle. */
  details: string;
  /** A small config file (YAML) on which the rule reports a finding. */
  failingExample: string;
}

/** A registry entry: every rule in src/rules/index.ts carries its docs. */
export interface DocumentedRule extends Rule {
  docs: RuleDocs;
}
