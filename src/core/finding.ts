/** Findings are data; wording lives in the rules, rendering in src/report. */
import type { Location } from './model.js';

export const SEVERITIES = ['error', 'warning', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  remediation: string;
  location: Location;
  /** Set when a suppression with a reason covers the finding: reported, but not counted. */
  suppressed?: Suppression;
  /** The Terraform resource the finding is about (from a plan): its address is its stable location. */
  resource?: FindingResource | undefined;
  /** With --tf-dir: where the finding was in the plan, when `location` moved to the resource's .tf block. */
  planLocation?: Location | undefined;
}

/**
 * Why a finding is not counted. kind follows SARIF's suppression kinds: "inSource" for a tag on
 * the object itself (oke-cni-ignore) or its disableRules in the file, "external" for a setting
 * kept apart from it (the project config).
 */
export interface Suppression {
  kind: 'inSource' | 'external';
  reason: string;
  /** Where the suppression is written: "file:line:col", or the tag on an OCI resource. */
  source: string;
}

export interface FindingResource {
  address: string;
  type: string;
  /** The resource's own name attribute (a node pool's `name`), when the plan knows it. */
  name?: string | undefined;
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  notes: number;
}

/** Counts by severity of the findings that count; suppressed ones are left out (suppressedCount). */
export function summarize(findings: readonly Finding[]): FindingSummary {
  const s = { errors: 0, warnings: 0, notes: 0 };
  for (const f of findings) {
    if (f.suppressed !== undefined) continue;
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.notes++;
  }
  return s;
}

export type FailOn = Severity | 'never';
const RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

/** Exit code of a lint run: 1 when any finding reaches `failOn`, else 0. */
export function lintExitCode(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  return findings.some((f) => f.suppressed === undefined && RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

export function suppressedCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.suppressed !== undefined).length;
}

/** One human-readable "where" for a finding: file:line:col, or the OCI resource. */
export function formatLocation(loc: Location): string {
  if (loc.kind === 'file') return `${loc.file}:${loc.line}:${loc.column}`;
  return loc.name ? `${loc.resourceType} ${loc.name} (${loc.ocid})` : `${loc.resourceType} ${loc.ocid}`;
}
