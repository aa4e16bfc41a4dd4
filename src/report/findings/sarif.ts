/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer). The shape follows GitHub's
 * "SARIF support for code scanning" reference: every registry rule as a reportingDescriptor,
 * results pointing at them by ruleId + ruleIndex, repository-relative URIs under %SRCROOT%, and
 * partialFingerprints so an alert keeps its identity across runs.
 */
import type { Finding, FindingResource } from '../../core/finding.js';
import { findingFingerprints } from '../../core/fingerprint.js';
import type { Location } from '../../core/model.js';
import type { RuleMeta } from '../../rules/types.js';
import { PROJECT_URL, ruleDocsUrl } from './docs-url.js';
import { isAbsolutePosixPath, normalizeRelative, posixPath } from '../../core/paths.js';
import type { Renderer } from './renderer.js';
import { findingSentence } from './wording.js';

export const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_TOOL_NAME = 'oke-cni';
/** Relative URIs are resolved against the checkout root by GitHub (its documented base id). */
export const SRCROOT = '%SRCROOT%';
/** SARIF §3.27.17: a partial fingerprint's name carries a version, bumped if its recipe changes. */
export const FINGERPRINT_KEY = 'okeCniFinding/v1';
const RULE_TAGS = ['oke', 'oci-networking'];

/** "pod-subnet-too-small" -> "PodSubnetTooSmall" (SARIF rule names are identifiers, not ids). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

function encodeSegments(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}

/** A relative path becomes a %SRCROOT%-relative URI; an absolute one a file: URI (there is no root to strip it against here). */
export function artifactLocation(file: string): ArtifactLocation {
  const p = posixPath(file);
  if (isAbsolutePosixPath(p)) return { uri: `file://${p.startsWith('/') ? '' : '/'}${encodeSegments(p)}` };
  return { uri: encodeSegments(normalizeRelative(p)), uriBaseId: SRCROOT };
}

/** The schema declares run.artifacts uniqueItems: a file named twice on the command line is one artifact. */
function uniqueArtifacts(inputs: readonly string[]): Array<{ location: ArtifactLocation }> {
  const byUri = new Map<string, ArtifactLocation>();
  for (const file of inputs) {
    const location = artifactLocation(file);
    byUri.set(`${location.uriBaseId ?? ''}\0${location.uri}`, location);
  }
  return [...byUri.values()].map((location) => ({ location }));
}

function ruleDescriptor(rule: RuleMeta) {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} ${rule.remediation}` },
    help: {
      text: `${rule.remediation} OCI documentation: ${rule.source}`,
      markdown: `${rule.remediation}\n\nOCI documentation: <${rule.source}>`,
    },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: rule.severity },
    properties: { tags: RULE_TAGS },
  };
}

function physicalLocation(loc: Location & { kind: 'file' }) {
  return { artifactLocation: artifactLocation(loc.file), region: { startLine: loc.line, startColumn: loc.column } };
}

function sarifLocation(loc: Location, resource?: FindingResource) {
  if (loc.kind === 'file') {
    // A Terraform resource's address is its stable name: a logical location beside the file position.
    if (resource === undefined) return { physicalLocation: physicalLocation(loc) };
    const logical = { name: resource.name ?? resource.address, fullyQualifiedName: resource.address, kind: 'resource', properties: { resourceType: resource.type } };
    return { physicalLocation: physicalLocation(loc), logicalLocations: [logical] };
  }
  // A live resource has no file: SARIF's logical location (§3.33, kind "resource") names it.
  return {
    logicalLocations: [
      { name: loc.name ?? loc.ocid, fullyQualifiedName: loc.ocid, kind: 'resource', properties: { resourceType: loc.resourceType } },
    ],
  };
}

export const renderSarif: Renderer = (findings, ctx) => {
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i] as const));
  const hashes = findingFingerprints(findings);
  const results = findings.map((f, i) => {
    const index = ruleIndex.get(f.ruleId);
    // Findings come from registry rules only; an unknown id is a bug in the caller, not user input.
    if (index === undefined) throw new Error(`finding for rule "${f.ruleId}", which is not in the rule registry`);
    return {
      ruleId: f.ruleId,
      ruleIndex: index,
      level: f.severity,
      message: { text: findingSentence(f) },
      locations: [sarifLocation(f.location, f.resource)],
      // With --tf-dir the result sits on the .tf block; the plan position stays related.
      ...(f.planLocation?.kind === 'file' ? { relatedLocations: [{ id: 0, physicalLocation: physicalLocation(f.planLocation), message: { text: 'in the plan' } }] } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: hashes[i]! },
      // With a baseline the results are the findings it does not hold (SARIF §3.27.24).
      ...(ctx.baseline ? { baselineState: 'new' } : {}),
      // SARIF §3.35: a suppressed result stays in the log; code scanning shows it as dismissed.
      ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.kind, status: 'accepted', justification: `${f.suppressed.reason} (${f.suppressed.source})` }] } : {}),
    };
  });
  const log = {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            version: ctx.toolVersion,
            informationUri: PROJECT_URL,
            rules: ctx.rules.map(ruleDescriptor),
          },
        },
        artifacts: uniqueArtifacts(ctx.inputs),
        // JavaScript string indices, which is how the YAML/JSON parsers count columns.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
