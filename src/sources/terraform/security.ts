/**
 * Security rules in a Terraform plan, for pod-subnet-security-rules: oci_core_security_list and
 * oci_core_default_security_list (ingress_security_rules / egress_security_rules blocks with
 * tcp_options {min, max, source_port_range}, udp_options, icmp_options {type, code}, stateless),
 * oci_core_network_security_group with its oci_core_network_security_group_security_rule
 * resources (direction, source/destination and their _type, tcp_options.destination_port_range),
 * which security lists each oci_core_subnet has (security_list_ids; without them, the default
 * security list of its VCN), and the cluster's endpoint_config (subnet_id, nsg_ids). Attribute
 * names as in oracle/terraform-provider-oci internal/service/core (core_security_list_resource.go,
 * core_network_security_group_security_rule_resource.go, core_subnet_resource.go) and
 * containerengine_cluster_resource.go.
 *
 * Names and refs are resource addresses. A value known only after apply is traced through the
 * configuration (expressions.ts) as far as the plan determines it; a rule whose value the plan
 * does not determine makes its list or NSG incomplete (its rows are "not checked"), never a
 * guess. The node pools' nsg_ids and pod_nsg_ids are read with the pools (oci-resources.ts).
 * Subnets and clusters are read on the same TfResource their reader used, so what is unknown
 * lands in the model object's own `unknown`. Not read: data sources of security lists and NSGs
 * (data.oci_core_security_lists, data.oci_core_network_security_groups): a list or NSG they
 * stand for is "not in the inputs", its rows not checked.
 */
import type { Cluster, Location, NetworkSecurityGroup, NotKnown, SecurityList, Subnet } from '../../core/model.js';
import { IP_PROTOCOL } from '../../core/facts.js';
import { isPort, parseProtocol, rulePeer, type Direction, type PortRange, type SecurityRule } from '../../core/security-rules/types.js';
import type { Draft } from '../file/draft.js';
import type { FileProblems } from '../file/problems.js';
import { at, type MapNode, type Node } from '../file/tree.js';
import { looksLikeOcid } from '../file/values.js';
import type { Resolver } from './expressions.js';
import type { PlanIndex, PlannedResource } from './plan-index.js';
import { AFTER_APPLY, TfResource } from './resource.js';

const LIST_TYPES = new Set(['oci_core_security_list', 'oci_core_default_security_list']);
const NSG_TYPE = 'oci_core_network_security_group';
const NSG_RULE_TYPE = 'oci_core_network_security_group_security_rule';

/** True where after_unknown marks anything under `node` as known only after apply. */
function anyUnknown(node: Node | undefined): boolean {
  if (node === undefined) return false;
  if (node.kind === 'scalar') return node.value === true;
  if (node.kind === 'seq') return node.items.some(anyUnknown);
  for (const e of node.entries.values()) if (anyUnknown(e.value)) return true;
  return false;
}

/** The first item of a nested block (the plan writes a block as a list of one map). */
function block(node: Node | undefined, key: string): MapNode | undefined {
  const v = at(node, key);
  const first = v?.kind === 'seq' ? v.items[0] : v;
  return first?.kind === 'map' ? first : undefined;
}

function num(node: Node | undefined, key: string): number | undefined {
  const v = at(node, key);
  return v?.kind === 'scalar' && typeof v.value === 'number' ? v.value : undefined;
}

function text(node: Node | undefined, key: string): string | undefined {
  const v = at(node, key);
  return v?.kind === 'scalar' && typeof v.value === 'string' && v.value !== '' ? v.value : undefined;
}

/** min/max of a port-range block; 'bad' when they are not ports. */
function ports(range: MapNode | undefined): PortRange | undefined | 'bad' {
  if (range === undefined) return undefined;
  const min = num(range, 'min');
  const max = num(range, 'max');
  if (min === undefined && max === undefined) return undefined;
  return min !== undefined && max !== undefined && isPort(min) && isPort(max) && min <= max ? { min, max } : 'bad';
}

interface RuleRead {
  rule?: SecurityRule;
  /** Why the rule cannot be read (then it is left out and its holder is incomplete). */
  why?: string;
}

/**
 * One rule map: a security list block (tcp_options { min, max, source_port_range }) or an NSG rule
 * resource's values (tcp_options { destination_port_range, source_port_range }).
 */
