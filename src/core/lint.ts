/**
 * The lint runner: every rule of a registry over one Model, minus the rules switched off, as
 * Findings sorted by where they are. The registry is passed in (src/rules/index.ts binds it as
 * `runLint`), so core sits below the rules and imports none. Pure and linear in the model size:
 * rules group with Maps, never compare every pair of objects.
 */
import { distance } from 'fastest-levenshtein';
import type { ShapeIndex } from '../catalog/catalog.js';
import { UserError, UserErrors } from './errors.js';
import { DEFAULT_HEADROOM_PERCENT } from './facts.js';
import type { Finding, Severity, Suppression } from './finding.js';
import { formatLocation } from './finding.js';
import { indexModel, locate, type Cluster, type Location, type Model, type ModelSuppression, type NodePool } from './model.js';
import type { Rule, RuleReport } from './rule.js';
import { RemediationSpeaker, speak } from './vocabulary.js';

export interface LintRun {
  findings: Finding[];
}

export interface RunLintOptions {
  /** Rule ids switched off for this run (`--disable ID`, repeatable). */
  disable?: readonly string[];
  /** pod-subnet-headroom threshold, percent of usable addresses (default DEFAULT_HEADROOM_PERCENT). */
  headroomPercent?: number;
  /**
   * service-mesh-support also applies the Oracle Linux 7 restriction of the 2025-02 CNI page, which the
   * current page no longer states (default false: follow the current page).
   */
  serviceMeshOracleLinux7?: boolean;
  /** Severity overrides by rule id (.oke-cni.yaml `severity`); ids are checked by the config reader. */
  severity?: ReadonlyMap<string, Severity>;
  /**
   * Rules whose every finding is reported as suppressed, with the reason and where it is written
   * (.oke-cni.yaml `disable: [{id, reason}]`: SARIF kind "external"); ids checked by the config reader.
   */
  suppress?: ReadonlyMap<string, { reason: string; source: string }>;
}

/** The suppression on `subject` (or a pool's cluster) that covers rule `id`: it names the rule and says why. */
function suppressionFor(id: string, subjects: ReadonlyArray<{ suppressions?: readonly ModelSuppression[] | undefined } | undefined>): Suppression | undefined {
  for (const subject of subjects) {
    for (const s of subject?.suppressions ?? []) {
      if (s.reason !== '' && s.ruleIds.includes(id)) return { kind: 'inSource', reason: s.reason, source: `${formatLocation(s.at)} (${s.via})` };
    }
  }
  return undefined;
}

/** The rule that says which checks were skipped for want of a value (src/rules/not-checked.ts). */
export const NOT_CHECKED_RULE = 'not-checked';

/** `lint --strict`: a check that could not run is an error, for teams that want every check to run. */
export function strictFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => (f.ruleId === NOT_CHECKED_RULE ? { ...f, severity: 'error' } : f));
}

/** The closest of `ruleIds` to an unknown id (all those at the best distance), for "did you mean". */
export function closestRuleIds(id: string, ruleIds: readonly string[]): string[] {
  const wanted = id.trim().toLowerCase();
  const threshold = Math.max(2, Math.floor(wanted.length / 4));
  const scored = ruleIds.map((candidate) => ({ candidate, d: distance(wanted, candidate) })).filter(({ d }) => d <= threshold);
  const best = Math.min(...scored.map(({ d }) => d));
  return scored.filter(({ d }) => d === best).map(({ candidate }) => candidate);
}

function unknownRule(id: string, ruleIds: readonly string[], where?: string): string {
  const hints = closestRuleIds(id, ruleIds);
  const tail = hints.length > 0 ? `; did you mean ${hints.map((h) => `"${h}"`).join(' or ')}?` : '; `oke-cni rules` lists them';
  return `unknown rule "${id}"${where ? ` in ${where}` : ''}${tail}`;
}

