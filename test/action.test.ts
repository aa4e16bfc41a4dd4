/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) as their
 * runners use them: the action's inputs and steps, its run scripts taken out of action.yml and
 * executed with bash in a temp directory with the environment the runner gives them (a fake
 * `npm` records the install; `oke-cni` is the built bin), and the hook's entry run on files its
 * `files` pattern picks.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT } from './helpers/run-bin.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: string; description: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const step = (name: string): Step => {
  const found = steps.find((s) => s.name === name);
  if (!found) throw new Error(`action.yml has no step "${name}"`);
  return found;
};
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let dir: string;
let binDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oke-cni-action-'));
  binDir = join(dir, '.bin');
  mkdirSync(binDir);
  // `oke-cni` on PATH is the built CLI, as `npm install -g` would put it.
  writeFileSync(join(binDir, 'oke-cni'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  writeFileSync(join(binDir, 'npm'), `#!/bin/sh\necho "$@" >> "${join(dir, 'npm.log')}"\n`);
  chmodSync(join(binDir, 'oke-cni'), 0o755);
  chmodSync(join(binDir, 'npm'), 0o755);
  mkdirSync(join(dir, 'clusters'));
  copyFileSync(join(ROOT, 'examples', 'failing.yaml'), join(dir, 'clusters', 'failing.yaml'));
  copyFileSync(join(ROOT, 'examples', 'multi-cluster-shared-subnet.yaml'), join(dir, 'clusters', 'shared.yaml'));
  copyFileSync(join(ROOT, 'examples', 'passing.yaml'), join(dir, 'passing.yaml'));
});

