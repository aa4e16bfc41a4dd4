/** `oke-cni lint FILE...`: config files -> model -> rules -> report. */
import { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { ShapeIndex } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load.js';
import type { FindingFormat } from '../report/formats.js';
import { wholeNumber } from './args.js';
import { addFindingsOptions, type FindingsFlags } from './findings-options.js';
import { chosenFormat } from './format-option.js';
import { addLiveOptions, addLiveRefs, addSearchOption, liveNoteFindings, requireLiveFlag, type LiveFlags, type SearchFlags } from './live-options.js';
import { checkOutputTarget, refuseOutputOverInput, type RunInput } from './output-file.js';
import type { CommandEnv } from './env.js';
import type { Finding } from '../core/finding.js';
import { safeLine } from '../core/escape.js';
import type { ModuleCall } from '../sources/terraform/tf-dir.js';
import { catalogOf, findingsSettings, readProjectConfig } from './project-config.js';

interface LintFlags extends FindingsFlags, LiveFlags, SearchFlags {
  catalog?: string;
  live?: boolean;
  strict?: boolean;
  maxInputMb?: number;
  tfDir?: string;
}

/** --tf-dir: findings on plan resources moved onto their .tf blocks; what stays on the plan said once on stderr. */
async function onTfDir(env: CommandEnv, dir: string, findings: Finding[], calls: ModuleCall[]): Promise<Finding[]> {
  const { indexTfDir, onTfBlocks, tfDirNotes } = await import('../sources/terraform/tf-dir.js');
  const index = indexTfDir(dir, calls);
  for (const line of tfDirNotes(index)) env.io.stderr(`oke-cni: ${safeLine(line)}\n`);
  return onTfBlocks(findings, index);
}

export function lintCommand(env: CommandEnv): Command {
  const cmd = new Command('lint')
    .description('check node-pool configs (oke-cni YAML/JSON, Terraform plan JSON, OCI CLI JSON) against every VCN-native rule')
    .argument('<file...>', 'config files (- reads standard input); several files form one model (e.g. OCI CLI JSON of cluster, pools, subnets, VCNs)')
    .option('--catalog <file>', 'shape catalog file replacing the embedded one')
    .option('--live', 'read the subnets and VCNs the files name by OCID from OCI (read-only), with the connection flags below')
    .option('--strict', 'report the not-checked notes (checks skipped for want of a value) as errors')
    .option('--no-strict', 'report them as notes even when the project config sets strict: true')
    .option('--max-input-mb <n>', 'largest input file to read, in MiB, Terraform plans included (default 10; 256 for a Terraform plan)', wholeNumber(1, 4096))
    .option('--tf-dir <dir>', "Terraform plans: put findings on the resource block in this root module's .tf files (and its local modules'); default: none, findings point into the plan");
  addFindingsOptions(cmd);
  addSearchOption(cmd, 'sharing the pod subnets read with --live');
  addLiveOptions(cmd).addHelpText(
    'after',
    `
Examples:
  $ oke-cni lint examples/passing.yaml
  $ oke-cni lint cluster.yaml --format sarif --output oke-cni.sarif
  $ terraform show -json plan.out > plan.json && oke-cni lint plan.json --format github
  $ terraform show -json plan.out | oke-cni lint -
  $ oke-cni lint plan.json --tf-dir . --format sarif --output oke-cni.sarif   # annotations on the .tf files
  $ oke-cni lint examples/oci-cli/*.json --fail-on warning
  $ oke-cni lint planned-pool.yaml --live --profile prod   # podSubnets: [ocid1.subnet.oc1...]

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 the input cannot be read.
Rules: oke-cni rules (docs/rules.md).`,
  );
  return cmd.action(async (files: string[], _opts, self: Command) => {
    const flags = self.optsWithGlobals<LintFlags>();
    flags.format = chosenFormat<FindingFormat>(self);
    requireLiveFlag(flags, flags.live === true);
    // Loaded on demand (the baseline's hashing loads node:crypto): `plan` and `shapes` should not pay for it.
    const { baselineInputs, checkBaselineFlags } = await import('./baseline.js');
    const config = await readProjectConfig(self, env.io);
    const catalog = catalogOf(flags, config);
    const lintOptions = findingsSettings(self, flags, config);
    // Before anything is read: the report and the baseline must never replace one of the files they are about.
    const inputs: RunInput[] = files.map((path) => ({ path, what: 'input' }));
    if (catalog !== undefined) inputs.push({ path: catalog, what: '--catalog file' });
    if (config !== undefined) inputs.push({ path: config.file, what: 'config file' });
    if (flags.output !== undefined) {
      checkOutputTarget(flags.output, '--output');
      refuseOutputOverInput(flags.output, '--output', [...inputs, ...baselineInputs(flags)]);
    }
    checkBaselineFlags(flags, self.getOptionValueSource('baseline') === 'cli', inputs);
    const shapes = new ShapeIndex(await loadCatalog(catalog));
    // Loaded on demand: the YAML parser, the rules and the renderers cost start-up time that
    // `plan` and `shapes` should not pay.
    const [{ loadConfigFiles }, { readStdinBounded }, { runLint }, { strictFindings }, { emitFindings }, { stepSummaryFile }, { applyReserved }] = await Promise.all([
      import('../sources/file/index.js'),
      import('./stdin.js'),
      import('../rules/index.js'),
      import('../core/lint.js'),
      import('./findings-output.js'),
      import('./step-summary.js'),
      import('../config/reserved.js'),
    ]);
    const loaded = loadConfigFiles(files, { stdin: readStdinBounded, ...(flags.maxInputMb === undefined ? {} : { maxBytes: flags.maxInputMb * 1024 * 1024 }) });
    if (!flags.live && flags.compartment !== undefined) throw new UserError('needs --live', '--compartment');
    const live = flags.live ? await addLiveRefs(flags, env.io, loaded.model, loaded.externalRefs) : { model: loaded.model, notes: [] };
    const model = live.model;
    applyReserved(model, config);
    const found = [...runLint(model, shapes, { ...lintOptions, serviceMeshOracleLinux7: flags.serviceMeshOl7 === true }), ...liveNoteFindings(live.notes)];
    const strict = self.getOptionValueSource('strict') === 'cli' ? flags.strict === true : (config?.strict ?? false);
    const judged = strict ? strictFindings(found) : found;
    const findings = flags.tfDir === undefined ? judged : await onTfDir(env, flags.tfDir, judged, loaded.moduleCalls);
    const extra = live.search && (await import('../report/usage.js')).addUsage((await import('../sources/oci/usage.js')).subnetUsage(model), live.search);
    // The job summary's pod-subnet table: the same demand the capacity rules count (no SDK involved).
    const usage = stepSummaryFile(env.io) === undefined ? [] : (await import('../sources/oci/usage.js')).subnetUsage(model);
    emitFindings(env, flags, findings, loaded.files, extra || undefined, { command: 'lint', subject: files, usage, inputs });
  });
}
