/**
 * Is a required rule covered by a set of security rules? Pure. OCI's semantics (Networking "Security
 * Rules" page): a rule for all protocols covers every protocol; a rule's CIDR covers every address in
 * it (0.0.0.0/0 all of them, OSN included); a port range covers the ports in it; an ICMP rule
 * without type covers every type, a type without code every code; the service label "All <region>
 * Services in Oracle Services Network" covers OSN (the Object Storage label does not); an NSG as
 * source/destination covers the VNICs in that NSG. A stateful rule allows the replies of its flow;
 * a stateless one needs a rule for the replies too. A VNIC's traffic is allowed when any rule of its
 * subnet's security lists or of its NSGs allows it (the union), so callers pass all of them at once.
 */
import { cidrContains, type Cidr } from '../cidr.js';
import { ALL_SERVICES_LABEL, IP_PROTOCOL, MAX_PORT, MIN_PORT } from '../facts.js';
import { requiredRulesFor, type RequiredRule, type TargetRole } from './required.js';
import type { Direction, IcmpMatch, PortRange, Protocol, RulePeer, SecurityRule } from './types.js';

/** One set of VNICs at the other end of a flow: the endpoint, one pool's worker nodes, one pool's pods. */
export interface PeerGroup {
  /** How messages name it, e.g. 'the worker nodes of prod/general (subnet "workers", 10.0.0.0/20)'. */
  label: string;
  /** The CIDR blocks its VNICs take addresses from; undefined when the inputs do not say. */
  cidrs: readonly Cidr[] | undefined;
  /** CIDRs known to hold it when `cidrs` is unknown (its VCN's blocks). */
  within: readonly Cidr[];
  /** Refs of the NSGs its VNICs are in. */
  nsgs: readonly string[];
}

export type FlowPeer = { kind: 'group'; group: PeerGroup } | { kind: 'services' } | { kind: 'anywhere' };

/** Traffic one VNIC must be allowed: from the peer (ingress) or to it (egress). */
export interface Flow {
  direction: Direction;
  protocol: Protocol;
  /** TCP/UDP destination ports; undefined = all. */
  ports?: PortRange | undefined;
  /** ICMP type/code; undefined = every type. */
  icmp?: IcmpMatch | undefined;
  peer: FlowPeer;
}

export type Coverage = 'covered' | 'missing' | 'unknown';

/** true, false, or 'unknown' when the inputs do not tell (a peer whose addresses are unknown). */
type Match = boolean | 'unknown';

const ALL_PORTS: PortRange = { min: MIN_PORT, max: MAX_PORT };

function rangeContains(outer: PortRange | undefined, inner: PortRange | undefined): boolean {
  const o = outer ?? ALL_PORTS;
  const i = inner ?? ALL_PORTS;
  return o.min <= i.min && i.max <= o.max;
}

const isFullRange = (r: PortRange | undefined): boolean => rangeContains(r, ALL_PORTS);
const hasPorts = (p: Protocol): boolean => p === IP_PROTOCOL.tcp || p === IP_PROTOCOL.udp;
const isIcmp = (p: Protocol): boolean => p === IP_PROTOCOL.icmp || p === IP_PROTOCOL.icmpv6;

export function peerCovers(peer: RulePeer, target: FlowPeer): Match {
  const everywhere = peer.kind === 'cidr' && peer.cidr.prefix === 0;
  if (target.kind === 'anywhere') return everywhere;
  if (target.kind === 'services') return everywhere || (peer.kind === 'service' && ALL_SERVICES_LABEL.test(peer.label.trim()));
  const group = target.group;
  if (peer.kind === 'nsg') return group.nsgs.includes(peer.nsg);
  if (peer.kind !== 'cidr') return false;
  if (group.cidrs !== undefined && group.cidrs.length > 0) return group.cidrs.every((c) => cidrContains(peer.cidr, c));
  if (everywhere || (group.within.length > 0 && group.within.every((c) => cidrContains(peer.cidr, c)))) return true;
  return 'unknown';
}


/** Does `rule` allow the flow's packets in the flow's direction? */
export function allowsForward(rule: SecurityRule, flow: Flow): Match {
  if (rule.direction !== flow.direction) return false;
  let protocol: boolean;
  if (rule.protocol === 'all') protocol = true;
  else if (flow.protocol === 'all' || rule.protocol !== flow.protocol) protocol = false;
  else if (hasPorts(flow.protocol)) protocol = rangeContains(rule.destinationPorts, flow.ports) && isFullRange(rule.sourcePorts);
  else if (isIcmp(flow.protocol)) protocol = icmpCovers(rule.icmp, flow.icmp);
  else protocol = true;
  return protocol ? peerCovers(rule.peer, flow.peer) : false;
}

