/** The commander program: global conventions every command shares. */
import { Command, CommanderError } from 'commander';
import { UserError, UserErrors } from '../core/errors.js';
import { safeLine } from '../core/escape.js';
import { prepareParsing, type CommandEnv, type CommandFactory } from './env.js';
import type { CliIo } from './io.js';
import { VERSION } from './version.js';
import { planCommand } from './plan.js';
import { shapesCommand } from './shapes.js';
import { lintCommand } from './lint.js';
import { rulesCommand } from './rules.js';
import { checkCommand } from './check.js';
import { updatesCommand } from './updates.js';
import { policyCommand } from './policy.js';

const COMMANDS: readonly CommandFactory[] = [planCommand, shapesCommand, lintCommand, checkCommand, updatesCommand, policyCommand, rulesCommand];

export function buildProgram(env: CommandEnv): Command {
  const program = new Command('oke-cni')
    .description(
      'Capacity planning and linting for OKE clusters on OCI VCN-Native Pod Networking:\n' +
        'max pods per node, pod-subnet addresses per node, and whether the pod subnet holds the pool.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .option('--no-color', 'never color the output (also: NO_COLOR=1)')
    .option('--debug', 'on errors, print the stack trace too')
    .option('--config <file>', 'the project config file (default: .oke-cni.yaml in this directory or a parent up to the git root; also OKE_CNI_CONFIG)')
    .showSuggestionAfterError(true)
    .hook('preSubcommand', (_program, sub) => prepareParsing(sub))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => env.io.stdout(s),
      writeErr: (s) => env.io.stderr(s),
      // One line per error: commander's "(Did you mean x?)" joins the message line.
      // Flag values are shown escaped, so a value holding a newline or ESC stays on this line.
      outputError: (s, write) =>
        write(`oke-cni: ${safeLine(s.trimEnd().replace(/^error: /, '').replace(/\n\(Did you mean (.*)\?\)$/, ' (did you mean $1?)'))}\n`),
    })
    .addHelpText(
      'after',
      `
Exit codes: 0 fine, 1 findings or the plan does not fit, 2 could not run (bad flags or input).

Examples:
  $ oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 20 --pod-subnet 10.0.64.0/18
  $ oke-cni shapes E4
  $ oke-cni lint examples/passing.yaml --format sarif --output oke-cni.sarif
  $ oke-cni check --cluster ocid1.cluster.oc1.iad.aaaa... --profile prod
  $ oke-cni updates --context prod
  $ oke-cni policy --cluster ocid1.cluster.oc1.iad.aaaa... --profile prod
  $ oke-cni rules
  $ oke-cni <command> --help`,
    );
  for (const factory of COMMANDS) {
    const sub = factory(env);
    sub.copyInheritedSettings(program);
    program.addCommand(sub);
  }
  return program;
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: 0 | 1 | 2 = 0;
  const env: CommandEnv = { io, setExitCode: (c) => void (exitCode = c) };
  const debug = argv.includes('--debug');
  const program = buildProgram(env);
  try {
    if (argv.length <= 2) {
      // No command is a usage error, as in git or kubectl: the help goes to stderr, exit 2.
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit through here with code 0; every usage error is exit 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      // One line per problem, each with the program's name (UserErrors holds several).
      io.stderr(errorLines(err));
    } else {
      const message = err instanceof Error ? err.message : String(err);
      io.stderr(`oke-cni: internal error: ${safeLine(message)}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
    }
    if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return 2;
  }
}

/** Problems printed at most; a file with 100,000 bad lines gets the first ones and a count. */
export const MAX_ERROR_LINES = 50;

/**
 * A UserError as stderr text: one `oke-cni: ` line per problem, each escaped (a newline or an
 * ESC from the input stays visible and on its line) and with request secrets redacted.
 */
export function errorLines(err: UserError): string {
  const problems = err instanceof UserErrors ? err.lines : [err.line()];
  const shown = problems.slice(0, MAX_ERROR_LINES).map((line) => `oke-cni: ${safeLine(line)}\n`);
  if (problems.length > MAX_ERROR_LINES) {
    shown.push(`oke-cni: ... and ${problems.length - MAX_ERROR_LINES} more problems (${problems.length} in all; the first ${MAX_ERROR_LINES} are shown)\n`);
  }
  return shown.join('');
}
