import { describe, expect, test } from 'vitest';
import { findingsOf, expectInvalidFixture, fixtureFindings, model, subnet, vcn, where } from './build.js';

const ID = 'subnet-overlap';
const vcns = [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16'] }), vcn(2, { name: 'other-vcn', cidrBlocks: ['10.0.0.0/16'] })];

describe(ID, () => {
  test('valid: adjacent subnets; the same CIDR in two VCNs', () => {
    const subnets = [
      subnet(3, { name: 'a', cidrBlock: '10.0.0.0/20' }),
      subnet(10, { name: 'b', cidrBlock: '10.0.16.0/20' }),
      subnet(20, { name: 'c', vcn: 'other-vcn', cidrBlock: '10.0.0.0/20' }),
    ];
    expect(findingsOf(ID, model({ vcns, subnets }, []))).toEqual([]);
  });

  test('invalid: reported once per pair, at the subnet written later', () => {
    const subnets = [
      subnet(3, { name: 'inner', cidrBlock: '10.0.8.0/21' }),
      subnet(10, { name: 'outer', cidrBlock: '10.0.0.0/20' }),
    ];
    const found = findingsOf(ID, model({ vcns, subnets }, []));
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      ['error', '11:5', 'subnet "outer" 10.0.0.0/20 overlaps subnet "inner" 10.0.8.0/21 in VCN "prod-vcn"'],
    ]);
  });

  test('invalid: three overlapping subnets make three pairs', () => {
    const subnets = [
      subnet(3, { name: 'a', cidrBlock: '10.0.0.0/18' }),
      subnet(10, { name: 'b', cidrBlock: '10.0.0.0/20' }),
      subnet(20, { name: 'c', cidrBlock: '10.0.8.0/21' }),
    ];
    const found = findingsOf(ID, model({ vcns, subnets }, []));
    expect(found.map((f) => [where(f), f.message])).toEqual([
      ['11:5', 'subnet "b" 10.0.0.0/20 overlaps subnet "a" 10.0.0.0/18 in VCN "prod-vcn"'],
      ['21:5', 'subnet "c" 10.0.8.0/21 overlaps subnet "a" 10.0.0.0/18 in VCN "prod-vcn"'],
      ['21:5', 'subnet "c" 10.0.8.0/21 overlaps subnet "b" 10.0.0.0/20 in VCN "prod-vcn"'],
    ]);
  });
});

describe(`${ID}: subnets with several CIDR blocks`, () => {
  test('each block is compared, also with the other blocks of its own subnet', () => {
    const subnets = [
      subnet(3, { name: 'a', cidrBlocks: ['10.0.0.0/20', '10.0.32.0/20'] }),
      subnet(10, { name: 'b', cidrBlocks: ['10.0.16.0/20', '10.0.40.0/21'] }),
      subnet(20, { name: 'c', cidrBlocks: ['10.0.64.0/20', '10.0.64.0/21'] }),
    ];
    expect(findingsOf(ID, model({ vcns, subnets }, [])).map((f) => [where(f), f.message])).toEqual([
      ['11:5', 'subnet "b" 10.0.40.0/21 overlaps subnet "a" 10.0.32.0/20 in VCN "prod-vcn"'],
      ['21:5', 'subnet "c" 10.0.64.0/21 overlaps its own block 10.0.64.0/20 in VCN "prod-vcn"'],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [11, 5, "subnet \"pods\" 10.0.8.0/21 overlaps subnet \"workers\" 10.0.0.0/20 in VCN \"prod-vcn\""],
    ]);
  });
});
