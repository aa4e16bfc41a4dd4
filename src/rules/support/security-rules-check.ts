/**
 * The security-rule check of one lint run, shared by two rules: pod-subnet-security-rules reports
 * each required rule nothing covers; not-checked says once per cluster which required rules the
 * inputs could not decide. The tables and the coverage check are pure, in core/security-rules;
 * this gathers each VNIC group's rules (its subnet's security lists and its NSGs) and words findings.
 */
import type { Cidr } from '../../core/cidr.js';
import { locate, type Cluster, type Location, type Model, type ModelIndex, type NetworkSecurityGroup, type NodePool, type NotKnown, type SecurityList, type Subnet } from '../../core/model.js';
import {
  allowsForward,
  checkRequiredRules,
  requiredCheckCount,
  type ClusterPeers,
  type Flow,
  type PeerGroup,
  type RequiredCheck,
  type SecurityRule,
  type TargetRole,
} from '../../core/security-rules/index.js';
import type { RuleReport } from '../../core/rule.js';
import type { RuleContext } from '../types.js';
import { isVcnNative, poolLabel, singlePodSubnet } from './scope.js';
import { describeTraffic, ruleToAdd, servicesLabel, type PeerValue, type RuleContainer } from './security-rule-text.js';


/** A subnet's CIDR blocks: a VNIC's address may come from any of them. */
function subnetCidrs(subnet: Subnet): Cidr[] {
  return subnet.cidrBlocks;
}

/** One set of VNICs whose rules are checked: the endpoint, or the worker nodes / pods of some pools. */
interface Target {
  role: TargetRole;
  label: string;
  subnet: Subnet | undefined;
  /** The subnet as the input names it: set and `subnet` undefined when the inputs do not hold it. */
  subnetRef: string | undefined;
  nsgIds: readonly string[];
  /** NSG lists the input leaves unknown (a plan's nsg_ids known only after apply). */
  unknownNsgs: NotKnown[];
  pools: NodePool[];
}

function byRefAndOcid<T extends { ref: string; ocid?: string | undefined }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    map.set(item.ref, item);
    if (item.ocid !== undefined) map.set(item.ocid, item);
  }
  return map;
}

interface Lookup {
  lists: Map<string, SecurityList>;
  nsgs: Map<string, NetworkSecurityGroup>;
  index: ModelIndex;
}

/** The rules that apply to a target's VNICs, and what of them the inputs do not hold. */
function rulesOf(target: Target, look: Lookup): { rules: SecurityRule[]; lists: SecurityList[]; nsgs: NetworkSecurityGroup[]; gaps: string[] } {
  const rules: SecurityRule[] = [];
  const lists: SecurityList[] = [];
  const nsgs: NetworkSecurityGroup[] = [];
  const gaps: string[] = [];
  if (target.subnet === undefined && target.subnetRef !== undefined) gaps.push(`the security lists of subnet ${target.subnetRef} (the subnet is not in the inputs)`);
  if (target.subnet) {
    const ids = target.subnet.securityListIds;
    if (ids === undefined) {
      const why = target.subnet.unknown?.securityListIds;
      gaps.push(`the security lists of subnet "${target.subnet.name}" (${why ? `${why.field}: ${why.reason}` : 'securityListIds not given'})`);
    }
    for (const id of ids ?? []) {
      const list = look.lists.get(id);
      if (list) {
        lists.push(list);
        rules.push(...list.rules.map((r) => canonicalPeer(r, look)));
        if (list.incomplete !== undefined) gaps.push(`some rules of security list ${list.name} (${list.incomplete})`);
      } else gaps.push(`security list ${id} of subnet "${target.subnet.name}" (not in the inputs)`);
    }
  }
  for (const unknown of target.unknownNsgs) gaps.push(`the NSGs of the ${target.label} (${unknown.field}: ${unknown.reason})`);
  for (const id of target.nsgIds) {
    const nsg = look.nsgs.get(id);
    if (nsg) {
      nsgs.push(nsg);
      rules.push(...nsg.rules.map((r) => canonicalPeer(r, look)));
      if (nsg.incomplete !== undefined) gaps.push(`some rules of NSG ${nsg.name} (${nsg.incomplete})`);
    } else gaps.push(`NSG ${id} of the ${target.label} (not in the inputs)`);
  }
  return { rules, lists, nsgs, gaps };
}

