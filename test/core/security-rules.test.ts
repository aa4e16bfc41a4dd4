import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr, type Cidr } from '../../src/core/cidr.js';
import {
  checkRequiredRules,
  flowCoverage,
  parseProtocol,
  parseRuleCidr,
  peerCovers,
  REQUIRED_RULES,
  requiredRulesFor,
  rulePeer,
  type ClusterPeers,
  type Flow,
  type PeerGroup,
  type SecurityRule,
  type TargetRole,
} from '../../src/core/security-rules/index.js';

const cidr = (text: string): Cidr => {
  const r = parseCidr(text, { anyPrefix: true });
  if (!r.ok) throw new Error(r.reason);
  return r.cidr;
};

interface RuleInput {
  dir: 'ingress' | 'egress';
  proto: 'all' | 'tcp' | 'udp' | 'icmp' | number;
  peer: string;
  type?: string;
  ports?: [number, number];
  sourcePorts?: [number, number];
  icmp?: { type: number; code?: number };
  stateless?: boolean;
}

function rule(r: RuleInput): SecurityRule {
  return {
    direction: r.dir,
    protocol: parseProtocol(r.proto) ?? 'all',
    stateless: r.stateless ?? false,
    peer: rulePeer(r.peer, r.type),
    destinationPorts: r.ports ? { min: r.ports[0], max: r.ports[1] } : undefined,
    sourcePorts: r.sourcePorts ? { min: r.sourcePorts[0], max: r.sourcePorts[1] } : undefined,
    icmp: r.icmp,
    at: { '': { kind: 'file', file: 'x.yaml', line: 1, column: 1 } },
  };
}

const ENDPOINT: PeerGroup = { label: 'endpoint', cidrs: [cidr('10.0.128.0/28')], within: [cidr('10.0.0.0/16')], nsgs: ['api-nsg'] };
const WORKERS: PeerGroup = { label: 'workers', cidrs: [cidr('10.0.0.0/20')], within: [cidr('10.0.0.0/16')], nsgs: ['workers-nsg'] };
const PODS: PeerGroup = { label: 'pods', cidrs: [cidr('10.0.64.0/18')], within: [cidr('10.0.0.0/16')], nsgs: [] };
const PEERS: ClusterPeers = { endpoint: [ENDPOINT], workers: [WORKERS], pods: [PODS] };
const OSN = 'all-iad-services-in-oracle-services-network';

const flow = (f: Partial<Flow> & Pick<Flow, 'direction' | 'protocol'>): Flow => ({ peer: { kind: 'group', group: PODS }, ...f });
const tcp6443: Flow = flow({ direction: 'ingress', protocol: 6, ports: { min: 6443, max: 6443 } });

/** Each table's rules written as in OCI's documentation (S19), all stateful. */
const DOC_RULES: Record<TargetRole, RuleInput[]> = {
  endpoint: [
    { dir: 'ingress', proto: 'tcp', peer: '10.0.0.0/20', ports: [6443, 6443] },
    { dir: 'ingress', proto: 'tcp', peer: '10.0.0.0/20', ports: [12250, 12250] },
    { dir: 'ingress', proto: 'tcp', peer: '10.0.64.0/18', ports: [6443, 6443] },
    { dir: 'ingress', proto: 'tcp', peer: '10.0.64.0/18', ports: [12250, 12250] },
    { dir: 'ingress', proto: 'icmp', peer: '10.0.0.0/20', icmp: { type: 3, code: 4 } },
    { dir: 'egress', proto: 'tcp', peer: OSN, type: 'SERVICE_CIDR_BLOCK', ports: [443, 443] },
    { dir: 'egress', proto: 'all', peer: '10.0.64.0/18' },
    { dir: 'egress', proto: 'icmp', peer: '10.0.0.0/20', icmp: { type: 3, code: 4 } },
    { dir: 'egress', proto: 'tcp', peer: '10.0.0.0/20', ports: [10250, 10250] },
    { dir: 'egress', proto: 'icmp', peer: '10.0.0.0/20' },
  ],
  workers: [
    { dir: 'ingress', proto: 'all', peer: '10.0.0.0/20' },
    { dir: 'ingress', proto: 'all', peer: '10.0.64.0/18' },
    { dir: 'ingress', proto: 'tcp', peer: '10.0.128.0/28' },
    { dir: 'ingress', proto: 'icmp', peer: '0.0.0.0/0', icmp: { type: 3, code: 4 } },
    { dir: 'ingress', proto: 'icmp', peer: '10.0.128.0/28' },
    { dir: 'egress', proto: 'all', peer: '10.0.0.0/20' },
    { dir: 'egress', proto: 'all', peer: '10.0.64.0/18' },
    { dir: 'egress', proto: 'icmp', peer: '0.0.0.0/0', icmp: { type: 3, code: 4 } },
    { dir: 'egress', proto: 'tcp', peer: OSN, type: 'SERVICE_CIDR_BLOCK' },
    { dir: 'egress', proto: 'tcp', peer: '10.0.128.0/28', ports: [6443, 6443] },
    { dir: 'egress', proto: 'tcp', peer: '10.0.128.0/28', ports: [12250, 12250] },
  ],
  pods: [
    { dir: 'ingress', proto: 'all', peer: '10.0.128.0/28' },
    { dir: 'ingress', proto: 'all', peer: '10.0.0.0/20' },
    { dir: 'ingress', proto: 'all', peer: '10.0.64.0/18' },
    { dir: 'egress', proto: 'all', peer: '10.0.64.0/18' },
    { dir: 'egress', proto: 'icmp', peer: OSN, type: 'SERVICE_CIDR_BLOCK', icmp: { type: 3, code: 4 } },
    { dir: 'egress', proto: 'tcp', peer: OSN, type: 'SERVICE_CIDR_BLOCK' },
    { dir: 'egress', proto: 'tcp', peer: '10.0.128.0/28', ports: [6443, 6443] },
    { dir: 'egress', proto: 'tcp', peer: '10.0.128.0/28', ports: [12250, 12250] },
  ],
};

