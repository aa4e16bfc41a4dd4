import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'shared-subnet-nsg';

describe(ID, () => {
  test('valid: separate subnets; shared subnet with node NSGs or pod NSGs', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'separate' }),
        pool(50, { name: 'nodensg', subnet: 'pods', podSubnets: ['pods'], nsgIds: ['ocid1.networksecuritygroup.oc1..a'] }),
        pool(60, { name: 'podnsg', subnet: 'pods', podSubnets: ['pods'], podNsgIds: ['ocid1.networksecuritygroup.oc1..b'] }),
      ]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: shared subnet without NSGs is a warning, at nsgIds when written, else at podSubnets', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'a', subnet: 'pods', podSubnets: ['pods'] }),
        pool(50, { name: 'b', subnet: 'pods', podSubnets: ['pods'], nsgIds: [], podNsgIds: [] }),
      ]),
    ]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      [
        'warning',
        '42:9',
        'node pool prod/a uses subnet "pods" for both worker nodes and pods but has no NSGs (nsgIds and podNsgIds are empty); OCI recommends NSGs over security lists in this case',
      ],
      [
        'warning',
        '53:9',
        'node pool prod/b uses subnet "pods" for both worker nodes and pods but has no NSGs (nsgIds and podNsgIds are empty); OCI recommends NSGs over security lists in this case',
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
      [23, 9, "node pool prod/general uses subnet \"pods\" for both worker nodes and pods but has no NSGs"],
    ]);
  });
});
