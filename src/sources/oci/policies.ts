/**
 * The tenancy's compartment tree and every IAM policy in it, for `oke-cni policy --cluster`.
 * Climb from a compartment to the tenancy with GetCompartment, take the whole tree from the
 * session's compartment walk (compartments.ts, one ListCompartments subtree listing on the
 * tenancy), then ListPolicies in the tenancy and in every ACTIVE compartment. GET only, paged,
 * each compartment read once.
 */
import type { models as identityModels } from 'oci-identity';
import { UserError } from '../../core/errors.js';
import { compartmentTree, type CompartmentNode, type Policy } from '../../core/policy/match.js';
import type { LivePolicies } from '../../core/policy/report.js';
import type { CompartmentTree } from './compartments.js';
import type { CallSite } from './errors.js';
import type { Sdk } from './sdk.js';

type IdentityClient = InstanceType<Sdk['identity']['IdentityClient']>;

export interface IdentityCalls {
  call<T>(site: CallSite, run: () => Promise<T>): Promise<T>;
  allPages<T>(site: CallSite, fetchPage: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string | undefined }>): Promise<T[]>;
  /** The session's compartment tree (compartments.ts): ACTIVE compartments, each listed once. */
  compartmentTree(roots: readonly string[]): Promise<CompartmentTree>;
}

/** A tenancy deeper than this is refused (OCI allows six levels of compartments below the root). */
const MAX_DEPTH = 20;
const LIST_PAGE_LIMIT = 1000;

const isActive = (state: string | undefined): boolean => state === undefined || state === 'ACTIVE';

export async function readTenancyPolicies(identity: IdentityClient, io: IdentityCalls, startCompartmentId: string, progress?: (m: string) => void): Promise<LivePolicies> {
  progress?.('reading the compartment tree');
  // The root: the tenancy OCID itself, or the compartment whose parent is none.
  let rootId = startCompartmentId;
  for (let depth = 0; !rootId.startsWith('ocid1.tenancy.'); depth++) {
    if (depth > MAX_DEPTH) throw new UserError(`more than ${MAX_DEPTH} compartment levels above it`, `OCI compartment ${startCompartmentId}`);
    const id = rootId;
    const c = await io.call({ operation: 'GetCompartment', resource: id }, async () => (await identity.getCompartment({ compartmentId: id })).compartment);
    if (!c.compartmentId || c.compartmentId === c.id) break;
    rootId = c.compartmentId;
  }
  const root = await io.call({ operation: 'GetCompartment', resource: rootId }, async () => (await identity.getCompartment({ compartmentId: rootId })).compartment);
  const tree = await io.compartmentTree([rootId]);
  const nodes: CompartmentNode[] = [
    { id: root.id, name: root.name },
    ...tree.compartments.filter((c) => c.id !== rootId).map((c) => ({ id: c.id, name: c.name, parentId: c.parentId })),
  ];
  progress?.(`reading the policies of ${nodes.length} compartments`);
  const perCompartment = await Promise.all(
    nodes.map((n) =>
      io.allPages({ operation: 'ListPolicies', resource: n.id }, (page) => identity.listPolicies({ compartmentId: n.id, limit: LIST_PAGE_LIMIT, page })),
    ),
  );
  const policies: Policy[] = perCompartment.flat().filter((p) => isActive(p.lifecycleState as string | undefined)).map((p: identityModels.Policy) => ({
    name: p.name,
    id: p.id,
    compartmentId: p.compartmentId,
    statements: Array.isArray(p.statements) ? p.statements.filter((s): s is string => typeof s === 'string') : [],
  }));
  return { policies, tree: compartmentTree(root.id, nodes) };
}
