/** `oke-cni lint FILE...`: config files -> model -> rules -> report. */
import { Command } from 'commander';
import { ShapeIndex } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load.js';
import { runLint } from '../core/lint.js';
import { addFindingsOptions, emitFindings, type FindingsFlags } from './findings-output.js';
import type { CommandEnv } from './program.js';

interface LintFlags extends FindingsFlags {
  catalog?: string;
}

export function lintCommand(env: CommandEnv): Command {
  const cmd = new Command('lint')
    .description('check node-pool configs (oke-cni YAML/JSON, Terraform plan JSON, OCI CLI JSON) against every VCN-native rule')
    .argument('<file...>', 'config files; several files form one model (e.g. OCI CLI JSON of cluster, pools, subnets, VCNs)')
    .option('--catalog <file>', 'shape catalog file replacing the embedded one');
  addFindingsOptions(cmd).addHelpText(
    'after',
    `
Examples:
  $ oke-cni lint examples/passing.yaml
  $ oke-cni lint cluster.yaml --format sarif --output oke-cni.sarif
  $ terraform show -json plan.out > plan.json && oke-cni lint plan.json --format github
  $ oke-cni lint examples/oci-cli/*.json --fail-on warning

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 the input cannot be read.
Rules: oke-cni rules (docs/rules.md).`,
  );
  return cmd.action(async (files: string[], _opts, self: Command) => {
    const flags = self.optsWithGlobals<LintFlags>();
    const shapes = new ShapeIndex(loadCatalog(flags.catalog));
    // The file adapter pulls in the YAML parser: loaded only when linting.
    const { loadConfigFiles } = await import('../sources/file/index.js');
    const loaded = loadConfigFiles(files);
    const findings = runLint(loaded.model, shapes, { disable: flags.disable, headroomPercent: flags.headroom });
    emitFindings(env, flags, findings, loaded.files);
  });
}
