/**
 * One mapping of OCI API objects, shared by every source that reads them: the live OCI source
 * (src/sources/oci/map.ts, SDK objects), OCI CLI JSON and Terraform plans
 * (src/sources/file/oci-resources.ts). Each source finds the values its own way (with positions,
 * unknown-until-apply, kebab or snake case); the decisions taken on those values live here, so
 * the same object never gets two verdicts. Pure functions over plain values.
 *
 * Field meanings follow the Core (20160918) and Container Engine (20180222) API references, as
 * typed in oci-core / oci-containerengine 2.139.1.
 */
import { API_DEFAULT_CNI_TYPE } from '../core/facts.js';
import { MAX_NODES_TAG } from '../core/max-nodes-tag.js';
import { IGNORE_TAG, type CniType, type Location, type ModelSuppression } from '../core/model.js';

export { MAX_NODES_TAG };

/** Lifecycle states of objects that no longer hold addresses (or are about to stop): skipped. */
export const GONE_LIFECYCLE_STATES: ReadonlySet<string> = new Set(['DELETED', 'DELETING', 'TERMINATED', 'TERMINATING', 'FAILED']);

export function isGone(lifecycleState: string | undefined): boolean {
  return GONE_LIFECYCLE_STATES.has(String(lifecycleState ?? ''));
}

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];
const given = (s: string | undefined | null): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * Every IPv4 CIDR block of a subnet, the first one first. Subnet.cidrBlock is "the subnet's CIDR
 * block" (the first); Subnet.ipv4CidrBlocks is "the list of all IPv4 CIDR blocks for the subnet"
 * (oci-core Subnet). Either may be missing from older objects or a plan; the union counts.
 */
export function subnetCidrBlockTexts(cidrBlock: string | undefined, ipv4CidrBlocks: readonly (string | undefined)[] | undefined): string[] {
  return distinct([cidrBlock, ...(ipv4CidrBlocks ?? [])].filter(given).map((s) => s.trim()));
}

/** Every IPv4 CIDR block of a VCN: Vcn.cidrBlocks, else the deprecated single Vcn.cidrBlock. */
export function vcnCidrBlockTexts(cidrBlock: string | undefined, cidrBlocks: readonly (string | undefined)[] | undefined): string[] {
  const list = (cidrBlocks ?? []).filter(given);
  return distinct((list.length > 0 ? list : [cidrBlock].filter(given)).map((s) => s.trim()));
}

/**
 * The worker subnets of a pool, one per placement configuration (NodePoolPlacementConfigDetails,
 * one per availability domain), distinct, in order. Pools created before nodeConfigDetails
 * existed name them in subnetIds (quantityPerSubnet nodes in each).
 */
export function placementSubnetIds(placements: readonly (string | undefined)[], legacySubnetIds: readonly (string | undefined)[] = []): string[] {
  const fromPlacements = placements.filter(given);
  return distinct(fromPlacements.length > 0 ? fromPlacements : legacySubnetIds.filter(given));
}

type TagValue = unknown;
/** Tags as the SDK gives them (plain objects) or as a file reader gives them (Maps: no file value becomes a plain object). */
export type TagTree = ReadonlyMap<string, TagValue> | Readonly<Record<string, TagValue>>;

const entriesOf = (t: TagTree | undefined): Array<[string, TagValue]> => (t === undefined ? [] : t instanceof Map ? [...t] : Object.entries(t));
const isTree = (v: TagValue): v is TagTree => v instanceof Map || (v !== null && typeof v === 'object' && !Array.isArray(v));

/**
 * The raw value of a tag (key matched case-insensitively, as OCI tag keys are): a freeform tag
 * first, then a defined tag in any namespace. Defined tags are `{namespace: {key: value}}` in the
 * API and the OCI CLI, and `{"namespace.key": value}` in the Terraform provider; both are read.
 * Undefined without such a tag.
 */
export function tagValue(name: string, freeform: TagTree | undefined, defined: TagTree | undefined): string | undefined {
  const wanted = name.toLowerCase();
  const text = (v: TagValue): string => (typeof v === 'string' ? v : isTree(v) ? '{...}' : String(v));
  for (const [key, value] of entriesOf(freeform)) if (key.toLowerCase() === wanted) return text(value);
  for (const [key, value] of entriesOf(defined)) {
    if (isTree(value)) {
      for (const [inner, v] of entriesOf(value)) if (inner.toLowerCase() === wanted) return text(v);
    } else if (key.toLowerCase().endsWith(`.${wanted}`)) {
      return text(value);
    }
  }
  return undefined;
}

