/** Machine output: a stable JSON shape that scripts can rely on. */
import { summarize, type Finding } from '../../core/finding.js';
import type { Renderer, ReportContext } from './renderer.js';

interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  remediation: string;
  file: string | null;
  line: number | null;
  column: number | null;
  /**
   * A live OCI resource: its type, OCID and name. A Terraform resource (a finding on a plan): its
   * type, address (the stable location) and name attribute.
   */
  resource?: { type: string; ocid: string; name: string | null } | { type: string; address: string; name: string | null };
  /** With --tf-dir, when file/line/column are the resource's .tf block: the finding's place in the plan. */
  plan?: { file: string; line: number; column: number };
  /** Only for a suppressed finding (not counted in summary): SARIF's kind ("inSource": on the object; "external": the project config), the reason, and where it is written. */
  suppressed?: { kind: 'inSource' | 'external'; reason: string; source: string };
}

function toJson(f: Finding): JsonFinding {
  const out = locatedJson(f);
  if (f.suppressed) out.suppressed = { kind: f.suppressed.kind, reason: f.suppressed.reason, source: f.suppressed.source };
  return out;
}

function locatedJson(f: Finding): JsonFinding {
  const base = { ruleId: f.ruleId, severity: f.severity, message: f.message, remediation: f.remediation };
  const loc = f.location;
  if (loc.kind === 'file') {
    const out: JsonFinding = { ...base, file: loc.file, line: loc.line, column: loc.column };
    if (f.resource) out.resource = { type: f.resource.type, address: f.resource.address, name: f.resource.name ?? null };
    const plan = f.planLocation;
    if (plan?.kind === 'file') out.plan = { file: plan.file, line: plan.line, column: plan.column };
    return out;
  }
  return { ...base, file: null, line: null, column: null, resource: { type: loc.resourceType, ocid: loc.ocid, name: loc.name ?? null } };
}

/** A JSON text of JSON.stringify(value, null, 2) set `by` spaces further in, as it stands inside the report. */
function nested(value: unknown, by: string): string {
  return (JSON.stringify(value, null, 2) as string).replace(/\n/g, `\n${by}`);
}

/**
 * The report in pieces, the findings one at a time: together the text JSON.stringify(report,
 * null, 2) writes. A big plan's tens of thousands of findings are written as they are made; the
 * report whole, its objects and a copy of it held at once cost a hundred MB.
 */
export function* jsonReportPieces(findings: readonly Finding[], ctx: ReportContext): Generator<string> {
  yield '{\n  "findings": [';
  for (let i = 0; i < findings.length; i++) yield `${i === 0 ? '\n' : ',\n'}    ${nested(toJson(findings[i] as Finding), '    ')}`;
  yield findings.length === 0 ? '],\n' : '\n  ],\n';
  yield `  "summary": ${nested(summarize(findings), '  ')}`;
  if (ctx.baseline) yield `,\n  "baseline": ${nested(ctx.baseline, '  ')}`;
  yield '\n}\n';
}

export const renderJson: Renderer = (findings, ctx) => [...jsonReportPieces(findings, ctx)].join('');
