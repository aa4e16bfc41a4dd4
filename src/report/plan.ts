/** Renders a PlanResult: tables with the formula, the per-node breakdown and a usage bar. */
import { showControls } from '../core/escape.js';
import type { ChalkInstance } from 'chalk';
import { isFlex, type Shape } from '../catalog/catalog.js';
import { BAR_EMPTY, BAR_FULL, filledCells } from './bar.js';
import { chalkFor } from './style.js';
import { usableAddresses } from '../core/capacity.js';
import { KUBERNETES_MAX_PODS_PER_NODE, POD_IPS_PER_VNIC, SUBNET_RESERVED_ADDRESSES, WORKER_SUBNET_VNICS, DEFAULT_HEADROOM_PERCENT } from '../core/facts.js';
import type { PlanResult } from '../core/plan.js';

export function renderPlanJson(result: PlanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** "1 VNIC per OCPU, min 2, max 24" */
export function describeFlexRule(shape: Shape & { flex: NonNullable<Shape['flex']> }): string {
  const r = shape.flex.vnics;
  const per = r.perOcpu === 1 ? '1 VNIC per OCPU' : `${r.perOcpu} VNICs per OCPU`;
  return `${per}, min ${r.min}, max ${r.max}`;
}

/**
 * Rows of "label  value  how": label left-aligned, value right-aligned. Plain padding, not
 * cli-table3: the cells are ASCII, and the table library's Unicode width tables cost plan
 * ~20 ms of start-up.
 */
function section(rows: Array<[string, string, string]>): string {
  const width = (i: 0 | 1) => Math.max(...rows.map((r) => visibleLength(r[i])));
  const [labelWidth, valueWidth] = [width(0), width(1)];
  return rows
    .map(([label, value, how]) => `  ${label.padEnd(labelWidth)}   ${' '.repeat(valueWidth - visibleLength(value))}${value}   ${how}`.trimEnd())
    .join('\n');
}

/** Length without ANSI color codes. */
const visibleLength = (text: string): number => text.replace(/\u001b\[[0-9;]*m/g, '').length;

/** A fixed-width bar of how much of the subnet the plan uses. */
export function usageBar(fraction: number, width: number, c: ChalkInstance): string {
  const filled = filledCells(fraction, width);
  const color = fraction > 1 ? c.red : fraction * 100 > DEFAULT_HEADROOM_PERCENT ? c.yellow : c.green;
  return `[${color(BAR_FULL.repeat(filled))}${c.dim(BAR_EMPTY.repeat(width - filled))}]`;
}

export function renderPlanTable(r: PlanResult, shape: Shape, color: boolean): string {
  const c = chalkFor(color);
  const out: string[] = [];
  const vnicHow = isFlex(shape) ? `${describeFlexRule(shape)}, at ${r.ocpus} OCPUs` : 'fixed shape';
  out.push(c.bold(`${showControls(r.shape)}${isFlex(shape) ? ` with ${r.ocpus} OCPUs` : ''}: ${r.vnics} VNIC${r.vnics === 1 ? '' : 's'} (${vnicHow})`));
  out.push('');
  out.push(c.bold('Per node'));
  const podVnicsMax = Math.max(0, r.vnics - WORKER_SUBNET_VNICS);
  out.push(
    section([
      ['max pods per node', String(r.maxPodsPerNode), `MIN((${r.vnics} VNICs - ${WORKER_SUBNET_VNICS}) x ${POD_IPS_PER_VNIC}, ${KUBERNETES_MAX_PODS_PER_NODE}) = MIN(${podVnicsMax * POD_IPS_PER_VNIC}, ${KUBERNETES_MAX_PODS_PER_NODE})`],
      ['pods per node (plan)', String(r.podsPerNode), r.podsPerNode === r.maxPodsPerNode ? "the shape's maximum" : '--max-pods'],
      ['pod-subnet VNICs', String(r.perNode.podVnics), `ceil(${r.podsPerNode} / ${POD_IPS_PER_VNIC})`],
      ['pod IPs', String(r.perNode.podIps), 'secondary IPs pre-allocated, one per pod'],
      ['VNIC primary IPs', String(r.perNode.vnicPrimaryIps), 'one per pod-subnet VNIC (inferred)'],
      ['node primary IP', String(r.perNode.nodePrimaryIp), r.sameSubnet ? 'worker subnet = pod subnet (--same-subnet)' : 'in the worker subnet, not counted'],
      ['addresses per node', c.bold(String(r.ipsPerNode)), `${r.perNode.podIps} + ${r.perNode.vnicPrimaryIps} + ${r.perNode.nodePrimaryIp}`],
    ]),
  );
  if (r.nodes !== null && r.required !== null) {
    out.push('');
    out.push(c.bold('Pool'));
    out.push(
      section([
        ['nodes planned for', String(r.nodes), `largest pool size + ${r.surge} surge`],
        ['addresses needed', c.bold(String(r.required)), `${r.nodes} x ${r.ipsPerNode}`],
        [
          'smallest pod subnet',
          r.smallestPrefix === null ? 'none' : `/${r.smallestPrefix}`,
          r.smallestPrefix === null ? 'more than a /16 holds' : `${usableAddresses(r.smallestPrefix)} usable addresses`,
        ],
      ]),
    );
  }
  if (r.subnet) {
    const s = r.subnet;
    out.push('');
    out.push(c.bold(`Pod subnet ${s.cidr}`));
    const rows: Array<[string, string, string]> = [
      ['usable addresses', String(s.usable), `2^${32 - Number(s.cidr.split('/')[1])} - ${SUBNET_RESERVED_ADDRESSES} reserved by OCI`],
      ['holds at once', `${s.maxNodes} nodes`, `${s.usable} / ${r.ipsPerNode}, surge nodes included`],
    ];
    out.push(section(rows));
    if (s.utilization !== null && s.required !== null) {
      const pct = (s.utilization * 100).toFixed(1);
      out.push(`  ${usageBar(s.utilization, 40, c)} ${pct}% (${s.required} of ${s.usable})`);
    }
  }
  out.push('');
  if (r.problems.length === 0) {
    out.push(c.green(r.subnet && r.subnet.fits ? `✔ fits: ${r.subnet.cidr} holds ${r.nodes} nodes` : '✔ the shape carries the planned pods'));
  } else {
    for (const p of r.problems) {
      out.push(`${c.red('✖')} ${p.message}`);
      out.push(`  ${c.dim('fix:')} ${p.fix}`);
    }
  }
  return `${out.join('\n')}\n`;
}
