/**
 * The IAM matcher against cases built from OCI's own policy documentation:
 * [S23] Policy Syntax, https://docs.oracle.com/en-us/iaas/Content/Identity/Concepts/policysyntax.htm (2024-09-26)
 * [S25] Policy Reference (verbs), https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/policyreference.htm (2025-02-21)
 * [S26] Details for the Core Services (families), https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/corepolicyreference.htm (2024-11-06)
 * [S27] How Policies Work (inheritance, attachment), https://docs.oracle.com/en-us/iaas/Content/Identity/Concepts/policies.htm (2025-02-13)
 * [S11a] the seed's OKE statements, https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengpodnetworking_topic-OCI_CNI_plugin.htm (2025-02-12)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRequirement, compartmentTree, matchStatement, type Requirement } from '../../src/core/policy/match.js';
import { parseStatement } from '../../src/core/policy/parse.js';

const T = 'ocid1.tenancy.oc1..aaaatenancy';
const NET = 'ocid1.compartment.oc1..aaaanetwork';
const NETSUB = 'ocid1.compartment.oc1..aaaanetsub';
const PROD = 'ocid1.compartment.oc1..aaaaprod';
const APPS = 'ocid1.compartment.oc1..aaaaapps';
const CLUSTER = 'ocid1.cluster.oc1.iad.aaaacluster';
const OTHER_CLUSTER = 'ocid1.cluster.oc1.iad.aaaaother';

const tree = compartmentTree(T, [
  { id: T, name: 'acme' },
  { id: NET, name: 'Network', parentId: T },
  { id: NETSUB, name: 'Sub', parentId: NET },
  { id: PROD, name: 'Prod', parentId: T },
  { id: APPS, name: 'Apps', parentId: PROD },
]);

const req = (over: Partial<Requirement> = {}): Requirement => ({ verb: 'use', resourceType: 'private-ips', compartmentId: NET, clusterId: CLUSTER, clusterCompartmentId: APPS, ...over });

type Case = [string, string, 'satisfied' | 'no' | 'undecidable', Partial<Requirement>?, string?];
const CASES: Case[] = [
  ['[S11a] broad form', "Allow any-user to use private-ips in tenancy where all { request.principal.type = 'cluster' }", 'satisfied'],
  ['[S11a] least-privilege form', `Allow any-user to use private-ips in compartment id ${NET} where all { request.principal.id = '${CLUSTER}' }`, 'satisfied'],
  ['[S11a] least-privilege form, another cluster', `Allow any-user to use private-ips in compartment id ${NET} where all { request.principal.id = '${OTHER_CLUSTER}' }`, 'no'],
  ['[S11a] least-privilege form, the cluster OCID not known yet', `Allow any-user to use private-ips in compartment id ${NET} where all { request.principal.id = '${CLUSTER}' }`, 'undecidable', { clusterId: undefined }],
  ['[S25] manage includes use', "Allow any-user to manage private-ips in tenancy where all { request.principal.type = 'cluster' }", 'satisfied'],
  ['[S25] read is less than use', "Allow any-user to read private-ips in tenancy where all { request.principal.type = 'cluster' }", 'no'],
  ['[S25] inspect is less than use', 'Allow any-user to inspect private-ips in tenancy', 'no'],
  ['[S26] virtual-network-family covers private-ips', 'Allow any-user to use virtual-network-family in tenancy', 'satisfied'],
  ['[S26] virtual-network-family covers ipv6s', 'Allow any-user to use virtual-network-family in tenancy', 'satisfied', { resourceType: 'ipv6s' }],
  ['[S26] virtual-network-family covers network-security-groups', 'Allow any-user to manage virtual-network-family in tenancy', 'satisfied', { resourceType: 'network-security-groups' }],
  ['[S26] instance-family covers instances', 'Allow any-user to manage instance-family in tenancy', 'satisfied', { verb: 'manage', resourceType: 'instances' }],
  ['[S26] instance-family does not cover private-ips', 'Allow any-user to manage instance-family in tenancy', 'no'],
  ['[S26] use instance-family is less than manage instances', 'Allow any-user to use instance-family in tenancy', 'no', { verb: 'manage', resourceType: 'instances' }],
  ['[S23] all-resources covers every type', 'Allow any-user to manage all-resources in tenancy', 'satisfied'],
  ['[S23] another type', 'Allow any-user to use subnets in tenancy', 'no'],
  ['[S27] a compartment name, policy attached to the tenancy', 'Allow any-user to use private-ips in compartment Network', 'satisfied', {}, T],
  ['[S27] a compartment name, policy attached to that compartment', 'Allow any-user to use private-ips in compartment Network', 'satisfied', {}, NET],
  ['[S27] the same name attached elsewhere means another compartment', 'Allow any-user to use private-ips in compartment Network', 'no', {}, PROD],
  ['[S27] a path A:B from the tenancy', 'Allow any-user to use private-ips in compartment Network:Sub', 'satisfied', { compartmentId: NETSUB }, T],
  ['[S27] inheritance: a parent compartment covers its children', `Allow any-user to use private-ips in compartment id ${NET}`, 'satisfied', { compartmentId: NETSUB }],
  ['[S27] a child compartment does not cover its parent', `Allow any-user to use private-ips in compartment id ${NETSUB}`, 'no'],
  ['[S27] a sibling compartment', `Allow any-user to use private-ips in compartment id ${PROD}`, 'no'],
  ['[S27] the root compartment by OCID covers all', `Allow any-user to use private-ips in compartment id ${T}`, 'satisfied'],
  ['[S23] another principal type', "Allow any-user to use private-ips in tenancy where request.principal.type = 'instance'", 'no'],
  ['[S23] != excludes the cluster', "Allow any-user to use private-ips in tenancy where request.principal.type != 'cluster'", 'no'],
  ['[S23] != another type includes it', "Allow any-user to use private-ips in tenancy where request.principal.type != 'workload'", 'satisfied'],
  ['[S23] any {} is or', "Allow any-user to use private-ips in tenancy where any { request.principal.type = 'workload', request.principal.type = 'cluster' }", 'satisfied'],
  ['[S23] all {} is and', "Allow any-user to use private-ips in tenancy where all { request.principal.type = 'cluster', request.principal.id = 'ocid1.cluster.oc1.iad.aaaaother' }", 'no'],
  ['[S23] nested all in any', `Allow any-user to use private-ips in tenancy where any { all { request.principal.type = 'cluster', request.principal.compartment.id = '${APPS}' }, request.principal.type = 'instance' }`, 'satisfied'],
  ['[S23] a tag condition cannot be evaluated', "Allow any-user to use private-ips in tenancy where all { request.principal.type = 'cluster', target.resource.tag.Operations.Project = 'prod' }", 'undecidable'],
  ['[S23] a tag condition that another clause already decides in any {}', "Allow any-user to use private-ips in tenancy where any { request.principal.type = 'cluster', target.resource.tag.Operations.Project = 'prod' }", 'satisfied'],
  ['[S24] a time condition cannot be evaluated', "Allow any-user to use private-ips in tenancy where request.utc-timestamp before '2030-01-01T00:00Z'", 'undecidable'],
  ['[S23] patterns /x*/', "Allow any-user to use private-ips in tenancy where request.principal.id = /ocid1.cluster.*/", 'satisfied'],
  ['[S23] patterns /*x/', "Allow any-user to use private-ips in tenancy where request.principal.id = /*aaaaother/", 'no'],
  ['[S23] patterns /*x*/', "Allow any-user to use private-ips in tenancy where request.principal.id = /*iad*/", 'satisfied'],
  ['[S23] condition matching is case insensitive', "Allow any-user to use private-ips in tenancy where request.principal.type = 'CLUSTER'", 'satisfied'],
  ['[S23] spare spaces and line breaks', "Allow   any-user\n to\tuse private-ips\n\n in tenancy where all{request.principal.type='cluster'}", 'satisfied'],
  ['[S23] any-group is not proven to cover the cluster', 'Allow any-group to use private-ips in tenancy', 'undecidable'],
  ['[S23] a group holds users, not the cluster', 'Allow group NetworkAdmins to manage virtual-network-family in tenancy', 'no'],
  ['[S23] several groups', "Allow group 'Default'/'NetAdmins', group id ocid1.group.oc1..aaaa to manage all-resources in tenancy", 'no'],
  ['[S23] a dynamic group is not read', 'Allow dynamic-group oke-clusters to use private-ips in tenancy', 'undecidable'],
  ['[S23] a permission list is not expanded', 'Allow any-user to {PRIVATE_IP_READ, PRIVATE_IP_UPDATE} in tenancy', 'undecidable'],
  ['[S23] Define statements grant nothing', 'Define tenancy Acme as ocid1.tenancy.oc1..aaaaother', 'no'],
  ['a statement the parser does not understand', 'Allow any-user to use private-ips', 'undecidable'],
  ['a compartment name without the tree', 'Allow any-user to use private-ips in compartment Network', 'undecidable', {}, 'no-tree'],
];

