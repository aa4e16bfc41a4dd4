/** `oke-cni policy` output: statements ready to paste (text), or JSON. */
import { showControls } from '../core/escape.js';
import type { ClusterPolicyReport, PermissionCheck, PolicyReport } from '../core/policy/report.js';
import type { NeededPermission } from '../core/policy/required.js';
import { chalkFor } from './style.js';

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];

function permissionText(p: NeededPermission): string {
  return `${p.verb} ${p.resourceType} in compartment ${p.compartment}`;
}

function statementBlocks(needed: readonly NeededPermission[]): string[] {
  const out: string[] = [];
  const cross = needed.filter((p) => p.purpose === 'cross-compartment');
  const ipv6 = needed.filter((p) => p.purpose === 'ipv6');
  if (cross.length > 0) {
    out.push('', '# least-privilege form: this cluster, these compartments', ...cross.map((p) => p.leastPrivilege));
    out.push('', '# broad form: any cluster, the whole tenancy (the OCI page calls it the more permissive choice)', ...distinct(cross.map((p) => p.broad as string)));
  }
  if (ipv6.length > 0) out.push('', '# IPv6', ...ipv6.map((p) => p.leastPrivilege));
  return out;
}

function checkLine(check: PermissionCheck): string[] {
  const what = permissionText(check.permission);
  if (check.status === 'present' && check.by) {
    return [`✔ present     ${what}`, `               by policy "${check.by.policy}"${check.by.policyId ? ` (${check.by.policyId})` : ''}: ${check.by.statement}`];
  }
  if (check.status === 'missing') return [`✖ missing     ${what}`];
  const lines = [`? undecidable ${what}${check.reason ? `: ${check.reason}` : ''}`];
  for (const cand of check.candidates ?? []) lines.push(`               policy "${cand.policy}": ${cand.statement}`, `                 ${cand.reason}`);
  return lines;
}

function clusterText(report: ClusterPolicyReport): string[] {
  const name = `cluster ${report.cluster.name}${report.cluster.ocid ? ` (${report.cluster.ocid})` : ''}`;
  const out: string[] = [];
  if (report.needed.length === 0 && report.cluster.compartmentId === null) {
    return [`${name}: the input gives no compartmentId for the cluster, so whether its node pools, VCN or subnets are elsewhere was not checked (add compartmentId to the cluster and the resources); nothing uses IPv6`];
  }
  if (report.needed.length === 0) {
    return [`${name}: no extra IAM statement needed (node pools, VCN and subnets are in the cluster's compartment as far as the input says, and nothing uses IPv6)`];
  }
  const why: string[] = [];
  if (report.elsewhere.length > 0) why.push(`it is in compartment ${report.cluster.compartmentId} but ${report.elsewhere.join('; ')}`);
  if (report.ipv6Reasons.length > 0) why.push(`it ${report.ipv6Reasons.join(' and ')}`);
  out.push(`${name}: ${why.join('; and ')}`);
  if (report.checks) {
    out.push('');
    for (const check of report.checks) out.push(...checkLine(check));
    const toAdd = report.checks.filter((k) => k.status !== 'present').map((k) => k.permission);
    if (toAdd.length > 0) out.push('', 'Statements to add (one of the two forms):', ...statementBlocks(toAdd).slice(1));
  } else {
    out.push(...statementBlocks(report.needed));
  }
  if (report.cluster.ocid === null && report.needed.some((p) => p.leastPrivilege.includes('<cluster-ocid>'))) {
    out.push('', `# replace <cluster-ocid> with the OCID of cluster ${report.cluster.name} once it exists (the input does not give it)`);
  }
  return out;
}

export function renderPolicyText(report: PolicyReport, color: boolean): string {
  const out: string[] = [];
  for (const cluster of report.clusters) {
    if (out.length) out.push('');
    out.push(...clusterText(cluster));
  }
  for (const s of report.skipped) out.push(`${out.length ? '\n' : ''}${s}`);
  if (report.policiesRead) {
    const r = report.policiesRead;
    const checks = report.clusters.flatMap((c) => c.checks ?? []);
    const n = (s: PermissionCheck['status']) => checks.filter((k) => k.status === s).length;
    out.push('', `${r.policies} policies (${r.statements} statements) read in ${r.compartments} compartments: ${n('present')} present, ${n('missing')} missing, ${n('undecidable')} undecidable`);
  }
  // Escaped first (the text holds names and statements from the input), coloured after.
  const c = chalkFor(color);
  const paint = (line: string): string =>
    line.startsWith('✔ present') ? c.green(line.slice(0, 12)) + line.slice(12)
    : line.startsWith('✖ missing') ? c.red(line.slice(0, 12)) + line.slice(12)
    : line.startsWith('? undecidable') ? c.yellow(line.slice(0, 13)) + line.slice(13)
    : line;
  return `${out.map((line) => paint(showControls(line))).join('\n')}\n`;
}

export function renderPolicyJson(report: PolicyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
