import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { podSubnetAddressesPerNode, usableAddresses } from '../../src/core/capacity.js';
import { indexModel, type NodePool } from '../../src/core/model.js';
import { podSubnetDemands } from '../../src/rules/support/pod-subnet-demand.js';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, subnet, where } from './build.js';

const ID = 'pod-subnet-capacity';

describe(ID, () => {
  test('valid: demand equal to the usable addresses fits', () => {
    // /24: 253 usable; 22 + 1 surge nodes x (10 pod IPs + 1 VNIC primary IP) = 253.
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/24' } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 22, maxPodsPerNode: 10 })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: one pool, reported at the pod subnet\'s cidrBlock with the prefix that fits', () => {
    // 10 + 1 surge nodes x (31 + 1) = 352 > 253
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/24' } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 10 })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'pod subnet "pods" (10.0.64.0/24) has 253 usable addresses but its node pools need 352 at their largest (maxSize + maxSurge nodes): prod/general: 11 nodes x 32 = 352',
    );
    expect(f.remediation).toBe('Use a /23 (509 usable addresses) or larger pod subnet, lower maxPodsPerNode, or move node pools to another pod subnet.');
    expect(where(f)).toBe('12:5');
  });

  test('invalid: pools of two clusters share it: autoscaler maximum, surge, same-subnet node IP and virtual nodes all count', () => {
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/21' } }), [
      cluster(30, { name: 'prod' }, [
        // 20 + 1 nodes x (64 + 2 VNIC primary IPs + 1 node IP? no: separate subnets) -> 64 + 3 = 67
        pool(40, { name: 'general', size: 20, maxSurge: 1, maxPodsPerNode: 64 }),
        // worker subnet == pod subnet: max(5, 10) + 2 nodes x (31 + 1 + 1 node IP) = 12 x 33 = 396
        pool(50, { name: 'batch', size: 5, maxSize: 10, maxSurge: 2, subnet: 'pods', podSubnets: ['pods'] }),
      ]),
      cluster(60, { name: 'stage' }, [
        // virtual: 3 + 1 virtual nodes x 100 pods, one address each = 400
        pool(70, { name: 'virt', type: 'virtual', size: 3, maxPodsPerNode: 100 }),
      ]),
      // flannel pools take no pod-subnet addresses
      cluster(80, { name: 'old', cniType: 'FLANNEL_OVERLAY' }, [pool(90, { name: 'x', size: 50 })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => f.message)).toEqual([
      'pod subnet "pods" (10.0.64.0/21) has 2045 usable addresses but its node pools need 2203 at their largest (maxSize + maxSurge nodes): ' +
        'prod/general: 21 nodes x 67 = 1407; prod/batch: 12 nodes x 33 = 396; stage/virt: 4 virtual nodes x 100 = 400',
    ]);
    expect(found[0]?.remediation).toBe('Use a /20 (4093 usable addresses) or larger pod subnet, lower maxPodsPerNode, or move node pools to another pod subnet.');
  });

  test('invalid: beyond what a /16 holds', () => {
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/18' } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'huge', size: 999, ocpus: 8, maxPodsPerNode: 110 })]),
    ]);
    const [f] = findingsOf(ID, m);
    expect(f?.message).toContain('need 114000 at their largest');
    expect(f?.remediation).toBe(
      'No single OCI subnet holds 114000 addresses (a /16 has 65533 usable): split the node pools over several pod subnets, or lower maxPodsPerNode.',
    );
  });

  test('pools naming several pod subnets are left to single-pod-subnet', () => {
    const extra = [subnet(20, { name: 'pods-b', cidrBlock: '10.0.128.0/30' })];
    const m = model(network(extra), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 50, podSubnets: ['pods-b', 'pods'] })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });
});

