import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'kubernetes-version';

describe(ID, () => {
  test('valid: 1.22 and later, spelled in any OKE way; unreadable versions and flannel clusters', () => {
    const m = model(network(), [
      cluster(30, { name: 'a', kubernetesVersion: 'v1.22.0' }),
      cluster(40, { name: 'b', kubernetesVersion: '1.22' }),
      cluster(50, { name: 'c', kubernetesVersion: 'v1.30.1' }),
      cluster(60, { name: 'd', kubernetesVersion: 'latest' }),
      cluster(70, { name: 'e', kubernetesVersion: 'v1.20.11', cniType: 'FLANNEL_OVERLAY' }),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: 1.21.5 at kubernetesVersion', () => {
    const m = model(network(), [cluster(30, { name: 'prod', kubernetesVersion: 'v1.21.5' }, [pool(40, { name: 'general' })])]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      ['error', '31:5', 'cluster prod runs Kubernetes v1.21.5; VCN-native pod networking needs 1.22 or later'],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [16, 5, "cluster prod runs Kubernetes v1.21.5; VCN-native pod networking needs 1.22 or later"],
    ]);
  });
});
