/**
 * `oke-cni lint FILE...`: read node-pool configs into one Model. Three formats, told apart
 * by content: the oke-cni config (YAML or JSON), Terraform plan JSON, and OCI CLI JSON.
 * Every file is read, every problem collected, and all files' objects are merged before
 * references are resolved, so `lint cluster.json node-pools.json subnets.json vcns.json`
 * forms one model. Any input problem throws one UserErrors ("file:line:col: message" lines).
 */
import { UserError, UserErrors } from '../../core/errors.js';
import type { Model } from '../../core/model.js';
import type { Draft } from './draft.js';
import { isOciCliJson, readOciCli } from './oci-cli.js';
import { readOkeConfig } from './oke-config.js';
import { Problems, type FileProblems } from './problems.js';
import { realpathSync } from 'node:fs';
import { MAX_INPUT_BYTES, MAX_PLAN_BYTES, parseInputBytes, parseInputText, readInputBytes, STDIN_NAME, type StdinReader } from './read.js';
import { resolveDrafts } from './resolve.js';
import { isTerraformJson, readTerraformPlan } from '../terraform/plan.js';
import type { ModuleCall } from '../terraform/tf-dir.js';
import type { Node } from './tree.js';
import { suggest } from './values.js';
import { releaseTree } from './lazy-json.js';

export { CONFIG_FIELDS, acceptedKeys, type ObjectKind } from './config-fields.js';
export { MAX_INPUT_BYTES, MAX_PLAN_BYTES, STDIN_NAME, type StdinReader } from './read.js';

const MIB = 1024 * 1024;

export interface LoadOptions {
  /** Input size limit per file (default MAX_INPUT_BYTES). */
  maxBytes?: number;
  /** The same for a file that is a Terraform plan (default MAX_PLAN_BYTES, or maxBytes when that is given). */
  planMaxBytes?: number;
  /** Reads standard input for a file named `-` (or /dev/stdin); without it, `-` cannot be read. */
  stdin?: StdinReader;
}

export interface LoadedConfig {
  model: Model;
  /** OCIDs referenced but defined in no file (for lint --live to read), first-seen order. */
  externalRefs: { vcns: string[]; subnets: string[] };
  /** The files read, as given. */
  files: string[];
  /** Terraform plans' module calls (path and source), for lint --tf-dir. */
  moduleCalls: ModuleCall[];
}

export type InputFormat = 'oke-cni' | 'terraform' | 'oci-cli';

/** Read, check and merge config files. Throws UserErrors listing every problem. */
export function loadConfigFiles(paths: string[], opts: LoadOptions = {}): LoadedConfig {
  if (paths.length === 0) throw new UserError('no config files given');
  // `lint a.yaml ./a.yaml` (a shell glob overlapping a name, a link) reads the file once, under
  // the first name given; /dev/stdin is standard input, named `-`.
  const unique = uniqueFiles(paths.map((p) => (p === '/dev/stdin' ? STDIN_NAME : p)));
  return guarded(unique.join(', '), () => {
    const problems = new Problems();
    const drafts: Array<Draft | undefined> = [];
    const roots: Node[] = [];
    for (const path of unique) {
      const fp = problems.forFile(path);
      const bytes = readInputBytes(path, fp, opts.maxBytes ?? MAX_INPUT_BYTES, opts.stdin, opts.planMaxBytes ?? opts.maxBytes ?? MAX_PLAN_BYTES);
      const root = bytes === undefined ? undefined : parseInputBytes(bytes, fp);
      if (root !== undefined) roots.push(root);
      drafts.push(root === undefined ? undefined : readDraft(root, fp));
    }
    const loaded = finish(drafts, problems, unique);
    // The model holds plain data: a plan's bytes and scan tables are not needed for the rules and the report.
    for (const root of roots) releaseTree(root);
    return loaded;
  });
}

