/** IPv4 CIDR handling for OCI subnets and VCNs, on top of ip-address. */
// Its IPv4 half only: the package's main module also loads the IPv6 one, which no OCI subnet or
// VCN check here needs (start-up time of `plan --pod-subnet`).
import { Address4 } from 'ip-address/dist/ipv4.js';
import { LARGEST_SUBNET_PREFIX, SMALLEST_SUBNET_PREFIX } from './facts.js';
import { usableAddresses } from './capacity.js';

export interface Cidr {
  /** Canonical text, e.g. 10.0.64.0/18. */
  readonly text: string;
  readonly prefix: number;
  readonly start: bigint;
  /** Last address, inclusive. */
  readonly end: bigint;
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

/**
 * Parse an IPv4 CIDR as OCI accepts it for a VCN or subnet: network address without
 * host bits, prefix /16 to /30 (unless `anyPrefix`, for things like a services CIDR).
 */
export function parseCidr(text: string, opts: { anyPrefix?: boolean } = {}): CidrParse {
  const trimmed = text.trim();
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(trimmed);
  if (!m || !Address4.isValid(trimmed)) {
    return { ok: false, reason: `"${text}" is not an IPv4 CIDR block (expected a.b.c.d/n)` };
  }
  const prefix = Number(m[2]);
  if (prefix > 32) return { ok: false, reason: `"${text}" has a prefix above /32` };
  const range = new Address4(trimmed);
  const first = range.startAddress();
  const start = first.bigInt();
  const end = range.endAddress().bigInt();
  const network = first.correctForm();
  if (network !== m[1]) {
    return { ok: false, reason: `"${text}" has host bits set (the network address is ${network}/${prefix})` };
  }
  if (!opts.anyPrefix && (prefix < LARGEST_SUBNET_PREFIX || prefix > SMALLEST_SUBNET_PREFIX)) {
    return {
      ok: false,
      reason: `"${text}" is outside OCI's allowed sizes /${LARGEST_SUBNET_PREFIX} to /${SMALLEST_SUBNET_PREFIX}`,
    };
  }
  return { ok: true, cidr: { text: `${network}/${prefix}`, prefix, start, end } };
}

export function usableInCidr(cidr: Cidr): number {
  return usableAddresses(cidr.prefix);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * All overlapping pairs among `items`, by a sort and sweep: O(n log n + pairs),
 * never a scan of every pair.
 */
export function overlappingPairs<T>(items: readonly T[], cidrOf: (item: T) => Cidr): Array<[T, T]> {
  const sorted = [...items].sort((x, y) => {
    const a = cidrOf(x).start;
    const b = cidrOf(y).start;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const pairs: Array<[T, T]> = [];
  // `open` holds the ranges that may still overlap later starts.
  let open: T[] = [];
  for (const item of sorted) {
    const c = cidrOf(item);
    open = open.filter((o) => cidrOf(o).end >= c.start);
    for (const o of open) pairs.push([o, item]);
    open.push(item);
  }
  return pairs;
}

/**
 * Usable addresses of a subnet with these IPv4 CIDR blocks: the sum over its blocks, each less
 * the addresses OCI reserves in it (facts.ts SUBNET_RESERVED_ADDRESSES, per block).
 */
export function usableInCidrs(blocks: readonly Cidr[]): number {
  return blocks.reduce((sum, block) => sum + usableInCidr(block), 0);
}

/** "10.0.64.0/21" or "10.0.64.0/21 + 10.1.0.0/22", as messages name a subnet's blocks. */
export function cidrsText(blocks: readonly Cidr[]): string {
  return blocks.map((b) => b.text).join(' + ');
}
