import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseConfigFile, searchDirs } from '../../src/config/discover.js';

const root = mkdtempSync(join(tmpdir(), 'oke-cni-discover-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** outer/.oke-cni.yaml, outer/repo/.git, outer/repo/a/b (cwd). */
const outer = join(root, 'outer');
const repo = join(outer, 'repo');
const deep = join(repo, 'a', 'b');
mkdirSync(deep, { recursive: true });
mkdirSync(join(repo, '.git'));
writeFileSync(join(outer, '.oke-cni.yaml'), 'failOn: note\n');

describe('chooseConfigFile', () => {
  it('searches the cwd and its parents up to the git root, never above it', () => {
    expect(searchDirs(deep)).toEqual([deep, join(repo, 'a'), repo]);
    expect(chooseConfigFile(undefined, {}, deep)).toBeUndefined();
  });

  it('takes the nearest file: the git root\'s, then a nearer one; .yml too', () => {
    writeFileSync(join(repo, '.oke-cni.yaml'), '');
    expect(chooseConfigFile(undefined, {}, deep)).toEqual({ path: join(repo, '.oke-cni.yaml'), via: 'found' });
    writeFileSync(join(repo, 'a', '.oke-cni.yml'), '');
    expect(chooseConfigFile(undefined, {}, deep)).toEqual({ path: join(repo, 'a', '.oke-cni.yml'), via: 'found' });
  });

  it('a directory named .oke-cni.yaml is not a config', () => {
    mkdirSync(join(deep, '.oke-cni.yaml'));
    expect(chooseConfigFile(undefined, {}, deep)?.path).toBe(join(repo, 'a', '.oke-cni.yml'));
  });

  it('outside a git work tree only the cwd is searched', () => {
    const lone = join(root, 'lone', 'x');
    mkdirSync(lone, { recursive: true });
    writeFileSync(join(root, 'lone', '.oke-cni.yaml'), '');
    expect(searchDirs(lone)).toEqual([lone]);
    expect(chooseConfigFile(undefined, {}, lone)).toBeUndefined();
  });

  it('--config wins over OKE_CNI_CONFIG, which wins over discovery; an empty variable is unset', () => {
    expect(chooseConfigFile('x.yaml', { OKE_CNI_CONFIG: 'y.yaml' }, deep)).toEqual({ path: 'x.yaml', via: '--config' });
    expect(chooseConfigFile(undefined, { OKE_CNI_CONFIG: 'y.yaml' }, deep)).toEqual({ path: 'y.yaml', via: 'OKE_CNI_CONFIG' });
    expect(chooseConfigFile(undefined, { OKE_CNI_CONFIG: '' }, deep)?.via).toBe('found');
  });
});
