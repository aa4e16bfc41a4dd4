import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'pod-subnet-private';

describe(ID, () => {
  test('valid: private pod subnet; a public worker subnet is allowed', () => {
    const m = model(network([], { workers: { prohibitPublicIpOnVnic: false } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('valid: a public subnet used only by a flannel cluster', () => {
    const m = model(network([], { pods: { prohibitPublicIpOnVnic: false } }), [
      cluster(30, { name: 'prod', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'general' })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: public pod subnet, reported once for all its pools, at prohibitPublicIpOnVnic', () => {
    const m = model(network([], { pods: { prohibitPublicIpOnVnic: false } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general' }), pool(50, { name: 'batch' })]),
      cluster(60, { name: 'stage' }, [pool(70, { name: 'web' })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toBe(
      'subnet "pods" is the pod subnet of prod/general, prod/batch, stage/web but allows public IPs (prohibitPublicIpOnVnic is false; unset means false)',
    );
    // pods is at line 10: name, vcn, cidrBlock, prohibitPublicIpOnVnic
    expect(where(found[0]!)).toBe('13:5');
  });

  test('invalid: the subnet\'s disableRules switches it off', () => {
    const m = model(network([], { pods: { prohibitPublicIpOnVnic: false, disableRules: [ID] } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [12, 5, "subnet \"pods\" is the pod subnet of prod/general, prod/batch but allows public IPs"],
    ]);
  });
});