function readRule(values: MapNode, direction: Direction, label: string, at0: Location, nsgStyle: boolean, peerOverride?: string): RuleRead {
  const protocolText = text(values, 'protocol');
  const protocol = protocolText === undefined ? undefined : parseProtocol(protocolText);
  if (protocol === undefined) return { why: `${label}.protocol ${protocolText === undefined ? 'is not in the planned values' : `"${protocolText}" is not a protocol oke-cni reads`}` };
  const key = direction === 'ingress' ? 'source' : 'destination';
  const peerValue = peerOverride ?? text(values, key);
  if (peerValue === undefined) return { why: `${label}.${key} is not in the planned values (${AFTER_APPLY})` };
  const optionsKey = protocol === IP_PROTOCOL.udp ? 'udp_options' : protocol === IP_PROTOCOL.tcp ? 'tcp_options' : undefined;
  const options = optionsKey === undefined ? undefined : block(values, optionsKey);
  const destinationPorts = ports(nsgStyle ? block(options, 'destination_port_range') : options);
  const sourcePorts = ports(block(options, 'source_port_range'));
  if (destinationPorts === 'bad' || sourcePorts === 'bad') return { why: `${label}.${optionsKey}: ports outside 1-65535 or min above max` };
  const icmpBlock = block(values, 'icmp_options');
  const type = num(icmpBlock, 'type');
  const stateless = at(values, 'stateless');
  const description = text(values, 'description');
  return {
    rule: {
      direction,
      protocol,
      stateless: stateless?.kind === 'scalar' && stateless.value === true,
      peer: rulePeer(peerValue, text(values, `${key}_type`)),
      destinationPorts,
      sourcePorts,
      icmp: type === undefined ? undefined : { type, code: num(icmpBlock, 'code') },
      description,
      at: { '': at0 },
    },
  };
}

function incompleteText(reasons: readonly string[]): string | undefined {
  if (reasons.length === 0) return undefined;
  const shown = reasons.slice(0, 3).join('; ');
  return reasons.length > 3 ? `${shown}; and ${reasons.length - 3} more` : shown;
}

/** A security list (or a VCN's default one) of the plan. */
function readSecurityList(res: PlannedResource, plan: PlanIndex, fp: FileProblems): SecurityList | undefined {
  // Read once: a big plan's index parses values each time they are asked for (plan-index.ts).
  const values = res.values;
  if (values === undefined) return undefined;
  const afterUnknown = plan.changes.get(res.address)?.afterUnknown;
  const reasons: string[] = [];
  const rules: SecurityRule[] = [];
  const positions: SecurityList['at'] = { '': fp.location(res.addressAt) };
  for (const [key, direction, field] of [
    ['ingress_security_rules', 'ingress', 'ingressSecurityRules'],
    ['egress_security_rules', 'egress', 'egressSecurityRules'],
  ] as const) {
    const entry = values.entries.get(key);
    if (entry) positions[field] = fp.location(entry.keyAt);
    const unknown = at(afterUnknown, key);
    // The whole list known only after apply (a dynamic block over an unknown collection).
    if (unknown?.kind === 'scalar' && unknown.value === true) reasons.push(`${res.address}.${key}: ${AFTER_APPLY}`);
    const list = entry?.value;
    if (list?.kind !== 'seq') continue;
    list.items.forEach((item, i) => {
      if (item.kind !== 'map') return;
      const label = `${res.address}.${key}[${i}]`;
      // A port or ICMP value left out of planned values would read as "all": the rule is unknown instead.
      if (anyUnknown(at(unknown, i))) {
        reasons.push(`${label}: some values ${AFTER_APPLY}`);
        return;
      }
      const read = readRule(item, direction, label, fp.location(item.at), false);
      if (read.rule) rules.push(read.rule);
      else if (read.why) reasons.push(read.why);
    });
  }
  const id = text(values, 'id');
  return { ref: res.address, name: res.address, ocid: id, compartmentId: text(values, 'compartment_id'), rules, form: 'terraform', incomplete: incompleteText(reasons), at: positions };
}

/** A subnet or cluster of the plan with the TfResource its reader read it from. */
export interface ReadObjects {
  subnets: Array<{ subnet: Subnet; o: TfResource }>;
  clusters: Array<{ cluster: Cluster; o: TfResource }>;
}

