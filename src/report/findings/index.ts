/** The findings reporters of `oke-cni lint` and `oke-cni check`: Finding[] in, one string out. */
import type { Finding } from '../../core/finding.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { jsonReportPieces, renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Renderer, ReportContext } from './renderer.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export type { ReportContext } from './renderer.js';
export { ruleDocsUrl, RULES_DOCS_URL, PROJECT_URL } from './docs-url.js';

import type { FindingFormat } from '../formats.js';
export { FINDING_FORMATS, type FindingFormat } from '../formats.js';

const RENDERERS = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
  junit: renderJunit,
  markdown: renderMarkdown,
  gitlab: renderGitlab,
} as const satisfies Record<FindingFormat, Renderer>;

/** The formats that carry suppressed findings (marked, with their reason); the others show the counted ones and, in words, how many were suppressed. */
const KEEPS_SUPPRESSED: ReadonlySet<FindingFormat> = new Set(['json', 'sarif']);

export function renderFindings(format: FindingFormat, findings: readonly Finding[], ctx: ReportContext): string {
  if (KEEPS_SUPPRESSED.has(format)) return RENDERERS[format](findings, ctx);
  const counted = findings.filter((f) => f.suppressed === undefined);
  return RENDERERS[format](counted, { ...ctx, suppressed: findings.length - counted.length });
}

/**
 * The same report in pieces to write one after another: the JSON report a finding at a time (a
 * big plan's is tens of MB), every other format whole.
 */
export function renderFindingsPieces(format: FindingFormat, findings: readonly Finding[], ctx: ReportContext): Iterable<string> {
  return format === 'json' ? jsonReportPieces(findings, ctx) : [renderFindings(format, findings, ctx)];
}
