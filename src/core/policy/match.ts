/**
 * Does a tenancy's IAM policy grant the OKE cluster principal what VCN-native pod networking
 * needs? Matched as OCI matches (oci-facts-2026.md section 5.2, from "Policy Syntax", "Policy
 * Reference", "Details for the Core Services" and "How Policies Work"):
 * - verbs are ordered inspect < read < use < manage, a higher one includes the lower;
 * - a family covers its members, all-resources covers every type;
 * - `in tenancy` covers every compartment; `in compartment X` covers X and its descendants
 *   ("Compartments inherit any policies from their parent compartment");
 * - a compartment name or path (A:B) is resolved from the policy's attachment compartment;
 * - `where` conditions: `=`/`!=`, `any {}` (or), `all {}` (and), matched regardless of case
 *   ("Condition matching is case insensitive"), patterns /x*\/, /*x/, /*x*\/.
 * Three answers, never a guess: a clause the tool cannot evaluate (tags, time, target.*, a
 * subject it cannot resolve) makes the statement `undecidable`, never `satisfied`. `any-group`
 * is not proven to cover the cluster principal (OCI's OKE examples all use any-user): undecidable.
 */
import type { AllowStatement, Condition, ParsedStatement, Value, Verb } from './parse.js';
import { parseStatement, VERBS } from './parse.js';

/**
 * Aggregate resource types and their members ("Details for the Core Services",
 * https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/corepolicyreference.htm,
 * updated 2024-11-06). Only the families that can hold what OKE's statements name.
 */
export const RESOURCE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  'virtual-network-family': [
    'byoiprange', 'capture-filters', 'cpes', 'cross-connect-groups', 'cross-connects', 'dhcp-options', 'drg-attachments', 'drg-object',
    'drg-route-distributions', 'drg-route-tables', 'drgs', 'internet-gateways', 'ipsec-connections', 'ipv6s', 'ipam', 'local-peering-gateways',
    'nat-gateways', 'network-security-groups', 'private-ips', 'publicippool', 'public-ips', 'remote-peering-connections', 'route-tables',
    'security-lists', 'service-gateways', 'subnets', 'vcns', 'virtual-circuits', 'vlans', 'vnic-attachments', 'vnics', 'vtaps',
  ],
  'instance-family': ['app-catalog-listing', 'console-histories', 'instances', 'instance-console-connection', 'instance-images', 'volume-attachments'],
};

/** "all-resources: all resource types" (Policy Reference). */
export const ALL_RESOURCES = 'all-resources';

/** A compartment as ListCompartments (and the tenancy) give it. */
export interface CompartmentNode {
  id: string;
  name: string;
  /** undefined for the tenancy (root compartment). */
  parentId?: string | undefined;
}

/** The tenancy's compartment tree; absent when the input has none (files). */
export interface CompartmentTree {
  rootId: string;
  byId: ReadonlyMap<string, CompartmentNode>;
}

export function compartmentTree(rootId: string, nodes: readonly CompartmentNode[]): CompartmentTree {
  return { rootId, byId: new Map(nodes.map((n) => [n.id.toLowerCase(), n])) };
}

/** What the cluster principal needs: `<verb> <resource> in compartment <compartmentId>`. */
export interface Requirement {
  verb: Verb;
  resourceType: string;
  /** The compartment the resources are in (an OCID). */
  compartmentId: string;
  /** The cluster's OCID, when known (a planned cluster has none yet). */
  clusterId?: string | undefined;
  /** The cluster's compartment (request.principal.compartment.id). */
  clusterCompartmentId?: string | undefined;
}

export type Verdict = { verdict: 'satisfied' } | { verdict: 'no'; reason: string } | { verdict: 'undecidable'; reason: string };

type Tri = true | false | 'unknown';

const lower = (s: string): string => s.toLowerCase();
const eq = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && lower(a) === lower(b);

/** Ancestors of a compartment, itself first, up to the root; undefined when the tree does not know it. */
function ancestry(tree: CompartmentTree, id: string): string[] | undefined {
  const chain: string[] = [];
  let cur = lower(id);
  for (let guard = 0; guard < 1000; guard++) {
    chain.push(cur);
    if (cur === lower(tree.rootId)) return chain;
    const node = tree.byId.get(cur);
    if (!node?.parentId) return node ? chain : undefined;
    cur = lower(node.parentId);
  }
  return undefined;
}

