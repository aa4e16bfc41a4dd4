/** requiredCheckCount is the number of checks checkRequiredRules makes, for any number of peer groups of each role. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRequiredRules, requiredCheckCount, type ClusterPeers, type PeerGroup, type TargetRole } from '../../src/core/security-rules/index.js';

const group = (label: string): PeerGroup => ({ label, cidrs: undefined, within: [], nsgs: [] });
const groups = (role: string, n: number) => Array.from({ length: n }, (_, i) => group(`${role} ${i}`));

describe('requiredCheckCount', () => {
  it("is checkRequiredRules' length for every target role and any peer groups", () => {
    fc.assert(
      fc.property(fc.constantFrom<TargetRole>('endpoint', 'workers', 'pods'), fc.nat(5), fc.nat(5), fc.nat(5), (target, e, w, p) => {
        const peers: ClusterPeers = { endpoint: groups('endpoint', e), workers: groups('workers', w), pods: groups('pods', p) };
        expect(requiredCheckCount(target, peers)).toBe(checkRequiredRules(target, [], false, peers).length);
      }),
    );
  });
});