export function readTerraformSecurity(plan: PlanIndex, resolver: Resolver, fp: FileProblems, draft: Draft, read: ReadObjects): void {
  const tf = (res: PlannedResource): TfResource => new TfResource(res, plan, resolver, fp, plan.changes.get(res.address)?.afterUnknown);
  const lists: SecurityList[] = [];
  /** VCN address or OCID -> the ref of its default security list (a list of the plan, or the OCID the VCN names). */
  const defaultListOf = new Map<string, string>();
  /** manage_default_resource_id of each oci_core_default_security_list: the VCN it refers to, or the list's OCID. */
  const managedDefault = new Map<string, string>();
  for (const res of plan.managed) {
    if (!LIST_TYPES.has(res.type)) continue;
    const list = readSecurityList(res, plan, fp);
    if (!list) continue;
    lists.push(list);
    if (res.type === 'oci_core_default_security_list') {
      // manage_default_resource_id = oci_core_vcn.x.default_security_list_id resolves to that VCN's instance.
      const managed = tf(res).reference('manageDefault', ['manageDefaultResourceId']);
      if (managed) managedDefault.set(managed.text, list.ref);
      if (list.ocid) managedDefault.set(list.ocid, list.ref);
    }
  }
  for (const res of [...plan.managed, ...plan.data]) {
    const values = res.type === 'oci_core_vcn' ? res.values : undefined;
    if (values === undefined) continue;
    const defaultId = text(values, 'default_security_list_id');
    const listRef = managedDefault.get(res.address) ?? (defaultId ? managedDefault.get(defaultId) : undefined) ?? defaultId;
    if (listRef === undefined) continue;
    defaultListOf.set(res.address, listRef);
    const ocid = text(values, 'id');
    if (ocid) defaultListOf.set(ocid, listRef);
  }

  const nsgs = readNsgs(plan, fp, tf);
  if (lists.length > 0) (draft.securityLists ??= []).push(...lists);
  if (nsgs.length > 0) (draft.networkSecurityGroups ??= []).push(...nsgs);
  const listRefs = new Set(lists.flatMap((l) => [l.ref, ...(l.ocid ? [l.ocid] : [])]));
  for (const { subnet, o } of read.subnets) readSubnetLists(subnet, o, plan, defaultListOf, listRefs, draft);
  for (const { cluster, o } of read.clusters) readEndpoint(o, cluster, plan, draft);
}

/** Attributes of an NSG rule resource whose after_unknown makes the rule unknown (the peer is traced separately). */
const NSG_RULE_VALUES = ['direction', 'protocol', 'stateless', 'tcp_options', 'udp_options', 'icmp_options'];

/** NSGs of the plan, each with the rules of the rule resources that name it. */
function readNsgs(plan: PlanIndex, fp: FileProblems, tf: (res: PlannedResource) => TfResource): NetworkSecurityGroup[] {
  const nsgs: NetworkSecurityGroup[] = [];
  const byId = new Map<string, NetworkSecurityGroup>();
  for (const res of plan.managed) {
    if (res.type !== NSG_TYPE) continue;
    const values = res.values;
    const nsg: NetworkSecurityGroup = {
      ref: res.address,
      name: res.address,
      ocid: text(values, 'id'),
      compartmentId: text(values, 'compartment_id'),
      rules: [],
      form: 'terraform',
      at: { '': fp.location(res.addressAt), rules: fp.location(res.addressAt) },
    };
    nsgs.push(nsg);
    byId.set(nsg.ref, nsg);
    if (nsg.ocid) byId.set(nsg.ocid, nsg);
  }
  const reasons = new Map<NetworkSecurityGroup, string[]>();
  const unattached: string[] = [];
  for (const res of plan.managed) {
    const values = res.type === NSG_RULE_TYPE ? res.values : undefined;
    if (values === undefined) continue;
    const o = tf(res);
    const owner = o.reference('nsg', ['networkSecurityGroupId']);
    if (!owner) {
      unattached.push(`${res.address}.network_security_group_id: ${o.unknown['nsg']?.reason ?? AFTER_APPLY}`);
      continue;
    }
    const nsg = byId.get(owner.text);
    // A rule of an NSG the plan does not hold: that NSG stays "not in the inputs".
    if (!nsg) continue;
    const why = (reason: string): void => {
      const list = reasons.get(nsg);
      if (list) list.push(reason);
      else reasons.set(nsg, [reason]);
    };
    const afterUnknown = plan.changes.get(res.address)?.afterUnknown;
    const unknownKey = NSG_RULE_VALUES.find((k) => anyUnknown(at(afterUnknown, k)));
    if (unknownKey !== undefined) {
      why(`${res.address}.${unknownKey}: ${AFTER_APPLY}`);
      continue;
    }
    const dirText = text(values, 'direction')?.toUpperCase();
    if (dirText !== 'INGRESS' && dirText !== 'EGRESS') {
      why(`${res.address}.direction ${dirText === undefined ? 'is not in the planned values' : `"${dirText}" is neither INGRESS nor EGRESS`}`);
      continue;
    }
    const direction: Direction = dirText === 'INGRESS' ? 'ingress' : 'egress';
    const key = direction === 'ingress' ? 'source' : 'destination';
    // An NSG as the peer is usually oci_core_network_security_group.x.id, unknown until apply: the
    // instance its expression refers to stands for it; one the plan does not determine leaves the rule unknown.
    let peer: string | undefined;
    if (text(values, key) === undefined && text(values, `${key}_type`) === 'NETWORK_SECURITY_GROUP') {
      const ref = o.reference('peer', [key]);
      if (!ref) {
        why(`${res.address}.${key}: ${o.unknown['peer']?.reason ?? AFTER_APPLY}`);
        continue;
      }
      peer = byId.get(ref.text)?.ref ?? ref.text;
    }
    const read = readRule(values, direction, res.address, fp.location(res.addressAt), true, peer);
    if (read.rule) nsg.rules.push(read.rule);
    else if (read.why) why(read.why);
  }
  for (const nsg of nsgs) {
    // A rule resource whose NSG the plan does not determine could belong to any of them.
    const all = [...(reasons.get(nsg) ?? []), ...unattached.map((u) => `${u}, so it may be a rule of this NSG`)];
    nsg.incomplete = incompleteText(all);
  }
  return nsgs;
}

