/**
 * `oke-cni check --cluster OCID`: a live cluster -> the same Model `lint` builds -> the same
 * rules and reporters, plus each pod subnet's live address use next to what the pools take at
 * their largest. The OCI SDK is loaded only here, on the live path (live-options.ts).
 */
import { Command, Option } from 'commander';
import { ShapeIndex } from '../catalog/catalog.js';
import { embeddedCatalog } from '../catalog/load.js';
import { UserError } from '../core/errors.js';
import { DEFAULT_MAX_PODS_PER_NODE } from '../core/facts.js';
import type { CycleMode } from '../core/upgrade.js';
import type { FindingFormat } from '../report/formats.js';
import { collectList } from './args.js';
import { addFindingsOptions, type FindingsFlags } from './findings-options.js';
import { chosenFormat } from './format-option.js';
import { addLiveOptions, addSearchOption, checkOcid, liveConnection, liveNoteFindings, searchRoots, withLiveSession, type LiveFlags, type SearchFlags } from './live-options.js';
import { checkOutputTarget, refuseOutputOverInput } from './output-file.js';
import type { CommandEnv } from './env.js';
import { findingsSettings, readProjectConfig } from './project-config.js';

interface CheckFlags extends FindingsFlags, LiveFlags, SearchFlags {
  cluster: string;
  upgrade?: boolean;
  pool?: string[];
  cycle: CycleMode;
}

/** The two --format values the preflight prints. */
const PREFLIGHT_FORMATS = ['table', 'json'];

export function checkCommand(env: CommandEnv): Command {
  const cmd = new Command('check')
    .description('read a live OKE cluster (node pools, subnets, VCNs, shapes) from OCI and check it against every VCN-native rule')
    .requiredOption('--cluster <ocid>', 'the cluster OCID (ocid1.cluster.…)');
  addFindingsOptions(cmd);
  addSearchOption(cmd, 'of every cluster on the pod subnets');
  cmd
    .option('--upgrade', 'pre-upgrade preflight instead of the rules: are the addresses the surge nodes of node cycling take free now, in every subnet')
    .option('--pool <name-or-ocid>', 'with --upgrade: only this node pool of the cluster (repeatable, or comma-separated; default: every pool)', collectList)
    .addOption(
      new Option('--cycle <mode>', 'with --upgrade: the pools cycle one at a time (the largest surge counts) or all at once (the surges add up)')
        .choices(['one-at-a-time', 'all-at-once'])
        .default('one-at-a-time'),
    );
  addLiveOptions(cmd).addHelpText(
    'after',
    `
Only GET requests are made. Node pools of every cluster whose pod (or worker) subnet is one of
this cluster's pod subnets are found across the compartment tree (ListCompartments, then
ListNodePools and ListVirtualNodePools once per compartment) and counted with the addresses in
use now (ListPrivateIps). A pool's largest size: the oke-cni-max-nodes=N tag (freeform or
defined), else its maximum in the Cluster Autoscaler add-on (GetAddon), else its size.
Virtual node pools count ${DEFAULT_MAX_PODS_PER_NODE} pods per virtual node (the API has no such setting).

Examples:
  $ oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa…
  $ oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa… --profile prod --format sarif --output oke-cni.sarif
  $ OCI_CLI_AUTH=instance_principal oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa… --region us-ashburn-1
  $ oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa… --upgrade --pool general

--upgrade (pre-upgrade preflight): for each subnet the cycling pools' surge nodes take addresses in,
the addresses free now (usable addresses of every CIDR block minus the private IPs in use now,
ListPrivateIps, worker subnets included) against what the surge nodes take: maximumSurge nodes
(NodePoolCyclingDetails; a percentage of the pool's size now, rounded up; unset = 1) x the pod
addresses of a node in the pod or profile subnet, and 1 address (the node IP) in each worker
subnet. Pools cycle one at a time by default (the largest surge on a subnet counts);
--cycle all-at-once adds them up. Formats: table, json. A subnet whose in-use addresses cannot be
read (403/404) is not checked and says so.

Exit codes: 0 nothing reaches --fail-on (--upgrade: the surge fits), 1 something does (--upgrade:
a subnet lacks the surge addresses; with --fail-on note also a subnet not checked), 2 the cluster
cannot be read.`,
  );
  return cmd.action(async (_opts, self: Command) => {
    const flags = self.optsWithGlobals<CheckFlags>();
    flags.format = chosenFormat<FindingFormat>(self);
    const clusterId = checkOcid(flags.cluster, ['cluster'], '--cluster');
    if (!flags.upgrade) {
      for (const flag of ['pool', 'cycle'] as const) {
        if (self.getOptionValueSource(flag) === 'cli') throw new UserError('only with --upgrade (the pre-upgrade preflight)', `--${flag}`);
      }
    } else {
      if (!PREFLIGHT_FORMATS.includes(flags.format)) throw new UserError(`--upgrade prints ${PREFLIGHT_FORMATS.join(' or ')}, not ${flags.format}`, '--format');
      for (const flag of ['disable', 'headroom', 'serviceMeshOl7', 'baseline', 'writeBaseline'] as const) {
        if (self.getOptionValueSource(flag) === 'cli') throw new UserError('not with --upgrade: the preflight runs no rules', `--${flag.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`);
      }
    }
    const { baselineInputs, checkBaselineFlags } = await import('./baseline.js');
    const config = await readProjectConfig(self, env.io);
    const settings = findingsSettings(self, flags, config);
    const inputs = [{ path: liveConnection(flags, env.io.env).configFile, what: 'OCI config file' }];
    if (config !== undefined) inputs.push({ path: config.file, what: 'config file' });
    if (flags.output !== undefined) {
      checkOutputTarget(flags.output, '--output');
      refuseOutputOverInput(flags.output, '--output', [...inputs, ...baselineInputs(flags)]);
    }
    checkBaselineFlags(flags, self.getOptionValueSource('baseline') === 'cli', inputs);
    const [{ runLint }, { emitFindings }, { addUsage }, { subnetUsage }, { applyReserved }] = await Promise.all([
      import('../rules/index.js'),
      import('./findings-output.js'),
      import('../report/usage.js'),
      import('../sources/oci/usage.js'),
      import('../config/reserved.js'),
    ]);
    const lintOptions = { ...settings, serviceMeshOracleLinux7: flags.serviceMeshOl7 === true };
    // Unknown --disable ids fail here, before any request.
    runLint({ vcns: [], subnets: [], clusters: [] }, new ShapeIndex(embeddedCatalog()), lintOptions);
    const compartments = searchRoots(flags);
    if (flags.upgrade) {
      const live = await withLiveSession(flags, env.io, (session) => session.readCluster(clusterId, { compartments, workerUsage: true }));
      const { runPreflight } = await import('./upgrade.js');
      runPreflight(env, flags, live, flags.pool ?? [], flags.cycle);
      return;
    }
    const live = await withLiveSession(flags, env.io, (session) => session.readCluster(clusterId, { compartments }));
    applyReserved(live.model, config);
    const findings = [...runLint(live.model, new ShapeIndex(live.catalog), lintOptions), ...liveNoteFindings(live.notes)];
    const usage = subnetUsage(live.model);
    emitFindings(env, flags, findings, [], addUsage(usage, live.search), { command: 'check', subject: [clusterId], usage, inputs });
  });
}
