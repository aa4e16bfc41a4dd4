/** `check --upgrade`: the pre-upgrade preflight as a table with verdict lines, or as JSON. Returns strings. */
import { cidrsText } from '../core/cidr.js';
import { showControls } from '../core/escape.js';
import { DEFAULT_MAX_SURGE } from '../core/facts.js';
import type { Preflight, PoolSurge, SubnetPreflight } from '../core/upgrade.js';
import { DEFAULT_WIDTH, renderBoxTable } from './table.js';
import { chalkFor } from './style.js';

/** A note of the live read (a narrower IAM policy kept something from being read). */
export interface PreflightNote {
  resourceType: string;
  ocid: string;
  message: string;
}

const label = (p: PoolSurge, cluster: string): string => `${cluster}/${p.pool.name}`;

/** "maximumSurge 25% of 2 nodes -> 1 surge node" */
function surgeText(p: PoolSurge): string {
  const given = p.maximumSurge === undefined ? `maximumSurge unset (OKE's default, ${DEFAULT_MAX_SURGE})` : `maximumSurge ${showControls(p.maximumSurge)}`;
  return `${given} of ${p.nodesNow} node${p.nodesNow === 1 ? '' : 's'} now -> ${p.surgeNodes} surge node${p.surgeNodes === 1 ? '' : 's'}`;
}

const mark = (fits: boolean | undefined): string => (fits === undefined ? '' : fits ? ' ✔' : ' ✖');

function subnetName(s: SubnetPreflight): string {
  return `subnet "${showControls(s.subnet.name)}" (${showControls(cidrsText(s.subnet.cidrBlocks))})`;
}

/** The verdict lines: one per subnet that lacks the room (with its fix), one per subnet not checked, or the one all-clear line. */
function verdicts(p: Preflight, cluster: string, c: ReturnType<typeof chalkFor>): string[] {
  const out: string[] = [];
  const oneAtATime = p.cycle === 'one-at-a-time';
  for (const s of p.subnets) {
    const fits = oneAtATime ? s.fitsOneAtATime : s.fitsAllAtOnce;
    if (fits === undefined) {
      out.push(`${c.yellow('?')} ${subnetName(s)}: not checked: ${showControls(s.inUseUnknown ?? '')}`);
      out.push(`  ${c.dim('how:')} grant the profile read access to the subnet's private IPs (ListPrivateIps), or run with a profile that has it; until then this subnet is not checked`);
      continue;
    }
    if (fits) continue;
    const needs = oneAtATime ? s.pools.slice(0, 1) : s.pools;
    const who = needs.map((n) => `${showControls(label(n.pool, cluster))} ${n.pool.surgeNodes} x ${n.perSurgeNode} = ${n.addresses}`).join(', ');
    const total = oneAtATime ? s.oneAtATime : s.allAtOnce;
    out.push(`${c.red('✖')} ${subnetName(s)}: ${s.free} addresses free now, but cycling ${oneAtATime ? 'its largest pool' : 'every pool at once'} needs ${total} (${who})`);
    const alternative = oneAtATime ? '' : s.fitsOneAtATime ? '; or cycle the pools one at a time, which fits' : '';
    out.push(
      `  ${c.dim('fix:')} free ${total - (s.free ?? 0)} addresses in the subnet (load balancers, unused VNICs), lower the pools' maximumSurge ` +
        `(0, with maximumUnavailable 1 or more, replaces nodes without surge nodes), or add a CIDR block to the subnet${alternative}`,
    );
  }
  if (out.length === 0) {
    const other = oneAtATime ? (p.subnets.every((s) => s.fitsAllAtOnce) ? '; all at once fits too' : '; all at once does not fit') : '';
    out.push(c.green(`✔ node cycling finds its surge addresses free now in every subnet (${oneAtATime ? 'pools cycled one at a time' : 'every pool cycled at once'}${other})`));
  }
  return out;
}

