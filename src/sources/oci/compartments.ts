/**
 * The compartment tree to search: Identity ListCompartments from one or more roots (the tenancy
 * of the profile, or the compartments given with --compartment). Every page is read, every
 * compartment is listed once, and the walk is bounded in depth and size. Shared by `check`'s
 * discovery of node pools across compartments and by any other live command that needs the tree.
 *
 * From the tenancy, one paged ListCompartments with compartmentIdInSubtree=true returns the whole
 * tree ("compartmentIdInSubtree ... can only be set to true when performing ListCompartments on the
 * tenancy (root compartment)", oci-identity ListCompartmentsRequest); below it, each level is
 * listed compartment by compartment (children only), concurrently.
 */
import { UserError } from '../../core/errors.js';

/** OCI nests compartments at most six levels deep below the tenancy (IAM "Managing Compartments"). */
export const MAX_COMPARTMENT_DEPTH = 6;
/** A bound on the tree oke-cni walks; a larger tenancy is narrowed with --compartment. */
export const MAX_COMPARTMENTS = 10_000;

export interface ApiCompartment {
  id: string;
  name?: string | undefined;
  /** The parent's OCID. */
  compartmentId?: string | undefined;
  lifecycleState?: string | undefined;
}

export interface CompartmentNode {
  id: string;
  name: string;
  parentId: string | undefined;
  /** 0 for a root. */
  depth: number;
}

export interface CompartmentTree {
  roots: string[];
  /** Roots first, then each level in the order listed; every compartment once. */
  compartments: CompartmentNode[];
  /** ListCompartments calls made. */
  calls: number;
}

/** Reads every page of ListCompartments under `parentId` (its children, or with `subtree` its whole subtree). */
export type ListCompartments = (parentId: string, subtree: boolean) => Promise<ApiCompartment[]>;

export const isTenancyOcid = (id: string): boolean => id.startsWith('ocid1.tenancy.');

export async function compartmentTree(roots: readonly string[], list: ListCompartments, maxCompartments = MAX_COMPARTMENTS): Promise<CompartmentTree> {
  const seen = new Map<string, CompartmentNode>();
  const order: CompartmentNode[] = [];
  let calls = 0;
  const add = (node: CompartmentNode): boolean => {
    if (seen.has(node.id)) return false;
    if (order.length >= maxCompartments) {
      throw new UserError(`more than ${maxCompartments} compartments to search; narrow the search with --compartment OCID`, `OCI ListCompartments ${roots.join(', ')}`);
    }
    seen.set(node.id, node);
    order.push(node);
    return true;
  };
  const active = (c: ApiCompartment): boolean => c.lifecycleState === undefined || c.lifecycleState === 'ACTIVE';
  for (const id of roots) add({ id, name: id, parentId: undefined, depth: 0 });

  let level = order.filter((n) => !isTenancyOcid(n.id));
  // A tenancy root: its whole subtree in one paged listing; the depth follows the parents.
  for (const root of order.filter((n) => isTenancyOcid(n.id))) {
    calls++;
    const all = (await list(root.id, true)).filter(active);
    const byId = new Map(all.map((c) => [c.id, c]));
    const depthOf = (c: ApiCompartment, hops = 0): number => {
      const parent = c.compartmentId === undefined ? undefined : byId.get(c.compartmentId);
      return parent === undefined || hops > MAX_COMPARTMENT_DEPTH ? 1 : 1 + depthOf(parent, hops + 1);
    };
    for (const c of all) add({ id: c.id, name: c.name ?? c.id, parentId: c.compartmentId, depth: depthOf(c) });
  }
  // Other roots: level by level, each compartment's children once.
  for (let depth = 1; level.length > 0 && depth <= MAX_COMPARTMENT_DEPTH; depth++) {
    calls += level.length;
    const children = await Promise.all(level.map((n) => list(n.id, false)));
    const next: CompartmentNode[] = [];
    children.forEach((items, i) => {
      for (const c of items.filter(active)) {
        const node = { id: c.id, name: c.name ?? c.id, parentId: level[i]?.id, depth };
        if (add(node)) next.push(node);
      }
    });
    level = next;
  }
  return { roots: [...roots], compartments: order, calls };
}