describe('matchStatement: cases from the OCI policy docs', () => {
  it.each(CASES)('%s', (_name, statement, verdict, over = {}, attached = T) => {
    const at = attached === 'no-tree' ? {} : { compartmentId: attached, tree };
    const v = matchStatement(parseStatement(statement), req(over), at);
    expect(v.verdict).toBe(verdict);
  });

  it('an undecidable statement says which clause it could not evaluate', () => {
    const v = matchStatement(parseStatement(CASES.find((c) => c[0].includes('a tag condition cannot'))![1]), req(), { compartmentId: T, tree });
    expect(v).toEqual({ verdict: 'undecidable', reason: "cannot evaluate: target.resource.tag.Operations.Project = 'prod'" });
    const anyGroup = matchStatement(parseStatement('Allow any-group to use private-ips in tenancy'), req());
    expect(anyGroup).toEqual({ verdict: 'undecidable', reason: 'any-group is not proven to cover the cluster principal (OKE documents any-user)' });
  });
});

describe('parseStatement', () => {
  it('reads the seed broad form into its parts', () => {
    expect(parseStatement("Allow any-user to manage instances in tenancy where all { request.principal.type = 'cluster' }")).toEqual({
      kind: 'allow',
      subjects: [{ kind: 'any-user' }],
      verb: 'manage',
      resourceType: 'instances',
      location: { kind: 'tenancy' },
      condition: { kind: 'all', clauses: [{ kind: 'compare', variable: 'request.principal.type', op: '=', value: { kind: 'string', text: 'cluster' } }] },
    });
  });

  it.each([
    ['Allow any-user use private-ips in tenancy', 'expected "to" before "use"'],
    ['Allow any-user to fly private-ips in tenancy', 'expected a verb (inspect, read, use, manage) after "to"'],
    ["Allow any-user to use private-ips in tenancy where all { request.principal.type = 'cluster' ", 'expected "," or "}" at the end'],
    ["Allow any-user to use private-ips in tenancy where request.principal.type = 'cluster", 'unterminated quote at column 77'],
    ['Allow any-user to use private-ips in tenancy extra', 'unexpected text before "extra"'],
    ['Allow any-user to use private-ips in compartment A::B', '"A::B" is not a compartment path (A:B:C)'],
  ])('%s -> %s', (statement, message) => {
    expect(parseStatement(statement)).toEqual({ kind: 'error', message });
  });
});

