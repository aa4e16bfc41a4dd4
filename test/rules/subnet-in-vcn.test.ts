import { describe, expect, test } from 'vitest';
import { findingsOf, expectInvalidFixture, fixtureFindings, model, network, subnet, vcn, where } from './build.js';

const ID = 'subnet-in-vcn';

describe(ID, () => {
  test('valid: inside the VCN, or inside its second CIDR block', () => {
    const parts = {
      vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16', '10.1.0.0/16'] })],
      subnets: [subnet(3, { name: 'a', cidrBlock: '10.0.0.0/20' }), subnet(10, { name: 'b', cidrBlock: '10.1.64.0/18' })],
    };
    expect(findingsOf(ID, model(parts, []))).toEqual([]);
  });

  test('invalid: outside every block, at cidrBlock, with or without clusters', () => {
    const found = findingsOf(ID, model(network([subnet(20, { name: 'stray', cidrBlock: '10.1.0.0/18' })]), []));
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      ['error', '21:5', 'subnet "stray" 10.1.0.0/18 is outside every CIDR block of VCN "prod-vcn" (10.0.0.0/16)'],
    ]);
  });

  test('invalid: each block of a subnet with several is checked, and only the stray one reported', () => {
    const parts = { vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16'] })], subnets: [subnet(3, { name: 'pods', cidrBlocks: ['10.0.64.0/18', '10.2.0.0/20'] })] };
    expect(findingsOf(ID, model(parts, [])).map((f) => [where(f), f.message])).toEqual([
      ['4:5', 'subnet "pods" 10.2.0.0/20 is outside every CIDR block of VCN "prod-vcn" (10.0.0.0/16)'],
    ]);
  });

  test('invalid: spanning two blocks is not inside one', () => {
    const parts = {
      vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/17', '10.0.128.0/17'] })],
      subnets: [subnet(3, { name: 'wide', cidrBlock: '10.0.0.0/16' })],
    };
    expect(findingsOf(ID, model(parts, [])).map((f) => f.message)).toEqual([
      'subnet "wide" 10.0.0.0/16 is outside every CIDR block of VCN "prod-vcn" (10.0.0.0/17, 10.0.128.0/17)',
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [11, 5, "subnet \"pods\" 10.1.64.0/18 is outside every CIDR block of VCN \"prod-vcn\" (10.0.0.0/16)"],
    ]);
  });
});