/** An NSG is named by its ref or its OCID (a plan's state holds OCIDs, its new objects addresses): compare by ref. */
function canonicalNsgId(id: string, look: Lookup): string {
  return look.nsgs.get(id)?.ref ?? id;
}

function canonicalPeer(rule: SecurityRule, look: Lookup): SecurityRule {
  if (rule.peer.kind !== 'nsg') return rule;
  const nsg = canonicalNsgId(rule.peer.nsg, look);
  return nsg === rule.peer.nsg ? rule : { ...rule, peer: { kind: 'nsg', nsg } };
}

function groupLabel(role: TargetRole, cluster: Cluster, pools: readonly NodePool[], subnet: Subnet | undefined): string {
  const where = subnet ? ` (subnet "${subnet.name}", ${subnetCidrs(subnet).map((c) => c.text).join(', ')})` : '';
  if (role === 'endpoint') return `Kubernetes API endpoint of cluster ${cluster.name}${where}`;
  const names = pools.map((p) => poolLabel(cluster, p)).join(', ');
  return `${role === 'workers' ? 'worker nodes' : 'pods'} of ${names}${where}`;
}

/** Endpoint, worker and pod targets of one cluster: pools with the same subnet and NSGs share one. */
function targetsOf(cluster: Cluster, pools: readonly NodePool[], index: ModelIndex, look: Lookup): { endpoint: Target | undefined; workers: Target[]; pods: Target[] } {
  const group = (role: 'workers' | 'pods', pick: (p: NodePool) => Array<{ subnet: string; nsgIds: string[] }>): Target[] => {
    const byKey = new Map<string, Target>();
    const nsgField = role === 'workers' ? 'nsgIds' : 'podNsgIds';
    for (const pool of pools) {
      const unknownNsgs = pool.unknown?.[nsgField];
      for (const at of pick(pool)) {
        const nsgIds = at.nsgIds.map((id) => canonicalNsgId(id, look));
        const key = JSON.stringify([at.subnet, [...nsgIds].sort(), unknownNsgs ? pool.name : '']);
        const existing = byKey.get(key);
        if (existing) existing.pools.push(pool);
        else byKey.set(key, { role, label: '', subnet: index.subnet(at.subnet), subnetRef: at.subnet, nsgIds, unknownNsgs: unknownNsgs ? [unknownNsgs] : [], pools: [pool] });
      }
    }
    const targets = [...byKey.values()];
    for (const t of targets) t.label = groupLabel(role, cluster, t.pools, t.subnet);
    return targets;
  };
  // A pool placing nodes in several worker subnets (one per availability domain) has a worker group in each.
  const workers = group('workers', (p) => p.workerSubnets.map((subnet) => ({ subnet, nsgIds: p.nsgIds })));
  const pods = group('pods', (p) => {
    const podSubnet = singlePodSubnet(p);
    return podSubnet === undefined ? [] : [{ subnet: podSubnet, nsgIds: p.podNsgIds }];
  });
  const endpointSubnet = cluster.endpointSubnet === undefined ? undefined : index.subnet(cluster.endpointSubnet);
  const endpointNsgs = (cluster.endpointNsgIds ?? []).map((id) => canonicalNsgId(id, look));
  const unknownEndpointNsgs = cluster.unknown?.endpointNsgIds;
  const endpoint =
    endpointSubnet !== undefined || endpointNsgs.length > 0
      ? {
          role: 'endpoint' as const,
          label: groupLabel('endpoint', cluster, [], endpointSubnet),
          subnet: endpointSubnet,
          subnetRef: cluster.endpointSubnet,
          nsgIds: endpointNsgs,
          unknownNsgs: unknownEndpointNsgs ? [unknownEndpointNsgs] : [],
          pools: [],
        }
      : undefined;
  return { endpoint, workers, pods };
}

