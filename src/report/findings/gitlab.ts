/**
 * GitLab Code Quality report (a JSON array of issues, the CodeClimate subset GitLab reads):
 * description, check_name, fingerprint, severity (info, minor, major, critical, blocker),
 * location.path + location.lines.begin. GitLab shows them in merge requests
 * (artifacts:reports:codequality). The fingerprint is the one SARIF uses, so an issue keeps its
 * identity across pipelines.
 */
import { findingFingerprints } from '../../core/fingerprint.js';
import type { Severity } from '../../core/finding.js';
import { normalizeRelative } from '../../core/paths.js';
import type { Renderer } from './renderer.js';
import { findingSentence } from './wording.js';

/** Our three levels onto GitLab's five, as ESLint's GitLab formatters map error/warning. */
export const GITLAB_SEVERITY = { error: 'major', warning: 'minor', note: 'info' } as const satisfies Record<Severity, string>;

export const renderGitlab: Renderer = (findings) => {
  const fingerprints = findingFingerprints(findings);
  const issues = findings.map((f, i) => {
    const loc = f.location;
    // A live resource has no file: its OCID stands as the path, so the issue still says where.
    const location = loc.kind === 'file' ? { path: normalizeRelative(loc.file), lines: { begin: loc.line } } : { path: loc.ocid, lines: { begin: 1 } };
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: findingSentence(f),
      categories: ['Bug Risk'],
      fingerprint: fingerprints[i]!,
      severity: GITLAB_SEVERITY[f.severity],
      location,
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};
