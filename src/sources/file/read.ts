/**
 * Reading one input file into the positioned tree, refusing what is not a text config. Every
 * read is bounded while it reads (a file that grows, /dev/zero behind a link, a pipe on stdin):
 * never more than the limit plus one byte is taken in.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { isatty } from 'node:tty';
import { PLAN_LAYOUT } from '../terraform/plan-layout.js';
import { scanJson } from './json-scan.js';
import { JsonSyntaxError, parseJsonTree } from './json-tree.js';
import { lazyJsonTree } from './lazy-json.js';
import type { FileProblems } from './problems.js';
import type { Node } from './tree.js';
import { parseYamlTree } from './yaml-tree.js';

/**
 * Largest input accepted, by default: a plan of a few hundred resources is well under 10 MiB.
 * Every reader takes it as a parameter (maxBytes), so a command may raise it for big plans.
 */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/**
 * Largest Terraform plan (or state) accepted by default: a large tenancy's plan is tens of
 * megabytes, and lint holds a few times a plan's size in memory while it reads it (README,
 * "plan size"). An input counts as a plan by its first bytes (looksLikePlan), so the limit for
 * anything else stays MAX_INPUT_BYTES.
 */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** The name standard input goes by, in positions and messages (`oke-cni lint -`). */
export const STDIN_NAME = '-';

const MIB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A failed read says why, and the system error code when there was one (ENOENT, EACCES...). */
export type BytesRead = { ok: true; bytes: Buffer } | { ok: false; reason: string; code?: string };

/** "10 MiB" / "512 KiB": limits as people write them. */
export function describeBytes(n: number): string {
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

export function tooLargeReason(maxBytes: number, plan = false): string {
  return `larger than the ${describeBytes(maxBytes)} input limit${plan ? ' for Terraform plans' : ''}`;
}

/**
 * Reads at most maxBytes + 1 bytes from an open descriptor: one byte more than the limit says
 * the input is too large without reading the rest; planMaxBytes instead when the first bytes
 * read are a Terraform plan's. `again` is called on EAGAIN (a non-blocking pipe with nothing in
 * it yet) and returns false to give up.
 */
export function readDescriptorBounded(fd: number, maxBytes: number, again: () => boolean = () => false, sizeHint = 0, planMaxBytes = maxBytes): BytesRead {
  const chunks: Buffer[] = [];
  let total = 0;
  let plan = false;
  const limit = () => (plan ? planMaxBytes : maxBytes);
  /** Past the limit for any input: when the input is a plan, read on to the plan limit. */
  const over = (head: Buffer): boolean => {
    if (total <= maxBytes) return false;
    plan ||= planMaxBytes > maxBytes && looksLikePlan(head);
    return total > limit();
  };
  // A regular file of known size: one buffer of its size plus the byte that says it grew, so a
  // big plan is not held twice (chunks, then their concatenation).
  if (sizeHint > CHUNK) {
    const whole = Buffer.allocUnsafe(Math.min(sizeHint, Math.max(maxBytes, planMaxBytes)) + 1);
    let got = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, whole, got, whole.length - got, null);
      } catch (err) {
        return { ok: false, reason: fsReason(err) };
      }
      if (n === 0) break;
      got += n;
      if (got === whole.length) break;
    }
    total = got;
    if (over(whole)) return { ok: false, reason: tooLargeReason(limit(), plan) };
    if (got < whole.length) return { ok: true, bytes: whole.subarray(0, got) };
    chunks.push(whole);
  }
  for (;;) {
    const want = Math.min(CHUNK, limit() + 1 - total);
    const chunk = Buffer.allocUnsafe(want);
    let got: number;
    try {
      got = readSync(fd, chunk, 0, want, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN' && again()) continue;
      if ((err as NodeJS.ErrnoException).code === 'EOF') break;
      return { ok: false, reason: fsReason(err) };
    }
    if (got === 0) break;
    chunks.push(got === want ? chunk : chunk.subarray(0, got));
    total += got;
    if (over(chunks.length === 1 || (chunks[0] as Buffer).length >= 4096 ? (chunks[0] as Buffer) : Buffer.concat(chunks.slice(0, 64)).subarray(0, 4096))) return { ok: false, reason: tooLargeReason(limit(), plan) };
  }
  return { ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer).subarray(0, total) : Buffer.concat(chunks, total) };
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** While a pipe's writer has written nothing yet: wait 5 ms and read again. */
export const waitForPipe = (): boolean => {
  Atomics.wait(pause, 0, 0, 5);
  return true;
};

