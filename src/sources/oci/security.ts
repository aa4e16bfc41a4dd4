/**
 * Security lists (oci-core SecurityList: ingressSecurityRules/egressSecurityRules) and NSG rules
 * (ListNetworkSecurityGroupSecurityRules: SecurityRule with direction) from the API -> the model's
 * SecurityList / NetworkSecurityGroup. Pure functions over the SDK's plain data. Field meanings:
 * Core API (20160918) IngressSecurityRule, EgressSecurityRule, SecurityRule, TcpOptions,
 * UdpOptions, IcmpOptions. A rule oke-cni cannot read (an unknown protocol, no source) marks the
 * holder incomplete: what it would have allowed is not checked, never counted as missing.
 */
import type { models as core } from 'oci-core';
import { IP_PROTOCOL } from '../../core/facts.js';
import type { Location, NetworkSecurityGroup, SecurityList } from '../../core/model.js';
import { isPort, parseProtocol, rulePeer, type Direction, type PortRange, type SecurityRule } from '../../core/security-rules/types.js';

export const SECURITY_RESOURCE_TYPES = { securityList: 'security list', nsg: 'network security group' } as const;

interface ApiRule {
  protocol: string;
  source?: string | undefined;
  sourceType?: string | undefined;
  destination?: string | undefined;
  destinationType?: string | undefined;
  isStateless?: boolean | undefined;
  tcpOptions?: core.TcpOptions | undefined;
  udpOptions?: core.UdpOptions | undefined;
  icmpOptions?: core.IcmpOptions | undefined;
  description?: string | undefined;
}

function range(r: core.PortRange | undefined): PortRange | undefined | 'bad' {
  if (r === undefined || r === null) return undefined;
  return isPort(r.min) && isPort(r.max) && r.min <= r.max ? { min: r.min, max: r.max } : 'bad';
}

/** One API rule; a string saying why when it cannot be read. */
function mapRule(rule: ApiRule, direction: Direction, at: Location): SecurityRule | string {
  const protocol = parseProtocol(rule.protocol ?? '');
  const peerValue = direction === 'ingress' ? rule.source : rule.destination;
  const peerType = direction === 'ingress' ? rule.sourceType : rule.destinationType;
  if (protocol === undefined) return `a rule with protocol "${String(rule.protocol)}"`;
  if (peerValue === undefined || peerValue === '') return `a rule without ${direction === 'ingress' ? 'source' : 'destination'}`;
  const options = protocol === IP_PROTOCOL.udp ? rule.udpOptions : protocol === IP_PROTOCOL.tcp ? rule.tcpOptions : undefined;
  const destinationPorts = range(options?.destinationPortRange);
  const sourcePorts = range(options?.sourcePortRange);
  if (destinationPorts === 'bad' || sourcePorts === 'bad') return 'a rule with a port range outside 1-65535';
  const icmp = rule.icmpOptions && typeof rule.icmpOptions.type === 'number' ? { type: rule.icmpOptions.type, code: rule.icmpOptions.code ?? undefined } : undefined;
  return {
    direction,
    protocol,
    stateless: rule.isStateless === true,
    peer: rulePeer(peerValue, peerType),
    destinationPorts,
    sourcePorts,
    icmp,
    description: rule.description,
    at: { '': at },
  };
}

function mapRules(items: ReadonlyArray<{ rule: ApiRule; direction: Direction }>, at: Location): { rules: SecurityRule[]; incomplete: string | undefined } {
  const rules: SecurityRule[] = [];
  const unread: string[] = [];
  for (const { rule, direction } of items) {
    const mapped = mapRule(rule, direction, at);
    if (typeof mapped === 'string') unread.push(mapped);
    else rules.push(mapped);
  }
  return { rules, incomplete: unread.length > 0 ? `oke-cni cannot read ${[...new Set(unread)].join(', ')}` : undefined };
}

export function mapSecurityList(list: core.SecurityList): SecurityList {
  const at: Location = { kind: 'oci', resourceType: SECURITY_RESOURCE_TYPES.securityList, ocid: list.id, name: list.displayName };
  const { rules, incomplete } = mapRules(
    [
      ...(list.ingressSecurityRules ?? []).map((rule) => ({ rule, direction: 'ingress' as const })),
      ...(list.egressSecurityRules ?? []).map((rule) => ({ rule, direction: 'egress' as const })),
    ],
    at,
  );
  return { ref: list.id, name: list.displayName ?? list.id, ocid: list.id, compartmentId: list.compartmentId, rules, form: 'oci', incomplete, at: { '': at } };
}

/** An NSG known by its rules only (ListNetworkSecurityGroupSecurityRules; the NSG object itself is not read): named by its OCID. */
export function mapNsgRules(nsgId: string, items: readonly core.SecurityRule[]): NetworkSecurityGroup {
  const at: Location = { kind: 'oci', resourceType: SECURITY_RESOURCE_TYPES.nsg, ocid: nsgId };
  const known = items.filter((r) => r.direction === 'INGRESS' || r.direction === 'EGRESS');
  const { rules, incomplete } = mapRules(
    known.map((rule) => ({ rule, direction: rule.direction === 'INGRESS' ? ('ingress' as const) : ('egress' as const) })),
    at,
  );
  const odd = items.length - known.length;
  const why = [incomplete, odd > 0 ? `${odd} rule${odd === 1 ? '' : 's'} with a direction that is neither INGRESS nor EGRESS` : undefined].filter((w) => w !== undefined);
  return { ref: nsgId, name: nsgId, ocid: nsgId, rules, form: 'oci', incomplete: why.length > 0 ? why.join('; ') : undefined, at: { '': at } };
}