/** `compartment A:B` from the attachment compartment: A is the attachment compartment itself or one of its children. */
function resolvePath(tree: CompartmentTree, attachedTo: string, path: readonly string[]): string | undefined {
  const children = (parent: string, name: string): CompartmentNode[] =>
    [...tree.byId.values()].filter((n) => eq(n.parentId, parent) && lower(n.name) === lower(name));
  const attached = tree.byId.get(lower(attachedTo));
  const starts: string[] = [];
  if (attached && lower(attached.name) === lower(path[0] as string) && path.length >= 1) starts.push(attached.id);
  for (const child of children(attachedTo, path[0] as string)) starts.push(child.id);
  for (const start of starts) {
    let cur: string | undefined = start;
    for (const name of path.slice(1)) {
      const next: CompartmentNode[] = children(cur as string, name);
      cur = next.length === 1 ? next[0]?.id : undefined;
      if (!cur) break;
    }
    if (cur) return cur;
  }
  return undefined;
}

function patternMatches(pattern: string, text: string): boolean {
  const p = lower(pattern);
  const t = lower(text);
  const starts = p.startsWith('*');
  const ends = p.endsWith('*') && p.length > 1;
  const core = p.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return t.includes(core);
  if (starts) return t.endsWith(core);
  if (ends) return t.startsWith(core);
  return t === core;
}

/** The request variables the tool knows for the cluster principal's requests. */
function knownVariable(name: string, req: Requirement): string | undefined | null {
  switch (lower(name)) {
    case 'request.principal.type':
      return 'cluster';
    case 'request.principal.id':
      return req.clusterId ?? null;
    case 'request.principal.compartment.id':
      return req.clusterCompartmentId ?? null;
    default:
      return undefined;
  }
}

function evalValue(value: Value, actual: string): Tri {
  if (value.kind === 'string') return lower(value.text) === lower(actual);
  if (value.kind === 'pattern') return patternMatches(value.text, actual);
  return 'unknown';
}

function evalCondition(c: Condition, req: Requirement, unknowns: string[]): Tri {
  if (c.kind === 'other') {
    unknowns.push(c.text);
    return 'unknown';
  }
  if (c.kind === 'compare') {
    const actual = knownVariable(c.variable, req);
    const text = `${c.variable} ${c.op} ${c.value.kind === 'string' ? `'${c.value.text}'` : c.value.kind === 'pattern' ? `/${c.value.text}/` : c.value.name}`;
    if (actual === undefined || actual === null) {
      unknowns.push(actual === null ? `${text} (the cluster's ${lower(c.variable).endsWith('.id') && lower(c.variable).includes('compartment') ? 'compartment' : 'OCID'} is not known)` : text);
      return 'unknown';
    }
    const r = evalValue(c.value, actual);
    if (r === 'unknown') {
      unknowns.push(text);
      return 'unknown';
    }
    return c.op === '=' ? r : !r;
  }
  const results = c.clauses.map((x) => evalCondition(x, req, unknowns));
  if (c.kind === 'all') return results.includes(false) ? false : results.includes('unknown') ? 'unknown' : true;
  return results.includes(true) ? true : results.includes('unknown') ? 'unknown' : false;
}

export interface Attachment {
  /** The compartment the policy is attached to (names in it resolve from here). */
  compartmentId?: string | undefined;
  tree?: CompartmentTree | undefined;
}

/** One statement against one requirement. */
export function matchStatement(stmt: ParsedStatement, req: Requirement, at: Attachment = {}): Verdict {
  if (stmt.kind === 'other-verb') return { verdict: 'no', reason: `${stmt.keyword} statements grant nothing by themselves` };
  if (stmt.kind === 'error') return { verdict: 'undecidable', reason: `not understood: ${stmt.message}` };
  return matchAllow(stmt, req, at);
}

