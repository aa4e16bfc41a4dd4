import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'self-managed-version';

describe(ID, () => {
  test('valid: control plane at 1.27.10; managed pools on older control planes', () => {
    const m = model(network(), [
      cluster(30, { name: 'new', kubernetesVersion: 'v1.27.10' }, [pool(40, { name: 'own', type: 'self-managed' })]),
      cluster(50, { name: 'old', kubernetesVersion: 'v1.26.2' }, [pool(60, { name: 'general', type: 'managed' })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: self-managed pool with a 1.27.9 control plane, at the pool\'s type', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod', kubernetesVersion: 'v1.27.9' }, [pool(40, { name: 'general' }), pool(50, { name: 'own', type: 'self-managed' })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      [
        'error',
        '51:9',
        'self-managed node pool prod/own needs the control plane on Kubernetes 1.27.10 or later for VCN-native pod networking; cluster prod runs v1.27.9',
      ],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [24, 9, "needs the control plane on Kubernetes 1.27.10 or later for VCN-native pod networking; cluster prod runs v1.27.9"],
    ]);
  });
});
