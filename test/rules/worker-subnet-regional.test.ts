import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'worker-subnet-regional';

describe(ID, () => {
  test('valid: regional worker subnet', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('valid: AD-specific subnet that is no pool\'s worker subnet', () => {
    const m = model(network([], { pods: { availabilityDomain: 'Uocm:PHX-AD-1' } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: AD-specific worker subnet is a warning, at availabilityDomain', () => {
    const m = model(network([], { workers: { availabilityDomain: 'Uocm:PHX-AD-2' } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general' }), pool(50, { name: 'batch' })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toBe(
      'subnet "workers" is the worker subnet of prod/general, prod/batch and is specific to availability domain "Uocm:PHX-AD-2"; OCI recommends a regional worker subnet',
    );
    expect(where(found[0]!)).toBe('6:5');
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [9, 5, "subnet \"workers\" is the worker subnet of prod/general and is specific to availability domain \"Uocm:PHX-AD-1\""],
    ]);
  });
});
