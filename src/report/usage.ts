/** check's live pod-subnet use: what each pod subnet has in use now, beside what its pools take at their largest. */
import { showControls } from '../core/escape.js';
import { chalkFor } from './style.js';
import { DEFAULT_WIDTH, renderBoxTable, wrapParagraphs } from './table.js';
import type { FindingFormat } from './formats.js';
import type { SubnetUsage } from '../sources/oci/usage.js';

/** Which compartments were searched for node pools (SearchReport of the live source). */
export interface SearchSummary {
  roots: readonly string[];
  from: string;
  compartments: number;
}

const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-');

/** The live pod-subnet table printed under the findings table. */
export function renderUsageTable(usage: readonly SubnetUsage[], color: boolean, search?: SearchSummary, width = DEFAULT_WIDTH): string {
  if (usage.length === 0) return search ? `${searchLine(search)}\n` : '';
  const c = chalkFor(color);
  const columns = [
    { header: 'pod subnet' },
    { header: 'CIDR' },
    { header: 'usable', align: 'right' },
    { header: 'in use now', wrap: 'header' },
    { header: 'other use', align: 'right' },
    { header: 'planned at largest', wrap: 'header' },
    // One line per pool, never wrapped: "prod/general: 4 x 32" reads as one unit.
    { header: 'node pools' },
  ] as const;
  const rows = usage.map((u) => {
    const planned = `${u.plannedAtMax} (${percent(u.plannedAtMax, u.usable)})`;
    return [
      showControls(u.name),
      showControls(u.cidr),
      String(u.usable),
      u.inUse === undefined ? 'unknown' : `${u.inUse} (${percent(u.inUse, u.usable)})`,
      u.otherUse === undefined ? '-' : String(u.otherUse),
      u.plannedAtMax > u.usable ? c.red(planned) : planned,
      [...u.pools.map((p) => `${showControls(p.pool)}: ${p.nodes} x ${p.addressesPerNode}${p.thisCluster ? '' : ' (other cluster)'}`), ...(u.reserved > 0 ? [`reserved (config): ${u.reserved}`] : [])].join('\n'),
    ];
  });
  const table = renderBoxTable(columns, rows, { width, rowRules: true });
  const unknown = usage.filter((u) => u.inUseUnknown !== undefined).map((u) => `in use now in ${showControls(u.name)} unknown: ${showControls(u.inUseUnknown as string)}\n`);
  const shared = usage.map((u) => `${showControls(u.name)}: ${u.otherClusterPools} node pool${u.otherClusterPools === 1 ? '' : 's'} of other clusters share it\n`);
  return (
    `${c.bold('Pod subnets (live)')}\n${table}\n` +
    wrapParagraphs(
      'in use now: addresses of the private IPs in the subnet (ListPrivateIps; a CIDR-sized private IP counts 2^(32 - cidrPrefixLength)); ' +
        'other use: in use now minus each pool\'s nodes now (its size; virtual nodes counted full) x addresses per node; ' +
        'planned at largest: the larger of other use and reserved (config) + every pool at max(size, maxSize) + maxSurge nodes x addresses per node.',
      width,
    ) +
    '\n' +
    unknown.join('') +
    (search ? `${shared.join('')}${searchLine(search)}\n` : '')
  );
}

/** "searched 50 compartments for node pools: the tree under ocid1.tenancy... (the profile's tenancy)" */
export function searchLine(search: SearchSummary): string {
  const from = search.from === 'tenancy' ? "the profile's tenancy" : search.from === '--compartment' ? '--compartment' : "the cluster's compartment; no tenancy known, give --compartment to search more";
  return `searched ${search.compartments} compartment${search.compartments === 1 ? '' : 's'} for node pools: the tree under ${search.roots.map(showControls).join(', ')} (${from})`;
}

/** The JSON report with a `podSubnets` array beside `findings` and `summary`. */
export function withUsage(json: string, usage: readonly SubnetUsage[], search?: SearchSummary): string {
  return `${JSON.stringify({ ...(JSON.parse(json) as object), podSubnets: usage, ...(search ? { searched: search } : {}) }, null, 2)}\n`;
}

/** Adds the pod-subnet use to a rendered findings report: a table under `table`, a `podSubnets` key in `json`. */
export function addUsage(usage: readonly SubnetUsage[], search?: SearchSummary) {
  return (format: FindingFormat, report: string, color: boolean, width: number): string => {
    if (format === 'json') return withUsage(report, usage, search);
    if (format === 'table' && (usage.length || search)) return `${report}\n${renderUsageTable(usage, color, search, width)}`;
    return report;
  };
}
