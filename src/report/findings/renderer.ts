import type { BaselineOutcome } from '../../core/baseline.js';
import type { Finding } from '../../core/finding.js';
import type { RuleMeta } from '../../rules/types.js';

export interface ReportContext {
  /** Every registry rule, in registry order (SARIF lists them all, not only those that fired). */
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** ANSI colors in the table output. */
  color: boolean;
  /** Terminal columns the table output fits in (DEFAULT_WIDTH when unknown). */
  width?: number;
  /** Files that were linted, as the user named them (JUnit suites, SARIF artifacts); empty for a live check. */
  inputs: readonly string[];
  /** Set when --baseline (or --write-baseline) is in force: the findings given are the new ones only. */
  baseline?: BaselineOutcome | undefined;
  /** Suppressed findings left out of a human or annotation format (renderFindings); they are not counted. */
  suppressed?: number | undefined;
}

/** Returns the whole output, ending with a newline; the CLI writes it. */
export type Renderer = (findings: readonly Finding[], ctx: ReportContext) => string;
