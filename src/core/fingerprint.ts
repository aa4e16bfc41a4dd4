/**
 * Stable identities of findings, shared by SARIF (partialFingerprints), GitLab Code Quality
 * (fingerprint) and baselines (--write-baseline / --baseline), so one finding has one identity
 * in every output.
 */
import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';
import { normalizeRelative } from './paths.js';

/**
 * Identity of a finding across runs: rule, the file (or OCID) and the message, plus a count
 * among identical ones. The line is left out on purpose: inserting a line above a node pool
 * must not close its alert and open a new one; messages name the object they are about.
 */
export function findingFingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const where = f.location.kind === 'file' ? normalizeRelative(f.location.file) : f.location.ocid;
    const identity = [f.ruleId, where, f.message].join('\0');
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return createHash('sha256').update(`${identity}\0${occurrence}`).digest('hex').slice(0, 32);
  });
}
