/**
 * `lint plan.json --tf-dir DIR`: the .tf file and line of each resource block, so findings on a
 * plan land on the code a pull request changes. The root module is DIR; a module call whose
 * `source` is a local path (`./modules/x`, `../x`; configuration.module_calls[].source) is that
 * directory relative to its caller's. Registry and git modules have no files here: their
 * findings stay on the plan. Every read is bounded (files per directory, bytes per file,
 * module directories).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import type { Location } from '../../core/model.js';
import { readFileBounded, decodeUtf8 } from '../file/read.js';
import { at, type MapNode } from '../file/tree.js';
import { parseTraversal } from './address.js';
import { findResourceBlocks } from './hcl-blocks.js';
import { str } from './plan-index.js';

/** A module call of the plan's configuration: its module path (names, no instance keys) and source. */
export interface ModuleCall {
  path: string[];
  source: string;
}

const MAX_MODULE_CALLS = 500;
const MAX_TF_FILES_PER_DIR = 1000;
const MAX_TF_BYTES = 10 * 1024 * 1024;

/** Every module call in configuration.root_module, nested ones included (at most MAX_MODULE_CALLS). */
export function moduleCallsOf(root: MapNode): ModuleCall[] {
  const out: ModuleCall[] = [];
  const walk = (module: unknown, path: string[]): void => {
    const calls = at(module as MapNode, 'module_calls');
    if (calls?.kind !== 'map') return;
    for (const [name, e] of calls.entries) {
      if (out.length >= MAX_MODULE_CALLS) return;
      const source = str(at(e.value, 'source'));
      if (source === undefined) continue;
      out.push({ path: [...path, name], source });
      walk(at(e.value, 'module'), [...path, name]);
    }
  };
  walk(at(root, 'configuration', 'root_module'), []);
  return out;
}

export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** Where the blocks of a plan's modules are written, and the module calls that have no local files. */
export interface BlockIndex {
  /** The .tf position of a resource address' block; undefined when it is not found. */
  locate(address: string): Location | undefined;
  /** Module calls from a registry or git: their resources' findings stay on the plan. */
  remote: ModuleCall[];
  /** .tf files that could not be read, with why. */
  unreadable: Array<{ file: string; reason: string }>;
}

/** The module path and the resource (mode.type.name) of an instance address; undefined when it does not parse. */
export function blockKey(address: string): string | undefined {
  const steps = parseTraversal(address);
  if (!steps) return undefined;
  const modules: string[] = [];
  let i = 0;
  for (;;) {
    const step = steps[i];
    const name = steps[i + 1];
    if (!step || !('name' in step) || step.name !== 'module' || !name || !('name' in name)) break;
    modules.push(name.name);
    i += 2;
    const key = steps[i];
    if (key && 'key' in key) i++;
  }
  const names = steps.slice(i).filter((s): s is { name: string } => 'name' in s).map((s) => s.name);
  const resource = names[0] === 'data' ? names.slice(0, 3) : names.slice(0, 2);
  if (resource.length < (names[0] === 'data' ? 3 : 2)) return undefined;
  return `${modules.join('.')}|${resource.join('.')}`;
}

/** The resource blocks of DIR and of every local module the plans call. */
export function indexTfDir(dir: string, calls: readonly ModuleCall[]): BlockIndex {
  try {
    if (!statSync(dir).isDirectory()) throw new UserError(`${dir} is not a directory`, '--tf-dir');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${dir}: no such directory`, '--tf-dir');
  }
  const dirs = new Map<string, string>([['', dir]]);
  const remote: ModuleCall[] = [];
  // Callers before callees: a module's directory is relative to its caller's.
  for (const call of [...calls].sort((a, b) => a.path.length - b.path.length)) {
    const caller = dirs.get(call.path.slice(0, -1).join('.'));
    if (caller === undefined) continue;
    if (isLocalSource(call.source)) dirs.set(call.path.join('.'), join(caller, call.source));
    else remote.push(call);
  }
  const blocks = new Map<string, Location>();
  const unreadable: BlockIndex['unreadable'] = [];
  for (const [module, moduleDir] of dirs) {
    let names: string[];
    try {
      names = readdirSync(moduleDir)
        .filter((n) => n.endsWith('.tf'))
        .sort()
        .slice(0, MAX_TF_FILES_PER_DIR);
    } catch {
      unreadable.push({ file: moduleDir, reason: 'no such directory' });
      continue;
    }
    for (const name of names) {
      const file = join(moduleDir, name);
      const read = readFileBounded(file, MAX_TF_BYTES);
      const text = read.ok ? decodeUtf8(read.bytes) : undefined;
      if (!read.ok || !text?.ok) {
        unreadable.push({ file, reason: !read.ok ? read.reason : text && !text.ok ? text.reason : 'unreadable' });
        continue;
      }
      for (const b of findResourceBlocks(text.text)) {
        const key = `${module}|${b.mode === 'data' ? 'data.' : ''}${b.type}.${b.name}`;
        if (!blocks.has(key)) blocks.set(key, { kind: 'file', file, line: b.line, column: b.column });
      }
    }
  }
  return {
    locate: (address) => {
      const key = blockKey(address);
      return key === undefined ? undefined : blocks.get(key);
    },
    remote,
    unreadable,
  };
}

/** Findings about a resource whose block was found moved onto it; the plan position kept as planLocation. */
export function onTfBlocks(findings: readonly Finding[], index: BlockIndex): Finding[] {
  return findings.map((f) => {
    const block = f.resource === undefined || f.location.kind !== 'file' ? undefined : index.locate(f.resource.address);
    return block === undefined ? f : { ...f, location: block, planLocation: f.location };
  });
}

/** One line per module call whose findings stay on the plan, and per .tf file that could not be read. */
export function tfDirNotes(index: BlockIndex): string[] {
  return [
    ...index.remote.map((c) => `--tf-dir: module.${c.path.join('.module.')} comes from ${JSON.stringify(c.source)}, not a local path: its findings stay on the plan`),
    ...index.unreadable.map((u) => `--tf-dir: ${u.file}: ${u.reason}; its resources' findings stay on the plan`),
  ];
}
