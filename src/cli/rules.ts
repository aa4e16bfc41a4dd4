/** `oke-cni rules`: the rule registry as a table, JSON, or the docs page (docs/rules.md). */
import { Command } from 'commander';
import { RULES_FORMATS, type RulesFormat } from '../report/formats.js';
import { addFormatOption, chosenFormat } from './format-option.js';
import { colorEnabled, terminalWidth } from './io.js';
import type { CommandEnv } from './env.js';

export function rulesCommand({ io }: CommandEnv): Command {
  return addFormatOption(new Command('rules').description('list the lint rules: id, severity, what each checks'), RULES_FORMATS)
    .addHelpText('after', '\nExamples:\n  $ oke-cni rules\n  $ oke-cni rules --format markdown > docs/rules.md')
    .action(async (_opts, cmd: Command) => {
      const format = chosenFormat<RulesFormat>(cmd);
      const [{ renderRules }, { rules }] = await Promise.all([import('../report/rules-list.js'), import('../rules/index.js')]);
      io.stdout(renderRules(rules, format, colorEnabled(cmd.optsWithGlobals(), io), terminalWidth(io)));
    });
}
