/**
 * Baselines, for adopting oke-cni on an estate that already has findings: `--write-baseline FILE`
 * records today's findings by their stable fingerprints (fingerprint.ts, the identity SARIF and
 * GitLab use too), and `--baseline FILE` reports only the findings not in it, counting the
 * entries that no longer occur. Pure: the file is read and written by the CLI.
 */
import { findingFingerprints } from './fingerprint.js';
import type { Finding } from './finding.js';
import { normalizeRelative } from './paths.js';

/** The key that marks a JSON file as an oke-cni baseline, and its format version. */
export const BASELINE_FORMAT_KEY = 'okeCniBaseline';
export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  /** The rest is for the people reading the file (and its diffs); matching uses the fingerprint only. */
  ruleId: string;
  /** The file (as the run named it, relative) or the OCID. */
  where: string;
  message: string;
}

/** What --baseline did to a run's findings. */
export interface BaselineOutcome {
  /** The baseline file as the user named it. */
  file: string;
  /** Findings of this run found in the baseline, so not reported. */
  known: number;
  /** Baseline entries that this run no longer finds (fixed, or the object is gone). */
  gone: number;
}

/** One entry per finding, sorted by where, rule and message so a rewritten baseline diffs cleanly. */
export function baselineEntries(findings: readonly Finding[]): BaselineEntry[] {
  const fingerprints = findingFingerprints(findings);
  const entries = findings.map((f, i) => ({
    fingerprint: fingerprints[i]!,
    ruleId: f.ruleId,
    where: f.location.kind === 'file' ? normalizeRelative(f.location.file) : f.location.ocid,
    message: f.message,
  }));
  const text = (e: BaselineEntry): string => `${e.where}\0${e.ruleId}\0${e.message}\0${e.fingerprint}`;
  return entries.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

/** The baseline file's text: no date or run-specific value, so writing it again for the same findings changes nothing. */
export function baselineText(entries: readonly BaselineEntry[]): string {
  return `${JSON.stringify(
    {
      $comment: 'oke-cni baseline: findings known when it was written; `oke-cni lint|check --baseline FILE` reports only new ones. Rewrite with --write-baseline FILE.',
      [BASELINE_FORMAT_KEY]: BASELINE_FORMAT_VERSION,
      findings: entries,
    },
    null,
    2,
  )}\n`;
}

/** The findings of this run that the baseline does not hold, and the counts. */
export function applyBaseline(findings: readonly Finding[], fingerprints: ReadonlySet<string>, file: string): { findings: Finding[]; outcome: BaselineOutcome } {
  const own = findingFingerprints(findings);
  const fresh = findings.filter((_, i) => !fingerprints.has(own[i]!));
  const seen = new Set(own);
  const gone = [...fingerprints].filter((fp) => !seen.has(fp)).length;
  return { findings: fresh, outcome: { file, known: findings.length - fresh.length, gone } };
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "baseline b.json: 3 known findings not shown, 1 entry no longer occurs" (the words every output uses). */
export function baselineSentence(outcome: BaselineOutcome, file: string = outcome.file): string {
  const gone = outcome.gone === 0 ? 'every entry still occurs' : `${count(outcome.gone, 'entry no longer occurs', 'entries no longer occur')} (write the baseline again to drop ${outcome.gone === 1 ? 'it' : 'them'})`;
  return `baseline ${file}: ${count(outcome.known, 'known finding')} not shown, ${gone}`;
}