const TARGETS: TargetRole[] = ['endpoint', 'workers', 'pods'];

/** The rows left uncovered when DOC_RULES[target][i] is taken away. */
const REMOVED_MISSES: Record<TargetRole, string[][]> = {
  endpoint: [
    ['endpoint-ingress-workers-6443'],
    ['endpoint-ingress-workers-12250'],
    ['endpoint-ingress-pods-6443'],
    ['endpoint-ingress-pods-12250'],
    ['endpoint-ingress-workers-icmp-3-4'],
    ['endpoint-egress-services-443'],
    ['endpoint-egress-pods-all'],
    // ICMP of every type to the workers (the next-but-one rule) still covers type 3 code 4.
    [],
    ['endpoint-egress-workers-10250'],
    ['endpoint-egress-workers-icmp'],
  ],
  workers: [
    ['workers-ingress-workers-all'],
    ['workers-ingress-pods-all'],
    // TCP/ALL from the endpoint covers TCP/10250 from it too.
    ['workers-ingress-endpoint-tcp', 'workers-ingress-endpoint-10250'],
    ['workers-ingress-anywhere-icmp-3-4'],
    ['workers-ingress-endpoint-icmp'],
    ['workers-egress-workers-all'],
    ['workers-egress-pods-all'],
    ['workers-egress-anywhere-icmp-3-4'],
    ['workers-egress-services-tcp'],
    ['workers-egress-endpoint-6443'],
    ['workers-egress-endpoint-12250'],
  ],
  pods: [
    ['pods-ingress-endpoint-all'],
    ['pods-ingress-workers-all'],
    ['pods-ingress-pods-all'],
    ['pods-egress-pods-all'],
    ['pods-egress-services-icmp-3-4'],
    ['pods-egress-services-tcp'],
    ['pods-egress-endpoint-6443'],
    ['pods-egress-endpoint-12250'],
  ],
};

