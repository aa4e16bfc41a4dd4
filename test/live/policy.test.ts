/**
 * `oke-cni policy --cluster` in-process through the real commander program and the real
 * oci-identity client, against the fake OCI API extended with compartments and policies.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/program.js';
import { allRequests, startFakeOci, type FakeOci, type World } from '../fake-oci/server.js';
import { credentials, loadWorld } from './harness.js';

const CLUSTER = 'ocid1.cluster.oc1.iad.aaaaclean';
const TENANCY = 'ocid1.tenancy.oc1..aaaatenancy';
const PROD = 'ocid1.compartment.oc1..aaaaprod';
const NETWORK = 'ocid1.compartment.oc1..aaaanetwork';
const SHARED = 'ocid1.compartment.oc1..aaaashared';

/** The clean cluster, its VCN and subnets moved to a network compartment under "shared". */
export function crossCompartmentWorld(policies: NonNullable<World['policies']>): World {
  const world = loadWorld('clean');
  world.vcns = world.vcns.map((v) => ({ ...v, compartmentId: NETWORK }));
  world.subnets = world.subnets.map((s) => ({ ...s, compartmentId: NETWORK }));
  world.compartments = [
    { id: TENANCY, name: 'acme', lifecycleState: 'ACTIVE' },
    { id: PROD, name: 'prod', compartmentId: TENANCY, lifecycleState: 'ACTIVE' },
    { id: SHARED, name: 'shared', compartmentId: TENANCY, lifecycleState: 'ACTIVE' },
    { id: NETWORK, name: 'network', compartmentId: SHARED, lifecycleState: 'ACTIVE' },
    { id: 'ocid1.compartment.oc1..aaaagone', name: 'gone', compartmentId: TENANCY, lifecycleState: 'DELETED' },
  ];
  world.policies = policies;
  world.pageSize = { ...world.pageSize, compartments: 2, policies: 1 };
  return world;
}

