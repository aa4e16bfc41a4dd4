/**
 * `--format` and its alias `--json`, the same on every command that prints data. `--json` is
 * `--format json`; both given with different formats is a usage error (exit 2), never a silent pick.
 */
import { Command, Option } from 'commander';
import { UserError } from '../core/errors.js';

export function addFormatOption(cmd: Command, formats: readonly string[]): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default('table'))
    .option('--json', 'same as --format json');
}

/** The format asked for: `--json`, or `--format` (default table); refuses the two at odds. */
export function chosenFormat<F extends string>(cmd: Command): F {
  const { format, json } = cmd.opts<{ format: F; json?: boolean }>();
  if (json !== true) return format;
  if (cmd.getOptionValueSource('format') !== 'default' && format !== 'json') {
    throw new UserError(`conflicts with --format ${format} (--json means --format json); give one of them`, '--json');
  }
  return 'json' as F;
}