function peerGroup(target: Target | undefined, vcnCidrs: readonly Cidr[], fallbackLabel: string): PeerGroup {
  return {
    label: target?.label ?? fallbackLabel,
    cidrs: target?.subnet ? subnetCidrs(target.subnet) : undefined,
    within: vcnCidrs,
    nsgs: target?.nsgIds ?? [],
  };
}

function flowPeerText(flow: Flow, services: string): string {
  if (flow.peer.kind === 'anywhere') return '0.0.0.0/0 (anywhere)';
  if (flow.peer.kind === 'services') return `all OCI services (${services})`;
  return `the ${flow.peer.group.label}`;
}

/** The source/destination values to write for a missing rule: one per CIDR block of the peer. */
function peerValues(flow: Flow, container: RuleContainer, services: string): PeerValue[] {
  if (flow.peer.kind === 'anywhere') return [{ value: '0.0.0.0/0', type: 'CIDR_BLOCK' }];
  if (flow.peer.kind === 'services') return [{ value: services, type: 'SERVICE_CIDR_BLOCK' }];
  const group = flow.peer.group;
  if (group.cidrs !== undefined && group.cidrs.length > 0) return group.cidrs.map((c) => ({ value: c.text, type: 'CIDR_BLOCK' }));
  if (container.kind === 'nsg' && group.nsgs.length > 0) return [{ value: group.nsgs[0] as string, type: 'NETWORK_SECURITY_GROUP' }];
  return [{ value: `<CIDR of the ${group.label}>`, type: 'CIDR_BLOCK' }];
}

function containerOf(lists: readonly SecurityList[], nsgs: readonly NetworkSecurityGroup[]): { container: RuleContainer; at: (dir: 'ingress' | 'egress') => Location } | undefined {
  // OCI recommends NSGs: add to the target's first NSG, else to its subnet's first security list.
  const nsg = nsgs[0];
  if (nsg) return { container: { kind: 'nsg', name: nsg.name, ocid: nsg.ocid, form: nsg.form }, at: () => locate(nsg.at, 'rules') };
  const list = lists[0];
  if (list) {
    return {
      container: { kind: 'securityList', name: list.name, ocid: list.ocid, form: list.form },
      at: (dir) => locate(list.at, dir === 'ingress' ? 'ingressSecurityRules' : 'egressSecurityRules'),
    };
  }
  return undefined;
}


function serviceLabelsOf(model: Model): string[] {
  const labels: string[] = [];
  for (const holder of [...(model.securityLists ?? []), ...(model.networkSecurityGroups ?? [])]) {
    for (const r of holder.rules) if (r.peer.kind === 'service') labels.push(r.peer.label);
  }
  return labels;
}

/** How to supply the security rules, in the words of the input the cluster came from. */
function howToSupply(cluster: Cluster): string {
  const dialect = (cluster.vocabulary ?? cluster.nodePools[0]?.vocabulary)?.input.dialect;
  if (dialect === 'terraform') {
    return (
      'Supply the rules: in the plan, the oci_core_security_list (or oci_core_default_security_list) resources of the subnets\' ' +
      'security_list_ids and the oci_core_network_security_group_security_rule resources of the NSGs; for lists and NSGs that exist ' +
      'already, lint with --live, or add the output of "oci network security-list get" to the files.'
    );
  }
  if (dialect === 'oci-cli') {
    return (
      'Supply the rules: add the output of "oci network security-list get" for each list the subnets name to the files, or lint ' +
      'with --live (it reads the lists and the NSGs\' rules; OCI CLI output of NSG rules is not read).'
    );
  }
  if (locate(cluster.at).kind === 'oci') {
    return (
      "Live, each subnet's security lists (GetSecurityList) and each NSG's rules (ListNetworkSecurityGroupSecurityRules) are read; " +
      'a list or NSG that OCI does not name or refuses to show (see the other notes) is not checked: give the profile read access to ' +
      'virtual-network-family.'
    );
  }
  return (
    'Supply the rules: securityLists, networkSecurityGroups and each subnet\'s securityListIds in the config ' +
    '(docs/rules.md#pod-subnet-security-rules); for lists and NSGs named by OCID, lint with --live.'
  );
}