/** Runs a step's script as the runner does (`bash -e {0}` from a file), with the step's env filled from `inputs`. */
function runStep(s: Step, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const given = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
  const env: Record<string, string> = { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: dir, ...extraEnv };
  for (const [name, expression] of Object.entries(s.env ?? {})) {
    const m = /^\$\{\{ (inputs\.([a-z-]+)|github\.action_path) \}\}$/.exec(expression);
    if (!m) throw new Error(`unexpected expression in ${s.name}: ${expression}`);
    env[name] = m[2] !== undefined ? (given[m[2]] as string) : ROOT;
  }
  const script = join(dir, '.step.sh');
  writeFileSync(script, s.run ?? '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', script], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('action.yml', () => {
  test('a composite action with the documented inputs and defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['files', 'format', 'fail-on', 'config', 'baseline', 'sarif', 'summary', 'version', 'node-version']);
    expect(action.inputs.files!.required).toBe(true);
    expect(Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]))).toEqual({
      files: undefined,
      format: 'github',
      'fail-on': '',
      config: '',
      baseline: '',
      sarif: '',
      summary: 'true',
      version: '',
      'node-version': '20',
    });
    expect(steps.map((s) => s.uses ?? s.name)).toEqual(['actions/setup-node@v4', 'Install oke-cni', 'oke-cni lint', 'github/codeql-action/upload-sarif@v3']);
    expect(steps[0]!.with).toEqual({ 'node-version': '${{ inputs.node-version }}' });
    const upload = steps[3]!;
    expect(upload.if).toBe("${{ always() && inputs.sarif != '' && hashFiles(inputs.sarif) != '' }}");
    expect(upload.with).toEqual({ sarif_file: '${{ inputs.sarif }}', category: 'oke-cni' });
  });

  test("the README's workflow uses the action with inputs it has", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```yaml\nname: oke-cni\n[\s\S]*?```/.exec(readme)?.[0] ?? '';
    const workflow = parse(block.replace(/^```yaml\n|```$/g, '')) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }> };
    const used = Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => s.uses === 'oke-cni/oke-cni@v0');
    expect(used).toHaveLength(1);
    for (const key of Object.keys(used[0]!.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    expect(used[0]!.with).toEqual({ files: 'clusters/**/*.yaml tfplan.json', sarif: 'oke-cni.sarif' });
  });

  test('no input is pasted into a script: they arrive as environment variables', () => {
    for (const s of steps) if (s.run !== undefined) expect(s.run).not.toContain('${{');
  });

  test('the install step installs the package of the action version, or the version input', () => {
    const install = step('Install oke-cni');
    const r = runStep(install, {});
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
    runStep(install, { version: '1.2.3' });
    expect(readFileSync(join(dir, 'npm.log'), 'utf8')).toBe(`install -g --no-audit --no-fund oke-cni@${version}\ninstall -g --no-audit --no-fund oke-cni@1.2.3\n`);
  });

  test('lint: annotations on the log, SARIF written, the job summary appended once, exit 1 on errors', () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '## an earlier step\n');
    const r = runStep(step('oke-cni lint'), { files: 'clusters/*.yaml', sarif: 'oke-cni.sarif' }, { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(8);
    expect(annotations[0]).toMatch(/^::error file=clusters\/failing\.yaml,line=18,col=5,title=pod-subnet-private::/);
    // And one security rules note per cluster (the examples give no security lists): 1 + 2.
    expect(r.stderr).toBe('oke-cni: wrote sarif report to oke-cni.sarif: 8 errors, 0 warnings, 3 notes\n✖ 8 errors, 0 warnings, 3 notes\n');
    const sarif = JSON.parse(readFileSync(join(dir, 'oke-cni.sarif'), 'utf8')) as { runs: Array<{ results: unknown[]; artifacts: Array<{ location: { uri: string } }> }> };
    expect(sarif.runs[0]!.results).toHaveLength(11);
    expect(sarif.runs[0]!.artifacts.map((a) => a.location.uri)).toEqual(['clusters/failing.yaml', 'clusters/shared.yaml']);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('## an earlier step\n### oke-cni lint: ✖ 8 errors, 0 warnings, 3 notes\n')).toBe(true);
    expect(text.match(/^### oke-cni lint/gm)).toHaveLength(1);
    expect(text).toContain('Checked: `clusters/failing.yaml`, `clusters/shared.yaml`');
  });

  test('fail-on, baseline and config inputs reach the CLI', () => {
    const lint = step('oke-cni lint');
    expect(runStep(lint, { files: 'clusters/failing.yaml', 'fail-on': 'never' }).code).toBe(0);
    // A baseline that holds every finding: nothing new, exit 0.
    const written = spawnSync(process.execPath, [BIN, 'lint', 'clusters/failing.yaml', '--write-baseline', 'known.json'], { cwd: dir, encoding: 'utf8' });
    expect(written.status).toBe(0);
    const r = runStep(lint, { files: 'clusters/failing.yaml', baseline: 'known.json', format: 'json' });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { baseline: unknown }).baseline).toEqual({ file: 'known.json', known: 8, gone: 0 });
    writeFileSync(join(dir, 'settings.yaml'), 'failOn: never\n');
    expect(runStep(lint, { files: 'clusters/failing.yaml', config: 'settings.yaml' }).code).toBe(0);
    // The fail-on input, when given, wins over the file, as the flag does.
    expect(runStep(lint, { files: 'clusters/failing.yaml', config: 'settings.yaml', 'fail-on': 'error' }).code).toBe(1);
    expect(runStep(lint, { files: 'clusters/failing.yaml', config: 'missing.yaml' }).code).toBe(2);
  });

  test('summary: false leaves the job summary alone; a bad value is refused', () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '');
    const lint = step('oke-cni lint');
    expect(runStep(lint, { files: 'passing.yaml', summary: 'false' }, { GITHUB_STEP_SUMMARY: summary }).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe('');
    const bad = runStep(lint, { files: 'passing.yaml', summary: 'yes' }, { GITHUB_STEP_SUMMARY: summary });
    expect([bad.code, bad.stdout]).toEqual([2, '::error title=oke-cni::the summary input is true or false, not "yes"\n']);
    expect(runStep(lint, { files: 'passing.yaml' }, { GITHUB_STEP_SUMMARY: summary }).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toMatch(/^### oke-cni lint: ✔ no findings\n/);
  });

  test('files: no file is exit 2; shell syntax in the input is a file name, never run', () => {
    const lint = step('oke-cni lint');
    const none = runStep(lint, { files: '  ' });
    expect([none.code, none.stdout]).toEqual([2, '::error title=oke-cni::the files input names no file\n']);
    const hostile = runStep(lint, { files: '$(touch pwned) `touch pwned2` ;touch pwned3' });
    expect(hostile.code).toBe(2);
    expect(['pwned', 'pwned2', 'pwned3'].some((f) => existsSync(join(dir, f)))).toBe(false);
    expect(hostile.stderr).toMatch(/^oke-cni: \$\(touch: /);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks[0]!;
  // pre-commit's patterns are Python regexes; these use only syntax JavaScript reads the same way.
  const picks = (path: string): boolean => new RegExp(hook.files as string).test(path) && !new RegExp(hook.exclude as string).test(path);

  test('one node hook, oke-cni, whose entry is oke-cni lint', () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: 'oke-cni', language: 'node', entry: 'oke-cni lint', pass_filenames: true });
    // pre-commit installs a node hook with npm from the repository: `bin` must name the command of the entry.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain((hook.entry as string).split(' ')[0]);
  });

  test('files: our configs and Terraform plan JSON, not the project settings file', () => {
    for (const path of ['prod.oke.yaml', 'clusters/prod.oke.yml', 'infra/staging.oke.json', 'oke-cni.yaml', 'deploy/oke-cni-prod.yml', 'tfplan.json', 'envs/prod/prod.tfplan.json']) {
      expect([path, picks(path)]).toEqual([path, true]);
    }
    for (const path of ['.oke-cni.yaml', 'sub/.oke-cni.yml', 'values.yaml', 'package.json', 'oke.yaml', 'plan.tfplan', 'oke-cni-baseline.json']) {
      expect([path, picks(path)]).toEqual([path, false]);
    }
  });

  test('its entry runs on the files pre-commit passes: exit 1 on findings, 0 when clean', () => {
    copyFileSync(join(dir, 'clusters', 'failing.yaml'), join(dir, 'clusters', 'prod.oke.yaml'));
    copyFileSync(join(dir, 'passing.yaml'), join(dir, 'clusters', 'dev.oke.yaml'));
    copyFileSync(join(ROOT, 'examples', 'terraform-plan.json'), join(dir, 'tfplan.json'));
    const [command, ...args] = (hook.entry as string).split(' ');
    const run = (files: string[]) => spawnSync(join(binDir, command!), [...args, ...files], { cwd: dir, encoding: 'utf8' });
    const clean = run(['clusters/dev.oke.yaml']);
    expect([clean.status, clean.stdout]).toEqual([0, '✔ no findings\n']);
    const failing = run(['clusters/prod.oke.yaml']);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('clusters/prod.oke.yaml\n  18:5  error  pod-subnet-private');
    expect(run(['tfplan.json']).status).toBe(spawnSync(process.execPath, [BIN, 'lint', join(ROOT, 'examples', 'terraform-plan.json')], { encoding: 'utf8' }).status);
  });
});
