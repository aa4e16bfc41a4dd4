/** The findings reporters of `oke-cni lint` and `oke-cni check`: Finding[] in, one string out. */
import type { Finding } from '../../core/finding.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderJson } from './json.js';
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

export function renderFindings(format: FindingFormat, findings: readonly Finding[], ctx: ReportContext): string {
  return RENDERERS[format](findings, ctx);
}