export interface SecurityRulesCheck {
  /** One per required rule nothing covers (pod-subnet-security-rules). */
  missing: RuleReport[];
  /** One per cluster with required rules the inputs cannot decide (not-checked). */
  notChecked: RuleReport[];
}

const cache = new WeakMap<Model, SecurityRulesCheck>();

/** The check of `ctx`'s model, computed once for both rules that read it. */
export function securityRulesOf(ctx: Pick<RuleContext, 'model' | 'index'>): SecurityRulesCheck {
  let result = cache.get(ctx.model);
  if (!result) {
    result = checkSecurityRules(ctx.model, ctx.index);
    cache.set(ctx.model, result);
  }
  return result;
}

function checkSecurityRules(model: Model, index: ModelIndex): SecurityRulesCheck {
  const result: SecurityRulesCheck = { missing: [], notChecked: [] };
  const report = (r: RuleReport): void => void result.missing.push(r);
    const look: Lookup = {
      lists: byRefAndOcid(model.securityLists ?? []),
      nsgs: byRefAndOcid(model.networkSecurityGroups ?? []),
      index,
    };
    const services = servicesLabel(serviceLabelsOf(model));
    for (const cluster of model.clusters) {
      if (!isVcnNative(cluster)) continue;
      // Virtual nodes follow their own rules (no worker VNICs of the cluster's own); see docs.
      const pools = cluster.nodePools.filter((p) => p.type !== 'virtual');
      if (pools.length === 0) continue;
      const vcnCidrs = index.vcn(cluster.vcn)?.cidrBlocks ?? [];
      const { endpoint, workers, pods } = targetsOf(cluster, pools, index, look);
      const peers: ClusterPeers = {
        endpoint: [peerGroup(endpoint, vcnCidrs, `Kubernetes API endpoint of cluster ${cluster.name} (subnet not given)`)],
        workers: workers.map((t) => peerGroup(t, vcnCidrs, t.label)),
        pods: pods.map((t) => peerGroup(t, vcnCidrs, t.label)),
      };
      const gaps: string[] = [];
      let unchecked = 0;
      let total = 0;
      // Whether any rule source of the cluster's VNICs is in the inputs: a security list or NSG
      // they name, or a subnet's list of security lists (even an empty one).
      let anySecurityData = false;
      const unknownEndpoint = cluster.unknown?.endpointSubnet;
      if (unknownEndpoint !== undefined && cluster.endpointSubnet === undefined) {
        gaps.push(`the Kubernetes API endpoint's subnet (${unknownEndpoint.field}: ${unknownEndpoint.reason})`);
      } else if (cluster.endpointSubnet !== undefined && index.subnet(cluster.endpointSubnet) === undefined) {
        gaps.push(`the Kubernetes API endpoint subnet ${cluster.endpointSubnet} (not in the inputs)`);
      } else if (endpoint === undefined) {
        gaps.push(`the Kubernetes API endpoint's subnet or NSGs (endpointSubnet, endpointNsgIds not given)`);
      }
      for (const target of [...(endpoint ? [endpoint] : []), ...workers, ...pods]) {
        const found = rulesOf(target, look);
        gaps.push(...found.gaps);
        if (found.lists.length > 0 || found.nsgs.length > 0 || target.subnet?.securityListIds !== undefined) anySecurityData = true;
        if (found.rules.length === 0 && found.gaps.length > 0) {
          // No rule at all and some not in the inputs: every check is unknown (flowCoverage), so count
          // them without making each flow (a cluster of many subnets has targets x peer groups of them).
          const n = requiredCheckCount(target.role, peers);
          total += n;
          unchecked += n;
          continue;
        }
        const checks = checkRequiredRules(target.role, found.rules, found.gaps.length === 0, peers);
        total += checks.length;
        const missing = checks.filter((c) => c.coverage === 'missing');
        unchecked += checks.filter((c) => c.coverage === 'unknown').length;
        if (missing.length === 0) continue;
        const where = containerOf(found.lists, found.nsgs);
        for (const check of missing) report(missingFinding(cluster, target, check, found, where, services));
      }
      if (!anySecurityData) {
        // Nothing to check against (a capacity-only config, OCI CLI JSON of the cluster and pools
        // alone, a plan without the network): one short note per cluster, never a "missing" rule.
        result.notChecked.push({
          subject: cluster,
          location: locate(cluster.at),
          message:
            `cluster ${cluster.name}: pod-subnet-security-rules not checked: ` +
            (locate(cluster.at).kind === 'oci'
              ? 'OCI named no security lists or NSG rules of its subnets and NSGs'
              : 'the inputs hold no security lists or NSG rules of its subnets and NSGs'),
          remediation: howToSupply(cluster),
          verbatim: true,
        });
      } else if (unchecked > 0 || endpoint === undefined) {
        result.notChecked.push({
          subject: cluster,
          location: locate(cluster.at),
          message:
            `cluster ${cluster.name}: pod-subnet-security-rules not checked for ` +
            (total > 0 ? `${unchecked} of ${total} required security rules` : 'any required security rule') +
            (endpoint === undefined ? ' and the Kubernetes API endpoint\'s own' : '') +
            ', for want of' +
            ` ${[...new Set(gaps)].join('; ')}`,
          remediation: howToSupply(cluster),
          // It names each input's own keys on purpose.
          verbatim: true,
        });
      }
    }
  return result;
}

