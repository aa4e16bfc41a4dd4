/** `oke-cni rules`: the rule registry as a table, JSON, or the docs page (docs/rules.md). */
import { Command, Option } from 'commander';
import { RULES_FORMATS, type RulesFormat } from '../report/formats.js';
import { colorEnabled } from './io.js';
import type { CommandEnv } from './env.js';

export function rulesCommand({ io }: CommandEnv): Command {
  return new Command('rules')
    .description('list the lint rules: id, severity, what each checks')
    .addOption(new Option('--format <format>', 'output format').choices(RULES_FORMATS).default('table'))
    .option('--json', 'same as --format json')
    .addHelpText('after', '\nExamples:\n  $ oke-cni rules\n  $ oke-cni rules --format markdown > docs/rules.md')
    .action(async (_opts, cmd: Command) => {
      const [{ renderRules }, { rules }] = await Promise.all([import('../report/rules-list.js'), import('../rules/index.js')]);
      const flags = cmd.optsWithGlobals<{ format: RulesFormat; json?: boolean; color?: boolean }>();
      io.stdout(renderRules(rules, flags.json ? 'json' : flags.format, colorEnabled(flags, io)));
    });
}
