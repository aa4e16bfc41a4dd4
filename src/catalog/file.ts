/** A user's --catalog file: read under the input bound, parsed, and checked. */
import { UserError, UserErrors } from '../core/errors.js';
import { jsonErrorPosition } from '../core/json-position.js';
import { decodeUtf8, MAX_INPUT_BYTES, readFileBounded } from '../sources/file/read.js';
import type { Catalog } from './catalog.js';
import { toCatalog } from './load.js';

const FAMILIES = new Set(['standard', 'dense-io', 'optimized', 'gpu', 'hpc']);
const SHAPE_KEYS = new Set(['name', 'kind', 'family', 'generation', 'ocpus', 'memoryGb', 'vnics', 'flex', 'note', 'aliasOf']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const isPositiveNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Every problem in a catalog document, as "path: problem" strings (empty when it is sound). */
export function catalogProblems(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(data)) return ['the catalog must be a JSON object with "source", "retrieved" and "shapes"'];
  if (typeof data.source !== 'string' || data.source === '') problems.push('source: must name where the VNIC limits come from');
  if (typeof data.retrieved !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.retrieved)) {
    problems.push('retrieved: must be the date the data was read, as YYYY-MM-DD');
  }
  if (!Array.isArray(data.shapes) || data.shapes.length === 0) {
    problems.push('shapes: must be a non-empty array');
    return problems;
  }
  const seen = new Set<string>();
  data.shapes.forEach((s: unknown, i: number) => {
    const at = `shapes[${i}]`;
    if (!isObject(s)) return void problems.push(`${at}: must be an object`);
    const name = s.name;
    if (typeof name !== 'string' || name.trim() === '') return void problems.push(`${at}.name: must be a non-empty string`);
    const label = `${at} (${name})`;
    if (seen.has(name.toLowerCase())) problems.push(`${label}: duplicate shape name`);
    seen.add(name.toLowerCase());
    for (const key of Object.keys(s)) if (!SHAPE_KEYS.has(key)) problems.push(`${label}.${key}: unknown key`);
    if (s.family !== undefined && !FAMILIES.has(String(s.family))) problems.push(`${label}.family: must be one of ${[...FAMILIES].join(', ')}`);
    if (s.kind !== undefined && s.kind !== 'vm' && s.kind !== 'bm') problems.push(`${label}.kind: must be "vm" or "bm"`);
    if (s.generation !== undefined && s.generation !== 'current' && s.generation !== 'previous') {
      problems.push(`${label}.generation: must be "current" or "previous"`);
    }
    if (s.aliasOf !== undefined) {
      const shapes: unknown[] = data.shapes as unknown[];
      const target = typeof s.aliasOf === 'string' ? shapes.find((t) => isObject(t) && t.name === s.aliasOf && t !== s) : undefined;
      if (!isObject(target)) return void problems.push(`${label}.aliasOf: must name another shape of the catalog`);
      if (target.aliasOf !== undefined) problems.push(`${label}.aliasOf: names ${String(s.aliasOf)}, itself an alias; name the shape it stands for`);
      // A loaded catalog carries the target's values on the alias; a file gives none or the same.
      const same = (key: string) => s[key] === undefined || JSON.stringify(s[key]) === JSON.stringify(target[key]);
      if (!['vnics', 'flex', 'ocpus'].every(same)) problems.push(`${label}: an alias takes its values from "aliasOf"; give no vnics, flex or ocpus`);
      return;
    }
    if (s.flex === undefined) {
      if (!isPositiveInt(s.vnics)) problems.push(`${label}.vnics: a fixed shape needs its maximum VNICs as a whole number >= 1`);
      if (s.ocpus !== undefined && !isPositiveNumber(s.ocpus)) problems.push(`${label}.ocpus: must be a number > 0`);
      return;
    }
    if (s.vnics !== undefined) problems.push(`${label}: give either "vnics" (fixed) or "flex" (flexible), not both`);
    const flex = s.flex;
    if (!isObject(flex)) return void problems.push(`${label}.flex: must be an object`);
    if (!isPositiveInt(flex.minOcpus) || !isPositiveInt(flex.maxOcpus) || flex.minOcpus > flex.maxOcpus) {
      problems.push(`${label}.flex: minOcpus and maxOcpus must be whole numbers with 1 <= minOcpus <= maxOcpus`);
    }
    if (flex.allowedOcpus !== undefined) {
      const allowed = flex.allowedOcpus;
      if (!Array.isArray(allowed) || allowed.length === 0 || !allowed.every((o) => isPositiveInt(o) && o >= Number(flex.minOcpus) && o <= Number(flex.maxOcpus))) {
        problems.push(`${label}.flex.allowedOcpus: must list whole OCPU counts between minOcpus and maxOcpus`);
      }
    }
    const rule = flex.vnics;
    if (!isObject(rule) || !isPositiveInt(rule.min) || !isPositiveInt(rule.max) || !isPositiveNumber(rule.perOcpu) || rule.min > rule.max) {
      problems.push(`${label}.flex.vnics: must be {min, perOcpu, max} with whole 1 <= min <= max and perOcpu > 0`);
    }
  });
  return problems;
}

/** A user's catalog file, checked; every problem becomes one "file: path: problem" line. */
export function loadCatalogFile(file: string): Catalog {
  // Bounded while reading (--catalog /dev/zero stops at the limit), UTF-8 checked, a BOM dropped.
  const read = readFileBounded(file, MAX_INPUT_BYTES);
  if (!read.ok) throw new UserError(read.reason, `--catalog ${file}`);
  const decoded = decodeUtf8(read.bytes);
  if (!decoded.ok) throw new UserError(decoded.reason.replace('YAML or JSON', 'JSON'), `--catalog ${file}`);
  const text = decoded.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const pos = jsonErrorPosition(text, err);
    throw new UserError(`not valid JSON: ${pos.message}`, `${file}:${pos.line}:${pos.column}`);
  }
  const problems = catalogProblems(data);
  if (problems.length) throw new UserErrors(problems.map((p) => `${file}: ${p}`));
  return toCatalog(data, file);
}