/** The paths without repeats of one file under another spelling (compared after resolving links). */
function uniqueFiles(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const path of paths) {
    let key = path;
    if (path !== STDIN_NAME) {
      try {
        key = realpathSync(path);
      } catch {
        // unreadable: kept under its own name, and reported when read
      }
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path);
  }
  return out;
}

/** The same for text in memory (tests, stdin); `file` names it in positions. */
export function parseConfigText(text: string, file: string): LoadedConfig {
  return guarded(file, () => {
    const problems = new Problems();
    const fp = problems.forFile(file);
    const tooBig = text.length > MAX_INPUT_BYTES;
    if (tooBig) fp.add(undefined, `input is ${(text.length / MIB).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / MIB} MiB`);
    const root = tooBig ? undefined : parseInputText(text, fp);
    return finish([root === undefined ? undefined : readDraft(root, fp)], problems, [file]);
  });
}

/** Bytes read by the caller (e.g. from stdin): refuses binary and non-UTF-8 input like a file. */
export function parseConfigBytes(bytes: Uint8Array, file: string): LoadedConfig {
  return guarded(file, () => {
    const problems = new Problems();
    const fp = problems.forFile(file);
    const tooBig = bytes.length > MAX_INPUT_BYTES;
    if (tooBig) fp.add(undefined, `input is ${(bytes.length / MIB).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / MIB} MiB`);
    const root = tooBig ? undefined : parseInputBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fp);
    return finish([root === undefined ? undefined : readDraft(root, fp)], problems, [file]);
  });
}

/** Which of the three formats a parsed document is, or undefined. */
export function detectFormat(root: Node): InputFormat | undefined {
  if (root.kind !== 'map') return undefined;
  if (isTerraformJson(root)) return 'terraform';
  if (isOciCliJson(root)) return 'oci-cli';
  const top = ['vcns', 'subnets', 'clusters', 'securityLists', 'networkSecurityGroups'];
  // A misspelt top-level key ("subnet:") still means an oke-cni config: read it to say so.
  for (const key of root.entries.keys()) if (top.includes(key) || suggest(key, top) !== undefined) return 'oke-cni';
  return undefined;
}

function readDraft(root: Node, fp: FileProblems): Draft | undefined {
  const format = detectFormat(root);
  if (format === undefined || root.kind !== 'map') {
    const found =
      root.kind === 'map'
        ? `found keys: ${[...root.entries.keys()].slice(0, 8).join(', ') || 'none'}`
        : `found ${root.kind === 'seq' ? 'a list' : 'a single value'}`;
    fp.add(
      root.at,
      `not an oke-cni config, a Terraform plan or OCI CLI output (${found}); expected top-level keys ` +
        `${['vcns', 'subnets', 'clusters'].join('/')} (oke-cni config), format_version and planned_values (terraform show -json), or data (oci ... get/list)`,
    );
    return undefined;
  }
  if (format === 'terraform') return readTerraformPlan(root, fp);
  if (format === 'oci-cli') return readOciCli(root, fp);
  return readOkeConfig(root, fp);
}

function finish(drafts: Array<Draft | undefined>, problems: Problems, files: string[]): LoadedConfig {
  // A file that could not be read at all defines nothing: resolving the others would only
  // report its objects as dangling references. Otherwise resolve, to report every problem.
  const read = drafts.filter((d): d is Draft => d !== undefined);
  if (read.length < drafts.length) problems.throwIfAny();
  const { model, externalRefs } = resolveDrafts(read, problems);
  problems.throwIfAny();
  return { model, externalRefs, files: [...files], moduleCalls: read.flatMap((d) => d.moduleCalls ?? []) };
}

/** Any exception other than our UserErrors becomes one (a parser bug must not print a stack). */
function guarded<T>(where: string, load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (err instanceof RangeError) throw new UserErrors([`${where}: nested too deeply to read`]);
    throw new UserErrors([`${where}: could not be read (${err instanceof Error ? err.message : String(err)})`]);
  }
}
