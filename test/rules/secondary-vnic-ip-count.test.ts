import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'secondary-vnic-ip-count';
const gva = (profiles: Array<{ subnet: string; ipCount?: number }>) =>
  model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'gva', ocpus: 8, secondaryVnics: profiles })])]);

describe(ID, () => {
  test('valid: powers of two adding up to 256', () => {
    expect(findingsOf(ID, gva([{ subnet: 'pods', ipCount: 128 }, { subnet: 'pods', ipCount: 64 }, { subnet: 'pods', ipCount: 64 }]))).toEqual([]);
    expect(findingsOf(ID, gva([{ subnet: 'pods', ipCount: 1 }]))).toEqual([]);
  });

  test('invalid: not a power of two, above 256, missing, and the node budget, each at its position', () => {
    const found = findingsOf(ID, gva([{ subnet: 'pods', ipCount: 48 }, { subnet: 'pods', ipCount: 300 }, { subnet: 'pods' }, { subnet: 'pods', ipCount: 0 }]));
    expect(found.map((f) => [where(f), f.message, f.remediation])).toEqual([
      ['42:9', "node pool prod/gva: its secondary VNIC profiles' ipCount adds up to 348, above the 256 IPs a node takes in all", "Lower the profiles' ipCount to 256 or less in all."],
      ['141:13', "node pool prod/gva, secondaryVnics[0]: ipCount 48 is not a power of two (1, 2, 4, ... 256), as Oracle's own provisioner requires", 'Use 32 or 64.'],
      ['142:13', 'node pool prod/gva, secondaryVnics[1]: ipCount 300 is above 256, the most one secondary VNIC takes', 'Use 256 or less, or split the IPs over several profiles.'],
      [
        '142:13',
        'node pool prod/gva, secondaryVnics[2]: no ipCount; OKE documents no default, so oke-cni counts no pod IPs for this profile',
        'Set createVnicDetails.ipCount (ipCount in the oke-cni config) to the pod IPs the profile should carry.',
      ],
      ['144:13', "node pool prod/gva, secondaryVnics[3]: ipCount 0 is not a power of two (1, 2, 4, ... 256), as Oracle's own provisioner requires", 'Use 1 or more, a power of two.'],
    ]);
  });

  test('property: a finding exactly for each ipCount outside the powers of two 1..256, and one for a sum above 256', () => {
    const powers = new Set([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 5 }), (counts) => {
        const found = findingsOf(ID, gva(counts.map((ipCount) => ({ subnet: 'pods', ipCount }))));
        const expected = counts.filter((c) => !powers.has(c)).length + (counts.reduce((a, b) => a + b, 0) > 256 ? 1 : 0);
        return found.length === expected;
      }),
      { numRuns: 100 },
    );
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => expect(fixtureFindings(ID, 'valid')).toEqual([]));
  test('invalid.yaml: findings at the exact line and column', () => {
    expectInvalidFixture(ID, [
      [27, 9, 'ipCount adds up to 612, above the 256 IPs a node takes in all'],
      [29, 13, 'secondaryVnics[0]: ipCount 100 is not a power of two'],
      [31, 13, 'secondaryVnics[1]: ipCount 512 is above 256'],
    ]);
  });
});
