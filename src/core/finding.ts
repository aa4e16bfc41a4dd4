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
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  notes: number;
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  const s = { errors: 0, warnings: 0, notes: 0 };
  for (const f of findings) {
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
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

/** One human-readable "where" for a finding: file:line:col, or the OCI resource. */
export function formatLocation(loc: Location): string {
  if (loc.kind === 'file') return `${loc.file}:${loc.line}:${loc.column}`;
  return loc.name ? `${loc.resourceType} ${loc.name} (${loc.ocid})` : `${loc.resourceType} ${loc.ocid}`;
}