/**
 * security_list_ids of a subnet: the known ids, else the lists its expression refers to; not set
 * in the configuration, the default security list of its VCN (OCI gives a subnet created without
 * lists that one). Its unknowns land in the subnet's own `unknown` (o is the subnet's TfResource).
 */
function readSubnetLists(
  subnet: Subnet,
  o: TfResource,
  plan: PlanIndex,
  defaultListOf: ReadonlyMap<string, string>,
  listRefs: ReadonlySet<string>,
  draft: Draft,
): void {
  const path = ['securityListIds'];
  const field = o.label(path);
  let texts: string[];
  const expressed = o.expressed(path);
  if (o.value(path) !== undefined || expressed === true) {
    const refs = o.references('securityListIds', path);
    if (o.unknown['securityListIds'] !== undefined) return;
    // oci_core_vcn.x.default_security_list_id refers to the VCN: its default list.
    texts = refs.map((r) => (plan.resource(r.text)?.type === 'oci_core_vcn' ? (defaultListOf.get(r.text) ?? `${r.text}.default_security_list_id`) : r.text));
  } else {
    const here = subnet.at[''] as Location;
    if (expressed === undefined) {
      // No configuration to tell "not set" from "not known yet" (a data source read during apply).
      o.unknown['securityListIds'] = { field, reason: 'not in the planned values, so known only after apply', at: here };
      return;
    }
    const vcn = o.reference('vcn', ['vcnId']);
    const list = vcn && defaultListOf.get(vcn.text);
    if (!list) {
      o.unknown['securityListIds'] = {
        field,
        reason:
          `not set, so the subnet has the default security list of ${vcn?.text ?? 'its VCN'}, which the plan does not hold ` +
          '(manage it with an oci_core_default_security_list resource, or lint with --live)',
        at: here,
      };
      return;
    }
    texts = [list];
  }
  const ids = [...texts];
  subnet.securityListIds = ids;
  ids.forEach((t, i) => {
    // An OCID of a list no input holds is kept as it is (its rows not checked); the type is checked like every OCID.
    if (looksLikeOcid(t) && !listRefs.has(t)) {
      draft.refs.push({ kind: 'securityList', text: t, at: o.at[`securityListIds[${i}]`] ?? subnet.at['securityListIds'] ?? (subnet.at[''] as Location), field: `${field}[${i}]`, set: (ref) => (ids[i] = ref) });
    }
  });
}

/** endpoint_config[0].subnet_id and nsg_ids of a cluster: the Kubernetes API endpoint's VNICs. */
function readEndpoint(o: TfResource, cluster: Cluster, plan: PlanIndex, draft: Draft): void {
  if (o.value(['endpointConfig']) === undefined && !o.configured(['endpointConfig'])) return;
  // Unknown and untraceable: reference() records why in the cluster's own `unknown`.
  const subnet = o.reference('endpointSubnet', ['endpointConfig', 'subnetId']);
  if (subnet) {
    cluster.endpointSubnet = subnet.text;
    // A subnet of the plan or an OCID (an existing subnet, for --live to read) is resolved like the pools' subnets;
    // anything else stays as it is, and its security rules are "not checked".
    const type = plan.resource(subnet.text)?.type;
    if (looksLikeOcid(subnet.text) || type === 'oci_core_subnet') {
      draft.refs.push({ kind: 'subnet', text: subnet.text, at: subnet.at, field: subnet.field, set: (ref) => (cluster.endpointSubnet = ref) });
    }
  }
  const nsgRefs = o.references('endpointNsgIds', ['endpointConfig', 'nsgIds']);
  if (o.unknown['endpointNsgIds'] === undefined) cluster.endpointNsgIds = nsgRefs.map((r) => r.text);
}
