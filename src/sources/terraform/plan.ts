/**
 * Terraform plan JSON (`terraform show -json plan.out`; a state's `terraform show -json`
 * works too): the OCI VCNs, subnets, clusters and (virtual) node pools of
 * `planned_values.root_module` and its child modules, and the data sources that read existing
 * ones (`data.oci_core_subnet`, `data.oci_core_vcn`, `data.oci_containerengine_*`), with
 * attribute names as in oracle/terraform-provider-oci (internal/service/core/core_{vcn,subnet}_resource.go,
 * internal/service/containerengine/containerengine_{cluster,node_pool,virtual_node_pool}_resource.go).
 *
 * Names and refs are resource addresses. Values unknown until apply are traced through the
 * configuration as far as the plan determines them (expressions.ts); the rest is recorded as
 * unknown for the not-checked rule. Which attribute fills which model field is oci-resources.ts,
 * shared with OCI CLI JSON. Security lists, NSGs and their rules, which lists each subnet has and
 * the cluster's endpoint are security.ts.
 */
import { emptyDraft, type Draft, type DraftCluster } from '../file/draft.js';
import type { Subnet } from '../../core/model.js';
import { readResource, type OciKind } from '../file/oci-resources.js';
import { InputVocabulary, VocabularySharer, type Vocabulary, type VocabularyKind } from '../../core/vocabulary.js';
import type { FileProblems } from '../file/problems.js';
import { at, type MapNode } from '../file/tree.js';
import { Resolver } from './expressions.js';
import { PlanIndex, type PlannedResource } from './plan-index.js';
import { TfResource } from './resource.js';
import { readTerraformSecurity, type ReadObjects } from './security.js';
import { moduleCallsOf } from './tf-dir.js';

const KINDS: ReadonlyMap<string, OciKind> = new Map([
  ['oci_core_vcn', 'vcn'],
  ['oci_core_subnet', 'subnet'],
  ['oci_containerengine_cluster', 'cluster'],
  ['oci_containerengine_node_pool', 'nodePool'],
  ['oci_containerengine_virtual_node_pool', 'virtualNodePool'],
]);

/** Data sources that list objects: each item is read like the resource of that kind. */
const LIST_DATA_SOURCES: ReadonlyMap<string, { kind: OciKind; list: string }> = new Map([
  ['oci_core_subnets', { kind: 'subnet', list: 'subnets' }],
  ['oci_core_vcns', { kind: 'vcn', list: 'virtual_networks' }],
  ['oci_containerengine_clusters', { kind: 'cluster', list: 'clusters' }],
  ['oci_containerengine_node_pools', { kind: 'nodePool', list: 'node_pools' }],
]);

const VOCABULARY_KIND: Partial<Record<OciKind, VocabularyKind>> = { vcn: 'vcn', subnet: 'subnet', cluster: 'cluster', nodePool: 'nodePool', virtualNodePool: 'nodePool' };

type Words = { input: InputVocabulary; kind: VocabularyKind };

export function isTerraformJson(root: MapNode): boolean {
  return root.entries.has('format_version') && (root.entries.has('planned_values') || root.entries.has('values') || root.entries.has('terraform_version'));
}

export function readTerraformPlan(root: MapNode, fp: FileProblems): Draft {
  const draft = emptyDraft();
  const plan = new PlanIndex(root);
  if (!plan.hasRootModule) {
    fp.add(root.at, 'Terraform JSON without planned_values.root_module: pass the output of "terraform show -json plan.out"');
    return draft;
  }
  const resolver = new Resolver(plan);
  const input = new InputVocabulary('terraform');
  const words = (kind: OciKind) => {
    const k = VOCABULARY_KIND[kind];
    return k === undefined ? undefined : { input, kind: k };
  };
  const read: ReadObjects = { subnets: [], clusters: [] };
  const sharer = new VocabularySharer();
  // Every object's vocabulary is shared as soon as it is read. The security reader goes on with
  // subnets and clusters and may name more of their attributes (its own copy then): theirs are
  // shared again once it is done.
  const later: Vocabulary[] = [];
  const readOne = (kind: OciKind, o: TfResource): void => {
    readResource(kind, o, draft);
    if (o.vocabulary !== undefined) sharer.share(o.vocabulary);
    // The security reader goes on with the same TfResource, so its unknowns are the object's own.
    if (kind === 'subnet') read.subnets.push({ subnet: draft.subnets[draft.subnets.length - 1] as Subnet, o });
    if (kind === 'cluster') read.clusters.push({ cluster: (draft.clusters[draft.clusters.length - 1] as DraftCluster).cluster, o });
    if (kind === 'subnet' || kind === 'cluster') {
      if (o.vocabulary !== undefined) later.push(o.vocabulary);
      o.forget();
    }
  };
  for (const res of plan.managed) {
    const kind = KINDS.get(res.type);
    if (kind === undefined) continue;
    const change = plan.changes.get(res.address);
    readOne(kind, new TfResource(res, plan, resolver, fp, change?.afterUnknown, true, undefined, words(kind)));
    // create_before_destroy: the new pool's nodes come up while the old pool's still hold their
    // addresses, so both generations count in the pod subnet during the apply. A plain
    // replacement (["delete","create"]) deletes first: only the new pool counts. A deleted
    // resource is not in planned_values at all.
    const old = change?.before;
    if ((kind === 'nodePool' || kind === 'virtualNodePool') && change?.actions.join() === 'create,delete' && old) {
      const before: PlannedResource = { ...res, map: res.map, values: old, addressAt: change.map.entries.get('address')?.keyAt ?? change.map.at };
      const o = new TfResource(before, plan, resolver, fp, undefined, false, res.address, words(kind));
      readResource(kind, o, draft);
      if (o.vocabulary !== undefined) sharer.share(o.vocabulary);
    }
  }
  for (const res of plan.data) readDataSource(res, plan, resolver, fp, words, readOne);
  readTerraformSecurity(plan, resolver, fp, draft, read);
  for (const v of later) sharer.share(v);
  draft.moduleCalls = moduleCallsOf(root);
  return draft;
}

/** An existing object read by a data source: known values only (its configuration holds the arguments, not the object). */
function readDataSource(
  res: PlannedResource,
  plan: PlanIndex,
  resolver: Resolver,
  fp: FileProblems,
  words: (kind: OciKind) => Words | undefined,
  readOne: (kind: OciKind, o: TfResource) => void,
): void {
  const values = res.values;
  if (values === undefined) return;
  const kind = KINDS.get(res.type);
  if (kind !== undefined) {
    // A data source read only during apply has no id yet: nothing can refer to it by OCID.
    if (at(values, 'id')?.kind !== 'scalar') return;
    readOne(kind, new TfResource(res, plan, resolver, fp, undefined, false, undefined, words(kind)));
    return;
  }
  const listed = LIST_DATA_SOURCES.get(res.type);
  const items = listed && at(values, listed.list);
  if (!listed || items?.kind !== 'seq') return;
  items.items.forEach((item, i) => {
    if (item.kind !== 'map') return;
    const entry: PlannedResource = { ...res, map: res.map, address: `${res.address}.${listed.list}[${i}]`, values: item, addressAt: item.at };
    readOne(listed.kind, new TfResource(entry, plan, resolver, fp, undefined, false, undefined, words(listed.kind)));
  });
}
