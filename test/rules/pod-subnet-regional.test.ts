import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'pod-subnet-regional';

describe(ID, () => {
  test('valid: regional pod subnet (an AD-specific worker subnet is not this rule\'s business)', () => {
    const m = model(network([], { workers: { availabilityDomain: 'Uocm:PHX-AD-1' } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('valid: flannel cluster', () => {
    const m = model(network([], { pods: { availabilityDomain: 'Uocm:PHX-AD-1' } }), [
      cluster(30, { name: 'prod', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'general' })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: AD-specific pod subnet, at availabilityDomain', () => {
    const m = model(network([], { pods: { availabilityDomain: 'Uocm:PHX-AD-1' } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general' }), pool(50, { name: 'virt', type: 'virtual' })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toBe(
      'subnet "pods" is the pod subnet of prod/general, prod/virt but is specific to availability domain "Uocm:PHX-AD-1"',
    );
    expect(where(found[0]!)).toBe('13:5');
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [13, 5, "subnet \"pods\" is the pod subnet of prod/general but is specific to availability domain \"Uocm:PHX-AD-1\""],
    ]);
  });
});