describe(`${ID}: the reported sum is a brute-force sum over the pools`, () => {
  const poolArb = fc.record({
    type: fc.constantFrom<NodePool['type']>('managed', 'self-managed', 'virtual'),
    size: fc.integer({ min: 0, max: 60 }),
    extra: fc.integer({ min: 0, max: 40 }),
    maxSurge: fc.integer({ min: 0, max: 5 }),
    maxPodsPerNode: fc.integer({ min: 1, max: 110 }),
    sameSubnet: fc.boolean(),
    cluster: fc.integer({ min: 0, max: 2 }),
  });

  test('sum = Σ (maxSize + maxSurge) x per-node addresses', () => {
    fc.assert(
      fc.property(fc.array(poolArb, { minLength: 1, maxLength: 12 }), (specs) => {
        const clusters = [0, 1, 2].map((c) =>
          cluster(100 + c * 100, { name: `c${c}` },
            specs.flatMap((s, i) =>
              s.cluster === c
                ? [pool(1000 + i * 20, {
                    name: `p${i}`,
                    type: s.type,
                    size: s.size,
                    maxSize: s.size + s.extra,
                    maxSurge: s.maxSurge,
                    maxPodsPerNode: s.maxPodsPerNode,
                    subnet: s.sameSubnet ? 'pods' : 'workers',
                    podSubnets: ['pods'],
                  })]
                : [],
            ),
          ),
        );
        // A /30 (1 usable address) makes every non-zero demand an error, so the message carries the sum.
        const m = model(network([], { pods: { cidrBlock: '10.0.64.0/30' } }), clusters);

        let expected = 0;
        for (const s of specs) {
          const perNode =
            s.type === 'virtual'
              ? s.maxPodsPerNode + (s.sameSubnet ? 1 : 0)
              : podSubnetAddressesPerNode(s.maxPodsPerNode, s.sameSubnet).total;
          expected += (s.size + s.extra + s.maxSurge) * perNode;
        }

        const [demand] = podSubnetDemands(m, indexModel(m).subnet);
        expect(demand?.total).toBe(expected);
        const found = findingsOf(ID, m);
        if (expected > usableAddresses(30)) {
          expect(found).toHaveLength(1);
          expect(found[0]?.message).toContain(`need ${expected} at their largest`);
        } else {
          expect(found).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe(`${ID}: subnets with several CIDR blocks`, () => {
  // Two /24 blocks: 2 x (256 - 3) = 506 usable addresses, 3 reserved in each block.
  const twoBlocks = { pods: { cidrBlock: undefined, cidrBlocks: ['10.0.64.0/24', '10.0.65.0/24'] } };

  test('valid: a demand that fits only with both blocks', () => {
    // 10 + 1 surge nodes x (31 + 1) = 352: above one /24 (253), within both (506).
    const one = model(network([], { pods: { cidrBlock: '10.0.64.0/24' } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 10 })])]);
    expect(findingsOf(ID, one).map((f) => f.message)).toEqual([
      'pod subnet "pods" (10.0.64.0/24) has 253 usable addresses but its node pools need 352 at their largest (maxSize + maxSurge nodes): prod/general: 11 nodes x 32 = 352',
    ]);
    const both = model(network([], twoBlocks), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 10 })])]);
    expect(findingsOf(ID, both)).toEqual([]);
  });

  test('invalid: the message names every block, the fix the block to add first', () => {
    // 20 + 1 nodes x 32 = 672 > 506; 166 short: a /24 more (253) or one /22 (1021).
    const m = model(network([], twoBlocks), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 20 })])]);
    expect(findingsOf(ID, m).map((f) => [f.message, f.remediation])).toEqual([
      [
        'pod subnet "pods" (10.0.64.0/24 + 10.0.65.0/24) has 506 usable addresses but its node pools need 672 at their largest (maxSize + maxSurge nodes): prod/general: 21 nodes x 32 = 672',
        'Add a /24 (253 usable addresses) or larger CIDR block to the subnet (its 2 blocks give 506), or: Use a /22 (1021 usable addresses) or larger pod subnet, lower maxPodsPerNode, or move node pools to another pod subnet.',
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
      [11, 5, "has 253 usable addresses but its node pools need 352 at their largest (maxSize + maxSurge nodes): prod/general: 11 nodes x 32 = 352"],
    ]);
  });
});

