import { describe, expect, test } from 'vitest';
import { cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'secondary-vnics-flannel';
const profiles = [{ subnet: 'pods', ipCount: 32 }];

describe(ID, () => {
  test('valid: profiles in a VCN-native cluster; a flannel pool without profiles', () => {
    expect(findingsOf(ID, model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'a', secondaryVnics: profiles })])]))).toEqual([]);
    expect(findingsOf(ID, model(network(), [cluster(30, { name: 'prod', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'a' })])]))).toEqual([]);
  });

  test('invalid: profiles in a flannel cluster, at secondaryVnics', () => {
    const found = findingsOf(ID, model(network(), [cluster(30, { name: 'prod', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'a', secondaryVnics: profiles })])]));
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      ['error', '41:9', 'node pool prod/a has secondary VNIC profiles, but cluster prod uses the flannel CNI (FLANNEL_OVERLAY), which does not support them'],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => expect(fixtureFindings(ID, 'valid')).toEqual([]));
  test('invalid.yaml: findings at the exact line and column', () => {
    expectInvalidFixture(ID, [[28, 9, 'node pool prod/gva has secondary VNIC profiles, but cluster prod uses the flannel CNI']]);
  });
});
