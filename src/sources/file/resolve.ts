/**
 * Merging every file's draft into one Model: names and OCIDs are indexed in Maps (no scan
 * per reference), duplicates and dangling names become input problems. An OCID that no file
 * defines is an existing object (a network built in another stack): the reference is kept, for
 * `--live` to fetch and for the not-checked rule to name; a node pool of a cluster no file
 * defines (or whose cluster reference is unknown) joins a stand-in cluster whose every value
 * is unknown, so the pool's own checks still run.
 */
import { formatLocation } from '../../core/finding.js';
import { API_DEFAULT_CNI_TYPE } from '../../core/facts.js';
import type { Cluster, Location, Model, NotKnown } from '../../core/model.js';
import { DEFAULT_SERVICES, type Draft, type DraftCluster, type PendingRef } from './draft.js';
import type { Problems } from './problems.js';
import { didYouMean, looksLikeOcid, ocidType } from './values.js';

export interface ExternalRefs {
  vcns: string[];
  subnets: string[];
}

type Kind = PendingRef['kind'];

const LABEL: Record<Kind, string> = { vcn: 'VCN', subnet: 'subnet', cluster: 'cluster', securityList: 'security list', nsg: 'NSG' };
const OCID_TYPE: Record<Kind, string> = {
  vcn: 'vcn',
  subnet: 'subnet',
  cluster: 'cluster',
  securityList: 'securitylist',
  nsg: 'networksecuritygroup',
};

interface Defined<T> {
  target: T;
  ref: string;
  at: Location;
}

/** Files linted together form one model; say so when a second file repeats an object. */
function acrossFiles(first: Location, again: Location): string {
  const differ = first.kind === 'file' && again.kind === 'file' && first.file !== again.file;
  return differ ? '; files given together form one model: define each object in one file, or lint independent configs in separate runs' : '';
}

class KindIndex<T> {
  readonly byRef = new Map<string, Defined<T>>();
  readonly byOcid = new Map<string, Defined<T>>();
  constructor(
    private readonly kind: Kind,
    private readonly problems: Problems,
  ) {}

  add(target: T, ref: string, ocid: string | undefined, at: Location): void {
    // An object without a name was reported already; it cannot be referenced.
    if (ref === '') return;
    const item = { target, ref, at };
    const first = this.byRef.get(ref);
    if (first) {
      this.problems.addAt(at, `${LABEL[this.kind]} "${ref}" is defined twice (first at ${formatLocation(first.at)})${acrossFiles(first.at, at)}`);
      return;
    }
    this.byRef.set(ref, item);
    if (ocid === undefined || ocid === ref) {
      if (looksLikeOcid(ref)) this.byOcid.set(ref, item);
      return;
    }
    const firstOcid = this.byOcid.get(ocid);
    if (firstOcid) {
      this.problems.addAt(at, `${LABEL[this.kind]} OCID "${ocid}" is defined twice (first at ${formatLocation(firstOcid.at)})${acrossFiles(firstOcid.at, at)}`);
      return;
    }
    this.byOcid.set(ocid, item);
  }

  lookup(text: string): Defined<T> | undefined {
    return looksLikeOcid(text) ? (this.byOcid.get(text) ?? this.byRef.get(text)) : this.byRef.get(text);
  }

  /** Names (not OCIDs) for "did you mean". */
  *names(): Iterable<string> {
    for (const ref of this.byRef.keys()) if (!looksLikeOcid(ref)) yield ref;
  }
}

