/** The kubectl runner against fake kubectl executables: no shell, flags and KUBECONFIG passed, every failure named. */
import { existsSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyStderr, kubectlRunner, KubectlError, type KubectlOptions } from '../../../src/sources/kubectl/run.js';
import { writeFakeKubectl } from '../../helpers/fake-kubectl.js';

const opts = (kubectl: string, extra: Partial<KubectlOptions> = {}): KubectlOptions => ({
  kubectl,
  env: { PATH: process.env.PATH },
  timeoutSeconds: 10,
  maxOutputBytes: 1024 * 1024,
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<KubectlError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(KubectlError);
    return err as KubectlError;
  }
  throw new Error('expected a KubectlError');
}

describe('kubectlRunner', () => {
  it('passes arguments as a vector (no shell), then --kubeconfig, --context and --request-timeout; KUBECONFIG reaches kubectl', async () => {
    const fake = writeFakeKubectl([{ args: ['get'], stdout: 'ok' }]);
    const marker = join(fake.dir, 'pwned');
    const run = kubectlRunner(opts(fake.path, { kubeconfig: '/k/config', context: 'prod ctx', env: { PATH: process.env.PATH, KUBECONFIG: '/from/env' }, timeoutSeconds: 2.5 }));
    expect(await run(['get', `$(touch ${marker})`, '; touch x', '`id`'])).toBe('ok');
    expect(existsSync(marker)).toBe(false);
    expect(fake.calls()).toEqual([
      {
        argv: ['get', `$(touch ${marker})`, '; touch x', '`id`', '--kubeconfig', '/k/config', '--context', 'prod ctx', '--request-timeout=3s'],
        env: { KUBECONFIG: '/from/env' },
      },
    ]);
  });

  it('a missing executable is "missing"', async () => {
    const err = await failure(kubectlRunner(opts(join(tmpdir(), 'no-such-dir-oke-cni', 'kubectl')))(['version']));
    expect(err.failure).toBe('missing');
    expect(err.message).toMatch(/^kubectl not found \(.*no-such-dir-oke-cni\/kubectl\); install it or give its path with --kubectl$/);
  });

  it('a file that is not executable is "missing"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oke-cni-kubectl-'));
    const path = join(dir, 'kubectl');
    writeFileSync(path, 'not a program');
    chmodSync(path, 0o644);
    expect((await failure(kubectlRunner(opts(path))(['version']))).failure).toBe('missing');
  });

  it('Forbidden is "no-access", with kubectl\'s first line as the message', async () => {
    const fake = writeFakeKubectl([{ args: ['get'], code: 1, stderr: 'W1201 10:00:00.000 warn line\nError from server (Forbidden): daemonsets.apps "vcn-native-ip-cni" is forbidden: User "u" cannot get resource\n' }]);
    const err = await failure(kubectlRunner(opts(fake.path))(['get', 'daemonset']));
    expect(err.failure).toBe('no-access');
    expect(err.message).toBe('Error from server (Forbidden): daemonsets.apps "vcn-native-ip-cni" is forbidden: User "u" cannot get resource');
    expect(err.command).toBe('kubectl get daemonset');
  });

  it('a run longer than the timeout is killed and "timeout"', async () => {
    const fake = writeFakeKubectl([{ args: ['get'], hang: true }]);
    const err = await failure(kubectlRunner(opts(fake.path, { timeoutSeconds: 0.5 }))(['get', 'nodes']));
    expect(err.failure).toBe('timeout');
    expect(err.message).toBe('kubectl did not finish within 0.5 s (--timeout)');
  });

  it('more output than the bound is "too-large"', async () => {
    const fake = writeFakeKubectl([{ args: ['get'], stdout: 'x'.repeat(5000) }]);
    const err = await failure(kubectlRunner(opts(fake.path, { maxOutputBytes: 1000 }))(['get', 'nodes']));
    expect(err.failure).toBe('too-large');
    expect(err.message).toBe('kubectl printed more than 1000 bytes; stopped reading');
  });
});

describe('classifyStderr', () => {
  it.each([
    ['Error from server (Forbidden): pods is forbidden', 'no-access'],
    ['error: You must be logged in to the server (Unauthorized)', 'no-access'],
    ['Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout', 'no-access'],
    ['E1201 memcache.go:265] couldn\'t get current server API group list: Get "https://x:6443/api": dial tcp: connection refused', 'no-access'],
    ['Error from server (NotFound): daemonsets.apps "vcn-native-ip-cni" not found', 'not-found'],
    ['error: context "prod" does not exist', 'config'],
    ['The connection to the server localhost:8080 was refused - did you specify the right host or port?', 'no-access'],
    ['error: something else', 'failed'],
  ])('%s -> %s', (stderr, kind) => expect(classifyStderr(stderr)).toBe(kind));
});
