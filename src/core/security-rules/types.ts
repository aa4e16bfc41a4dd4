/**
 * OCI security rules as the model holds them, whatever the input (oke-cni config, Terraform plan,
 * OCI CLI JSON, live API): one shape for security-list rules and NSG rules. Pure data.
 */
import { parseCidr, type Cidr } from '../cidr.js';
import { IP_PROTOCOL, MAX_PORT, MIN_PORT } from '../facts.js';
import type { Positions } from '../model.js';

export type Direction = 'ingress' | 'egress';

/** An IANA protocol number (1 ICMP, 6 TCP, 17 UDP, 58 ICMPv6, ...), or every protocol. */
export type Protocol = 'all' | number;

/** Inclusive port range, MIN_PORT..MAX_PORT. */
export interface PortRange {
  min: number;
  max: number;
}

/** ICMP type and code; an unset code means every code of the type. */
export interface IcmpMatch {
  type: number;
  code?: number | undefined;
}

/** The other end of a rule: its source (ingress) or destination (egress). */
export type RulePeer =
  | { kind: 'cidr'; cidr: Cidr }
  /** A service CIDR label, e.g. all-iad-services-in-oracle-services-network (SERVICE_CIDR_BLOCK). */
  | { kind: 'service'; label: string }
  /** NETWORK_SECURITY_GROUP: the ref of an NSG in the model, or an OCID no input defines. */
  | { kind: 'nsg'; nsg: string }
  /** Anything else (an IPv6 CIDR, text that is not a CIDR): kept for messages, covers no IPv4 rule. */
  | { kind: 'other'; text: string };

export interface SecurityRule {
  direction: Direction;
  protocol: Protocol;
  /** OCI isStateless; unset means stateful. */
  stateless: boolean;
  peer: RulePeer;
  /** TCP/UDP destination ports; undefined = all. */
  destinationPorts?: PortRange | undefined;
  /** TCP/UDP source ports; undefined = all. */
  sourcePorts?: PortRange | undefined;
  /** ICMP/ICMPv6 type and code; undefined = all types. */
  icmp?: IcmpMatch | undefined;
  description?: string | undefined;
  at: Positions;
}

/** The input form a security list or NSG came from: fixes how "the rule to add" is written. */
export type RuleForm = 'oke-cni' | 'terraform' | 'oci-cli' | 'oci';

const PROTOCOL_NAMES: Record<string, Protocol> = {
  all: 'all',
  icmp: IP_PROTOCOL.icmp,
  tcp: IP_PROTOCOL.tcp,
  udp: IP_PROTOCOL.udp,
  icmpv6: IP_PROTOCOL.icmpv6,
};

/** OCI's protocol text ("all", "6") or a name (tcp, udp, icmp, icmpv6); undefined when neither. */
export function parseProtocol(value: string | number): Protocol | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 255 ? value : undefined;
  const text = value.trim().toLowerCase();
  const named = PROTOCOL_NAMES[text];
  if (named !== undefined) return named;
  return /^\d{1,3}$/.test(text) && Number(text) <= 255 ? Number(text) : undefined;
}

/** How messages and YAML snippets name a protocol. */
export function protocolName(p: Protocol): string {
  if (p === 'all') return 'all';
  const name = Object.entries(PROTOCOL_NAMES).find(([, n]) => n === p)?.[0];
  return name ?? String(p);
}

/** OCI's own text for a protocol ("all", "6"), as the API, the CLI and Terraform take it. */
export function protocolOciText(p: Protocol): string {
  return p === 'all' ? 'all' : String(p);
}

export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_PORT && n <= MAX_PORT;
}

/**
 * A security rule's CIDR: any prefix /0 to /32. OCI matches a rule's CIDR as a network, so host bits
 * (10.0.1.5/24) are dropped to the network they belong to. Undefined when it is not an IPv4 CIDR.
 */
export function parseRuleCidr(text: string): Cidr | undefined {
  const m = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})\s*$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
  const parsed = parseCidr(`${dotted}/${prefix}`, { anyPrefix: true });
  return parsed.ok ? parsed.cidr : undefined;
}

/** A peer from OCI's (source|destination, sourceType|destinationType) pair. */
export function rulePeer(value: string, type: string | undefined): RulePeer {
  const text = value.trim();
  const t = (type ?? '').trim().toUpperCase();
  if (t === 'NETWORK_SECURITY_GROUP') return { kind: 'nsg', nsg: text };
  if (t === 'SERVICE_CIDR_BLOCK') return { kind: 'service', label: text };
  const cidr = parseRuleCidr(text);
  if (cidr) return { kind: 'cidr', cidr };
  // OCI defaults the type to CIDR_BLOCK; a label written without its type is still a label.
  if (t === '' && /^(all|oci)-[a-z0-9-]+$/i.test(text)) return { kind: 'service', label: text };
  return { kind: 'other', text };
}

export function peerText(peer: RulePeer): string {
  switch (peer.kind) {
    case 'cidr':
      return peer.cidr.text;
    case 'service':
      return peer.label;
    case 'nsg':
      return peer.nsg;
    case 'other':
      return peer.text;
  }
}