describe('checkRequirement', () => {
  const policies = [
    { name: 'network-admins', id: 'ocid1.policy.oc1..aaaa1', compartmentId: T, statements: ['Allow group NetAdmins to manage virtual-network-family in tenancy'] },
    { name: 'oke-maybe', id: 'ocid1.policy.oc1..aaaa2', compartmentId: T, statements: ['Allow any-group to use private-ips in tenancy'] },
    { name: 'oke', id: 'ocid1.policy.oc1..aaaa3', compartmentId: NET, statements: [`Allow any-user to use private-ips in compartment Network where all { request.principal.id = '${CLUSTER}' }`] },
  ];
  it('present wins over undecidable, and names the policy and statement', () => {
    expect(checkRequirement(req(), policies, tree)).toEqual({
      status: 'present',
      by: { policy: 'oke', policyId: 'ocid1.policy.oc1..aaaa3', statement: policies[2]!.statements[0] },
    });
  });
  it('undecidable lists the candidates with their reasons', () => {
    const r = checkRequirement(req(), policies.slice(0, 2), tree);
    expect(r).toEqual({ status: 'undecidable', candidates: [{ policy: 'oke-maybe', policyId: 'ocid1.policy.oc1..aaaa2', statement: 'Allow any-group to use private-ips in tenancy', reason: expect.stringContaining('any-group') }] });
  });
  it('missing counts the statements it checked', () => {
    expect(checkRequirement(req(), policies.slice(0, 1), tree)).toEqual({ status: 'missing', checked: 1 });
  });
});

/** Re-spaces a statement at token boundaries (never inside quotes, patterns or `!=`). */
function tokens(statement: string): string[] {
  return statement.match(/'[^']*'|\/[^/ ]*\/|!=|[{},=]|[^\s{},=!']+/g) ?? [];
}

describe('properties: spacing and case never change a verdict [S23]', () => {
  const whitespace = fc.array(fc.constantFrom(' ', '  ', '\n', '\t', ' \n '), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
  const statements = fc.constantFrom(...CASES.filter((c) => !c[0].includes('does not understand')));

  it('added whitespace between tokens', () => {
    fc.assert(
      fc.property(statements, fc.array(whitespace, { minLength: 60, maxLength: 60 }), ([, statement, , over = {}, attached = T], spaces) => {
        const at = attached === 'no-tree' ? {} : { compartmentId: attached, tree };
        const respaced = tokens(statement)
          .map((t, i) => `${spaces[i % spaces.length]}${t}`)
          .join('');
        expect(matchStatement(parseStatement(respaced), req(over), at).verdict).toBe(matchStatement(parseStatement(statement), req(over), at).verdict);
      }),
      { numRuns: 300 },
    );
  });

  it('any change of case', () => {
    fc.assert(
      fc.property(statements, fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), ([, statement, , over = {}, attached = T], flips) => {
        const at = attached === 'no-tree' ? {} : { compartmentId: attached, tree };
        const recased = [...statement].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
        expect(matchStatement(parseStatement(recased), req(over), at).verdict).toBe(matchStatement(parseStatement(statement), req(over), at).verdict);
      }),
      { numRuns: 300 },
    );
  });
});
