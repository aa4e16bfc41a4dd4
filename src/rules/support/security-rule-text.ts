/**
 * A required security rule written the way the user's input writes rules, for "the rule to add":
 * an oke-cni YAML list item, a Terraform block or resource, or OCI CLI/API JSON. Also how messages
 * name a flow ("TCP port 6443 from ..."). Wording only; what is required lives in core/security-rules.
 */
import { ALL_SERVICES_LABEL, ALL_SERVICES_LABEL_TEMPLATE, IP_PROTOCOL, MAX_PORT, MIN_PORT } from '../../core/facts.js';
import type { Direction, Flow, PortRange, Protocol, RuleForm } from '../../core/security-rules/index.js';
import { protocolName, protocolOciText } from '../../core/security-rules/index.js';

/** Where a rule would be added: a security list or an NSG, named as its input names it. */
export interface RuleContainer {
  kind: 'securityList' | 'nsg';
  name: string;
  ocid?: string | undefined;
  form: RuleForm;
}

/** The source/destination to write: a CIDR, a service label or an NSG. */
export interface PeerValue {
  value: string;
  type: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK' | 'NETWORK_SECURITY_GROUP';
}

const isAllPorts = (r: PortRange | undefined): boolean => r === undefined || (r.min <= MIN_PORT && r.max >= MAX_PORT);
const portText = (r: PortRange): string => (r.min === r.max ? `port ${r.min}` : `ports ${r.min}-${r.max}`);

/** "all protocols", "TCP port 6443", "TCP (all ports)", "ICMP type 3 code 4", "ICMP (all types)". */
export function describeTraffic(protocol: Protocol, ports: PortRange | undefined, icmp: Flow['icmp']): string {
  if (protocol === 'all') return 'all protocols';
  const name = protocolName(protocol).toUpperCase();
  if (protocol === IP_PROTOCOL.tcp || protocol === IP_PROTOCOL.udp) return isAllPorts(ports) ? `${name} (all ports)` : `${name} ${portText(ports as PortRange)}`;
  if (protocol === IP_PROTOCOL.icmp || protocol === IP_PROTOCOL.icmpv6) {
    if (icmp === undefined) return `${name} (all types)`;
    return icmp.code === undefined ? `${name} type ${icmp.type}` : `${name} type ${icmp.type} code ${icmp.code}`;
  }
  return `protocol ${name}`;
}

/** The all-services label in the region the inputs' own labels use, else with <region> to fill in. */
export function servicesLabel(labelsSeen: Iterable<string>): string {
  for (const label of labelsSeen) {
    if (ALL_SERVICES_LABEL.test(label)) return label;
    const region = /^oci-([a-z0-9-]+)-objectstorage$/i.exec(label)?.[1];
    if (region) return `all-${region}-services-in-oracle-services-network`;
  }
  return ALL_SERVICES_LABEL_TEMPLATE;
}

interface RuleFields {
  direction: Direction;
  protocol: Protocol;
  peer: PeerValue;
  ports?: PortRange | undefined;
  icmp?: Flow['icmp'];
}

const peerKey = (d: Direction): 'source' | 'destination' => (d === 'ingress' ? 'source' : 'destination');
const hasPorts = (p: Protocol): boolean => p === IP_PROTOCOL.tcp || p === IP_PROTOCOL.udp;
const portsKey = (p: Protocol): 'tcpOptions' | 'udpOptions' => (p === IP_PROTOCOL.udp ? 'udpOptions' : 'tcpOptions');

/** oke-cni YAML: one block-style list item for ingressSecurityRules/egressSecurityRules or an NSG's rules. */
function yamlRule(r: RuleFields, nsg: boolean, indent: string): string {
  const key = peerKey(r.direction);
  const parts: string[] = [];
  if (nsg) parts.push(`direction: ${r.direction.toUpperCase()}`);
  parts.push(`protocol: ${protocolName(r.protocol)}`, `${key}: ${r.peer.value}`);
  if (r.peer.type !== 'CIDR_BLOCK') parts.push(`${key}Type: ${r.peer.type}`);
  if (hasPorts(r.protocol) && !isAllPorts(r.ports)) {
    const p = r.ports as PortRange;
    parts.push(`${portsKey(r.protocol)}: { destinationPortRange: { min: ${p.min}, max: ${p.max} } }`);
  }
  if (r.icmp) parts.push(`icmpOptions: { type: ${r.icmp.type}${r.icmp.code === undefined ? '' : `, code: ${r.icmp.code}`} }`);
  return parts.map((p, i) => `${indent}${i === 0 ? '- ' : '  '}${p}`).join('\n');
}

/** OCI API / CLI JSON of one rule (SecurityList ingress/egress rule, or an NSG AddSecurityRuleDetails). */
function jsonRule(r: RuleFields, nsg: boolean): Record<string, unknown> {
  const key = peerKey(r.direction);
  const out: Record<string, unknown> = {};
  if (nsg) out.direction = r.direction.toUpperCase();
  out.protocol = protocolOciText(r.protocol);
  out[key] = r.peer.value;
  out[`${key}Type`] = r.peer.type;
  out.isStateless = false;
  if (hasPorts(r.protocol) && !isAllPorts(r.ports)) {
    const p = r.ports as PortRange;
    out[portsKey(r.protocol)] = { destinationPortRange: { min: p.min, max: p.max } };
  }
  if (r.icmp) out.icmpOptions = r.icmp.code === undefined ? { type: r.icmp.type } : { type: r.icmp.type, code: r.icmp.code };
  return out;
}

