/** check's live pod-subnet use: what each pod subnet has in use now, beside what its pools take at their largest. */
import Table from 'cli-table3';
import { showControls } from '../core/escape.js';
import { chalkFor } from './style.js';
import type { FindingFormat } from './formats.js';
import type { SubnetUsage } from '../sources/oci/usage.js';

const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-');

/** The live pod-subnet table printed under the findings table. */
export function renderUsageTable(usage: readonly SubnetUsage[], color: boolean): string {
  if (usage.length === 0) return '';
  const c = chalkFor(color);
  const table = new Table({
    head: ['pod subnet', 'CIDR', 'usable', 'in use now', 'pools at their largest', 'node pools'],
    style: { head: [], border: [] },
  });
  for (const u of usage) {
    const planned = `${u.plannedAtMax} (${percent(u.plannedAtMax, u.usable)})`;
    table.push([
      showControls(u.name),
      showControls(u.cidr),
      String(u.usable),
      u.inUse === undefined ? '-' : `${u.inUse} (${percent(u.inUse, u.usable)})`,
      u.plannedAtMax > u.usable ? c.red(planned) : planned,
      [...u.pools.map((p) => `${showControls(p.pool)}: ${p.nodes} x ${p.addressesPerNode}`), ...(u.reserved > 0 ? [`reserved (config): ${u.reserved}`] : [])].join('\n'),
    ]);
  }
  return (
    `${c.bold('Pod subnets (live)')}\n${table.toString()}\n` +
    'in use now: private IPs in the subnet (ListPrivateIps); pools at their largest: max(size, maxSize) + maxSurge nodes x addresses per node.\n'
  );
}

/** The JSON report with a `podSubnets` array beside `findings` and `summary`. */
export function withUsage(json: string, usage: readonly SubnetUsage[]): string {
  return `${JSON.stringify({ ...(JSON.parse(json) as object), podSubnets: usage }, null, 2)}\n`;
}

/** Adds the pod-subnet use to a rendered findings report: a table under `table`, a `podSubnets` key in `json`. */
export function addUsage(usage: readonly SubnetUsage[]) {
  return (format: FindingFormat, report: string, color: boolean): string => {
    if (format === 'json') return withUsage(report, usage);
    if (format === 'table' && usage.length) return `${report}\n${renderUsageTable(usage, color)}`;
    return report;
  };
}
