/**
 * Writing a file the user named (--output, --write) without ever losing data:
 * - refused when it is one of the run's inputs (compared after resolving links, and by
 *   device + inode, so `./a.yaml`, `a.yaml` and a symlink to it are the same file), before
 *   anything is read or written;
 * - refused when it exists and is not a regular file (a FIFO with no reader would block
 *   forever, a device would take the report somewhere else);
 * - written to a temporary file in the same directory and renamed over the target, so a
 *   failure (ENOSPC, a signal) leaves the old file, never a half-written one.
 */
import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { batches } from './io.js';

/** An input of the run: its path as given and what it is ("input", "--catalog"). */
export interface RunInput {
  path: string;
  what: string;
}

function identity(path: string): { real: string; dev?: number; ino?: number } {
  let real = resolve(path);
  try {
    real = realpathSync(path);
  } catch {
    // Not there (yet): compare its absolute path.
  }
  try {
    const st = statSync(path);
    return { real, dev: st.dev, ino: st.ino };
  } catch {
    return { real };
  }
}

/** Throws when `output` names the same file as one of `inputs` (stdin `-` is no file). */
export function refuseOutputOverInput(output: string, flag: string, inputs: readonly RunInput[]): void {
  const out = identity(output);
  for (const input of inputs) {
    if (input.path === '-' || input.path === '/dev/stdin') continue;
    const other = identity(input.path);
    const sameInode = out.ino !== undefined && other.ino !== undefined && out.dev === other.dev && out.ino === other.ino;
    if (sameInode || out.real === other.real) {
      throw new UserError(`is the same file as the ${input.what} ${input.path}; writing it would overwrite that file (choose another file)`, `${flag} ${output}`);
    }
  }
}

/** Throws unless `path` is absent or a regular file (checked before any work is done). */
export function checkOutputTarget(path: string, flag: string): void {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new UserError(`cannot use the file (${code ?? String(err)})`, `${flag} ${path}`);
  }
  if (st.isDirectory()) throw new UserError('is a directory; give a file name', `${flag} ${path}`);
  if (!st.isFile()) throw new UserError('is not a regular file (a FIFO, device or socket); give a file name', `${flag} ${path}`);
}

/**
 * Write `text` (the `what`: report, catalog) to `path` through a temporary file in the same
 * directory and a rename. `text` may come in pieces (a big report, written as it is made).
 */
export function writeFileAtomically(path: string, text: string | Iterable<string>, flag: string, what: string): void {
  checkOutputTarget(path, flag);
  // Through a symlink, the file it points at is replaced (the link stays a link).
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
  } catch {
    // absent: written where it was named
  }
  let mode = 0o666;
  let existed = false;
  try {
    mode = statSync(target).mode & 0o777;
    existed = true;
  } catch {
    // a new file: the default mode, less the umask
  }
  const temp = join(dirname(target), `.${basename(target)}.oke-cni-${process.pid}-${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    for (const run of typeof text === 'string' ? [text] : batches(text)) {
      const bytes = Buffer.from(run, 'utf8');
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing
      }
    }
    rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write the ${what} (${code ?? String(err)})${existed ? '; the file was left as it was' : ''}`, `${flag} ${path}`);
  }
}
