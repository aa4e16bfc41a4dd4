/** commander argument parsers: a bad value is a usage error (exit 2) naming the flag. */
import { InvalidArgumentError } from 'commander';
import type { Cidr } from '../core/cidr.js';

/**
 * One number grammar for every flag: plain decimal digits, optionally a fraction where the flag
 * takes one (`8`, `0.5`). No sign, exponent, hex, underscores or spaces: `0x10`, `1e1`, `+3` and
 * `Infinity` are refused alike, and a value is quoted as typed, never as JavaScript reads it.
 */
const WHOLE = /^[0-9]+$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

function rangeText(kind: string, min: number, max: number, minExclusive = false): string {
  if (max === Number.MAX_SAFE_INTEGER) return `${kind} ${minExclusive ? '>' : '>='} ${min}`;
  return minExclusive ? `${kind} above ${min}, at most ${max}` : `${kind} from ${min} to ${max}`;
}

export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const expected = rangeText('a whole number', min, max);
    if (!WHOLE.test(value)) throw new InvalidArgumentError(`expected ${expected}, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected ${expected}, got ${value}`);
    return n;
  };
}

/** A decimal number in [min, max] (min itself excluded when minExclusive). */
export function decimalNumber(min: number, max: number, minExclusive = false) {
  return (value: string): number => {
    const expected = rangeText('a number', min, max, minExclusive);
    if (!DECIMAL.test(value)) throw new InvalidArgumentError(`expected ${expected} in plain decimal digits, got "${value}"`);
    const n = Number(value);
    if (n < min || (minExclusive && n === min) || n > max) throw new InvalidArgumentError(`expected ${expected}, got ${value}`);
    return n;
  };
}

/** OCPUs per node, > 0; the shape's own range is checked against the catalog afterwards. */
export const ocpuCount = decimalNumber(0, 100_000, true);

/** OKE maximumSurge: a node count, or a percentage of the pool's size ("25%", 0% to 100%). */
export type SurgeFlag = { nodes: number } | { percent: number };

export function surgeValue(maxNodes: number) {
  const nodes = wholeNumber(0, maxNodes);
  return (value: string): SurgeFlag => {
    const percent = /^([0-9]+)%$/.exec(value);
    if (percent) {
      const n = Number(percent[1]);
      if (n > 100) throw new InvalidArgumentError(`expected a percentage from 0% to 100%, got ${value}`);
      return { percent: n };
    }
    if (!WHOLE.test(value)) throw new InvalidArgumentError(`expected a node count from 0 to ${maxNodes} or a percentage from 0% to 100% such as 25%, got "${value}"`);
    return { nodes: nodes(value) };
  };
}

/**
 * CIDR flags (plan --pod-subnet) are parsed by core/cidr.ts, whose ip-address costs start-up
 * time at load: a command with such a flag loads it before its flags are parsed
 * (beforeParsing(cmd, loadCidrParsing), cli/env.ts), and no other command loads it.
 */
let cidr: typeof import('../core/cidr.js') | undefined;
export async function loadCidrParsing(): Promise<void> {
  cidr ??= await import('../core/cidr.js');
}

export function subnetCidr(value: string): Cidr {
  if (cidr === undefined) throw new Error('CIDR flags parsed before loadCidrParsing(): give the command beforeParsing(cmd, loadCidrParsing)');
  const parsed = cidr.parseCidr(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.reason);
  return parsed.cidr;
}

/** For repeatable options: --disable a --disable b,c */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** "128,64": one whole number per secondary VNIC profile (its ipCount); OKE's limits are checked by plan itself (exit 1). */
export function ipCountList(value: string): number[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => !/^\d+$/.test(s))) {
    throw new InvalidArgumentError(`expected ipCounts as whole numbers separated by commas, one per profile (e.g. 128,64), got "${value}"`);
  }
  return items.map(Number);
}