/** The raw value of the MAX_NODES_TAG tag (tagValue). */
export function maxNodesTagValue(freeform: TagTree | undefined, defined: TagTree | undefined): string | undefined {
  return tagValue(MAX_NODES_TAG, freeform, defined);
}

export { IGNORE_TAG };

/**
 * An oke-cni-ignore value: the rule ids before the first colon (comma-separated), the reason
 * after it. No colon: every word is taken as ids and the reason is empty, which the rule
 * invalid-suppression reports (a suppression must say why).
 */
export function parseIgnoreTag(value: string): { ruleIds: string[]; reason: string } {
  const colon = value.indexOf(':');
  const ids = colon < 0 ? value : value.slice(0, colon);
  const reason = colon < 0 ? '' : value.slice(colon + 1).trim();
  return { ruleIds: ids.split(',').map((id) => id.trim()).filter((id) => id !== ''), reason };
}

/** The object's oke-cni-ignore suppression, when it has the tag; `at` is where the tag is written. */
export function ignoreTagSuppression(freeform: TagTree | undefined, defined: TagTree | undefined, at: Location): ModelSuppression | undefined {
  const raw = tagValue(IGNORE_TAG, freeform, defined);
  if (raw === undefined) return undefined;
  return { ...parseIgnoreTag(raw), at, via: 'oke-cni-ignore tag' };
}

export function narrowCniType(value: string | undefined): CniType | undefined {
  return value === 'OCI_VCN_IP_NATIVE' || value === 'FLANNEL_OVERLAY' ? value : undefined;
}

/**
 * A cluster's CNI. Cluster.clusterPodNetworkOptions[0].cniType when the object gives one; else
 * the first node pool that names its own (NodePoolPodNetworkOptionDetails.cniType: a pool of a
 * VCN-native cluster says OCI_VCN_IP_NATIVE); else the API's default, flannel (facts.ts).
 */
export function clusterCniType(clusterOption: CniType | undefined, poolCniTypes: readonly (CniType | undefined)[]): { cniType: CniType; from: 'cluster' | 'node pools' | 'default' } {
  if (clusterOption !== undefined) return { cniType: clusterOption, from: 'cluster' };
  const fromPool = poolCniTypes.find((t) => t !== undefined);
  if (fromPool !== undefined) return { cniType: fromPool, from: 'node pools' };
  return { cniType: API_DEFAULT_CNI_TYPE, from: 'default' };
}

/**
 * The OKE Cluster Autoscaler add-on (GetAddon addonName "ClusterAutoscaler") names the node pools
 * it manages in its `nodes` configuration argument, "min:max:nodepool-OCID" entries separated by
 * commas (Cluster Autoscaler add-on configuration arguments,
 * https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/configuration-arguments-cluster-autoscaler.htm,
 * read 2026-12). The largest size of each managed pool, by OCID; entries that do not read are skipped.
 */
export const CLUSTER_AUTOSCALER_ADDON = 'ClusterAutoscaler';

export function autoscalerMaxima(configurations: ReadonlyArray<{ key?: string | undefined; value?: string | undefined }> | undefined): Map<string, number> {
  const maxima = new Map<string, number>();
  for (const c of configurations ?? []) {
    if ((c.key ?? '').trim() !== 'nodes' || typeof c.value !== 'string') continue;
    for (const entry of c.value.split(',')) {
      const m = /^\s*(\d{1,9})\s*:\s*(\d{1,9})\s*:\s*(ocid1\.nodepool\.[^\s:,]+)\s*$/.exec(entry);
      if (m) maxima.set(m[3] as string, Number(m[2]));
    }
  }
  return maxima;
}

/**
 * Addresses a private IP object stands for: one, or a CIDR block of them when it has a
 * cidrPrefixLength (oci-core PrivateIp.cidrPrefixLength, "the secondary IPv4 CIDR prefix length").
 */
export function privateIpAddresses(ip: { cidrPrefixLength?: number | undefined }): number {
  const p = ip.cidrPrefixLength;
  return typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 32 ? 2 ** (32 - p) : 1;
}