describe('required-rule tables (S19, contengnetworkconfig.htm updated 2025-02-12)', () => {
  it('hold the page rows: 10 endpoint, 12 worker and 8 pod rows ("TCP 10250,ICMP" counts as two) are required, 4 optional', () => {
    expect(TARGETS.map((t) => requiredRulesFor(t).length)).toEqual([10, 12, 8]);
    expect(REQUIRED_RULES.filter((r) => r.optional).map((r) => r.id)).toEqual([
      'endpoint-ingress-clients-6443',
      'workers-ingress-ssh-22',
      'workers-egress-internet-tcp',
      'pods-egress-internet-443',
    ]);
    expect(new Set(REQUIRED_RULES.map((r) => r.id)).size).toBe(REQUIRED_RULES.length);
  });

  it.each(TARGETS)('valid: the documented %s rules cover every required row', (target) => {
    const checks = checkRequiredRules(target, DOC_RULES[target].map(rule), true, PEERS);
    expect(checks.filter((c) => c.coverage !== 'covered').map((c) => c.required.id)).toEqual([]);
  });

  it.each(TARGETS.flatMap((t) => DOC_RULES[t].map((_, i) => [t, i] as const)))('invalid: %s without documented rule #%i misses exactly its rows', (target, i) => {
    const rules = DOC_RULES[target].filter((_, j) => j !== i).map(rule);
    const missing = checkRequiredRules(target, rules, true, PEERS).filter((c) => c.coverage === 'missing');
    expect(missing.map((c) => c.required.id)).toEqual(REMOVED_MISSES[target][i]);
  });

  it('with some security lists or NSGs missing from the inputs, an uncovered row is unknown, not missing', () => {
    const checks = checkRequiredRules('pods', DOC_RULES.pods.slice(1).map(rule), false, PEERS);
    expect(checks.filter((c) => c.coverage !== 'covered').map((c) => [c.required.id, c.coverage])).toEqual([['pods-ingress-endpoint-all', 'unknown']]);
  });

  it('a peer role with several groups gives one check per group', () => {
    const other: PeerGroup = { label: 'batch', cidrs: [cidr('10.0.16.0/20')], within: [], nsgs: [] };
    const checks = checkRequiredRules('pods', DOC_RULES.pods.map(rule), true, { ...PEERS, workers: [WORKERS, other] });
    expect(checks.filter((c) => c.coverage === 'missing').map((c) => [c.required.id, c.flow.peer.kind === 'group' && c.flow.peer.group.label])).toEqual([
      ['pods-ingress-workers-all', 'batch'],
    ]);
  });
});

