/** `oke-cni policy`, the pure part: per cluster, the permissions it needs and (live) whether the tenancy's policies grant them. */
import type { Cluster, Model, ModelIndex } from '../model.js';
import { checkRequirement, type CompartmentTree, type Policy, type RequirementResult, type StatementRef } from './match.js';
import { clusterPolicyNeeds, requirementOf, type NeededPermission } from './required.js';

export type PermissionStatus = 'present' | 'missing' | 'undecidable';

export interface PermissionCheck {
  permission: NeededPermission;
  status: PermissionStatus;
  /** present: the statement that grants it. */
  by?: StatementRef | undefined;
  /** undecidable: the statements that might, with why the tool cannot tell. */
  candidates?: Array<StatementRef & { reason: string }> | undefined;
  /** undecidable without candidates: why nothing could be checked (a placeholder compartment). */
  reason?: string | undefined;
}

export interface ClusterPolicyReport {
  cluster: { name: string; ocid: string | null; compartmentId: string | null };
  elsewhere: string[];
  ipv6Reasons: string[];
  needed: NeededPermission[];
  /** Live only: each needed permission against the tenancy's policies. */
  checks?: PermissionCheck[] | undefined;
}

export interface PolicyReport {
  clusters: ClusterPolicyReport[];
  /** Live only: what was read. */
  policiesRead?: { policies: number; statements: number; compartments: number } | undefined;
  /** Clusters left out (flannel: the statements are VCN-native's). */
  skipped: string[];
}

function toCheck(permission: NeededPermission, result: RequirementResult): PermissionCheck {
  if (result.status === 'present') return { permission, status: 'present', by: result.by };
  if (result.status === 'undecidable') return { permission, status: 'undecidable', candidates: result.candidates };
  return { permission, status: 'missing' };
}

export interface LivePolicies {
  policies: readonly Policy[];
  tree: CompartmentTree;
}

export function policyReport(model: Model, index: ModelIndex, live?: LivePolicies): PolicyReport {
  const clusters: ClusterPolicyReport[] = [];
  const skipped: string[] = [];
  for (const cluster of model.clusters) {
    if (cluster.cniType !== 'OCI_VCN_IP_NATIVE') {
      skipped.push(`cluster ${cluster.name} uses flannel: these statements are for VCN-native pod networking`);
      continue;
    }
    clusters.push(clusterReport(cluster, index, live));
  }
  const policiesRead = live
    ? { policies: live.policies.length, statements: live.policies.reduce((n, p) => n + p.statements.length, 0), compartments: live.tree.byId.size }
    : undefined;
  return { clusters, policiesRead, skipped };
}

function clusterReport(cluster: Cluster, index: ModelIndex, live: LivePolicies | undefined): ClusterPolicyReport {
  const needs = clusterPolicyNeeds(cluster, index);
  const checks = live
    ? needs.needed.map((p): PermissionCheck => {
        const req = requirementOf(p, cluster);
        if (!req) return { permission: p, status: 'undecidable', reason: `the compartment is not known (${p.compartment})` };
        return toCheck(p, checkRequirement(req, live.policies, live.tree));
      })
    : undefined;
  return {
    cluster: { name: cluster.name, ocid: cluster.ocid ?? null, compartmentId: cluster.compartmentId ?? null },
    elsewhere: needs.elsewhere,
    ipv6Reasons: needs.ipv6Reasons,
    needed: needs.needed,
    checks,
  };
}

/** Live: 1 when a needed statement is missing or cannot be proven present; files: 0 (nothing is checked). */
export function policyExitCode(report: PolicyReport): 0 | 1 {
  return report.clusters.some((c) => c.checks?.some((k) => k.status !== 'present')) ? 1 : 0;
}
