import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, overlappingPairs, parseCidr, type Cidr } from '../../src/core/cidr.js';

const must = (s: string): Cidr => {
  const r = parseCidr(s, { anyPrefix: true });
  if (!r.ok) throw new Error(r.reason);
  return r.cidr;
};

describe('parseCidr', () => {
  it('parses an OCI subnet', () => {
    const r = parseCidr('10.0.64.0/18');
    expect(r).toEqual({ ok: true, cidr: { text: '10.0.64.0/18', prefix: 18, start: 167788544n, end: 167804927n } });
  });
  it.each([
    ['10.0.64.1/18', 'host bits set (the network address is 10.0.64.0/18)'],
    ['10.0.0.0/8', "outside OCI's allowed sizes /16 to /30"],
    ['10.0.0.0/31', "outside OCI's allowed sizes /16 to /30"],
    ['10.0.0/16', 'is not an IPv4 CIDR block'],
    ['10.0.0.256/30', 'is not an IPv4 CIDR block'],
    ['fe80::/64', 'is not an IPv4 CIDR block'],
    ['', 'is not an IPv4 CIDR block'],
  ])('rejects %s', (text, reason) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
  it('anyPrefix allows a services CIDR like /12', () => expect(parseCidr('10.96.0.0/12', { anyPrefix: true }).ok).toBe(true));
});

describe('containment and overlap', () => {
  it('contains and overlaps', () => {
    expect(cidrContains(must('10.0.0.0/16'), must('10.0.64.0/18'))).toBe(true);
    expect(cidrContains(must('10.0.64.0/18'), must('10.0.0.0/16'))).toBe(false);
    expect(cidrsOverlap(must('10.0.0.0/20'), must('10.0.15.0/24'))).toBe(true);
    expect(cidrsOverlap(must('10.0.0.0/20'), must('10.0.16.0/24'))).toBe(false);
  });
  it('property: the sweep finds exactly the pairs a brute-force scan finds', () => {
    const arbCidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 20, max: 30 })).map(([third, prefix]) => {
      const start = (10 << 24) + (third << 8);
      const size = 2 ** (32 - prefix);
      const net = Math.floor(start / size) * size;
      return must(`${(net >>> 24) & 255}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${prefix}`);
    });
    fc.assert(
      fc.property(fc.array(arbCidr, { maxLength: 25 }), (cidrs) => {
        const items = cidrs.map((c, i) => ({ i, c }));
        const key = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
        const swept = new Set(overlappingPairs(items, (x) => x.c).map(([a, b]) => key(a.i, b.i)));
        const brute = new Set<string>();
        for (let a = 0; a < items.length; a++)
          for (let b = a + 1; b < items.length; b++) if (cidrsOverlap(items[a]!.c, items[b]!.c)) brute.add(key(a, b));
        expect(swept).toEqual(brute);
      }),
    );
  });
});