describe('what covers what', () => {
  it('protocol text: OCI numbers and names', () => {
    expect(['all', 'ALL', '6', 'tcp', 'udp', 'icmp', '1', 'icmpv6', 17, 'x', '256', -1].map((p) => parseProtocol(p))).toEqual([
      'all', 'all', 6, 6, 17, 1, 1, 58, 17, undefined, undefined, undefined,
    ]);
  });

  it('rule CIDRs: any prefix, host bits dropped to the network, garbage refused', () => {
    expect(parseRuleCidr('0.0.0.0/0')?.text).toBe('0.0.0.0/0');
    expect(parseRuleCidr('10.0.1.5/24')?.text).toBe('10.0.1.0/24');
    expect(parseRuleCidr('10.0.1.5/32')?.text).toBe('10.0.1.5/32');
    expect([parseRuleCidr('10.0.0.0/33'), parseRuleCidr('::/0'), parseRuleCidr('10.0.0.300/24')]).toEqual([undefined, undefined, undefined]);
    expect(rulePeer('::/0', 'CIDR_BLOCK')).toEqual({ kind: 'other', text: '::/0' });
    expect(rulePeer(OSN, undefined)).toEqual({ kind: 'service', label: OSN });
  });

  it('peers: a containing CIDR, 0.0.0.0/0, the all-services label, an NSG the group is in', () => {
    const group = { kind: 'group', group: WORKERS } as const;
    expect(peerCovers(rulePeer('10.0.0.0/16', 'CIDR_BLOCK'), group)).toBe(true);
    expect(peerCovers(rulePeer('10.0.0.0/21', 'CIDR_BLOCK'), group)).toBe(false);
    expect(peerCovers(rulePeer('0.0.0.0/0', 'CIDR_BLOCK'), group)).toBe(true);
    expect(peerCovers(rulePeer('workers-nsg', 'NETWORK_SECURITY_GROUP'), group)).toBe(true);
    expect(peerCovers(rulePeer('pods-nsg', 'NETWORK_SECURITY_GROUP'), group)).toBe(false);
    expect(peerCovers(rulePeer(OSN, 'SERVICE_CIDR_BLOCK'), group)).toBe(false);
    expect(peerCovers(rulePeer(OSN, 'SERVICE_CIDR_BLOCK'), { kind: 'services' })).toBe(true);
    expect(peerCovers(rulePeer('oci-iad-objectstorage', 'SERVICE_CIDR_BLOCK'), { kind: 'services' })).toBe(false);
    expect(peerCovers(rulePeer('0.0.0.0/0', 'CIDR_BLOCK'), { kind: 'services' })).toBe(true);
    expect(peerCovers(rulePeer('10.0.0.0/8', 'CIDR_BLOCK'), { kind: 'anywhere' })).toBe(false);
  });

  it('a group of unknown addresses: covered by a rule holding its whole VCN, unknown for a narrower one', () => {
    const unknown = { kind: 'group', group: { ...ENDPOINT, cidrs: undefined } } as const;
    expect(peerCovers(rulePeer('10.0.0.0/16', 'CIDR_BLOCK'), unknown)).toBe(true);
    expect(peerCovers(rulePeer('10.0.128.0/24', 'CIDR_BLOCK'), unknown)).toBe('unknown');
    expect(flowCoverage({ ...tcp6443, peer: unknown }, [rule({ dir: 'ingress', proto: 'tcp', peer: '10.0.128.0/24' })], true)).toBe('unknown');
  });

  it('ports: a range holding the port covers it; a source-port restriction or a narrower range does not', () => {
    expect(flowCoverage(tcp6443, [rule({ dir: 'ingress', proto: 'tcp', peer: '10.0.64.0/18', ports: [6000, 7000] })], true)).toBe('covered');
    expect(flowCoverage(tcp6443, [rule({ dir: 'ingress', proto: 'tcp', peer: '10.0.64.0/18', ports: [6444, 7000] })], true)).toBe('missing');
    expect(flowCoverage(tcp6443, [rule({ dir: 'ingress', proto: 'tcp', peer: '10.0.64.0/18', ports: [6443, 6443], sourcePorts: [1024, 65535] })], true)).toBe('missing');
    expect(flowCoverage(tcp6443, [rule({ dir: 'ingress', proto: 'udp', peer: '10.0.64.0/18' })], true)).toBe('missing');
    expect(flowCoverage(tcp6443, [rule({ dir: 'egress', proto: 'tcp', peer: '10.0.64.0/18' })], true)).toBe('missing');
    expect(flowCoverage(tcp6443, [rule({ dir: 'ingress', proto: 'all', peer: '0.0.0.0/0' })], true)).toBe('covered');
  });

  it('TCP/ALL is covered by TCP without ports or 1-65535, not by one port', () => {
    const all = flow({ direction: 'egress', protocol: 6, ports: { min: 1, max: 65535 } });
    expect(flowCoverage(all, [rule({ dir: 'egress', proto: 'tcp', peer: '10.0.64.0/18' })], true)).toBe('covered');
    expect(flowCoverage(all, [rule({ dir: 'egress', proto: 'tcp', peer: '10.0.64.0/18', ports: [1, 65535] })], true)).toBe('covered');
    expect(flowCoverage(all, [rule({ dir: 'egress', proto: 'tcp', peer: '10.0.64.0/18', ports: [443, 443] })], true)).toBe('missing');
  });

  it('ICMP: no type covers type 3 code 4; type 3 without code covers it; another code or type does not; 3/4 does not cover all ICMP', () => {
    const pmtu = flow({ direction: 'ingress', protocol: 1, icmp: { type: 3, code: 4 } });
    const allIcmp = flow({ direction: 'ingress', protocol: 1 });
    const r = (icmp?: { type: number; code?: number }) => [rule({ dir: 'ingress', proto: 'icmp', peer: '10.0.64.0/18', icmp })];
    expect(flowCoverage(pmtu, r(), true)).toBe('covered');
    expect(flowCoverage(pmtu, r({ type: 3 }), true)).toBe('covered');
    expect(flowCoverage(pmtu, r({ type: 3, code: 4 }), true)).toBe('covered');
    expect(flowCoverage(pmtu, r({ type: 3, code: 1 }), true)).toBe('missing');
    expect(flowCoverage(pmtu, r({ type: 8 }), true)).toBe('missing');
    expect(flowCoverage(allIcmp, r({ type: 3, code: 4 }), true)).toBe('missing');
    expect(flowCoverage(allIcmp, r(), true)).toBe('covered');
  });

  it('stateless rules need the replies allowed too; one-way ICMP 3/4 does not', () => {
    const fwd = rule({ dir: 'ingress', proto: 'tcp', peer: '10.0.64.0/18', ports: [6443, 6443], stateless: true });
    expect(flowCoverage(tcp6443, [fwd], true)).toBe('missing');
    expect(flowCoverage(tcp6443, [fwd, rule({ dir: 'egress', proto: 'tcp', peer: '10.0.64.0/18', sourcePorts: [6443, 6443], stateless: true })], true)).toBe('covered');
    expect(flowCoverage(tcp6443, [fwd, rule({ dir: 'egress', proto: 'tcp', peer: '10.0.64.0/18', ports: [6443, 6443], stateless: true })], true)).toBe('missing');
    expect(flowCoverage(tcp6443, [fwd, rule({ dir: 'egress', proto: 'all', peer: '0.0.0.0/0', stateless: true })], true)).toBe('covered');
    expect(flowCoverage(tcp6443, [fwd], false)).toBe('unknown');
    const pmtu = flow({ direction: 'ingress', protocol: 1, icmp: { type: 3, code: 4 } });
    expect(flowCoverage(pmtu, [rule({ dir: 'ingress', proto: 'icmp', peer: '0.0.0.0/0', icmp: { type: 3, code: 4 }, stateless: true })], true)).toBe('covered');
  });
});

