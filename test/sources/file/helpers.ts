/** Shared helpers for the file-source tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserErrors } from '../../../src/core/errors.js';
import type { Location } from '../../../src/core/model.js';

/** The lines of the UserErrors that `load` throws; fails the test when it throws something else or nothing. */
export function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof UserErrors) return [...err.lines];
    throw new Error(`expected UserErrors, got ${String(err)}`);
  }
  throw new Error('expected UserErrors, but the input loaded');
}

/** A file position as the model records it. */
export function pos(file: string, line: number, column: number): Location {
  return { kind: 'file', file, line, column };
}

/** A fresh temp directory with the given files; returns the directory. */
export function tempFiles(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oke-cni-file-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Strip the bigint-bearing CIDR objects down to their text, for readable deep equality. */
export function cidrText(c: { text: string }): string {
  return c.text;
}
