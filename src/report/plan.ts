/** Renders a PlanResult: tables with the formula, the per-node breakdown and a usage bar. */
import { showControls } from '../core/escape.js';
import type { ChalkInstance } from 'chalk';
import { isFlex, type Shape } from '../catalog/catalog.js';
import { BAR_EMPTY, BAR_FULL, filledCells } from './bar.js';
import { describeFlexRule } from './flex-rule.js';
import { chalkFor } from './style.js';
import { usableAddresses } from '../core/capacity.js';
import {
  DEFAULT_HEADROOM_PERCENT,
  KUBERNETES_MAX_PODS_PER_NODE,
  MAX_IPS_PER_NODE_SECONDARY_VNICS,
  MAX_PODS_PER_NODE_SECONDARY_VNICS,
  POD_IPS_PER_VNIC,
  SUBNET_RESERVED_ADDRESSES,
  WORKER_SUBNET_VNICS,
} from '../core/facts.js';
import type { PlanComparison, PlanResult } from '../core/plan.js';
import { count } from '../core/plural.js';

export function renderPlanJson(result: PlanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

type Row = [label: string, value: string, how: string];

/**
 * Sections of "label  value  how" rows: labels left-aligned, values right-aligned, in the same
 * two columns across every section so the numbers line up down the whole report. Plain padding,
 * not a table library: the cells are ASCII.
 */
function sections(parts: ReadonlyArray<{ title: string; rows: Row[] }>): string[] {
  const all = parts.flatMap((p) => p.rows);
  const width = (i: 0 | 1) => Math.max(...all.map((r) => visibleLength(r[i])));
  const [labelWidth, valueWidth] = [width(0), width(1)];
  return parts.flatMap((p, i) => [
    ...(i > 0 ? [''] : []),
    p.title,
    ...p.rows.map(([label, value, how]) => `  ${label.padEnd(labelWidth)}   ${' '.repeat(valueWidth - visibleLength(value))}${value}   ${how}`.trimEnd()),
  ]);
}

/** Length without ANSI color codes. */
const visibleLength = (text: string): number => text.replace(/\u001b\[[0-9;]*m/g, '').length;

/** A fixed-width bar of how much of the subnet the plan uses. */
export function usageBar(fraction: number, width: number, c: ChalkInstance): string {
  const filled = filledCells(fraction, width);
  const color = fraction > 1 ? c.red : fraction * 100 > DEFAULT_HEADROOM_PERCENT ? c.yellow : c.green;
  return `[${color(BAR_FULL.repeat(filled))}${c.dim(BAR_EMPTY.repeat(width - filled))}]`;
}

/** The per-node rows of a legacy plan: the seed's formula. */
function legacyRows(r: PlanResult): Row[] {
  const podVnicsMax = Math.max(0, r.vnics - WORKER_SUBNET_VNICS);
  return [
    ['max pods per node', String(r.maxPodsPerNode), `MIN((${r.vnics} VNICs - ${WORKER_SUBNET_VNICS}) x ${POD_IPS_PER_VNIC}, ${KUBERNETES_MAX_PODS_PER_NODE}) = MIN(${podVnicsMax * POD_IPS_PER_VNIC}, ${KUBERNETES_MAX_PODS_PER_NODE})`],
    ['pods per node (plan)', String(r.podsPerNode), r.podsPerNode === r.maxPodsPerNode ? "the shape's maximum" : '--max-pods'],
    ['pod-subnet VNICs', String(r.perNode.podVnics), `ceil(${r.podsPerNode} / ${POD_IPS_PER_VNIC})`],
    ['pod IPs', String(r.perNode.podIps), 'secondary IPs pre-allocated, one per pod'],
    ['VNIC primary IPs', String(r.perNode.vnicPrimaryIps), 'one per pod-subnet VNIC (inferred)'],
  ];
}

/** The per-node rows of a secondary-vnics plan: the profiles' IP budget. */
function secondaryVnicsRows(r: PlanResult, sv: NonNullable<PlanResult['secondaryVnics']>): Row[] {
  return [
    ['secondary VNIC profiles', String(sv.profiles.length), `the shape attaches up to ${sv.maxProfiles} (${r.vnics} VNICs - ${WORKER_SUBNET_VNICS} primary)`],
    ['IP budget', String(sv.ipBudget), `${sv.profiles.join(' + ')} (ipCount per profile; at most ${MAX_IPS_PER_NODE_SECONDARY_VNICS} per node)`],
    ['max pods per node', String(r.maxPodsPerNode), `MIN(${sv.ipBudget}, ${MAX_PODS_PER_NODE_SECONDARY_VNICS})`],
    ['pods per node (plan)', String(r.podsPerNode), r.podsPerNode === r.maxPodsPerNode ? "the profiles' IPs" : '--max-pods'],
    ['pod IPs', String(r.perNode.podIps), 'each profile pre-allocates its ipCount'],
    ['VNIC primary IPs', String(r.perNode.vnicPrimaryIps), 'one per profile VNIC (inferred)'],
  ];
}

function shapeHeading(r: PlanResult, shape: Shape): string {
  const ocpus = r.ocpus === null ? '' : count(r.ocpus, 'OCPU');
  const vnicHow = isFlex(shape) ? `${describeFlexRule(shape)}, at ${ocpus}` : 'fixed shape';
  return `${showControls(r.shape)}${isFlex(shape) ? ` with ${ocpus}` : ''}: ${count(r.vnics, 'VNIC')} (${vnicHow})`;
}

/** A shape whose only VNIC sits in the worker subnet runs no VCN-native pod: nothing to count. */
const runsNoPods = (r: PlanResult): boolean => r.problems.some((p) => p.code === 'shape-without-pod-vnics');

export function renderPlanTable(r: PlanResult, shape: Shape, color: boolean): string {
  const c = chalkFor(color);
  const out: string[] = [];
  out.push(c.bold(shapeHeading(r, shape)));
  if (r.secondaryVnics) out.push(`allocation model: secondary VNIC profiles (up to ${MAX_PODS_PER_NODE_SECONDARY_VNICS} pods per node)`);
  out.push('');
  if (runsNoPods(r)) {
    out.push(...verdict(r, c));
    return `${out.join('\n')}\n`;
  }
  const parts: Array<{ title: string; rows: Row[] }> = [
    {
      title: c.bold('Per node'),
      rows: [
        ...(r.secondaryVnics ? secondaryVnicsRows(r, r.secondaryVnics) : legacyRows(r)),
        ['node primary IP', String(r.perNode.nodePrimaryIp), r.sameSubnet ? 'worker subnet = pod subnet (--same-subnet)' : 'in the worker subnet, not counted'],
        ['addresses per node', c.bold(String(r.ipsPerNode)), `${r.perNode.podIps} + ${r.perNode.vnicPrimaryIps} + ${r.perNode.nodePrimaryIp}`],
      ],
    },
  ];
  if (r.nodes !== null && r.required !== null) {
    parts.push({
      title: c.bold('Pool'),
      rows: [
        ['nodes planned for', String(r.nodes), `largest pool size + ${r.surge} surge${r.surgePercent === null ? '' : ` (${r.surgePercent}% of ${r.nodes - r.surge}, rounded up)`}`],
        ['addresses needed', c.bold(String(r.required)), `${r.nodes} x ${r.ipsPerNode}`],
        [
          'smallest pod subnet',
          r.smallestPrefix === null ? 'none' : `/${r.smallestPrefix}`,
          r.smallestPrefix === null ? 'more than a /16 holds' : count(usableAddresses(r.smallestPrefix), 'usable address', 'usable addresses'),
        ],
      ],
    });
  }
  if (r.subnet) {
    const s = r.subnet;
    parts.push({
      title: c.bold(`Pod subnet ${s.cidr}`),
      rows: [
        ['usable addresses', String(s.usable), usableWhy(s.cidrBlocks)],
        ['room for nodes', String(s.maxNodes), `${s.usable} / ${r.ipsPerNode} addresses per node, surge nodes included`],
      ],
    });
  }
  out.push(...sections(parts));
  if (r.subnet && r.subnet.utilization !== null && r.subnet.required !== null) {
    const s = r.subnet;
    const pct = (s.utilization as number * 100).toFixed(1);
    out.push(`  ${usageBar(s.utilization as number, 40, c)} ${pct}% (${s.required} of ${s.usable})`);
  }
  out.push('');
  out.push(...verdict(r, c));
  return `${out.join('\n')}\n`;
}

/** "2^14 - 3 reserved by OCI"; several blocks: "(2^12 - 3) + (2^12 - 3): 3 reserved by OCI in each block (inferred)". */
function usableWhy(blocks: readonly string[]): string {
  const power = (b: string) => `2^${32 - Number(b.split('/')[1])}`;
  if (blocks.length === 1) return `${power(blocks[0] as string)} - ${SUBNET_RESERVED_ADDRESSES} reserved by OCI`;
  return `${blocks.map((b) => `(${power(b)} - ${SUBNET_RESERVED_ADDRESSES})`).join(' + ')}: ${SUBNET_RESERVED_ADDRESSES} reserved by OCI in each block (inferred)`;
}

function verdict(r: PlanResult, c: ChalkInstance, prefix = ''): string[] {
  if (r.problems.length === 0) {
    const fits = r.subnet && r.subnet.fits ? `fits: ${r.subnet.cidr} holds the ${count(r.nodes ?? 0, 'planned node')} (room for ${r.subnet.maxNodes})` : 'the shape carries the planned pods';
    return [c.green(`✔ ${prefix}${fits}`)];
  }
  return r.problems.flatMap((p) => [`${c.red('✖')} ${prefix}${p.message}`, `  ${c.dim('fix:')} ${p.fix}`]);
}

export function renderComparisonJson(comparison: PlanComparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

/** Both models in two columns, then each model's verdict. */
export function renderComparisonTable(cmp: PlanComparison, shape: Shape, color: boolean): string {
  const c = chalkFor(color);
  const { legacy: l, secondaryVnics: g } = cmp;
  const profiles = g.secondaryVnics?.profiles ?? [];
  const gHead = `secondary VNICs ${profiles.join(',')}`;
  const rows: Row[] = [
    ['', 'legacy', gHead],
    ['max pods per node', String(l.maxPodsPerNode), String(g.maxPodsPerNode)],
    ['pods per node (plan)', String(l.podsPerNode), String(g.podsPerNode)],
    ['pod VNICs per node', String(l.perNode.podVnics), String(g.perNode.podVnics)],
    ['addresses per node', String(l.ipsPerNode), String(g.ipsPerNode)],
  ];
  if (l.nodes !== null) {
    rows.push(['nodes planned for', String(l.nodes), String(g.nodes)]);
    rows.push(['addresses needed', String(l.required), String(g.required)]);
    const prefix = (r: PlanResult) => (r.smallestPrefix === null ? 'none' : `/${r.smallestPrefix}`);
    rows.push(['smallest pod subnet', prefix(l), prefix(g)]);
  }
  if (l.subnet && g.subnet) {
    const hold = (r: PlanResult) => count(r.subnet?.maxNodes ?? 0, 'node');
    rows.push([`${l.subnet.cidr} room for`, hold(l), hold(g)]);
  }
  const width = (i: 0 | 1) => Math.max(...rows.map((r) => r[i].length));
  const [labelWidth, legacyWidth] = [width(0), width(1)];
  const out: string[] = [c.bold(shapeHeading(l, shape)), ''];
  for (const [label, a, b] of rows) out.push(`  ${label.padEnd(labelWidth)}   ${a.padStart(legacyWidth)}   ${b}`.trimEnd());
  out.push('');
  if (!cmp.profilesGiven) out.push(c.dim(`secondary VNICs: one profile of ${profiles.join(',')} IPs, the most a node takes; give --secondary-vnics to compare yours`));
  out.push(...verdict(l, c, 'legacy: '));
  out.push(...verdict(g, c, 'secondary VNICs: '));
  return `${out.join('\n')}\n`;
}
