/** The README is part of the product: its examples are real output and it names every rule and command. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../src/rules/index.js';
import { clusterReplies, PROD_NODES, writeFakeKubectl } from './helpers/fake-kubectl.js';
import { runBin } from './helpers/run-bin.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const CI = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');

/** The console block that starts with `$ <command>`: the lines after it up to the next `$ ` or the fence. */
function shownOutput(command: string): string {
  const start = README.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`README shows no "$ ${command}"`);
  const body = README.slice(start + command.length + 3);
  const end = body.search(/^(\$ |```)/m);
  return body.slice(0, end);
}

describe('README', () => {
  it('links every rule of the registry, in registry order', () => {
    const linked = [...README.matchAll(/^\| \[([a-z0-9-]+)\]\(docs\/rules\.md#\1\) \|/gm)].map((m) => m[1]);
    expect(linked).toEqual([...ruleIds]);
  });

  it('documents every command', () => {
    for (const command of ['plan', 'shapes', 'lint', 'check', 'updates', 'policy', 'rules']) expect(README).toContain(`oke-cni ${command}`);
  });

  it('gives the two set-up commands, and .ci/run runs the same test command', () => {
    expect(README).toContain('npm ci && node bin/oke-cni.js plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 20 --pod-subnet 10.0.64.0/18');
    expect(README).toContain('npm ci && npm test');
    expect(CI).toMatch(/^npm ci\b/m);
    expect(CI).toMatch(/^npm test$/m);
  });

  it.each([
    'oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 20 --pod-subnet 10.0.64.0/18',
    'oke-cni shapes E4',
    'oke-cni plan --shape VM.Standard.E4.Flex --ocpus 4 --secondary-vnics 128,64 --nodes 20 --pod-subnet 10.0.64.0/18',
    'oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 20 --pod-subnet 10.0.64.0/18 --compare',
  ])('shows the real output of `%s`', (command) => {
    const r = runBin(command.split(' ').slice(1));
    expect(r.code).toBe(0);
    expect(shownOutput(command)).toBe(r.stdout);
  });

  it('shows the real verdicts of failing plans', () => {
    for (const command of [
      'oke-cni plan --shape VM.Standard.E4.Flex --ocpus 1 --max-pods 64 --nodes 10',
      'oke-cni plan --shape VM.Standard2.4 --nodes 10 --pod-subnet 10.0.0.0/24',
      'oke-cni plan --shape VM.Standard.E2.1.Micro --nodes 3',
      'oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --max-pods 200 --nodes 10',
      'oke-cni plan --shape VM.Standard.E4.Flex --ocpus 2 --secondary-vnics 128,64 --nodes 10',
      'oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 40 --pod-subnet 10.0.64.0/21 --pod-subnet 10.1.0.0/21',
    ]) {
      const r = runBin(command.split(' ').slice(1));
      expect(r.code).toBe(1);
      const verdict = r.stdout.slice(r.stdout.indexOf('✖'));
      expect(shownOutput(command)).toBe(`...\n${verdict}`);
    }
  });

  it('the markdown example matches the real report', () => {
    const r = runBin(['lint', 'examples/failing.yaml', '--format', 'markdown']);
    expect(r.code).toBe(1);
    const shown = shownOutput('oke-cni lint examples/failing.yaml --format markdown');
    for (const line of shown.split('\n').filter((l) => l.trim() !== '...' && l !== '')) expect(r.stdout).toContain(`${line}\n`);
  });

  it('the project settings example matches the real findings', () => {
    const command = 'oke-cni lint examples/failing.yaml --config examples/settings/.oke-cni.yaml';
    const r = runBin(command.split(' ').slice(1));
    expect(r.code).toBe(1);
    for (const line of shownOutput(command).split('\n').filter((l) => l.trim() !== '...' && l !== '')) expect(r.stdout).toContain(`${line}\n`);
  });

  it.each([
    ['examples/security-rules.yaml', 1],
    // A Terraform plan with one rule left out: the block to paste.
    ['examples/terraform-security-plan.json', 1],
    // No security data at all: the one not-checked note.
    ['examples/secondary-vnics.yaml', 0],
  ])('the security rules example of %s is the real run, byte for byte', (file, code) => {
    const r = runBin(['lint', file]);
    expect(r.code).toBe(code);
    expect(shownOutput(`oke-cni lint ${file}`)).toBe(r.stdout);
  });

  it('the lint example matches the real findings', () => {
    const r = runBin(['lint', 'examples/failing.yaml']);
    expect(r.code).toBe(1);
    const shown = shownOutput('oke-cni lint examples/failing.yaml');
    for (const line of shown.split('\n').filter((l) => l.trim() !== '...' && l !== '')) expect(r.stdout).toContain(line);
  });

  it('the updates example is the real output for the recorded cluster (fake kubectl on PATH)', { timeout: 120_000 }, () => {
    const fake = writeFakeKubectl(clusterReplies(PROD_NODES));
    const r = runBin(['updates', '--context', 'prod'], { env: { PATH: `${fake.dir}:${process.env.PATH}` } });
    expect(r.code).toBe(1);
    expect(shownOutput('oke-cni updates --context prod')).toBe(r.stdout);
    expect(fake.calls().every((c) => c.argv.includes('--context') && c.argv.includes('prod'))).toBe(true);
  });

  it('the policy example is the real output of the example file', () => {
    const r = runBin(['policy', 'examples/cross-compartment.yaml']);
    expect(r.code).toBe(0);
    expect(shownOutput('oke-cni policy examples/cross-compartment.yaml')).toBe(r.stdout);
  });
});