function icmpCovers(rule: IcmpMatch | undefined, wanted: IcmpMatch | undefined): boolean {
  if (rule === undefined) return true;
  if (wanted === undefined || rule.type !== wanted.type) return false;
  return rule.code === undefined || rule.code === wanted.code;
}

/** Does `rule` allow the replies of the flow (the opposite direction, from the flow's ports)? */
export function allowsReplies(rule: SecurityRule, flow: Flow): Match {
  if (rule.direction === flow.direction) return false;
  let protocol: boolean;
  if (rule.protocol === 'all') protocol = true;
  else if (flow.protocol === 'all' || rule.protocol !== flow.protocol) protocol = false;
  // Replies come from the flow's destination ports and go to any (ephemeral) port.
  else if (hasPorts(flow.protocol)) protocol = isFullRange(rule.destinationPorts) && rangeContains(rule.sourcePorts, flow.ports);
  else if (isIcmp(flow.protocol)) protocol = rule.icmp === undefined;
  else protocol = true;
  return protocol ? peerCovers(rule.peer, flow.peer) : false;
}

/**
 * ICMP messages of one type (type 3 code 4 "fragmentation needed") are one-way: nothing replies to
 * them, so a stateless rule for them needs no return rule. Every other flow has replies.
 */
export function hasReplies(flow: Flow): boolean {
  return !(isIcmp(flow.protocol) && flow.icmp !== undefined);
}

/**
 * Whether `rules` allow `flow`: 'covered'; 'missing'; or 'unknown' when it is not covered by what is
 * known but could be (`complete` false: some of the VNIC's security lists or NSGs are not in the
 * inputs; or a rule's reach depends on an address the inputs do not give).
 */
export function flowCoverage(flow: Flow, rules: readonly SecurityRule[], complete: boolean): Coverage {
  let forwardStateless: Match = false;
  let unknown = !complete;
  for (const rule of rules) {
    const m = allowsForward(rule, flow);
    if (m === true && (!rule.stateless || !hasReplies(flow))) return 'covered';
    if (m === true) forwardStateless = true;
    else if (m === 'unknown') unknown = true;
  }
  if (forwardStateless === true) {
    let replies: Match = false;
    for (const rule of rules) {
      const m = allowsReplies(rule, flow);
      if (m === true) return 'covered';
      if (m === 'unknown') replies = 'unknown';
    }
    if (replies === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'missing';
}


/** The VNIC groups at the other end of a cluster's flows, by role. */
export interface ClusterPeers {
  endpoint: readonly PeerGroup[];
  workers: readonly PeerGroup[];
  pods: readonly PeerGroup[];
}

/** One required row against one peer group, and whether the target's rules cover it. */
export interface RequiredCheck {
  required: RequiredRule;
  flow: Flow;
  coverage: Coverage;
}

/** The flows a required row stands for: one per peer group of its role (workers of each pool, ...). */
export function flowsOf(required: RequiredRule, peers: ClusterPeers): Flow[] {
  const base = { direction: required.direction, protocol: required.protocol, ports: required.ports, icmp: required.icmp };
  if (required.peer === 'services' || required.peer === 'anywhere') return [{ ...base, peer: { kind: required.peer } }];
  return peers[required.peer].map((group) => ({ ...base, peer: { kind: 'group', group } }));
}

/** How many checks checkRequiredRules makes for `target` (flowsOf's count for each row), without making them. */
export function requiredCheckCount(target: TargetRole, peers: ClusterPeers): number {
  let n = 0;
  for (const required of requiredRulesFor(target)) n += required.peer === 'services' || required.peer === 'anywhere' ? 1 : peers[required.peer].length;
  return n;
}

/**
 * Every required row of `target`'s table against `rules` (the union of the target's security lists
 * and NSGs; `complete` false when some of them are not in the inputs), in table order.
 */
export function checkRequiredRules(target: TargetRole, rules: readonly SecurityRule[], complete: boolean, peers: ClusterPeers): RequiredCheck[] {
  const checks: RequiredCheck[] = [];
  for (const required of requiredRulesFor(target)) {
    for (const flow of flowsOf(required, peers)) checks.push({ required, flow, coverage: flowCoverage(flow, rules, complete) });
  }
  return checks;
}
