/** Machine output: a stable JSON shape that scripts can rely on. */
import { summarize, type Finding } from '../../core/finding.js';
import type { Renderer } from './renderer.js';

interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  remediation: string;
  file: string | null;
  line: number | null;
  column: number | null;
  /** Only for findings about a live OCI resource. */
  resource?: { type: string; ocid: string; name: string | null };
}

function toJson(f: Finding): JsonFinding {
  const base = { ruleId: f.ruleId, severity: f.severity, message: f.message, remediation: f.remediation };
  const loc = f.location;
  if (loc.kind === 'file') return { ...base, file: loc.file, line: loc.line, column: loc.column };
  return { ...base, file: null, line: null, column: null, resource: { type: loc.resourceType, ocid: loc.ocid, name: loc.name ?? null } };
}

export const renderJson: Renderer = (findings, ctx) =>
  `${JSON.stringify({ findings: findings.map(toJson), summary: summarize(findings), ...(ctx.baseline ? { baseline: ctx.baseline } : {}) }, null, 2)}\n`;