/** A Terraform resource address as its module instance ('' for the root module) and the address inside it. */
function splitModule(address: string): { module: string; local: string } {
  const m = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)(.+)$/.exec(address);
  return { module: (m?.[1] ?? '').replace(/\.$/, ''), local: m?.[2] ?? address };
}

/**
 * How a Terraform rule in `module` names a peer NSG: its OCID, or the .id of a resource of the same
 * module (another module's NSG is not in scope there: its OCID is to be filled in).
 */
function terraformNsgId(value: string, module: string): string {
  if (value.startsWith('ocid1.')) return `"${value}"`;
  const peer = splitModule(value);
  return peer.module === module ? `${peer.local}.id` : `"<OCID of ${value}>"`;
}

/** Terraform: the body lines shared by a security list's rule block and an NSG rule resource. */
function terraformBody(r: RuleFields, nsgResource: boolean, indent: string, module: string): string[] {
  const key = peerKey(r.direction);
  const peer = r.peer.type === 'NETWORK_SECURITY_GROUP' ? terraformNsgId(r.peer.value, module) : `"${r.peer.value}"`;
  const lines = [`${indent}protocol = "${protocolOciText(r.protocol)}"`, `${indent}${key} = ${peer}`, `${indent}${key}_type = "${r.peer.type}"`];
  if (hasPorts(r.protocol) && !isAllPorts(r.ports)) {
    const p = r.ports as PortRange;
    const block = r.protocol === IP_PROTOCOL.udp ? 'udp_options' : 'tcp_options';
    // Security list blocks put min/max straight in tcp_options; NSG rules nest destination_port_range.
    lines.push(
      nsgResource
        ? `${indent}${block} {\n${indent}  destination_port_range {\n${indent}    min = ${p.min}\n${indent}    max = ${p.max}\n${indent}  }\n${indent}}`
        : `${indent}${block} {\n${indent}  min = ${p.min}\n${indent}  max = ${p.max}\n${indent}}`,
    );
  }
  if (r.icmp) lines.push(`${indent}icmp_options {\n${indent}  type = ${r.icmp.type}${r.icmp.code === undefined ? '' : `\n${indent}  code = ${r.icmp.code}`}\n${indent}}`);
  return lines;
}

/** A Terraform resource name from an address part and a rule id: this["pods"]_pods-egress-services-tcp -> this_pods_pods_egress_services_tcp. */
const tfName = (text: string): string => text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(?=\d)/, '_');

/** The rule to add, in the container's own input form, with one line saying where it goes. */
export function ruleToAdd(container: RuleContainer, rules: readonly RuleFields[], ruleId: string): string {
  const nsg = container.kind === 'nsg';
  const direction = rules[0]?.direction ?? 'ingress';
  const listKey = direction === 'ingress' ? 'ingressSecurityRules' : 'egressSecurityRules';
  const id = container.ocid ?? `<OCID of ${container.name}>`;
  switch (container.form) {
    case 'oke-cni':
      return nsg
        ? `Add to the rules of NSG "${container.name}":\n${rules.map((r) => yamlRule(r, true, '  ')).join('\n')}`
        : `Add to ${listKey} of security list "${container.name}":\n${rules.map((r) => yamlRule(r, false, '  ')).join('\n')}`;
    case 'terraform': {
      // A plan names security lists and NSGs by resource address: the rule goes into that resource's module.
      const { module, local } = splitModule(container.name);
      const inModule = module === '' ? '' : ` in ${module}`;
      if (nsg) {
        const name = tfName(`${local.replace(/^[^.]+\./, '')}_${ruleId}`);
        return `Add to the Terraform configuration${inModule}:\n${rules
          .map((r, i) =>
            [
              `resource "oci_core_network_security_group_security_rule" "${name}${rules.length > 1 ? `_${i + 1}` : ''}" {`,
              `  network_security_group_id = ${container.ocid ? `"${container.ocid}"` : `${local}.id`}`,
              `  direction = "${r.direction.toUpperCase()}"`,
              ...terraformBody(r, true, '  ', module),
              '}',
            ].join('\n'),
          )
          .join('\n')}`;
      }
      const block = direction === 'ingress' ? 'ingress_security_rules' : 'egress_security_rules';
      return `Add to resource ${local}${inModule}:\n${rules.map((r) => [`  ${block} {`, ...terraformBody(r, false, '    ', module), '  }'].join('\n')).join('\n')}`;
    }
    case 'oci-cli':
    case 'oci': {
      const json = rules.map((r) => JSON.stringify(jsonRule(r, nsg)));
      return nsg
        ? `Add with: oci network nsg rules add --nsg-id ${id} --security-rules '[${json.join(', ')}]'`
        : `Add to the ${direction} rules of security list ${container.name} (oci network security-list update --security-list-id ${id} --${direction}-security-rules takes the whole list: the current rules and this one):\n  ${json.join('\n  ')}`;
    }
  }
}
