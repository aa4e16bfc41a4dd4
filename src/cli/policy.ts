/**
 * `oke-cni policy FILE...` / `oke-cni policy --cluster OCID`: the extra IAM statements a
 * VCN-native cluster needs (cross-compartment, IPv6), ready to paste; live, whether the
 * tenancy's policies already grant each one (present, missing, undecidable).
 */
import { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { indexModel } from '../core/model.js';
import { DATA_FORMATS, type DataFormat } from '../report/formats.js';
import type { CommandEnv } from './env.js';
import { addFormatOption, chosenFormat } from './format-option.js';
import { colorEnabled } from './io.js';
import { addLiveOptions, checkOcid, requireLiveFlag, withLiveSession, type LiveFlags } from './live-options.js';

interface PolicyFlags extends LiveFlags {
  cluster?: string;
  color?: boolean;
}

export function policyCommand(env: CommandEnv): Command {
  const cmd = new Command('policy')
    .description('the extra IAM policy statements a VCN-native cluster needs (other compartments, IPv6); live: which the tenancy already has')
    .argument('[file...]', 'oke-cni config, Terraform plan JSON or OCI CLI JSON (as for lint)')
    .option('--cluster <ocid>', "read the cluster from OCI and check the tenancy's policies (ListCompartments, ListPolicies; read-only)");
  addFormatOption(cmd, DATA_FORMATS);
  addLiveOptions(cmd).addHelpText(
    'after',
    `
The statements are the OCI page's: when node pools, the VCN or subnets are in a compartment
other than the cluster's, "manage instances", "use private-ips" and "use network-security-groups"
for the cluster (least-privilege form) or for any cluster in the tenancy (broad form); when
the cluster or its subnets use IPv6, "use ipv6s". Live, every policy of the tenancy is matched
as OCI matches (verbs, families, inheritance, where clauses); a statement oke-cni cannot
evaluate makes the result "undecidable", never "present".

Examples:
  $ oke-cni policy cluster.yaml
  $ oke-cni policy plan.json --format json
  $ oke-cni policy --cluster ocid1.cluster.oc1.iad.aaaa… --profile prod

Exit codes: 0 statements printed (files), or every needed statement present (live); 1 some
statement is missing or undecidable (live); 2 bad input or OCI error.`,
  );
  return cmd.action(async (files: string[], _opts, self: Command) => {
    const flags = self.optsWithGlobals<PolicyFlags>();
    const format = chosenFormat<DataFormat>(self);
    const live = flags.cluster !== undefined;
    if (live && files.length > 0) throw new UserError('give files or --cluster, not both', '--cluster');
    if (!live && files.length === 0) throw new UserError('give config files, or --cluster OCID to read a live cluster', 'policy');
    requireLiveFlag(flags, live, '--cluster');
    const [{ policyReport, policyExitCode }, { renderPolicyJson, renderPolicyText }] = await Promise.all([import('../core/policy/report.js'), import('../report/policy.js')]);
    let report;
    if (live) {
      const clusterId = checkOcid(flags.cluster as string, ['cluster'], '--cluster');
      report = await withLiveSession(flags, env.io, async (session) => {
        // Where the cluster's parts are is all the statements depend on: no shapes, addresses, add-ons or security rules.
        const cluster = await session.readCluster(clusterId, { capacity: false, security: false });
        const compartmentId = cluster.model.clusters[0]?.compartmentId;
        if (!compartmentId) throw new UserError('the API returned no compartmentId', `OCI cluster ${clusterId}`);
        const policies = await session.readPolicies(compartmentId);
        return policyReport(cluster.model, indexModel(cluster.model), policies);
      });
    } else {
      const { loadConfigFiles } = await import('../sources/file/index.js');
      const loaded = loadConfigFiles(files);
      report = policyReport(loaded.model, indexModel(loaded.model));
    }
    env.io.stdout(format === 'json' ? renderPolicyJson(report) : renderPolicyText(report, colorEnabled(flags, env.io)));
    env.setExitCode(policyExitCode(report));
  });
}
