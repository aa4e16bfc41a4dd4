/**
 * `--baseline FILE` / `--write-baseline FILE` of lint and check (and .oke-cni.yaml `baseline:`).
 *
 * --write-baseline writes today's findings (suppressed ones left out: they carry their reason
 * already) and then reports as --baseline would with that file: nothing known is shown, exit 0
 * unless a finding is new. It writes a new file, or replaces a file that is itself an oke-cni
 * baseline (refreshing it is what the flag is for); any other existing file, and every input
 * of the run, is refused before anything is read.
 */
import { UserError } from '../core/errors.js';
import { applyBaseline, baselineEntries, baselineText, type BaselineOutcome } from '../core/baseline.js';
import type { Finding } from '../core/finding.js';
import { safeLine } from '../core/escape.js';
import { baselineTargetState, loadBaseline } from '../config/baseline.js';
import type { CliIo } from './io.js';
import { checkOutputTarget, refuseOutputOverInput, writeFileAtomically, type RunInput } from './output-file.js';

export interface BaselineFlags {
  baseline?: string;
  writeBaseline?: string;
  output?: string;
}

/** The baseline read by this run, as an input that --output must not replace. */
export function baselineInputs(flags: BaselineFlags): RunInput[] {
  return flags.baseline !== undefined && flags.writeBaseline === undefined ? [{ path: flags.baseline, what: 'baseline' }] : [];
}

/** Before anything is read: the flags agree and --write-baseline may write where it is told. */
export function checkBaselineFlags(flags: BaselineFlags, explicitBaseline: boolean, inputs: readonly RunInput[]): void {
  const target = flags.writeBaseline;
  if (target === undefined) return;
  if (explicitBaseline) throw new UserError('--baseline and --write-baseline cannot be combined: --write-baseline FILE already reports against the file it writes', '--write-baseline');
  checkOutputTarget(target, '--write-baseline');
  refuseOutputOverInput(target, '--write-baseline', [...inputs, ...(flags.output === undefined ? [] : [{ path: flags.output, what: '--output file' }])]);
  if (baselineTargetState(target) === 'other') {
    throw new UserError('exists and is not an oke-cni baseline; --write-baseline replaces only its own baseline files (choose another name)', `--write-baseline ${target}`);
  }
}

/** The findings to report (new ones only when a baseline is in force) and what the baseline did. */
export function applyBaselineFlags(flags: BaselineFlags, findings: readonly Finding[], io: CliIo): { findings: Finding[]; outcome?: BaselineOutcome } {
  if (flags.writeBaseline !== undefined) {
    const entries = baselineEntries(findings.filter((f) => f.suppressed === undefined));
    writeFileAtomically(flags.writeBaseline, baselineText(entries), '--write-baseline', 'baseline');
    io.stderr(`oke-cni: wrote baseline ${safeLine(flags.writeBaseline)}: ${entries.length} finding${entries.length === 1 ? '' : 's'}\n`);
    return applyBaseline(findings, new Set(entries.map((e) => e.fingerprint)), flags.writeBaseline);
  }
  if (flags.baseline !== undefined) return applyBaseline(findings, loadBaseline(flags.baseline, flags.baseline), flags.baseline);
  return { findings: [...findings] };
}
