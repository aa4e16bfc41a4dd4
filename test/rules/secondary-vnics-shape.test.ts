import { describe, expect, test } from 'vitest';
import { cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'secondary-vnics-shape';
const two = [{ subnet: 'pods', ipCount: 32 }, { subnet: 'pods', ipCount: 32 }];

describe(ID, () => {
  test('valid: profiles within VNICs - 1; pools without profiles are not this rule\'s', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'three', ocpus: 3, secondaryVnics: two }),
        pool(50, { name: 'fixed', shape: 'VM.Standard2.1', ocpus: undefined, secondaryVnics: [{ subnet: 'pods', ipCount: 256 }] }),
        pool(60, { name: 'legacy', ocpus: 1 }),
      ]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: flex at 2 OCPUs with 2 profiles: the fix names 3 OCPUs', () => {
    const found = findingsOf(ID, model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'small', ocpus: 2, secondaryVnics: two })])]));
    expect(found.map((f) => [f.severity, f.message, f.remediation])).toEqual([
      [
        'error',
        'node pool prod/small: 2 secondary VNIC profiles need 3 VNICs (the primary one + one per profile), but VM.Standard.E4.Flex at 2 OCPUs has 2',
        'Give the pool 3 OCPUs (3 VNICs), or use at most 1 profile.',
      ],
    ]);
  });

  test('invalid: a fixed shape, and more profiles than any OCPU count reaches', () => {
    const many = Array.from({ length: 24 }, () => ({ subnet: 'pods', ipCount: 8 }));
    const found = findingsOf(
      ID,
      model(network(), [
        cluster(30, { name: 'prod' }, [
          pool(40, { name: 'fixed', shape: 'VM.Standard2.1', ocpus: undefined, secondaryVnics: two }),
          pool(50, { name: 'many', ocpus: 64, secondaryVnics: many }),
        ]),
      ]),
    );
    expect(found.map((f) => f.remediation)).toEqual([
      'Pick a shape with at least 3 VNICs, or use at most 1 profile.',
      'Pick a shape with at least 25 VNICs (VM.Standard.E4.Flex reaches at most 24), or use at most 23 profiles.',
    ]);
  });

  test('an unknown shape or a missing ocpus is left to unknown-shape and max-pods-shape', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'a', shape: 'VM.Nope', secondaryVnics: two }), pool(50, { name: 'b', ocpus: undefined, secondaryVnics: two })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => expect(fixtureFindings(ID, 'valid')).toEqual([]));
  test('invalid.yaml: findings at the exact line and column', () => {
    expectInvalidFixture(ID, [
      [27, 9, 'node pool prod/small: 2 secondary VNIC profiles need 3 VNICs'],
      [34, 9, 'node pool prod/fixed: 2 secondary VNIC profiles need 3 VNICs (the primary one + one per profile), but VM.Standard2.1 has 2'],
    ]);
  });
});
