/**
 * Security lists as OCI's API describes them (oci-core SecurityList: ingressSecurityRules,
 * egressSecurityRules; each rule protocol, source|destination, sourceType|destinationType,
 * isStateless, tcpOptions/udpOptions.destinationPortRange|sourcePortRange.{min,max},
 * icmpOptions.{type,code}), read by API path through an OciResource, so any format that spells
 * those paths (OCI CLI JSON in kebab case) reads them the same way.
 */
import type { SecurityList } from '../../core/model.js';
import { IP_PROTOCOL } from '../../core/facts.js';
import { isPort, parseProtocol, rulePeer, type Direction, type IcmpMatch, type PortRange, type RuleForm, type SecurityRule } from '../../core/security-rules/types.js';
import type { ApiPath, OciResource } from './oci-resources.js';
import type { Node } from './tree.js';

function scalar(o: OciResource, path: ApiPath): string | number | boolean | undefined {
  const v = o.value(path);
  return v?.kind === 'scalar' && v.value !== null ? (v.value as string | number | boolean) : undefined;
}

function portRange(o: OciResource, path: ApiPath): PortRange | undefined {
  const min = scalar(o, [...path, 'min']);
  const max = scalar(o, [...path, 'max']);
  if (o.value(path) === undefined) return undefined;
  if (typeof min !== 'number' || typeof max !== 'number' || !isPort(min) || !isPort(max) || min > max) {
    o.fp.add(o.value(path)?.at, `${o.label(path)}: expected min and max ports from 1 to 65535, min <= max`);
    return undefined;
  }
  return { min, max };
}

/** One rule at `path` (an item of a rule list); undefined, with a problem, when it cannot be read. */
export function readApiSecurityRule(o: OciResource, path: ApiPath, direction: Direction): SecurityRule | undefined {
  const node = o.value(path) as Node;
  const protocolText = scalar(o, [...path, 'protocol']);
  const protocol = typeof protocolText === 'string' || typeof protocolText === 'number' ? parseProtocol(protocolText) : undefined;
  const key = direction === 'ingress' ? 'source' : 'destination';
  const peerValue = scalar(o, [...path, key]);
  if (protocol === undefined || typeof peerValue !== 'string') {
    o.fp.add(node.at, `${o.label(path)}: expected a security rule with "protocol" and "${key}"`);
    return undefined;
  }
  const peerType = scalar(o, [...path, `${key}Type`]);
  const options = protocol === IP_PROTOCOL.udp ? 'udpOptions' : 'tcpOptions';
  const type = scalar(o, [...path, 'icmpOptions', 'type']);
  const code = scalar(o, [...path, 'icmpOptions', 'code']);
  const icmp: IcmpMatch | undefined = typeof type === 'number' ? { type, code: typeof code === 'number' ? code : undefined } : undefined;
  const description = scalar(o, [...path, 'description']);
  return {
    direction,
    protocol,
    stateless: scalar(o, [...path, 'isStateless']) === true,
    peer: rulePeer(peerValue, typeof peerType === 'string' ? peerType : undefined),
    destinationPorts: portRange(o, [...path, options, 'destinationPortRange']),
    sourcePorts: portRange(o, [...path, options, 'sourcePortRange']),
    icmp,
    description: typeof description === 'string' ? description : undefined,
    at: { '': o.fp.location(node.at) },
  };
}

function readRules(o: OciResource, listPath: ApiPath, modelField: string, direction: Direction): SecurityRule[] {
  const list = o.field(modelField, listPath);
  if (list === undefined) return [];
  if (list.kind !== 'seq') {
    o.fp.add(list.at, `${o.label(listPath)}: expected a list of security rules`);
    return [];
  }
  return list.items.map((_, i) => readApiSecurityRule(o, [...listPath, i], direction)).filter((r): r is SecurityRule => r !== undefined);
}

/** A security list resource (oci network security-list get / list). */
export function readSecurityListResource(o: OciResource, form: RuleForm): SecurityList {
  return {
    ref: o.ref,
    name: o.name,
    ocid: o.ocid,
    compartmentId: o.string('compartmentId', ['compartmentId']),
    rules: [
      ...readRules(o, ['ingressSecurityRules'], 'ingressSecurityRules', 'ingress'),
      ...readRules(o, ['egressSecurityRules'], 'egressSecurityRules', 'egress'),
    ],
    form,
    at: o.at,
  };
}
