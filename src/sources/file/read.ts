/** Reading one input file into the positioned tree, refusing what is not a text config. */
import { readFileSync, statSync } from 'node:fs';
import { JsonSyntaxError, parseJsonTree } from './json-tree.js';
import type { FileProblems } from './problems.js';
import type { Node } from './tree.js';
import { parseYamlTree } from './yaml-tree.js';

/** Largest input accepted: a plan of a few hundred resources is well under 10 MiB. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

const MIB = 1024 * 1024;

/** The file's text, or undefined after reporting why it cannot be used. */
export function readInputFile(path: string, problems: FileProblems): string | undefined {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      problems.add(undefined, 'is a directory; pass the config files in it');
      return undefined;
    }
    if (!stat.isFile()) {
      problems.add(undefined, 'is not a regular file');
      return undefined;
    }
    size = stat.size;
  } catch (err) {
    problems.add(undefined, fsReason(err));
    return undefined;
  }
  if (size > MAX_INPUT_BYTES) {
    problems.add(undefined, `file is ${(size / MIB).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / MIB} MiB`);
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    problems.add(undefined, fsReason(err));
    return undefined;
  }
  return decodeText(bytes, problems);
}

function fsReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read the file (permission denied)';
  if (code === 'ENOTDIR') return 'no such file (a part of the path is not a directory)';
  if (code === 'ENAMETOOLONG') return 'the file name is too long';
  return `cannot read the file (${typeof code === 'string' ? code : 'unknown error'})`;
}

/** Bytes to text: a NUL byte or invalid UTF-8 means a binary file (or UTF-16), not a config. */
export function decodeText(bytes: Uint8Array, problems: FileProblems): string | undefined {
  if (bytes.includes(0)) {
    problems.add(undefined, 'binary file (it contains NUL bytes); expected YAML or JSON text in UTF-8');
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.add(undefined, 'not UTF-8 text; expected YAML or JSON text in UTF-8');
    return undefined;
  }
}

/**
 * Text to tree. JSON syntax is chosen by content (a leading { or [) or a .json name; a .yaml
 * file that happens to start with { falls back to YAML flow syntax.
 */
export function parseInputText(text: string, problems: FileProblems): Node | undefined {
  // A byte-order mark is invisible in editors: drop it so columns on line 1 match theirs.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    problems.add(undefined, 'file is empty');
    return undefined;
  }
  const first = body.trimStart().charAt(0);
  const jsonByName = /\.json$/i.test(problems.file);
  if (jsonByName || first === '{' || first === '[') {
    try {
      return parseJsonTree(body, problems);
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      if (jsonByName) {
        problems.add(err.pos, `invalid JSON: ${err.message}`);
        return undefined;
      }
    }
  }
  const tree = parseYamlTree(body, problems);
  if (tree === undefined && !hasContent(body)) problems.add(undefined, 'file is empty (only comments)');
  return tree;
}

function hasContent(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#') && l.trim() !== '---');
}