/** A plan's resource by its address (module.x.oci_core_security_list.y["k"]): its type is the part before the name. */
function terraformResource(address: string): { address: string; type: string } {
  const type = /(?:^|\.)(oci_[a-z0-9_]+)\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?$/.exec(address)?.[1] ?? '';
  return { address, type };
}

function missingFinding(
  cluster: Cluster,
  target: Target,
  check: RequiredCheck,
  found: { rules: SecurityRule[]; lists: SecurityList[]; nsgs: NetworkSecurityGroup[] },
  where: ReturnType<typeof containerOf>,
  services: string,
): RuleReport {
  const { required, flow } = check;
  const traffic = describeTraffic(required.protocol, required.ports, required.icmp);
  const dir = required.direction === 'ingress' ? 'from' : 'to';
  const holders = [
    found.lists.length > 0 ? `security list${found.lists.length > 1 ? 's' : ''} ${found.lists.map((l) => l.name).join(', ')}` : undefined,
    found.nsgs.length > 0 ? `NSG${found.nsgs.length > 1 ? 's' : ''} ${found.nsgs.map((n) => n.name).join(', ')}` : undefined,
  ].filter((h) => h !== undefined);
  // A stateless rule allows the packets one way only: say so, or "no rule allows it" would read as wrong.
  const oneWay = found.rules.some((r) => r.stateless && allowsForward(r, flow) === true);
  const reason = oneWay
    ? `a stateless rule of ${holders.join(' or ')} allows it, but no ${required.direction === 'ingress' ? 'egress' : 'ingress'} rule allows its replies`
    : holders.length > 0
      ? `no rule of ${holders.join(' or ')} allows it`
      : 'it has no security rules';
  const message =
    `the ${target.label} ${target.role === 'endpoint' ? 'lacks' : 'lack'} a required ${required.direction} rule: ${traffic} ${dir} ${flowPeerText(flow, services)} ` +
    `("${required.description}"; ${reason})`;
  const subject: NodePool | Cluster = target.pools[0] ?? cluster;
  if (where === undefined) {
    const at = target.subnet ? locate(target.subnet.at, 'securityListIds') : locate(cluster.at, 'endpointSubnet');
    return { subject, location: at, message };
  }
  const fields = peerValues(flow, where.container, services).map((peer) => ({
    direction: required.direction,
    protocol: required.protocol,
    peer,
    ports: required.ports,
    icmp: required.icmp,
  }));
  // On a plan the fix goes into the list's or NSG's own resource: that is where the finding stands (--tf-dir, JSON, SARIF).
  const resource = where.container.form === 'terraform' ? terraformResource(where.container.name) : undefined;
  return { subject, location: where.at(required.direction), message, remediation: ruleToAdd(where.container, fields, required.id), resource };
}

