/** `check --upgrade`: the live cluster -> the preflight (core/upgrade.ts) -> table or JSON, and the exit code. */
import { UserError } from '../core/errors.js';
import { safeLine } from '../core/escape.js';
import type { FailOn } from '../core/finding.js';
import { choosePools, upgradePreflight, type CycleMode } from '../core/upgrade.js';
import { renderPreflightJson, renderPreflightTable } from '../report/upgrade.js';
import type { LiveCluster } from '../sources/oci/index.js';
import { colorEnabled, terminalWidth } from './io.js';
import { DEFAULT_WIDTH } from '../report/table.js';
import { writeFileAtomically } from './output-file.js';
import type { CommandEnv } from './env.js';

interface PreflightFlags {
  format: string;
  output?: string | undefined;
  failOn: FailOn;
  color?: boolean | undefined;
}

export function runPreflight(env: CommandEnv, flags: PreflightFlags, live: LiveCluster, poolNames: readonly string[], cycle: CycleMode): void {
  const [cluster] = live.model.clusters;
  if (!cluster) throw new UserError('the live read returned no cluster', '--cluster');
  const chosen = choosePools(cluster, poolNames);
  if ('unknown' in chosen) {
    const known = chosen.known.length ? `its node pools: ${chosen.known.map((n) => JSON.stringify(n)).join(', ')}` : 'it has no node pools';
    throw new UserError(`cluster "${cluster.name}" has no node pool named or with OCID "${chosen.unknown}" (${known})`, '--pool');
  }
  const preflight = upgradePreflight(cluster, live.model.subnets, chosen.pools, cycle);
  const toFile = flags.output !== undefined;
  const text = flags.format === 'json' ? renderPreflightJson(preflight, live.notes) : renderPreflightTable(preflight, live.notes, !toFile && colorEnabled(flags, env.io), toFile ? DEFAULT_WIDTH : terminalWidth(env.io));
  if (toFile) {
    writeFileAtomically(flags.output as string, text, '--output', 'report');
    const verdict = preflight.fits === false ? 'a subnet lacks the surge addresses' : preflight.fits ? 'the surge fits' : 'the surge fits where checked; some subnets not checked';
    env.io.stderr(`oke-cni: wrote ${flags.format} preflight to ${safeLine(flags.output as string)}: ${verdict}\n`);
  } else {
    env.io.stdout(text);
  }
  const notChecked = preflight.fits === undefined || live.notes.length > 0;
  if (flags.failOn === 'never') env.setExitCode(0);
  else if (preflight.fits === false) env.setExitCode(1);
  else env.setExitCode(notChecked && flags.failOn === 'note' ? 1 : 0);
}
