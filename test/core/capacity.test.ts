import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  legacyModel,
  maxPodsPerNode,
  nodesThatFit,
  plannedNodes,
  podSubnetAddressesPerNode,
  smallestPrefixFor,
  surgeNodesForPercent,
  usableAddresses,
} from '../../src/core/capacity.js';

describe('maxPodsPerNode = MIN((VNICs-1)*31, 110)', () => {
  it.each([
    [1, 0],
    [2, 31],
    [3, 62],
    [4, 93],
    [5, 110],
    [8, 110],
    [24, 110],
    [256, 110],
  ])('%i VNICs -> %i pods', (vnics, pods) => {
    expect(maxPodsPerNode(vnics)).toBe(pods);
  });
  it('a 0-VNIC input never goes negative', () => expect(maxPodsPerNode(0)).toBe(0));
});

describe('pod-subnet addresses per node', () => {
  it('31 pods: 1 VNIC, 32 addresses', () => {
    expect(podSubnetAddressesPerNode(31, false)).toEqual({ podIps: 31, podVnics: 1, vnicPrimaryIps: 1, nodePrimaryIp: 0, total: 32 });
  });
  it('32 pods need a second pod VNIC', () => {
    expect(podSubnetAddressesPerNode(32, false).total).toBe(34);
  });
  it('110 pods: 4 VNICs, 114 addresses; 115 when the worker subnet is the pod subnet', () => {
    expect(podSubnetAddressesPerNode(110, false).total).toBe(114);
    expect(podSubnetAddressesPerNode(110, true)).toEqual({ podIps: 110, podVnics: 4, vnicPrimaryIps: 4, nodePrimaryIp: 1, total: 115 });
  });
  it('property: total = pods + ceil(pods/31) + same-subnet, and VNICs carry the pods', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 110 }), fc.boolean(), (pods, same) => {
        const b = podSubnetAddressesPerNode(pods, same);
        // brute force: add VNICs of 31 until the pods fit
        let vnics = 0;
        while (vnics * 31 < pods) vnics++;
        expect(b.podVnics).toBe(vnics);
        expect(b.total).toBe(pods + vnics + (same ? 1 : 0));
        expect(legacyModel.maxPodsForVnics(b.podVnics + 1)).toBeGreaterThanOrEqual(pods);
      }),
    );
  });
});

describe('subnet sizes (OCI reserves 3 addresses)', () => {
  it.each([
    [30, 1],
    [29, 5],
    [24, 253],
    [20, 4093],
    [18, 16381],
    [16, 65533],
  ])('/%i has %i usable', (prefix, usable) => expect(usableAddresses(prefix)).toBe(usable));

  it.each([
    [0, 30],
    [1, 30],
    [2, 29],
    [253, 24],
    [254, 23],
    [2394, 20],
    [65533, 16],
  ])('demand %i -> smallest /%i', (demand, prefix) => expect(smallestPrefixFor(demand)).toBe(prefix));

  it('beyond a /16 there is no OCI subnet', () => expect(smallestPrefixFor(65534)).toBeUndefined());

  it('property: smallestPrefixFor matches a brute-force scan of /30../16', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70_000 }), (demand) => {
        let expected: number | undefined;
        for (let p = 16; p <= 30; p++) if (2 ** (32 - p) - 3 >= demand) expected = p;
        expect(smallestPrefixFor(demand)).toBe(expected);
      }),
    );
  });

  it('property: nodesThatFit is the largest n with n * perNode <= usable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 30 }), fc.integer({ min: 1, max: 200 }), (prefix, perNode) => {
        const usable = usableAddresses(prefix);
        const n = nodesThatFit(usable, perNode);
        let brute = 0;
        while ((brute + 1) * perNode <= usable) brute++;
        expect(n).toBe(brute);
      }),
    );
  });
});

describe('nodes to plan for', () => {
  it('largest size plus surge', () => {
    expect(plannedNodes(20, undefined, 1)).toBe(21);
    expect(plannedNodes(10, 30, 3)).toBe(33);
    expect(plannedNodes(10, 5, 0)).toBe(10);
  });
});

describe('percentage surge', () => {
  it.each([
    [25, 10, 3],
    [25, 2, 1],
    [100, 7, 7],
    [0, 7, 0],
    [10, 1, 1],
  ])('%i%% of %i nodes -> %i surge nodes (rounded up)', (percent, size, surge) => expect(surgeNodesForPercent(percent, size)).toBe(surge));
});
