import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legacyModel, maxPodsPerNode, podSubnetAddressesPerNode } from '../../src/core/capacity.js';
import { indexModel } from '../../src/core/model.js';
import {
  ipBudget,
  ipCountProblems,
  isPowerOfTwo,
  maxProfilesForVnics,
  nearestPowersOfTwo,
  secondaryVnicsAddressesPerNode,
  secondaryVnicsModel,
  secondaryVnicsPodsPerNode,
} from '../../src/core/models/secondary-vnics.js';
import { allocationModelOf, secondaryVnicsPoolPods } from '../../src/core/models/pool.js';
import { podSubnetDemands } from '../../src/rules/support/pod-subnet-demand.js';
import { cluster, model, network, pool, subnet } from '../rules/build.js';

describe('secondary-vnics model: pods per node', () => {
  it('min(sum of ipCount, maxPodsPerNode when set, 256)', () => {
    const p = (ipCount: number) => ({ subnet: 's', ipCount });
    expect(secondaryVnicsPodsPerNode([p(128), p(64)], undefined)).toBe(192);
    expect(secondaryVnicsPodsPerNode([p(128), p(64)], 150)).toBe(150);
    expect(secondaryVnicsPodsPerNode([p(256), p(256)], undefined)).toBe(256);
    expect(secondaryVnicsPodsPerNode([p(32)], 110)).toBe(32);
    expect(ipBudget([p(128), { subnet: 's', ipCount: undefined }])).toBe(128);
  });
  it('a shape with 2+ VNICs reaches 256 pods; a 1-VNIC shape none; profiles = VNICs - 1', () => {
    expect(secondaryVnicsModel.maxPodsForVnics(2)).toBe(256);
    expect(secondaryVnicsModel.maxPodsForVnics(1)).toBe(0);
    expect(maxProfilesForVnics(8)).toBe(7);
    expect(maxProfilesForVnics(1)).toBe(0);
  });
  it('the legacy numbers are unchanged', () => {
    expect([1, 2, 3, 4, 5, 24].map((v) => maxPodsPerNode(v))).toEqual([0, 31, 62, 93, 110, 110]);
    expect(podSubnetAddressesPerNode(110, false)).toEqual({ podIps: 110, podVnics: 4, vnicPrimaryIps: 4, nodePrimaryIp: 0, total: 114 });
    expect(legacyModel.podVnicsFor(32)).toBe(2);
  });
});

describe('secondary-vnics model: addresses per subnet', () => {
  it('each profile: ipCount + its primary IP; the worker subnet adds the node primary IP', () => {
    const r = secondaryVnicsAddressesPerNode(
      [
        { subnet: 'front', ipCount: 128 },
        { subnet: 'back', ipCount: 64 },
        { subnet: 'front', ipCount: 32 },
      ],
      'back',
    );
    expect(r).toEqual([
      { subnet: 'front', podIps: 160, podVnics: 2, vnicPrimaryIps: 2, nodePrimaryIp: 0, total: 162 },
      { subnet: 'back', podIps: 64, podVnics: 1, vnicPrimaryIps: 1, nodePrimaryIp: 1, total: 66 },
    ]);
  });
});