export function resolveDrafts(drafts: readonly Draft[], problems: Problems): { model: Model; externalRefs: ExternalRefs } {
  const vcns = new KindIndex<string>('vcn', problems);
  const subnets = new KindIndex<string>('subnet', problems);
  const clusters = new KindIndex<DraftCluster>('cluster', problems);
  const securityLists = new KindIndex<string>('securityList', problems);
  const nsgs = new KindIndex<string>('nsg', problems);
  const model: Model = { vcns: [], subnets: [], clusters: [] };

  for (const d of drafts) {
    for (const v of d.vcns) {
      vcns.add(v.ref, v.ref, v.ocid, v.at[''] as Location);
      model.vcns.push(v);
    }
    for (const s of d.subnets) {
      subnets.add(s.ref, s.ref, s.ocid, s.at[''] as Location);
      model.subnets.push(s);
    }
    for (const c of d.clusters) {
      clusters.add(c, c.ref, c.cluster.ocid, c.cluster.at[''] as Location);
      model.clusters.push(c.cluster);
    }
    for (const l of d.securityLists ?? []) {
      securityLists.add(l.ref, l.ref, l.ocid, l.at[''] as Location);
      (model.securityLists ??= []).push(l);
    }
    for (const g of d.networkSecurityGroups ?? []) {
      nsgs.add(g.ref, g.ref, g.ocid, g.at[''] as Location);
      (model.networkSecurityGroups ??= []).push(g);
    }
  }

  const external = { vcn: new Set<string>(), subnet: new Set<string>() };
  const standIns = new Map<string, DraftCluster>();
  const standIn = (key: string, name: string, ocid: string | undefined, nk: NotKnown): DraftCluster => {
    let found = standIns.get(key);
    if (!found) {
      found = { cluster: standInCluster(name, ocid, nk), ref: key, cniTypeGiven: false };
      standIns.set(key, found);
      model.clusters.push(found.cluster);
    }
    return found;
  };
  const indexes = { vcn: vcns, subnet: subnets, cluster: clusters, securityList: securityLists, nsg: nsgs };

  for (const d of drafts) {
    for (const ref of d.refs) {
      if (ref.kind === 'cluster' && ref.unknown !== undefined) {
        // The pool's cluster reference is unknown until apply: a stand-in cluster of its own.
        ref.attach(standIn(`\0${formatLocation(ref.at)}`, '(cluster unknown)', undefined, ref.unknown));
        continue;
      }
      const text = ref.text.trim();
      if (looksLikeOcid(text)) {
        const type = ocidType(text);
        if (type !== OCID_TYPE[ref.kind]) {
          problems.addAt(
            ref.at,
            type === undefined
              ? `${ref.field}: "${text}" is not a valid OCID`
              : `${ref.field}: "${text}" is a ${type} OCID; expected a ${LABEL[ref.kind]} OCID (ocid1.${OCID_TYPE[ref.kind]}.…)`,
          );
          continue;
        }
      }
      if (ref.kind === 'cluster') {
        const found = clusters.lookup(text);
        if (found) ref.attach(found.target);
        else if (looksLikeOcid(text)) {
          ref.attach(standIn(text, text, text, { field: ref.field, reason: `cluster ${text} is not in the given files`, at: ref.at }));
        } else problems.addAt(ref.at, dangling(ref, text, indexes));
        continue;
      }
      const found = indexes[ref.kind].lookup(text);
      if (found) {
        ref.set(found.ref);
      } else if (looksLikeOcid(text)) {
        // An existing object outside the given files: kept for --live and the not-checked notes.
        ref.set(text);
        if (ref.kind === 'vcn' || ref.kind === 'subnet') external[ref.kind].add(text);
      } else {
        problems.addAt(ref.at, dangling(ref, text, indexes));
      }
    }
  }

  return { model, externalRefs: { vcns: [...external.vcn], subnets: [...external.subnet] } };
}

/** A cluster the input does not describe: only its pools are known (a pool's CNI type tells the cluster's, see attachCarried in draft.ts). */
function standInCluster(name: string, ocid: string | undefined, nk: NotKnown): Cluster {
  return {
    name,
    ocid,
    compartmentId: undefined,
    vcn: '',
    kubernetesVersion: '',
    cniType: API_DEFAULT_CNI_TYPE,
    servicesCidr: DEFAULT_SERVICES,
    ipv6: false,
    serviceMesh: undefined,
    disabledRules: [],
    nodePools: [],
    at: { '': nk.at },
    unknown: { cniType: nk, kubernetesVersion: nk, vcn: nk, servicesCidr: nk },
  };
}

function dangling(
  ref: PendingRef,
  text: string,
  indexes: Record<Kind, { lookup(t: string): unknown; names(): Iterable<string> }>,
): string {
  const label = LABEL[ref.kind];
  for (const other of ['vcn', 'subnet', 'cluster', 'securityList', 'nsg'] as const) {
    if (other !== ref.kind && indexes[other].lookup(text)) return `${ref.field}: "${text}" is a ${LABEL[other]}, not a ${label}`;
  }
  return `${ref.field}: no ${label} named "${text}"${didYouMean(text, indexes[ref.kind].names())}`;
}