function matchAllow(stmt: AllowStatement, req: Requirement, at: Attachment): Verdict {
  const doubts: string[] = [];
  // subject
  if (!stmt.subjects.some((s) => s.kind === 'any-user')) {
    if (stmt.subjects.some((s) => s.kind === 'any-group')) doubts.push('any-group is not proven to cover the cluster principal (OKE documents any-user)');
    else if (stmt.subjects.some((s) => s.kind === 'dynamic-group')) doubts.push("a dynamic group's matching rules are not read; OKE documents any-user for the cluster principal");
    else return { verdict: 'no', reason: `subject ${stmt.subjects.map((s) => s.kind).join(', ')} does not include the cluster principal` };
  }
  // verb
  if (typeof stmt.verb !== 'string') {
    doubts.push(`a permission list ({${stmt.verb.permissions.join(', ')}}) is not compared with "${req.verb} ${req.resourceType}"`);
  } else if (VERBS.indexOf(stmt.verb) < VERBS.indexOf(req.verb)) {
    return { verdict: 'no', reason: `${stmt.verb} is less than ${req.verb}` };
  }
  // resource type
  if (typeof stmt.verb === 'string') {
    const type = stmt.resourceType;
    const covers = type === req.resourceType || type === ALL_RESOURCES || (RESOURCE_FAMILIES[type]?.includes(req.resourceType) ?? false);
    if (!covers) return { verdict: 'no', reason: `${type} does not cover ${req.resourceType}` };
  }
  // location
  const loc = stmt.location;
  if (loc.kind !== 'tenancy') {
    let target: string | undefined;
    if (loc.kind === 'compartment-id') target = loc.id;
    else if (!at.tree || !at.compartmentId) doubts.push(`compartment ${loc.path.join(':')} is a name: without the compartment tree it cannot be resolved (give OCIDs, or check live)`);
    else {
      target = resolvePath(at.tree, at.compartmentId, loc.path);
      if (!target) return { verdict: 'no', reason: `compartment ${loc.path.join(':')} names no compartment under the policy's compartment` };
    }
    if (target !== undefined) {
      if (at.tree && eq(target, at.tree.rootId)) {
        // the root compartment covers everything
      } else if (eq(target, req.compartmentId)) {
        // the compartment itself
      } else if (!at.tree) {
        doubts.push(`compartment ${target} is not ${req.compartmentId}; whether it is an ancestor needs the compartment tree`);
      } else {
        const chain = ancestry(at.tree, req.compartmentId);
        if (!chain) doubts.push(`compartment ${req.compartmentId} is not in the compartment tree read`);
        else if (!chain.includes(lower(target))) return { verdict: 'no', reason: `compartment ${target} is neither ${req.compartmentId} nor one of its parents` };
      }
    }
  }
  // conditions
  if (stmt.condition) {
    const unknowns: string[] = [];
    const r = evalCondition(stmt.condition, req, unknowns);
    if (r === false) return { verdict: 'no', reason: 'its where clause excludes the cluster' };
    if (r === 'unknown') doubts.push(`cannot evaluate: ${[...new Set(unknowns)].join('; ')}`);
  }
  return doubts.length ? { verdict: 'undecidable', reason: doubts.join('; ') } : { verdict: 'satisfied' };
}

export interface Policy {
  name: string;
  id?: string | undefined;
  compartmentId?: string | undefined;
  statements: readonly string[];
}

export interface StatementRef {
  policy: string;
  policyId?: string | undefined;
  statement: string;
}

export type RequirementResult =
  | { status: 'present'; by: StatementRef }
  | { status: 'missing'; checked: number }
  | { status: 'undecidable'; candidates: Array<StatementRef & { reason: string }> };

/** Every statement of every policy against one requirement: present wins over undecidable. */
export function checkRequirement(req: Requirement, policies: readonly Policy[], tree?: CompartmentTree): RequirementResult {
  const candidates: Array<StatementRef & { reason: string }> = [];
  let checked = 0;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      checked++;
      const v = matchStatement(parseStatement(statement), req, { compartmentId: policy.compartmentId, tree });
      const ref = { policy: policy.name, policyId: policy.id, statement };
      if (v.verdict === 'satisfied') return { status: 'present', by: ref };
      if (v.verdict === 'undecidable') candidates.push({ ...ref, reason: v.reason });
    }
  }
  return candidates.length ? { status: 'undecidable', candidates } : { status: 'missing', checked };
}
