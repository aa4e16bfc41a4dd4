/**
 * What a rule module exports. One rule per file, src/rules/<id>.ts; src/rules/index.ts is the
 * registry. The contract a rule fulfils (meta, check, context, report) lives in core/rule.ts, below
 * the rules, so the lint runner in core never imports a rule.
 */
import type { Rule } from '../core/rule.js';

export type { LintOptions, Rule, RuleContext, RuleMeta, RuleReport } from '../core/rule.js';

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
