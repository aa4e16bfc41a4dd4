import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, subnet, where } from './build.js';

const ID = 'single-pod-subnet';

describe(ID, () => {
  test('valid: one pod subnet, which may be the worker subnet', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general' }), pool(50, { name: 'shared', subnet: 'pods', podSubnets: ['pods'] })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('valid: flannel pools name no pod subnet', () => {
    const m = model(network(), [cluster(30, { name: 'prod', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'general', podSubnets: [] })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: no pod subnet', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', podSubnets: [] })])]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toBe('node pool prod/general names no pod subnet; VCN-native pod networking needs exactly one');
    expect(where(found[0]!)).toBe('41:9');
  });

  test('invalid: two pod subnets, named in the message', () => {
    const extra = [subnet(20, { name: 'pods-b', cidrBlock: '10.0.128.0/18' })];
    const m = model(network(extra), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', subnet: 'workers', podSubnets: ['pods', 'pods-b'] })])]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => f.message)).toEqual([
      'node pool prod/general names 2 pod subnets ("pods", "pods-b"); VCN-native pod networking takes exactly one per node pool',
    ]);
    expect(where(found[0]!)).toBe('42:9');
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [27, 9, "node pool prod/general names 2 pod subnets (\"pods\", \"pods-b\")"],
      [33, 9, "node pool prod/none names no pod subnet"],
    ]);
  });
});

describe(`${ID}: secondary VNIC profiles`, () => {
  test('a pool with profiles takes pod IPs in the profiles\' subnets: no podSubnets needed', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'gva', podSubnets: [], secondaryVnics: [{ subnet: 'pods', ipCount: 32 }] })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });
});