/** Every unknown id in --disable and in the objects' disableRules, one line each. */
function unknownRuleProblems(model: Model, disable: readonly string[], ruleIds: readonly string[]): UserError[] {
  const known = new Set(ruleIds);
  const problems: UserError[] = [];
  for (const id of disable) if (!known.has(id)) problems.push(new UserError(unknownRule(id, ruleIds), '--disable'));
  const checkObject = (ids: readonly string[], at: Location, what: string): void => {
    for (const id of ids) {
      if (!known.has(id)) problems.push(new UserError(unknownRule(id, ruleIds, `disableRules of ${what}`), formatLocation(at)));
    }
  };
  for (const subnet of model.subnets) checkObject(subnet.disabledRules, locate(subnet.at, 'disableRules'), `subnet "${subnet.name}"`);
  for (const cluster of model.clusters) {
    checkObject(cluster.disabledRules, locate(cluster.at, 'disableRules'), `cluster ${cluster.name}`);
    for (const pool of cluster.nodePools) {
      checkObject(pool.disabledRules, locate(pool.at, 'disableRules'), `node pool ${cluster.name}/${pool.name}`);
    }
  }
  return problems;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File locations first (file, line, column), then OCI resources (type, OCID). */
export function compareLocations(a: Location, b: Location): number {
  if (a.kind === 'file' && b.kind === 'file') {
    return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
  }
  if (a.kind === 'oci' && b.kind === 'oci') {
    return compareText(a.resourceType, b.resourceType) || compareText(a.ocid, b.ocid);
  }
  return a.kind === 'file' ? -1 : 1;
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareLocations(a.location, b.location) || compareText(a.ruleId, b.ruleId);
}

/**
 * Runs every rule of `rules` not in `opts.disable`. A finding is dropped when its subject lists the
 * rule in disableRules, and a node pool's finding also when its cluster does. Unknown rule ids
 * (in `disable` or any disableRules) and a headroom outside (0, 100] are input errors (UserError).
 */
export function runRules(rules: readonly Rule[], model: Model, shapes: ShapeIndex, opts: RunLintOptions = {}): Finding[] {
  const disable = opts.disable ?? [];
  const problems = unknownRuleProblems(model, disable, rules.map((r) => r.meta.id));
  const headroomPercent = opts.headroomPercent ?? DEFAULT_HEADROOM_PERCENT;
  if (!Number.isFinite(headroomPercent) || headroomPercent <= 0 || headroomPercent > 100) {
    problems.push(new UserError(`the headroom threshold must be a percentage above 0 and at most 100, not ${headroomPercent}`));
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems.map((p) => p.line()));

  const clusterOf = new Map<NodePool, Cluster>();
  for (const cluster of model.clusters) for (const pool of cluster.nodePools) clusterOf.set(pool, cluster);

  const ruleIds = rules.map((r) => r.meta.id);
  const ctx = { model, index: indexModel(model), shapes, options: { headroomPercent, serviceMeshOracleLinux7: opts.serviceMeshOracleLinux7 === true }, ruleIds };
  const off = new Set(disable);
  const findings: Finding[] = [];
  const remediations = new RemediationSpeaker();
  for (const rule of rules) {
    const { id, remediation } = rule.meta;
    if (off.has(id)) continue;
    const severity = opts.severity?.get(id) ?? rule.meta.severity;
    rule.check(ctx, (r: RuleReport) => {
      if ('disabledRules' in r.subject && r.subject.disabledRules.includes(id)) return;
      const cluster = clusterOf.get(r.subject as NodePool);
      if (cluster?.disabledRules.includes(id)) return;
      const finding: Finding = { ruleId: id, severity, message: speak(r.message, r.subject), remediation: r.verbatim === true ? (r.remediation ?? remediation) : remediations.speak(r.remediation ?? remediation, r.subject), location: r.location };
      const v = r.subject.vocabulary;
      if (r.resource !== undefined) finding.resource = r.resource;
      else if (v?.address !== undefined) finding.resource = { address: v.address, type: v.resourceType ?? '', name: v.displayName };
      const external = opts.suppress?.get(id);
      const suppressed = suppressionFor(id, [r.subject as { suppressions?: readonly ModelSuppression[] }, cluster]) ?? (external && { kind: 'external' as const, ...external });
      if (suppressed) finding.suppressed = suppressed;
      findings.push(finding);
    });
  }
  // Array.prototype.sort is stable: findings of one rule at one place keep the rule's order.
  return findings.sort(compareFindings);
}