export function renderPreflightTable(p: Preflight, notes: readonly PreflightNote[], color: boolean, width = DEFAULT_WIDTH): string {
  const c = chalkFor(color);
  const cluster = p.cluster.name;
  const columns = [
    { header: 'subnet' },
    { header: 'CIDR' },
    { header: 'usable', align: 'right' },
    { header: 'in use now', align: 'right', wrap: 'header' },
    { header: 'free now', align: 'right', wrap: 'header' },
    { header: 'one pool at a time', wrap: 'header' },
    { header: 'all pools at once', wrap: 'header' },
    // One line per pool, never wrapped: "prod/big: 3 x 32" reads as one unit.
    { header: 'surge addresses per pool' },
  ] as const;
  const rows = p.subnets.map((s) => [
    showControls(s.subnet.name),
    showControls(cidrsText(s.subnet.cidrBlocks)),
    String(s.usable),
    s.inUse === undefined ? 'unknown' : String(s.inUse),
    s.free === undefined ? 'unknown' : String(s.free),
    `${s.oneAtATime}${mark(s.fitsOneAtATime)}`,
    `${s.allAtOnce}${mark(s.fitsAllAtOnce)}`,
    s.pools.map((n) => `${showControls(label(n.pool, cluster))}: ${n.pool.surgeNodes} x ${n.perSurgeNode}${n.role === 'worker' ? ' (node IP)' : ''}`).join('\n'),
  ]);
  const mode = p.cycle === 'one-at-a-time' ? 'node pools cycled one at a time (--cycle all-at-once: every pool at once)' : 'every node pool cycled at once (--cycle all-at-once)';
  const lines = [
    c.bold(`Upgrade preflight: cluster ${showControls(cluster)}${p.cluster.ocid ? ` (${showControls(p.cluster.ocid)})` : ''}, ${mode}`),
    ...p.pools.map((s) => `  ${showControls(label(s, cluster))}: ${surgeText(s)}`),
    p.subnets.length > 0 ? renderBoxTable(columns, rows, { width, rowRules: true }) : 'no subnet to check: the pools have no placement subnets',
    'free now: usable addresses of every CIDR block minus the private IPs in use now (ListPrivateIps); a surge node takes its pod addresses ' +
      '(pre-allocated; virtual nodes counted full) in the pod or profile subnet and 1 address (node IP) in each of the pool\'s worker subnets (its AD is not known ahead).',
    ...notes.map((n) => `note: ${showControls(n.message)}`),
    '',
    ...verdicts(p, cluster, c),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderPreflightJson(p: Preflight, notes: readonly PreflightNote[]): string {
  const cluster = p.cluster.name;
  const json = {
    cluster: { name: cluster, ocid: p.cluster.ocid ?? null },
    cycle: p.cycle,
    fits: p.fits ?? null,
    pools: p.pools.map((s) => ({
      pool: label(s, cluster),
      ocid: s.pool.ocid ?? null,
      type: s.pool.type,
      nodesNow: s.nodesNow,
      maximumSurge: s.maximumSurge ?? null,
      surgeNodes: s.surgeNodes,
      subnets: s.subnets.map((o) => ({ subnet: o.subnet.name, ocid: o.subnet.ocid ?? null, role: o.role, perSurgeNode: o.perSurgeNode, addresses: o.addresses })),
    })),
    subnets: p.subnets.map((s) => ({
      name: s.subnet.name,
      ocid: s.subnet.ocid ?? null,
      cidr: cidrsText(s.subnet.cidrBlocks),
      cidrBlocks: s.subnet.cidrBlocks.map((b) => b.text),
      usable: s.usable,
      inUse: s.inUse ?? null,
      inUseUnknown: s.inUseUnknown ?? null,
      free: s.free ?? null,
      oneAtATime: { addresses: s.oneAtATime, fits: s.fitsOneAtATime ?? null },
      allAtOnce: { addresses: s.allAtOnce, fits: s.fitsAllAtOnce ?? null },
      pools: s.pools.map((n) => ({ pool: label(n.pool, cluster), role: n.role, perSurgeNode: n.perSurgeNode, addresses: n.addresses })),
    })),
    notes,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
