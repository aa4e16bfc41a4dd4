/** `oke-cni updates` output: a table per node with a summary line, or JSON. */
import { chalkFor } from './style.js';
import { DEFAULT_WIDTH, renderBoxTable } from './table.js';
import { updatesSummaryLine, type NodeUpdate, type UpdatesReport } from '../core/updates.js';
import { showControls as escapeControl } from '../core/escape.js';

const dash = (v: string | null): string => (v === null ? '-' : escapeControl(v));

function why(row: NodeUpdate): string {
  const parts: string[] = [];
  if (row.rebootRequired === true) parts.push('log: "reboot required"');
  if (row.oldRevision === true) parts.push(row.podRevision && row.currentRevision ? `old revision ${escapeControl(row.podRevision)}` : 'older images than the DaemonSet');
  if (row.state === 'unknown') parts.push(...row.notes.map(escapeControl));
  return parts.join('\n');
}

/** 2026-11-18T09:41:09.530114Z -> 2026-11-18 09:41 UTC (the JSON keeps the full time). */
function shortTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? escapeControl(iso) : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const SINCE_FROM = { log: 'log', revision: 'deployed', 'pod-start': 'pod start' } as const;

const STATE_TEXT = { 'up-to-date': 'no', 'reboot-required': 'yes', 'old-revision': 'yes', unknown: 'unknown' } as const;

export function renderUpdatesTable(report: UpdatesReport, color: boolean, width = DEFAULT_WIDTH): string {
  const c = chalkFor(color);
  const ds = report.daemonSet;
  const out: string[] = [];
  out.push(
    `DaemonSet ${escapeControl(`${ds.namespace}/${ds.name}`)}: version ${dash(ds.deployedVersion)}` +
      `${ds.currentRevision ? `, revision ${escapeControl(ds.currentRevision)}` : ''}` +
      `${ds.updateStrategy ? `, update strategy ${escapeControl(ds.updateStrategy)}` : ''}` +
      `${ds.updatedNumberScheduled !== null && ds.desiredNumberScheduled !== null ? `, ${ds.updatedNumberScheduled} of ${ds.desiredNumberScheduled} pods updated` : ''}`,
  );
  if (report.nodes.length > 0) {
    const columns = [
      { header: 'node' },
      { header: 'node pool' },
      { header: 'running' },
      { header: 'deployed' },
      { header: 'waits' },
      { header: 'why', wrap: 'words' },
      { header: 'since', wrap: 'words' },
    ] as const;
    const rows = report.nodes.map((row) => {
      const state = STATE_TEXT[row.state];
      return [
        escapeControl(row.node),
        dash(row.pool),
        row.runningVersion !== null && row.runningVersion !== row.deployedVersion ? c.yellow(dash(row.runningVersion)) : dash(row.runningVersion),
        dash(row.deployedVersion),
        row.waits ? c.red(state) : row.state === 'unknown' ? c.yellow(state) : state,
        why(row),
        row.since && row.sinceFrom ? `${shortTime(row.since)} (${SINCE_FROM[row.sinceFrom]})` : '-',
      ];
    });
    out.push(renderBoxTable(columns, rows, { width }));
  }
  if (report.nodesWithoutPod.length > 0) {
    out.push(`${report.nodesWithoutPod.length} node${report.nodesWithoutPod.length === 1 ? '' : 's'} without a ${escapeControl(ds.name)} pod (not counted): ${report.nodesWithoutPod.map(escapeControl).join(', ')}`);
  }
  for (const line of report.notChecked) out.push(`not checked: ${escapeControl(line)}`);
  const s = report.summary;
  if (s.oldRevision > 0 && ds.updateStrategy === 'OnDelete') {
    out.push(
      `The DaemonSet uses OnDelete: a node gets the deployed version only when its ${escapeControl(ds.name)} pod is recreated, and it applies after the node reboots. Replace the nodes (node pool cycling) or reboot them.`,
    );
  } else if (s.rebootRequired > 0) {
    out.push('The deployed update applies when these nodes next reboot: reboot or replace them (node pool cycling).');
  }
  const line = updatesSummaryLine(report);
  out.push(s.waiting > 0 ? c.red(`✖ ${line}`) : s.unknown > 0 ? c.yellow(`? ${line}`) : c.green(`✔ ${line}`));
  return `${out.join('\n')}\n`;
}

export function renderUpdatesJson(report: UpdatesReport): string {
  return `${JSON.stringify({ ...report, summary: { ...report.summary, line: updatesSummaryLine(report) } }, null, 2)}\n`;
}