describe(`${ID}: secondary VNIC profiles`, () => {
  test('demand lands on each profile\'s subnet, summed with legacy pools there, not on podSubnets', () => {
    const extra = [subnet(20, { name: 'front', cidrBlock: '10.0.128.0/24' })];
    const m = model(network(extra), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'gva', size: 2, podSubnets: ['pods'], secondaryVnics: [{ subnet: 'front', ipCount: 64 }, { subnet: 'front', ipCount: 32 }, { subnet: 'pods', ipCount: 128 }] }),
        pool(50, { name: 'legacy', size: 1, maxPodsPerNode: 31, podSubnets: ['front'] }),
      ]),
    ]);
    // front: gva 3 nodes x (64 + 32 + 2 primary IPs) = 294, legacy 2 nodes x 32 = 64; 358 > 253 usable of a /24
    expect(findingsOf(ID, m).map((f) => f.message)).toEqual([
      'pod subnet "front" (10.0.128.0/24) has 253 usable addresses but its node pools need 358 at their largest (maxSize + maxSurge nodes): prod/gva: 3 nodes x 98 = 294; prod/legacy: 2 nodes x 32 = 64',
    ]);
  });
});

describe(`${ID}: live demand (other use now, reserved, virtual nodes)`, () => {
  /** A /22 pod subnet (1021 usable) with `inUse` addresses in use now and `reserved` from the config. */
  function liveModel(inUse: number, reserved: number | undefined, pools: NodePool[]) {
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/22' } }), [cluster(30, { name: 'prod' }, pools)]);
    const pods = m.subnets.find((s) => s.name === 'pods')!;
    pods.liveUsedAddresses = inUse;
    pods.reservedAddresses = reserved;
    return m;
  }
  const general = (): NodePool => Object.assign(pool(40, { name: 'general', size: 10, maxSize: 20 }), { liveNodes: 10 });
  const burst = (): NodePool => Object.assign(pool(50, { name: 'burst', type: 'virtual', size: 4 }), { liveNodes: 4 });

  test('reserved and the other use measured now are not added: the larger counts', () => {
    // general: 10 nodes now x 32 = 320 held; 21 x 32 = 672 at its largest. 400 in use now: 80 other use.
    const m = liveModel(400, 50, [general()]);
    const [d] = podSubnetDemands(m, indexModel(m).subnet);
    expect([d?.otherUse, d?.reserved, d?.otherVnics, d?.total]).toEqual([80, 50, 80, 752]);
    const m2 = liveModel(400, 300, [general()]);
    const [d2] = podSubnetDemands(m2, indexModel(m2).subnet);
    expect([d2?.otherUse, d2?.otherVnics, d2?.total]).toEqual([80, 300, 972]);
    // 972 <= 1021: fits; reserved + other use (1052) would not.
    expect(findingsOf(ID, m2)).toEqual([]);
    const m3 = liveModel(400, 380, [general()]);
    const [f] = findingsOf(ID, m3);
    expect(f?.message).toBe(
      'pod subnet "pods" (10.0.64.0/22) has 1021 usable addresses but its node pools need 1052 at their largest (maxSize + maxSurge nodes), ' +
        'with the addresses in use now that no pool holds: prod/general: 21 nodes x 32 = 672; ' +
        'other VNICs: the larger of reserved (config) 380 and other use now (addresses in use that no node pool holds) 80 = 380',
    );
  });

  test('a virtual pool\'s running pods count once: its current virtual nodes are held full', () => {
    // burst: 4 virtual nodes now x 31 = 124 held; 5 x 31 = 155 at its largest. 320 + 124 + 30 in use now: 30 other use.
    const m = liveModel(474, undefined, [general(), burst()]);
    const [d] = podSubnetDemands(m, indexModel(m).subnet);
    expect([d?.otherUse, d?.otherVnics, d?.total]).toEqual([30, 30, 672 + 155 + 30]);
  });

  test('property: total = pools at their largest + max(reserved, max(0, in use - held now))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), (inUse, reserved, managedNow, virtualNow) => {
        const pools = [
          Object.assign(pool(40, { name: 'general', size: managedNow, maxSize: 20 }), { liveNodes: managedNow }),
          Object.assign(pool(50, { name: 'burst', type: 'virtual', size: virtualNow }), { liveNodes: virtualNow }),
        ];
        const m = liveModel(inUse, reserved, pools);
        const [d] = podSubnetDemands(m, indexModel(m).subnet);
        const held = managedNow * 32 + virtualNow * 31;
        const other = Math.max(0, inUse - held);
        const atLargest = (Math.max(managedNow, 20) + 1) * 32 + (virtualNow + 1) * 31;
        expect(d?.otherUse).toBe(other);
        expect(d?.total).toBe(atLargest + Math.max(reserved ?? 0, other));
      }),
      { numRuns: 200 },
    );
  });
});
