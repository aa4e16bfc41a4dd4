import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { upgradePreflight } from '../../src/core/upgrade.js';
import type { NodePool } from '../../src/core/model.js';
import { cluster, model, network, pool } from '../rules/build.js';

describe('upgradePreflight', () => {
  test('property: one at a time = the largest pool surge, all at once = their sum, each against usable - in use', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.integer({ min: 0, max: 20 }), surge: fc.integer({ min: 0, max: 8 }), pods: fc.integer({ min: 1, max: 110 }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1100 }),
        fc.constantFrom('one-at-a-time' as const, 'all-at-once' as const),
        (specs, inUse, cycle) => {
          const pools: NodePool[] = specs.map((s, i) =>
            Object.assign(pool(40 + i, { name: `p${i}`, size: s.size, maxPodsPerNode: s.pods }), { liveNodes: s.size, surgeNow: { nodes: Math.min(s.surge, s.size), text: String(s.surge) } }),
          );
          // pods: a /22, 1021 usable.
          const m = model(network([], { pods: { cidrBlock: '10.0.64.0/22' } }), [cluster(30, { name: 'prod' }, pools)]);
          const pods = m.subnets.find((s) => s.name === 'pods')!;
          pods.liveUsedAddresses = inUse;
          const p = upgradePreflight(m.clusters[0]!, m.subnets, m.clusters[0]!.nodePools, cycle);
          const surge = specs.map((s) => Math.min(s.surge, s.size) * (s.pods + Math.ceil(s.pods / 31)));
          const row = p.subnets.find((s) => s.subnet === pods)!;
          expect(row.oneAtATime).toBe(Math.max(...surge));
          expect(row.allAtOnce).toBe(surge.reduce((a, b) => a + b, 0));
          const free = Math.max(0, 1021 - inUse);
          expect(row.free).toBe(free);
          expect(row.fitsOneAtATime).toBe(Math.max(...surge) <= free);
          expect(row.fitsAllAtOnce).toBe(surge.reduce((a, b) => a + b, 0) <= free);
          // The worker subnet's in-use count is unknown here: not checked, so fits is false or undefined, never true.
          expect(p.fits).toBe((cycle === 'one-at-a-time' ? row.fitsOneAtATime : row.fitsAllAtOnce) ? undefined : false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
