/**
 * Flags shared by every command that reports findings (`lint`, `check`). Light on purpose:
 * defining them loads no rule and no renderer; findings-output.ts does the work, on demand.
 */
import { Command, Option } from 'commander';
import { DEFAULT_HEADROOM_PERCENT } from '../core/facts.js';
import { SEVERITIES, type FailOn } from '../core/finding.js';
import { FINDING_FORMATS, type FindingFormat } from '../report/formats.js';
import { collectList, wholeNumber } from './args.js';
import { addFormatOption } from './format-option.js';

export interface FindingsFlags {
  /** Resolved from --format and --json by chosenFormat (format-option.ts) before use. */
  format: FindingFormat;
  json?: boolean;
  output?: string;
  failOn: FailOn;
  disable?: string[];
  headroom: number;
  serviceMeshOl7?: boolean;
  color?: boolean;
  /** --baseline, or the project config's baseline (findingsSettings). */
  baseline?: string;
  writeBaseline?: string;
}

export function addFindingsOptions(cmd: Command): Command {
  return addFormatOption(cmd, FINDING_FORMATS)
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices([...SEVERITIES, 'never']).default('error'))
    .option('--disable <rule-id>', 'switch rules off for this run (repeatable, or comma-separated)', collectList)
    .addOption(
      new Option('--headroom <percent>', 'pod-subnet-headroom warns above this share of usable addresses')
        .default(DEFAULT_HEADROOM_PERCENT)
        .argParser(wholeNumber(1, 100)),
    )
    .option('--baseline <file>', 'report only the findings this baseline (written by --write-baseline) does not hold, and how many of its entries no longer occur')
    .option('--write-baseline <file>', "record this run's findings as the baseline (a new file, or an oke-cni baseline it replaces), then report as --baseline FILE")
    .option(
      '--service-mesh-ol7',
      "service-mesh-support also checks the Oracle Linux 7 restriction of OCI's 2025-02 CNI page, which the current page no longer states",
    );
}
