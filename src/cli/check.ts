/**
 * `oke-cni check --cluster OCID`: a live cluster -> the same Model `lint` builds -> the same
 * rules and reporters, plus each pod subnet's live address use next to what the pools take at
 * their largest. The OCI SDK is loaded only here, on the live path (live-options.ts).
 */
import { Command } from 'commander';
import { ShapeIndex } from '../catalog/catalog.js';
import { embeddedCatalog } from '../catalog/load.js';
import { DEFAULT_MAX_PODS_PER_NODE } from '../core/facts.js';
import type { FindingFormat } from '../report/formats.js';
import { addFindingsOptions, type FindingsFlags } from './findings-options.js';
import { chosenFormat } from './format-option.js';
import { addLiveOptions, addSearchOption, checkOcid, liveConnection, liveNoteFindings, searchRoots, withLiveSession, type LiveFlags, type SearchFlags } from './live-options.js';
import { checkOutputTarget, refuseOutputOverInput } from './output-file.js';
import { baselineInputs, checkBaselineFlags } from './baseline.js';
import type { CommandEnv } from './env.js';
import { findingsSettings, readProjectConfig } from './project-config.js';

interface CheckFlags extends FindingsFlags, LiveFlags, SearchFlags {
  cluster: string;
}

export function checkCommand(env: CommandEnv): Command {
  const cmd = new Command('check')
    .description('read a live OKE cluster (node pools, subnets, VCNs, shapes) from OCI and check it against every VCN-native rule')
    .requiredOption('--cluster <ocid>', 'the cluster OCID (ocid1.cluster.…)');
  addFindingsOptions(cmd);
  addSearchOption(cmd, 'of every cluster on the pod subnets');
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

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 the cluster cannot be read.`,
  );
  return cmd.action(async (_opts, self: Command) => {
    const flags = self.optsWithGlobals<CheckFlags>();
    flags.format = chosenFormat<FindingFormat>(self);
    const clusterId = checkOcid(flags.cluster, ['cluster'], '--cluster');
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
    const live = await withLiveSession(flags, env.io, (session) => session.readCluster(clusterId, { compartments }));
    applyReserved(live.model, config);
    const findings = [...runLint(live.model, new ShapeIndex(live.catalog), lintOptions), ...liveNoteFindings(live.notes)];
    const usage = subnetUsage(live.model);
    emitFindings(env, flags, findings, [], addUsage(usage, live.search), { command: 'check', subject: [clusterId], usage, inputs });
  });
}
