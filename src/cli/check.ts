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
import { addLiveOptions, checkOcid, liveConnection, withLiveSession, type LiveFlags } from './live-options.js';
import { checkOutputTarget, refuseOutputOverInput } from './output-file.js';
import type { CommandEnv } from './env.js';
import { findingsSettings, readProjectConfig } from './project-config.js';

interface CheckFlags extends FindingsFlags, LiveFlags {
  cluster: string;
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
    flags.format = chosenFormat<FindingFormat>(self);
    const clusterId = checkOcid(flags.cluster, ['cluster'], '--cluster');
    const config = await readProjectConfig(self, env.io);
    if (flags.output !== undefined) {
      checkOutputTarget(flags.output, '--output');
      const inputs = [{ path: liveConnection(flags, env.io.env).configFile, what: 'OCI config file' }];
      if (config !== undefined) inputs.push({ path: config.file, what: 'config file' });
      refuseOutputOverInput(flags.output, '--output', inputs);
    }
    const [{ runLint }, { emitFindings }, { addUsage }, { subnetUsage }, { applyReserved }] = await Promise.all([
      import('../rules/index.js'),
      import('./findings-output.js'),
      import('../report/usage.js'),
      import('../sources/oci/usage.js'),
      import('../config/reserved.js'),
    ]);
    const lintOptions = { ...findingsSettings(self, flags, config), serviceMeshOracleLinux7: flags.serviceMeshOl7 === true };
    // Unknown --disable ids fail here, before any request.
    runLint({ vcns: [], subnets: [], clusters: [] }, new ShapeIndex(embeddedCatalog()), lintOptions);
    const live = await withLiveSession(flags, env.io, (session) => session.readCluster(clusterId));
    applyReserved(live.model, config);
    const findings = runLint(live.model, new ShapeIndex(live.catalog), lintOptions);
    emitFindings(env, flags, findings, [], addUsage(subnetUsage(live.model)));
  });
}
