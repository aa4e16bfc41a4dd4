/**
 * `oke-cni check --cluster OCID`: a live cluster -> the same Model `lint` builds -> the same
 * rules and reporters, plus each pod subnet's live address use next to what the pools take at
 * their largest. The OCI SDK is loaded only here, on the live path (live-options.ts).
 */
import Table from 'cli-table3';
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { ShapeIndex } from '../catalog/catalog.js';
import { embeddedCatalog } from '../catalog/load.js';
import { UserError } from '../core/errors.js';
import { DEFAULT_MAX_PODS_PER_NODE } from '../core/facts.js';
import { lintExitCode, summarize, type Finding } from '../core/finding.js';
import { runLint } from '../core/lint.js';
import { renderFindings } from '../report/findings/index.js';
import { rules } from '../rules/index.js';
import type { SubnetUsage } from '../sources/oci/index.js';
import { addFindingsOptions, type FindingsFlags } from './findings-output.js';
import { chalkFor, colorEnabled } from './io.js';
import { addLiveOptions, checkOcid, withLiveSession, type LiveFlags } from './live-options.js';
import type { CommandEnv } from './program.js';
import { VERSION } from './version.js';

interface CheckFlags extends FindingsFlags, LiveFlags {
  cluster: string;
}

const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-');

/** The live pod-subnet table printed under the findings table. */
export function renderUsageTable(usage: readonly SubnetUsage[], color: boolean): string {
  if (usage.length === 0) return '';
  const c = chalkFor(color);
  const table = new Table({
    head: ['pod subnet', 'CIDR', 'usable', 'in use now', 'pools at their largest', 'node pools'],
    style: { head: [], border: [] },
  });
  for (const u of usage) {
    const planned = `${u.plannedAtMax} (${percent(u.plannedAtMax, u.usable)})`;
    table.push([
      u.name,
      u.cidr,
      String(u.usable),
      u.inUse === undefined ? '-' : `${u.inUse} (${percent(u.inUse, u.usable)})`,
      u.plannedAtMax > u.usable ? c.red(planned) : planned,
      u.pools.map((p) => `${p.pool}: ${p.nodes} x ${p.addressesPerNode}`).join('\n'),
    ]);
  }
  return (
    `${c.bold('Pod subnets (live)')}\n${table.toString()}\n` +
    'in use now: private IPs in the subnet (ListPrivateIps); pools at their largest: max(size, maxSize) + maxSurge nodes x addresses per node.\n'
  );
}

/** The JSON report with a `podSubnets` array beside `findings` and `summary`. */
function withUsage(json: string, usage: readonly SubnetUsage[]): string {
  return `${JSON.stringify({ ...(JSON.parse(json) as object), podSubnets: usage }, null, 2)}\n`;
}

export function checkCommand(env: CommandEnv): Command {
  const cmd = new Command('check')
    .description('read a live OKE cluster (node pools, subnets, VCNs, shapes) from OCI and check it against every VCN-native rule')
    .requiredOption('--cluster <ocid>', 'the cluster OCID (ocid1.cluster.…)');
  addFindingsOptions(cmd);
  addLiveOptions(cmd).addHelpText(
    'after',
    `
Only GET requests are made. Node pools are listed in the cluster's compartment (ListNodePools
takes one compartment). Node pools carry no autoscaler maximum in the OCI API: tag a pool with
oke-cni-max-nodes=N (freeform or defined) to plan for N nodes; otherwise its size is used.
Virtual node pools count ${DEFAULT_MAX_PODS_PER_NODE} pods per virtual node (the API has no such setting).

Examples:
  $ oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa…
  $ oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa… --profile prod --format sarif --output oke-cni.sarif
  $ OCI_CLI_AUTH=instance_principal oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa… --region us-ashburn-1

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 the cluster cannot be read.`,
  );
  return cmd.action(async (_opts, self: Command) => {
    const flags = self.optsWithGlobals<CheckFlags>();
    const clusterId = checkOcid(flags.cluster, ['cluster'], '--cluster');
    const lintOptions = { disable: flags.disable, headroomPercent: flags.headroom };
    // Unknown --disable ids fail here, before any request.
    runLint({ vcns: [], subnets: [], clusters: [] }, new ShapeIndex(embeddedCatalog()), lintOptions);
    const live = await withLiveSession(flags, env.io, (session) => session.readCluster(clusterId));
    const findings = runLint(live.model, new ShapeIndex(live.catalog), lintOptions);
    emitCheck(env, flags, findings, live.usage);
  });
}

/** Like emitFindings, with the pod-subnet usage added to the table and JSON formats. */
function emitCheck(env: CommandEnv, flags: CheckFlags, findings: readonly Finding[], usage: readonly SubnetUsage[]): void {
  const toFile = flags.output !== undefined;
  const color = !toFile && colorEnabled(flags, env.io);
  let text = renderFindings(flags.format, findings, { rules: rules.map((r) => r.meta), toolVersion: VERSION, color, inputs: [] });
  if (flags.format === 'json') text = withUsage(text, usage);
  if (flags.format === 'table') text = `${text}${usage.length ? `\n${renderUsageTable(usage, color)}` : ''}`;
  if (toFile) {
    try {
      writeFileSync(flags.output as string, text);
    } catch (err) {
      throw new UserError(`cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`, `--output ${flags.output}`);
    }
    const s = summarize(findings);
    env.io.stderr(`oke-cni: wrote ${flags.format} report to ${flags.output}: ${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes\n`);
  } else {
    env.io.stdout(text);
  }
  env.setExitCode(lintExitCode(findings, flags.failOn));
}
