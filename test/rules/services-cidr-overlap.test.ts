import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, vcn, where } from './build.js';

const ID = 'services-cidr-overlap';

describe(ID, () => {
  test('valid: services CIDR outside the VCN', () => {
    expect(findingsOf(ID, model(network(), [cluster(30, { name: 'prod', servicesCidr: '10.96.0.0/16' })]))).toEqual([]);
  });

  test('invalid: overlaps the VCN\'s second block, for flannel clusters too, at servicesCidr', () => {
    const parts = { vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16', '10.96.0.0/16'] })], subnets: [] };
    const m = model(parts, [
      cluster(30, { name: 'prod', servicesCidr: '10.96.128.0/17' }),
      cluster(40, { name: 'old', cniType: 'FLANNEL_OVERLAY', servicesCidr: '10.0.0.0/12' }),
    ]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      ['error', '31:5', 'cluster prod: services CIDR 10.96.128.0/17 overlaps CIDR block 10.96.0.0/16 of VCN "prod-vcn"'],
      ['error', '42:5', 'cluster old: services CIDR 10.0.0.0/12 overlaps CIDR block 10.0.0.0/16 of VCN "prod-vcn"'],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [17, 5, "services CIDR 10.0.0.0/12 overlaps CIDR block 10.0.0.0/16 of VCN \"prod-vcn\""],
    ]);
  });
});
