import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'max-pods-range';

describe(ID, () => {
  test('valid: 1 and 110 on managed nodes, 1000 on virtual nodes', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'one', maxPodsPerNode: 1 }),
        pool(50, { name: 'max', shape: 'VM.Standard.E4.Flex', ocpus: 8, maxPodsPerNode: 110 }),
        pool(60, { name: 'virt', type: 'virtual', maxPodsPerNode: 1000 }),
      ]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('valid: flannel pools are not checked', () => {
    const m = model(network(), [cluster(30, { name: 'prod', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'general', maxPodsPerNode: 200 })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: 0 and 111 on managed nodes, at maxPodsPerNode', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'zero', maxPodsPerNode: 0 }), pool(50, { name: 'many', maxPodsPerNode: 111 })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      ['error', '41:9', 'node pool prod/zero: maxPodsPerNode 0 is outside 1 to 110 (nodes without secondary VNIC profiles run at most 110 pods)'],
      ['error', '51:9', 'node pool prod/many: maxPodsPerNode 111 is outside 1 to 110 (nodes without secondary VNIC profiles run at most 110 pods)'],
    ]);
    expect(found[0]?.remediation).toBe('Set maxPodsPerNode between 1 and 110.');
  });

  test('invalid: above 1000 on a virtual node pool', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'virt', type: 'virtual', maxPodsPerNode: 1001 })])]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [where(f), f.message, f.remediation])).toEqual([
      [
        '42:9',
        'node pool prod/virt: maxPodsPerNode 1001 is outside 1 to 1000 (a virtual node runs at most 1000 pods)',
        'Set maxPodsPerNode between 1 and 1000.',
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
      [24, 9, "maxPodsPerNode 120 is outside 1 to 110"],
      [31, 9, "maxPodsPerNode 0 is outside 1 to 110"],
    ]);
  });
});

describe(`${ID}: secondary VNIC profiles`, () => {
  const profiles = [{ subnet: 'pods', ipCount: 256 }];
  const inProd = (p: ReturnType<typeof pool>) => model(network(), [cluster(30, { name: 'prod' }, [p])]);
  test('with profiles, up to 256 is in range; left out, nothing to check', () => {
    expect(findingsOf(ID, inProd(pool(40, { name: 'gva', maxPodsPerNode: 256, secondaryVnics: profiles })))).toEqual([]);
    expect(findingsOf(ID, inProd(pool(40, { name: 'gva', secondaryVnics: profiles })))).toEqual([]);
  });
  test('without profiles, above 110: the fix names secondary VNIC profiles', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'legacy', maxPodsPerNode: 200 })));
    expect(found.map((f) => [f.message, f.remediation])).toEqual([
      [
        'node pool prod/legacy: maxPodsPerNode 200 is outside 1 to 110 (nodes without secondary VNIC profiles run at most 110 pods)',
        'Set maxPodsPerNode between 1 and 110, or give the pool secondary VNIC profiles (secondaryVnics, ipCount adding up to 200 or more), which allow up to 256 pods per node.',
      ],
    ]);
  });
});
