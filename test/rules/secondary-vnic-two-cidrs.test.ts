import { describe, expect, test } from 'vitest';
import { cidr, cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'secondary-vnic-two-cidrs';
const withPods = (ipCount: number, blocks?: string[]) => {
  const parts = network();
  const pods = parts.subnets[1]!;
  if (blocks) pods.cidrBlocks = blocks.map((b) => cidr(b));
  return model(parts, [cluster(30, { name: 'prod' }, [pool(40, { name: 'gva', secondaryVnics: [{ subnet: 'pods', ipCount }] })])]);
};

describe(ID, () => {
  test('valid: 32 IPs or fewer on one block; more than 32 on a subnet with two CIDR blocks', () => {
    expect(findingsOf(ID, withPods(32))).toEqual([]);
    expect(findingsOf(ID, withPods(128, ['10.0.64.0/18', '10.1.0.0/18']))).toEqual([]);
  });

  test('invalid: 64 IPs on a one-block subnet: a warning at ipCount', () => {
    const found = findingsOf(ID, withPods(64));
    expect(found.map((f) => [f.severity, where(f), f.message, f.remediation])).toEqual([
      [
        'warning',
        '141:13',
        'node pool prod/gva, secondaryVnics[0]: ipCount 64 on subnet "pods", which has one CIDR block (10.0.64.0/18); OCI recommends two CIDR blocks for more than 32 IPs per VNIC',
        'Add a second CIDR block to subnet "pods", or lower the profile\'s ipCount to 32.',
      ],
    ]);
    expect(findingsOf(ID, withPods(64, ['10.0.64.0/18']))).toHaveLength(1);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => expect(fixtureFindings(ID, 'valid')).toEqual([]));
  test('invalid.yaml: findings at the exact line and column', () => {
    expectInvalidFixture(ID, [[31, 13, 'secondaryVnics[1]: ipCount 128 on subnet "back", which has one CIDR block (10.0.128.0/18)']]);
  });
});