describe('ipCount problems', () => {
  it('power of two, <= 256 each, <= 256 in all, missing', () => {
    expect(ipCountProblems([{ subnet: 's', ipCount: 100 }, { subnet: 's', ipCount: 512 }, { subnet: 's', ipCount: undefined }, { subnet: 's', ipCount: 0 }])).toEqual([
      { code: 'ip-count-not-power-of-two', index: 0, ipCount: 100 },
      { code: 'ip-count-above-vnic-limit', index: 1, ipCount: 512 },
      { code: 'ip-count-missing', index: 2 },
      { code: 'ip-count-below-one', index: 3, ipCount: 0 },
      { code: 'ip-budget-above-node-limit', total: 612 },
    ]);
    expect(ipCountProblems([{ subnet: 's', ipCount: 128 }, { subnet: 's', ipCount: 128 }])).toEqual([]);
    expect(ipCountProblems([{ subnet: 's', ipCount: 256 }, { subnet: 's', ipCount: 1 }])).toEqual([{ code: 'ip-budget-above-node-limit', total: 257 }]);
  });
  it('nearest powers of two', () => {
    expect(nearestPowersOfTwo(100)).toEqual([64, 128]);
    expect(nearestPowersOfTwo(3)).toEqual([2, 4]);
  });
  it('property: isPowerOfTwo matches a brute-force list', () => {
    const powers = new Set([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
    fc.assert(fc.property(fc.integer({ min: -4, max: 1024 }), (n) => isPowerOfTwo(n) === powers.has(n)));
  });
});

describe('pools choose their model by the presence of profiles', () => {
  it('no profiles: legacy; profiles: secondary-vnics (maxPodsPerNode unset = the profiles budget)', () => {
    expect(allocationModelOf(pool(30, { name: 'a' })).id).toBe('legacy');
    const gva = pool(30, { name: 'b', secondaryVnics: [{ subnet: 'pods', ipCount: 128 }, { subnet: 'pods', ipCount: 64 }] });
    expect(allocationModelOf(gva).id).toBe('secondary-vnics');
    expect(secondaryVnicsPoolPods(gva)).toBe(192);
    expect(secondaryVnicsPoolPods({ ...gva, maxPodsPerNode: 100, maxPodsPerNodeSet: true })).toBe(100);
    expect(allocationModelOf({ ...gva, type: 'virtual' }).id).toBe('legacy');
  });
});

const SUBNETS = ['pods', 'front', 'back'] as const;

describe('pod-subnet demand summed per subnet across pools and clusters (property)', () => {
  it('equals a node-by-node, profile-by-profile count', () => {
    const profile = fc.record({ subnet: fc.constantFrom(...SUBNETS, 'workers'), ipCount: fc.constantFrom(1, 2, 16, 32, 64, 128, 256) });
    const poolSpec = fc.record({
      size: fc.integer({ min: 0, max: 30 }),
      extra: fc.integer({ min: 0, max: 10 }),
      maxSurge: fc.integer({ min: 0, max: 3 }),
      maxPodsPerNode: fc.integer({ min: 1, max: 110 }),
      podSubnet: fc.constantFrom(...SUBNETS),
      profiles: fc.array(profile, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(poolSpec, { maxLength: 4 }), { minLength: 1, maxLength: 3 }), (clusterSpecs) => {
        const clusters = clusterSpecs.map((pools, c) =>
          cluster(30 + c, { name: `c${c}` }, pools.map((s, i) =>
            pool(40 + i, {
              name: `p${i}`,
              size: s.size,
              maxSize: s.size + s.extra,
              maxSurge: s.maxSurge,
              maxPodsPerNode: s.maxPodsPerNode,
              podSubnets: [s.podSubnet],
              ...(s.profiles.length ? { secondaryVnics: s.profiles } : {}),
            }),
          )),
        );
        const parts = network([subnet(20, { name: 'front', cidrBlock: '10.0.128.0/18' }), subnet(21, { name: 'back', cidrBlock: '10.0.192.0/18' })]);
        const m = model(parts, clusters);
        // brute force: walk every node of every pool and count each address it takes, one at a time
        const expected = new Map<string, number>();
        const bump = (ref: string) => expected.set(ref, (expected.get(ref) ?? 0) + 1);
        for (const pools of clusterSpecs) {
          for (const s of pools) {
            const nodes = s.size + s.extra + s.maxSurge;
            for (let n = 0; n < nodes; n++) {
              if (s.profiles.length === 0) {
                for (let ip = 0; ip < s.maxPodsPerNode; ip++) bump(s.podSubnet);
                for (let v = 0; v * 31 < s.maxPodsPerNode; v++) bump(s.podSubnet);
                continue;
              }
              const seen = new Set<string>();
              for (const p of s.profiles) {
                for (let ip = 0; ip < p.ipCount; ip++) bump(p.subnet);
                bump(p.subnet); // the profile VNIC's primary IP
                if (p.subnet === 'workers' && !seen.has('workers')) bump('workers'); // node primary VNIC
                seen.add(p.subnet);
              }
            }
          }
        }
        const got = new Map(podSubnetDemands(m, indexModel(m).subnet).map((d) => [d.subnet.ref, d.total]));
        for (const ref of new Set([...expected.keys(), ...got.keys()])) expect(got.get(ref) ?? 0).toBe(expected.get(ref) ?? 0);
      }),
      { numRuns: 150 },
    );
  });
});
