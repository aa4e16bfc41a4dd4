/**
 * Reading .oke-cni.yaml with the file readers' machinery (size and encoding limits, the YAML/JSON
 * tree with positions, typed value reads), so every problem is one "file:line:col: message" line
 * and an unknown key gets a "did you mean".
 */
import { dirname, resolve } from 'node:path';
import { SEVERITIES, type FailOn, type Severity } from '../core/finding.js';
import type { Location } from '../core/model.js';
import { Problems, type FileProblems } from '../sources/file/problems.js';
import { parseInputText, readInputFile } from '../sources/file/read.js';
import type { MapNode, Node } from '../sources/file/tree.js';
import { describe as describeNode } from '../sources/file/tree.js';
import { didYouMean, readBoolean, readEnum, readString, readWholeNumber } from '../sources/file/values.js';
import { PROJECT_CONFIG_KEYS, type ProjectConfigKey } from './fields.js';

export interface Positioned<T> {
  value: T;
  at: Location;
}

export interface ProjectConfig {
  /** The file as named in messages. */
  file: string;
  failOn?: FailOn | undefined;
  headroom?: number | undefined;
  disable: Array<Positioned<string>>;
  /** `disable: [{id, reason}]`: the rule runs, and its findings are reported as suppressed (SARIF kind "external"). */
  suppress: Array<Positioned<{ ruleId: string; reason: string }>>;
  severity: Array<Positioned<{ ruleId: string; severity: Severity }>>;
  /** Resolved against the config file's directory. */
  catalog?: string | undefined;
  /** --baseline for every lint/check run, resolved against the config file's directory. */
  baseline?: string | undefined;
  /** lint --strict for every run. */
  strict?: boolean | undefined;
  /** Subnet name, OCID or CIDR -> addresses taken by other VNICs. */
  reserved: Array<Positioned<{ subnet: string; addresses: number }>>;
}

const FAIL_ON = [...SEVERITIES, 'never'] as const;
/** Far above any subnet (a /16 has 65533 usable addresses): a larger count is a typo. */
const MAX_RESERVED = 65_536;

/**
 * Reads and checks the config file; `ruleIds` are the known rules (for disable and severity).
 * Throws UserErrors listing every problem.
 */
export function loadProjectConfig(path: string, shownAs: string, ruleIds: readonly string[]): ProjectConfig {
  const problems = new Problems();
  const fp = problems.forFile(shownAs);
  const config: ProjectConfig = { file: shownAs, disable: [], suppress: [], severity: [], reserved: [] };
  const text = readInputFile(path, fp);
  // An empty file (or one of comments only) is a config that sets nothing.
  const blank = text !== undefined && text.split('\n').every((l) => /^\s*(#.*)?$/.test(l.replace(/^\uFEFF/, '')));
  const root = text === undefined || blank ? undefined : parseInputText(text, fp);
  if (root !== undefined && root.kind !== 'map') fp.add(root.at, `expected a mapping of settings (${Object.keys(PROJECT_CONFIG_KEYS).filter((k) => k !== '$schema').join(', ')}), got ${describeNode(root)}`);
  if (root?.kind === 'map') {
    const known = new Set(ruleIds);
    const ruleId = (node: Node, where: string): string | undefined => {
      const id = readString(node, where, fp);
      if (id === undefined) return undefined;
      if (!known.has(id)) {
        fp.add(node.at, `${where}: unknown rule "${id}"${didYouMean(id, ruleIds) || '; `oke-cni rules` lists them'}`);
        return undefined;
      }
      return id;
    };
    for (const [key, e] of root.entries) {
      if (!(key in PROJECT_CONFIG_KEYS)) {
        fp.add(e.keyAt, `unknown key "${key}" in ${shownAs}${didYouMean(key, Object.keys(PROJECT_CONFIG_KEYS))}`);
        continue;
      }
      const v = e.value;
      switch (key as ProjectConfigKey) {
        case '$schema':
          readString(v, key, fp);
          break;
        case 'failOn':
          config.failOn = readEnum(v, key, FAIL_ON, fp);
          break;
        case 'headroom': {
          const n = readWholeNumber(v, key, fp);
          if (n !== undefined && (n < 1 || n > 100)) fp.add(v.at, `headroom: expected a percentage from 1 to 100, got ${n}`);
          else config.headroom = n;
          break;
        }
        case 'disable':
          if (v.kind !== 'seq') {
            fp.add(v.at, `disable: expected a list of rule ids, got ${describeNode(v)}`);
            break;
          }
          v.items.forEach((item, i) => {
            if (item.kind === 'map') {
              // {id, reason}: reported as suppressed, with the reason, instead of switched off.
              for (const [k, e] of item.entries) if (k !== 'id' && k !== 'reason') fp.add(e.keyAt, `disable[${i}]: unknown key "${k}" (an entry is a rule id or {id, reason})${didYouMean(k, ['id', 'reason'])}`);
              const idNode = item.entries.get('id')?.value;
              const reasonNode = item.entries.get('reason')?.value;
              if (idNode === undefined) fp.add(item.at, `disable[${i}]: missing key "id"`);
              if (reasonNode === undefined) fp.add(item.at, `disable[${i}]: missing key "reason" (say why the rule's findings are suppressed, or give the plain id to switch it off)`);
              const id = idNode === undefined ? undefined : ruleId(idNode, `disable[${i}].id`);
              const reason = reasonNode === undefined ? undefined : readString(reasonNode, `disable[${i}].reason`, fp);
              if (id !== undefined && reason !== undefined) config.suppress.push({ value: { ruleId: id, reason: reason.trim() }, at: fp.location(item.at) });
              return;
            }
            const id = ruleId(item, `disable[${i}]`);
            if (id !== undefined) config.disable.push({ value: id, at: fp.location(item.at) });
          });
          break;
        case 'severity':
          for (const [id, entry] of mapEntries(v, 'severity', 'rule id -> error, warning or note', fp)) {
            const idNode: Node = { kind: 'scalar', at: entry.keyAt, value: id };
            const known = ruleId(idNode, 'severity');
            const severity = readEnum(entry.value, `severity.${id}`, SEVERITIES, fp);
            if (known !== undefined && severity !== undefined) config.severity.push({ value: { ruleId: known, severity }, at: fp.location(entry.keyAt) });
          }
          break;
        case 'catalog': {
          const file = readString(v, key, fp);
          if (file !== undefined) config.catalog = resolve(dirname(path), file);
          break;
        }
        case 'baseline': {
          const file = readString(v, key, fp);
          if (file !== undefined) config.baseline = resolve(dirname(path), file);
          break;
        }
        case 'strict':
          config.strict = readBoolean(v, key, fp);
          break;
        case 'reserved':
          for (const [subnet, entry] of mapEntries(v, 'reserved', 'subnet name, OCID or CIDR -> addresses', fp)) {
            const n = readWholeNumber(entry.value, `reserved.${subnet}`, fp);
            if (n !== undefined && n > MAX_RESERVED) fp.add(entry.value.at, `reserved.${subnet}: ${n} is more addresses than any OCI subnet has`);
            else if (n !== undefined) config.reserved.push({ value: { subnet, addresses: n }, at: fp.location(entry.keyAt) });
          }
          break;
      }
    }
  }
  problems.throwIfAny();
  return config;
}

function mapEntries(node: Node, key: string, what: string, fp: FileProblems): MapNode['entries'] {
  if (node.kind === 'map') return node.entries;
  fp.add(node.at, `${key}: expected a mapping (${what}), got ${describeNode(node)}`);
  return new Map();
}
