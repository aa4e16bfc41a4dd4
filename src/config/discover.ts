/**
 * Where the project config file is: `--config FILE`, else $OKE_CNI_CONFIG, else the first
 * .oke-cni.yaml (or .yml) in the current directory or a parent, up to the git root (the directory
 * holding .git). Outside a git work tree only the current directory is looked at, so a stray file
 * in a home directory never configures unrelated runs.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_ENV, CONFIG_FILE_NAMES } from './fields.js';

export interface ConfigChoice {
  path: string;
  /** How it was chosen, for messages ("--config", "OKE_CNI_CONFIG", "found"). */
  via: '--config' | typeof CONFIG_ENV | 'found';
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The directories to search, nearest first: cwd and its parents up to the git root. */
export function searchDirs(cwd: string): string[] {
  const dirs: string[] = [];
  let dir = resolve(cwd);
  for (;;) {
    dirs.push(dir);
    if (existsSync(join(dir, '.git'))) return dirs;
    const parent = dirname(dir);
    if (parent === dir) return [resolve(cwd)];
    dir = parent;
  }
}

export function chooseConfigFile(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): ConfigChoice | undefined {
  if (flag !== undefined) return { path: flag, via: '--config' };
  const fromEnv = env[CONFIG_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { path: fromEnv, via: CONFIG_ENV };
  for (const dir of searchDirs(cwd)) {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      if (isFile(path)) return { path, via: 'found' };
    }
  }
  return undefined;
}
