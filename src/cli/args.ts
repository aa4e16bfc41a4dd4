/** commander argument parsers: a bad value is a usage error (exit 2) naming the flag. */
import { InvalidArgumentError } from 'commander';
import { parseCidr, type Cidr } from '../core/cidr.js';

export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const expected = max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`;
    if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError(`expected ${expected}, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected ${expected}, got ${n}`);
    return n;
  };
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number > 0, got "${value}"`);
  return n;
}

export function subnetCidr(value: string): Cidr {
  const parsed = parseCidr(value);
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
