/**
 * Colour for reporters. Whether to colour is decided by the cli (TTY, NO_COLOR, --no-color) and
 * passed in as a boolean; reporters only turn that boolean into a chalk instance.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export function chalkFor(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
