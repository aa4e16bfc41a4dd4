import { describe, expect, test } from 'vitest';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { runLint } from '../../src/rules/index.js';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'max-pods-shape';

const inProd = (...pools: ReturnType<typeof pool>[]) => model(network(), [cluster(30, { name: 'prod' }, pools)]);

describe(ID, () => {
  test('valid: flexible shapes at enough OCPUs, fixed shapes within their VNICs', () => {
    const m = inProd(
      pool(40, { name: 'a', shape: 'VM.Standard.E4.Flex', ocpus: 1, maxPodsPerNode: 31 }),
      pool(50, { name: 'b', shape: 'VM.Standard.E4.Flex', ocpus: 3, maxPodsPerNode: 62 }),
      pool(60, { name: 'c', shape: 'VM.Standard.E4.Flex', ocpus: 4, maxPodsPerNode: 93 }),
      pool(70, { name: 'd', shape: 'VM.Standard2.2', ocpus: undefined, maxPodsPerNode: 31 }),
    );
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('valid: virtual, unknown-shape and flannel pools are not checked here', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'virt', type: 'virtual', shape: 'Pod.Standard.E4.Flex', maxPodsPerNode: 500 }),
        pool(50, { name: 'typo', shape: 'VM.Standard.E4.Flx', maxPodsPerNode: 110 }),
      ]),
      cluster(60, { name: 'old', cniType: 'FLANNEL_OVERLAY' }, [pool(70, { name: 'micro', shape: 'VM.Standard.E2.1.Micro', ocpus: undefined })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: flexible shape at too few OCPUs; the fix gives the OCPU count', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'general', shape: 'VM.Standard.E4.Flex', ocpus: 2, maxPodsPerNode: 64 })));
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'node pool prod/general: maxPodsPerNode 64 is above what VM.Standard.E4.Flex at 2 OCPUs allows: 2 VNICs -> MIN((2 - 1) * 31, 110) = 31 pods per node',
    );
    expect(f.remediation).toBe(
      'Give the pool 4 OCPUs (4 VNICs -> 93 pods per node), or lower maxPodsPerNode to 31 (node pool general asks for 64 pods per node).',
    );
    expect(where(f)).toBe('43:9');
  });

  test('invalid: fixed shape with 2 VNICs and 40 pods', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'old', shape: 'VM.Standard2.2', ocpus: undefined, maxPodsPerNode: 40 })));
    expect(found.map((f) => [where(f), f.message, f.remediation])).toEqual([
      [
        '42:9',
        'node pool prod/old: maxPodsPerNode 40 is above what VM.Standard2.2 allows: 2 VNICs -> MIN((2 - 1) * 31, 110) = 31 pods per node',
        'Pick a shape with at least 3 VNICs, or lower maxPodsPerNode to 31 (node pool old asks for 40 pods per node).',
      ],
    ]);
  });

  test('invalid: a 1-VNIC shape can run no VCN-native pods', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'micro', shape: 'VM.Standard.E2.1.Micro', ocpus: undefined, maxPodsPerNode: 31 })));
    expect(found.map((f) => [where(f), f.message, f.remediation])).toEqual([
      [
        '42:9',
        'node pool prod/micro: VM.Standard.E2.1.Micro has 1 VNIC; VCN-native pod networking needs at least 2 (one in the worker subnet, one or more in the pod subnet): MIN((1 - 1) * 31, 110) = 0 pods per node',
        'Pick a shape with at least 2 VNICs (node pool micro asks for 31 pods per node).',
      ],
    ]);
  });

  test('invalid: above 110 on a small shape asks for the VNICs of 110 pods; on a large one it is left to max-pods-range', () => {
    const found = findingsOf(
      ID,
      inProd(
        pool(40, { name: 'small', shape: 'VM.Standard.E4.Flex', ocpus: 2, maxPodsPerNode: 120 }),
        pool(50, { name: 'large', shape: 'VM.Standard.E4.Flex', ocpus: 8, maxPodsPerNode: 120 }),
      ),
    );
    expect(found.map((f) => [where(f), f.remediation])).toEqual([
      ['43:9', 'Give the pool 5 OCPUs (5 VNICs -> 110 pods per node), or lower maxPodsPerNode to 31 (node pool small asks for 120 pods per node; the shape must reach 110, the most the VNIC model allows).'],
    ]);
  });

  test('invalid: flexible shape without ocpus is reported at the shape key', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'general', shape: 'VM.Standard.E4.Flex', ocpus: undefined, maxPodsPerNode: 64 })));
    expect(found.map((f) => [where(f), f.message, f.remediation])).toEqual([
      [
        '41:9',
        'node pool prod/general: VM.Standard.E4.Flex is a flexible shape: give its OCPU count (1 to 114)',
        'Set ocpus between 1 and 114; to run maxPodsPerNode 64, give the pool 4 OCPUs (4 VNICs -> 93 pods per node).',
      ],
    ]);
  });

  test('invalid: ocpus outside the shape\'s range is reported at ocpus', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'general', shape: 'VM.Standard.E4.Flex', ocpus: 115 })));
    expect(found.map((f) => [where(f), f.message])).toEqual([['42:9', 'node pool prod/general: VM.Standard.E4.Flex takes 1 to 114 OCPUs, not 115']]);
  });

  test('invalid: fixed shape given another OCPU count', () => {
    const found = findingsOf(ID, inProd(pool(40, { name: 'general', shape: 'VM.Standard2.2', ocpus: 4 })));
    expect(found.map((f) => [where(f), f.message, f.remediation])).toEqual([
      ['42:9', 'node pool prod/general: VM.Standard2.2 is a fixed shape with 2 OCPUs, not 4', 'Set ocpus to 2 or leave it out.'],
    ]);
  });

  test('invalid: a flexible shape that never reaches the VNICs needed', () => {
    const shapes = new ShapeIndex({
      source: 'test',
      retrieved: '2026-01-01',
      origin: 'test',
      shapes: [{ name: 'VM.Tiny.Flex', flex: { minOcpus: 1, maxOcpus: 8, vnics: { min: 2, perOcpu: 0.5, max: 3 } } }],
    });
    const m = inProd(pool(40, { name: 'general', shape: 'VM.Tiny.Flex', ocpus: 8, maxPodsPerNode: 100 }));
    const found = runLint(m, shapes).filter((f) => f.ruleId === ID);
    expect(found.map((f) => [f.message, f.remediation])).toEqual([
      [
        'node pool prod/general: maxPodsPerNode 100 is above what VM.Tiny.Flex at 8 OCPUs allows: 3 VNICs -> MIN((3 - 1) * 31, 110) = 62 pods per node',
        'Pick a shape with at least 5 VNICs (VM.Tiny.Flex reaches at most 3), or lower maxPodsPerNode to 62 (node pool general asks for 100 pods per node).',
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
      [24, 9, "maxPodsPerNode 64 is above what VM.Standard.E4.Flex at 2 OCPUs allows: 2 VNICs -> MIN((2 - 1) * 31, 110) = 31 pods per node"],
      [26, 9, "VM.Standard.E4.Flex is a flexible shape: give its OCPU count (1 to 114)"],
    ]);
  });
});

describe(`${ID}: secondary VNIC profiles`, () => {
  test('a pool with profiles is not held to MIN((VNICs - 1) * 31, 110); its ocpus still is', () => {
    const gva = [{ subnet: 'pods', ipCount: 128 }];
    expect(findingsOf(ID, model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'gva', ocpus: 2, maxPodsPerNode: 128, secondaryVnics: gva })])]))).toEqual([]);
    const found = findingsOf(ID, model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'gva', ocpus: 200, secondaryVnics: gva })])]));
    expect(found.map((f) => [f.message, f.remediation])).toEqual([['node pool prod/general: VM.Standard.E4.Flex takes 1 to 114 OCPUs, not 200'.replace('general', 'gva'), 'Set ocpus between 1 and 114.']]);
  });
});
