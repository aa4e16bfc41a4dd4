import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'pod-subnet-headroom';

// /23: 509 usable; 12 + 1 nodes x (31 + 1) = 416 = 81.7%
const busy = () =>
  model(network([], { pods: { cidrBlock: '10.0.64.0/23' } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 12 })])]);

describe(ID, () => {
  test('valid: under the default 80%', () => {
    // 11 + 1 nodes x 32 = 384 = 75.4%
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/23' } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 11 })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: above 80% but fitting is a warning at cidrBlock', () => {
    const found = findingsOf(ID, busy());
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      'pod subnet "pods" (10.0.64.0/23): its node pools need 416 of 509 usable addresses (81.7%), above the 80% headroom threshold: prod/general: 13 nodes x 32 = 416',
    );
    // ceil(416 * 100 / 80) = 520 addresses -> a /22 (1021)
    expect(f.remediation).toBe('A /22 (1021 usable addresses) keeps them under 80%; or lower maxPodsPerNode.');
    expect(where(f)).toBe('12:5');
  });

  test('the headroomPercent option moves the threshold', () => {
    expect(findingsOf(ID, busy(), { headroomPercent: 82 })).toEqual([]);
    const [f] = findingsOf(ID, busy(), { headroomPercent: 81 });
    expect(f?.message).toContain('(81.7%), above the 81% headroom threshold');
    expect(findingsOf(ID, busy(), { headroomPercent: 100 })).toEqual([]);
  });

  test('at or above the usable addresses it is pod-subnet-capacity\'s error, not a warning', () => {
    const exact = model(network([], { pods: { cidrBlock: '10.0.64.0/24' } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 22, maxPodsPerNode: 10 })]),
    ]);
    expect(findingsOf(ID, exact).map((f) => f.message)).toEqual([
      'pod subnet "pods" (10.0.64.0/24): its node pools need 253 of 253 usable addresses (100.0%), above the 80% headroom threshold: prod/general: 23 nodes x 11 = 253',
    ]);
    const over = model(network([], { pods: { cidrBlock: '10.0.64.0/24' } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 23, maxPodsPerNode: 10 })])]);
    expect(findingsOf(ID, over)).toEqual([]);
    expect(findingsOf('pod-subnet-capacity', over)).toHaveLength(1);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [11, 5, "need 416 of 509 usable addresses (81.7%), above the 80% headroom threshold: prod/general: 13 nodes x 32 = 416"],
    ]);
  });
});