describe('properties', () => {
  const arbCidr = fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
    .map(([n, p]) => parseRuleCidr(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${p}`) as Cidr);
  const arbRange = fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
  const arbIcmp = fc.option(fc.record({ type: fc.integer({ min: 0, max: 8 }), code: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) }), { nil: undefined });
  const arbRule: fc.Arbitrary<SecurityRule> = fc.record({
    direction: fc.constantFrom('ingress' as const, 'egress' as const),
    protocol: fc.constantFrom('all' as const, 1, 6, 17),
    stateless: fc.boolean(),
    peer: fc.oneof(
      arbCidr.map((c) => ({ kind: 'cidr' as const, cidr: c })),
      fc.constantFrom({ kind: 'service' as const, label: OSN }, { kind: 'nsg' as const, nsg: 'workers-nsg' }, { kind: 'nsg' as const, nsg: 'other' }),
    ),
    destinationPorts: fc.option(arbRange, { nil: undefined }),
    sourcePorts: fc.option(arbRange, { nil: undefined }),
    icmp: arbIcmp,
    at: fc.constant({ '': { kind: 'file' as const, file: 'p', line: 1, column: 1 } }),
  });
  const arbGroup: fc.Arbitrary<PeerGroup> = fc.record({
    label: fc.constant('g'),
    cidrs: fc.option(fc.array(arbCidr, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    within: fc.array(arbCidr, { maxLength: 2 }),
    nsgs: fc.subarray(['workers-nsg', 'api-nsg']),
  });
  const arbFlow: fc.Arbitrary<Flow> = fc.record({
    direction: fc.constantFrom('ingress' as const, 'egress' as const),
    protocol: fc.constantFrom('all' as const, 1, 6, 17),
    ports: fc.option(arbRange, { nil: undefined }),
    icmp: arbIcmp,
    peer: fc.oneof(arbGroup.map((group) => ({ kind: 'group' as const, group })), fc.constantFrom({ kind: 'services' as const }, { kind: 'anywhere' as const })),
  });
  const RANK = { missing: 0, unknown: 1, covered: 2 } as const;

  it('adding a rule never makes a verdict worse (missing < unknown < covered)', () => {
    fc.assert(
      fc.property(arbFlow, fc.array(arbRule, { maxLength: 6 }), arbRule, fc.boolean(), (f, rules, extra, complete) => {
        const before = flowCoverage(f, rules, complete);
        const after = flowCoverage(f, [...rules, extra], complete);
        expect({ before, after, worse: RANK[after] < RANK[before] }).toEqual({ before, after, worse: false });
      }),
    );
  });

  it('an all-protocols 0.0.0.0/0 stateful ingress+egress pair covers every flow; so does a stateless pair', () => {
    fc.assert(
      fc.property(arbFlow, fc.boolean(), fc.boolean(), (f, stateless, complete) => {
        const pair = (['ingress', 'egress'] as const).map((dir) => rule({ dir, proto: 'all', peer: '0.0.0.0/0', stateless }));
        expect(flowCoverage(f, pair, complete)).toBe('covered');
      }),
    );
  });

  it('more information never turns covered into anything else: complete inputs agree with incomplete ones when covered', () => {
    fc.assert(
      fc.property(arbFlow, fc.array(arbRule, { maxLength: 6 }), (f, rules) => {
        const incomplete = flowCoverage(f, rules, false);
        const complete = flowCoverage(f, rules, true);
        if (incomplete === 'covered') expect(complete).toBe('covered');
        if (complete === 'missing') expect(incomplete).toBe('unknown');
      }),
    );
  });
});