const POLICIES: NonNullable<World['policies']> = [
  { id: 'ocid1.policy.oc1..aaaaadmins', name: 'network-admins', compartmentId: TENANCY, lifecycleState: 'ACTIVE', statements: ['Allow group NetworkAdmins to manage virtual-network-family in tenancy'] },
  // attached to "shared": the name "network" resolves to shared/network
  { id: 'ocid1.policy.oc1..aaaaoke', name: 'oke-network', compartmentId: SHARED, lifecycleState: 'ACTIVE', statements: [`Allow any-user to use private-ips in compartment network where all { request.principal.id = '${CLUSTER}' }`] },
  { id: 'ocid1.policy.oc1..aaaamaybe', name: 'oke-maybe', compartmentId: TENANCY, lifecycleState: 'ACTIVE', statements: ["Allow any-user to manage instances in tenancy where all { request.principal.type = 'cluster', request.utc-timestamp before '2030-01-01T00:00:00Z' }"] },
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), env: { HOME: credentials().dir }, stdoutIsTTY: false, stderrIsTTY: false, cwd: credentials().dir };
  const code = await main(['node', 'oke-cni', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let fake: FakeOci | undefined;
async function serve(world: World): Promise<FakeOci> {
  fake = await startFakeOci(world);
  fake.trustKeys(credentials().trusted);
  return fake;
}
const live = (f: FakeOci): string[] => ['--endpoint', f.url, '--config-file', credentials().configFile];

beforeAll(() => void credentials());
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(() => {
  expect(new Set(allRequests.map((r) => r.method))).toEqual(new Set(['GET']));
});

describe('oke-cni policy --cluster (fake OCI API, real SDK)', () => {
  test('each needed statement: present (which policy), missing, undecidable (why); exit 1', async () => {
    const f = await serve(crossCompartmentWorld(POLICIES));
    const r = await runCli(['policy', '--cluster', CLUSTER, ...live(f), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.policiesRead).toEqual({ policies: 3, statements: 3, compartments: 4 });
    const checks = report.clusters[0].checks.map((c: { permission: { verb: string; resourceType: string; compartment: string }; status: string; by?: { policy: string } }) => [
      `${c.permission.verb} ${c.permission.resourceType} in ${c.permission.compartment}`,
      c.status,
      c.by?.policy ?? null,
    ]);
    expect(checks).toEqual([
      [`manage instances in ${PROD}`, 'undecidable', null],
      [`use private-ips in ${NETWORK}`, 'present', 'oke-network'],
      [`use network-security-groups in ${NETWORK}`, 'missing', null],
    ]);
    expect(report.clusters[0].checks[0].candidates[0]).toMatchObject({ policy: 'oke-maybe', reason: "cannot evaluate: request.utc-timestamp before '2030-01-01T00:00:00Z'" });
    // ListCompartments once (paged) from the tenancy; ListPolicies in each active compartment, paged.
    expect(f.requests.filter((q) => q.path === '/20160918/compartments' && q.query.get('compartmentIdInSubtree') === 'true').every((q) => q.query.get('compartmentId') === TENANCY)).toBe(true);
    expect(new Set(f.requests.filter((q) => q.path === '/20160918/policies').map((q) => q.query.get('compartmentId')))).toEqual(new Set([TENANCY, PROD, SHARED, NETWORK]));
    // Only where the cluster's parts are: no shapes, addresses in use, add-ons or sharing clusters.
    const calls = (pattern: RegExp): number => f!.requests.filter((q) => pattern.test(q.path)).length;
    expect(
      Object.fromEntries(
        Object.entries({
          GetCluster: /^\/20180222\/clusters\/[^/]+$/,
          GetAddon: /\/addons\//,
          ListNodePools: /^\/20180222\/nodePools$/,
          ListVirtualNodePools: /^\/20180222\/virtualNodePools$/,
          GetSubnet: /^\/20160918\/subnets\//,
          GetVcn: /^\/20160918\/vcns\//,
          ListShapes: /^\/20160918\/shapes$/,
          ListPrivateIps: /^\/20160918\/privateIps$/,
        }).map(([op, re]) => [op, calls(re)]),
      ),
    ).toEqual({ GetCluster: 1, GetAddon: 0, ListNodePools: 4, ListVirtualNodePools: 4, GetSubnet: 2, GetVcn: 1, ListShapes: 0, ListPrivateIps: 0 });
  });

  test('text: the checks, then the statements to add in both forms; all present is exit 0', async () => {
    const f = await serve(crossCompartmentWorld(POLICIES));
    const r = await runCli(['policy', '--cluster', CLUSTER, ...live(f)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✔ present     use private-ips in compartment ${NETWORK}\n               by policy "oke-network" (ocid1.policy.oc1..aaaaoke): Allow any-user to use private-ips in compartment network`);
    expect(r.stdout).toContain(`✖ missing     use network-security-groups in compartment ${NETWORK}\n`);
    expect(r.stdout).toContain(`Allow any-user to use network-security-groups in compartment ${NETWORK} where all { request.principal.id = '${CLUSTER}' }\n`);
    expect(r.stdout).toContain("Allow any-user to use network-security-groups in tenancy where all { request.principal.type = 'cluster' }\n");
    expect(r.stdout).not.toContain(`Allow any-user to use private-ips in compartment ${NETWORK} where`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('3 policies (3 statements) read in 4 compartments: 1 present, 1 missing, 1 undecidable');

    await f.close();
    const all = await serve(
      crossCompartmentWorld([
        { id: 'ocid1.policy.oc1..aaaabroad', name: 'oke-broad', compartmentId: TENANCY, lifecycleState: 'ACTIVE', statements: ["allow ANY-USER to manage all-resources in TENANCY where ALL {request.principal.type='CLUSTER'}"] },
      ]),
    );
    const ok = await runCli(['policy', '--cluster', CLUSTER, ...live(all)]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain('Statements to add');
  });

  test('an Identity error is one line, exit 2', async () => {
    const f = await serve(crossCompartmentWorld(POLICIES));
    f.always(/^\/20160918\/policies/, { status: 404, body: { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' } });
    const r = await runCli(['policy', '--cluster', CLUSTER, ...live(f)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^oke-cni: .*ListPolicies.*/);
  });
});
