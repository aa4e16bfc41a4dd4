import { describe, expect, test } from 'vitest';
import { cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'max-pods-ip-budget';
const inProd = (...pools: ReturnType<typeof pool>[]) => model(network(), [cluster(30, { name: 'prod' }, pools)]);
const profiles = [{ subnet: 'pods', ipCount: 128 }, { subnet: 'pods', ipCount: 64 }];

describe(ID, () => {
  test('valid: maxPodsPerNode within the budget, or left out; pools without profiles are not this rule\'s', () => {
    expect(findingsOf(ID, inProd(pool(40, { name: 'a', maxPodsPerNode: 192, secondaryVnics: profiles }), pool(50, { name: 'b', secondaryVnics: profiles })))).toEqual([]);
    expect(findingsOf(ID, inProd(pool(40, { name: 'legacy', maxPodsPerNode: 93 })))).toEqual([]);
  });

  test('invalid: above the sum of ipCount, at maxPodsPerNode', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'a', maxPodsPerNode: 200, secondaryVnics: profiles })));
    expect(found.map((f) => [f.severity, where(f), f.message, f.remediation])).toEqual([
      [
        'error',
        '41:9',
        "node pool prod/a: maxPodsPerNode 200 is above its secondary VNIC profiles' 192 pod IPs (128 + 64)",
        "Raise the profiles' ipCount to 200 or more in all, or lower maxPodsPerNode to 192 (or leave it out).",
      ],
    ]);
  });

  test('above 256 is max-pods-range\'s, not this rule\'s', () => {
    expect(findingsOf(ID, inProd(pool(40, { name: 'a', maxPodsPerNode: 300, secondaryVnics: profiles })))).toEqual([]);
    expect(findingsOf('max-pods-range', inProd(pool(40, { name: 'a', maxPodsPerNode: 300, secondaryVnics: profiles }))).map((f) => f.message)).toEqual([
      'node pool prod/a: maxPodsPerNode 300 is outside 1 to 256 (a node takes at most 256 IP addresses, even with secondary VNIC profiles)',
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => expect(fixtureFindings(ID, 'valid')).toEqual([]));
  test('invalid.yaml: findings at the exact line and column', () => {
    expectInvalidFixture(ID, [[26, 9, "maxPodsPerNode 150 is above its secondary VNIC profiles' 128 pod IPs (64 + 64)"]]);
  });
});
