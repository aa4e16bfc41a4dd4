import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/sources/file/index.js';
import { cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'max-nodes-tag';

describe(ID, () => {
  test('valid: no tag; a whole number at or above the size', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'a' }), pool(50, { name: 'b', size: 3, maxSize: 9, maxNodesTag: '9' }), pool(60, { name: 'c', size: 3, maxNodesTag: ' 3 ' })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: a stale or malformed tag is a warning at the tag, saying what the pool is planned at', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'a', size: 5, maxNodesTag: '4' }), pool(50, { name: 'b', size: 2, maxNodesTag: '1e3' }), pool(60, { name: 'c', size: 2, maxNodesTag: '-3' })]),
    ]);
    expect(findingsOf(ID, m).map((f) => [f.severity, where(f), f.message])).toEqual([
      ['warning', '42:9', "node pool prod/a: tag oke-cni-max-nodes = 4 is below the pool's size 5 (a stale tag?); the pool is planned at 5 nodes (its size) instead"],
      ['warning', '52:9', 'node pool prod/b: tag oke-cni-max-nodes = "1e3" is not a whole number of nodes; the pool is planned at 2 nodes (its size) instead'],
      ['warning', '62:9', 'node pool prod/c: tag oke-cni-max-nodes = "-3" is not a whole number of nodes; the pool is planned at 2 nodes (its size) instead'],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding, and the tag sets maxSize', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column, and the pools planned at their size', () => {
    expectInvalidFixture(ID, [
      [24, 9, "node pool prod/stale: tag oke-cni-max-nodes = 6 is below the pool's size 10 (a stale tag?); the pool is planned at 10 nodes (its size) instead"],
      [31, 9, 'node pool prod/typo: tag oke-cni-max-nodes = "twenty" is not a whole number of nodes'],
    ]);
  });

  test('a usable tag is maxSize when the file gives none; an explicit maxSize wins', () => {
    const text = [
      'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]',
      'subnets: [{name: s, vcn: v, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}]',
      'clusters:',
      '  - {name: c, vcn: v, kubernetesVersion: v1.30.1, nodePools: [',
      '      {name: t, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, maxSurge: "50%", subnet: s, podSubnets: [s], freeformTags: {oke-cni-max-nodes: "10"}},',
      '      {name: m, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, maxSize: 4, subnet: s, podSubnets: [s], freeformTags: {oke-cni-max-nodes: "10"}}]}',
    ].join('\n');
    const { model: m } = parseConfigText(text, 't.yaml');
    expect(m.clusters[0]!.nodePools.map((p) => [p.name, p.maxSize, p.maxSurge, p.maxNodesTag, p.maxSizeSource])).toEqual([
      ['t', 10, 5, '10', 'tag'],
      ['m', 4, 1, '10', undefined],
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });
});