/**
 * A file's bytes, bounded while reading. Regular files, pipes (`lint <(terraform show -json
 * plan.out)`) and character devices are read, each up to the limit (`/dev/zero` stops there);
 * a pipe is opened non-blocking, so one without a writer is empty rather than a hang.
 * Directories, sockets and terminals are refused unread.
 */
export function readFileBounded(path: string, maxBytes: number = MAX_INPUT_BYTES, planMaxBytes = maxBytes): BytesRead {
  let special: boolean;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, reason: 'is a directory; pass the config files in it', code: 'EISDIR' };
    special = stat.isFIFO() || stat.isCharacterDevice();
    if (!stat.isFile() && !special) return { ok: false, reason: 'is not a regular file, a pipe or a device' };
    if (stat.isFile() && stat.size > maxBytes) {
      const plan = planMaxBytes > maxBytes && looksLikePlan(head(path));
      const limit = plan ? planMaxBytes : maxBytes;
      if (stat.size > limit) return { ok: false, reason: `file is ${(stat.size / MIB).toFixed(1)} MiB; the limit is ${describeBytes(limit)}${plan ? ' for Terraform plans' : ''}` };
    }
  } catch (err) {
    return { ok: false, reason: fsReason(err), code: errorCode(err) };
  }
  let fd: number;
  try {
    fd = openSync(path, special ? constants.O_RDONLY | constants.O_NONBLOCK : constants.O_RDONLY);
  } catch (err) {
    return { ok: false, reason: fsReason(err), code: errorCode(err) };
  }
  try {
    if (isatty(fd)) return { ok: false, reason: 'is a terminal; pass a file' };
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'is a directory; pass the config files in it' };
    return readDescriptorBounded(fd, maxBytes, waitForPipe, stat.isFile() ? stat.size : 0, planMaxBytes);
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a regular file, to tell a plan by (looksLikePlan). */
function head(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const bytes = Buffer.alloc(4096);
    return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input for `lint -`; the CLI supplies it (nothing below cli touches the process). */
export type StdinReader = (maxBytes: number, planMaxBytes?: number) => BytesRead;

/** The file's bytes, or undefined after reporting why they cannot be read. `-` is standard input. */
export function readInputBytes(path: string, problems: FileProblems, maxBytes: number = MAX_INPUT_BYTES, stdin?: StdinReader, planMaxBytes = maxBytes): Buffer | undefined {
  let read: BytesRead;
  if (path === STDIN_NAME) read = stdin ? stdin(maxBytes, planMaxBytes) : { ok: false, reason: 'standard input cannot be read here' };
  else read = readFileBounded(path, maxBytes, planMaxBytes);
  if (!read.ok) {
    problems.add(undefined, read.reason);
    return undefined;
  }
  return read.bytes;
}

/** The file's text, or undefined after reporting why it cannot be used. `-` is standard input. */
export function readInputFile(path: string, problems: FileProblems, maxBytes: number = MAX_INPUT_BYTES, stdin?: StdinReader): string | undefined {
  const bytes = readInputBytes(path, problems, maxBytes, stdin);
  return bytes === undefined ? undefined : decodeText(bytes, problems);
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function fsReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read the file (permission denied)';
  if (code === 'ENOTDIR') return 'no such file (a part of the path is not a directory)';
  if (code === 'ENAMETOOLONG') return 'the file name is too long';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot read the file (${typeof code === 'string' ? code : 'unknown error'})`;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence; -1 when all do. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export type TextDecoded = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Bytes to text: UTF-8, a leading byte-order mark dropped (Windows editors, PowerShell's
 * Out-File write one). A NUL byte means a binary file or UTF-16.
 */
export function decodeUtf8(bytes: Uint8Array): TextDecoded {
  const refused = notText(bytes);
  if (refused !== undefined) return { ok: false, reason: refused };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Why `bytes` are not UTF-8 text, or undefined when they are. */
function notText(bytes: Uint8Array): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `binary file (a NUL byte at byte offset ${nul}); expected YAML or JSON text in UTF-8`;
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) return `not UTF-8 at byte offset ${bad}; expected YAML or JSON text in UTF-8`;
  return undefined;
}

export function decodeText(bytes: Uint8Array, problems: FileProblems): string | undefined {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    problems.add(undefined, decoded.reason);
    return undefined;
  }
  return decoded.text;
}

/**
 * Bytes to tree: a Terraform plan is read from its bytes (planTree), anything else as text. The
 * bytes are checked as decodeUtf8 checks them, and only text that is not a plan is decoded, so a
 * big plan is never held both as bytes and as a string.
 */
export function parseInputBytes(bytes: Buffer, problems: FileProblems): Node | undefined {
  const refused = notText(bytes);
  if (refused !== undefined) {
    problems.add(undefined, refused);
    return undefined;
  }
  // A byte-order mark is invisible in editors: drop it so columns on line 1 match theirs.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return planTree(body, problems) ?? parseTextTree(body.toString('utf8'), problems);
}

/**
 * Text to tree. JSON syntax is chosen by content (a leading { or [) or a .json name; a .yaml
 * file that happens to start with { falls back to YAML flow syntax.
 */
export function parseInputText(text: string, problems: FileProblems): Node | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return (looksLikePlan(body) ? planTree(Buffer.from(body, 'utf8'), problems) : undefined) ?? parseTextTree(body, problems);
}

function parseTextTree(body: string, problems: FileProblems): Node | undefined {
  // No trimmed copies: a plan is tens of megabytes.
  const start = body.search(/\S/);
  if (start < 0) {
    problems.add(undefined, 'file is empty');
    return undefined;
  }
  const first = body.charAt(start);
  const jsonByName = /\.json$/i.test(problems.file);
  if (jsonByName || first === '{' || first === '[') {
    // Any JSON that is not a plan, and any syntax error, takes the strict tree parser, which
    // words every error at its line and column.
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

/** Cheap first: the key every `terraform show -json` output starts with, near the start of a JSON object. */
export function looksLikePlan(head: string | Buffer): boolean {
  const near = typeof head === 'string' ? head.slice(0, 4096) : head.toString('latin1', 0, Math.min(4096, head.length));
  return near.trimStart().startsWith('{') && near.includes('"format_version"');
}

/**
 * A Terraform plan or state (terraform show -json) as a tree over its bytes (lazy-json.ts), or
 * undefined when the bytes are not one: big and machine-written, a plan is checked in one pass
 * and parsed only where it is read, and positions are found only where they are read.
 */
function planTree(bytes: Buffer, problems: FileProblems): Node | undefined {
  if (!looksLikePlan(bytes)) return undefined;
  const skeleton = scanJson(bytes, PLAN_LAYOUT);
  if (skeleton?.root === undefined) return undefined;
  const root = lazyJsonTree(bytes, skeleton, problems);
  const has = (k: string) => root.kind === 'map' && root.entries.has(k);
  return has('format_version') && (has('planned_values') || has('values') || has('terraform_version')) ? root : undefined;
}

function hasContent(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#') && l.trim() !== '---');
}
