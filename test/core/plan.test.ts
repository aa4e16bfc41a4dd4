import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ShapeIndex, vnicsFor, type Shape } from '../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { parseCidr, type Cidr } from '../../src/core/cidr.js';
import { comparePlans, planCapacity, planExitCode, type PlanInput } from '../../src/core/plan.js';

const shapes = new ShapeIndex(embeddedCatalog());
const cidr = (s: string): Cidr => {
  const r = parseCidr(s);
  if (!r.ok) throw new Error(r.reason);
  return r.cidr;
};
function plan(name: string, rest: Partial<PlanInput> & { ocpus?: number } = {}) {
  const shape = shapes.get(name) as Shape;
  const v = vnicsFor(shape, rest.ocpus);
  if (!v.ok) throw new Error(v.reason);
  return planCapacity({ shape, vnics: v.vnics, surge: 1, sameSubnet: false, ...rest, ocpus: rest.ocpus });
}

describe('planCapacity', () => {
  it('E4.Flex at 8 OCPUs, 20 nodes, /18 pod subnet', () => {
    const r = plan('VM.Standard.E4.Flex', { ocpus: 8, nodes: 20, podSubnet: cidr('10.0.64.0/18') });
    expect(r).toMatchObject({
      shape: 'VM.Standard.E4.Flex',
      ocpus: 8,
      vnics: 8,
      maxPodsPerNode: 110,
      podsPerNode: 110,
      ipsPerNode: 114,
      nodes: 21,
      required: 2394,
      smallestPrefix: 20,
      fits: true,
      problems: [],
      subnet: { cidr: '10.0.64.0/18', usable: 16381, required: 2394, fits: true, utilization: 0.1461, smallestPrefix: 20, maxNodes: 143 },
    });
    expect(planExitCode(r)).toBe(0);
  });

  it('only --nodes: still required and smallest prefix, no subnet', () => {
    const r = plan('VM.Standard.E4.Flex', { ocpus: 2, nodes: 5, maxPods: 31 });
    expect(r).toMatchObject({ vnics: 2, maxPodsPerNode: 31, ipsPerNode: 32, nodes: 6, required: 192, smallestPrefix: 24, subnet: null });
  });

  it('pod subnet without nodes: capacity only', () => {
    const r = plan('VM.Standard2.1', { podSubnet: cidr('10.0.0.0/24') });
    expect(r.nodes).toBeNull();
    expect(r.subnet).toEqual({ cidr: '10.0.0.0/24', cidrBlocks: ['10.0.0.0/24'], usable: 253, required: null, fits: null, utilization: null, smallestPrefix: null, maxNodes: 7 });
    expect(r.fits).toBe(true);
  });

  it('autoscaler ceiling and surge: max(nodes, maxNodes) + surge', () => {
    expect(plan('VM.Standard2.4', { nodes: 10, maxNodes: 30, surge: 3 }).nodes).toBe(33);
  });

  it('same subnet adds the node primary IP', () => {
    const r = plan('VM.Standard2.4', { nodes: 1, sameSubnet: true });
    expect(r.perNode).toEqual({ podIps: 93, podVnics: 3, vnicPrimaryIps: 3, nodePrimaryIp: 1, total: 97 });
    expect(r.required).toBe(194);
  });

  it('subnet too small: reason and a prefix that fits', () => {
    const r = plan('VM.Standard2.4', { nodes: 10, podSubnet: cidr('10.0.0.0/24') });
    expect(r.ipsPerNode).toBe(96);
    expect(r.subnet).toMatchObject({ usable: 253, required: 1056, fits: false, smallestPrefix: 21, maxNodes: 2 });
    expect(r.problems).toEqual([
      {
        code: 'subnet-too-small',
        message: '10.0.0.0/24 has 253 usable addresses; 11 nodes x 96 need 1056',
        fix: 'use a /21 or larger pod subnet, or plan for at most 2 nodes (surge included), or lower --max-pods',
      },
    ]);
    expect(planExitCode(r)).toBe(1);
  });

  it('max pods above a fixed shape', () => {
    const r = plan('VM.Standard2.1', { maxPods: 40 });
    expect(r.problems.map((p) => p.code)).toEqual(['max-pods-above-shape']);
    expect(r.problems[0]!.message).toBe('--max-pods 40 needs 3 VNICs, but VM.Standard2.1 has 2 (max 31 pods per node)');
    expect(r.problems[0]!.fix).toBe('choose a shape with 3 or more VNICs for 40 pods, or lower --max-pods to 31');
  });

  it('max pods above a flex shape at its OCPUs names the OCPU count that works', () => {
    const r = plan('VM.Standard.E4.Flex', { ocpus: 1, maxPods: 64 });
    expect(r.problems[0]).toMatchObject({ code: 'max-pods-above-shape', fix: 'use --ocpus 4 or more (4 VNICs), or lower --max-pods to 31' });
  });

  it('max pods above 110', () => {
    const r = plan('VM.Standard.E4.Flex', { ocpus: 8, maxPods: 111 });
    expect(r.problems.map((p) => p.code)).toEqual(['max-pods-above-kubernetes']);
  });

  it('a 1-VNIC shape cannot run VCN-native pods', () => {
    const r = plan('VM.Standard.E2.1.Micro', { nodes: 1 });
    expect(r.maxPodsPerNode).toBe(0);
    expect(r.problems.map((p) => p.code)).toEqual(['shape-without-pod-vnics']);
  });

  it('demand beyond a /16', () => {
    const r = plan('VM.Standard.E4.Flex', { ocpus: 8, nodes: 600 });
    expect(r.required).toBe(601 * 114);
    expect(r.smallestPrefix).toBeNull();
    expect(r.problems[0]).toMatchObject({ code: 'demand-beyond-largest-subnet' });
    expect(r.problems[0]!.fix).toContain('a /16 holds 574 such nodes');
  });
});

describe('planCapacity with secondary VNIC profiles', () => {
  it('addresses per node = sum of ipCount + one primary IP per profile; pods = min(budget, --max-pods, 256)', () => {
    const r = plan('VM.Standard.E4.Flex', { ocpus: 4, secondaryVnics: [128, 64], nodes: 20, podSubnet: cidr('10.0.64.0/18') });
    expect(r).toMatchObject({
      allocationModel: 'secondary-vnics',
      vnics: 4,
      maxPodsPerNode: 192,
      podsPerNode: 192,
      ipsPerNode: 194,
      perNode: { podIps: 192, podVnics: 2, vnicPrimaryIps: 2, nodePrimaryIp: 0, total: 194 },
      secondaryVnics: { profiles: [128, 64], maxProfiles: 3, ipBudget: 192 },
      nodes: 21,
      required: 4074,
      smallestPrefix: 20,
      subnet: { usable: 16381, maxNodes: 84, fits: true },
      fits: true,
    });
    // a lower max pods does not lower what the profiles pre-allocate
    expect(plan('VM.Standard.E4.Flex', { ocpus: 4, secondaryVnics: [128, 64], maxPods: 100 })).toMatchObject({ podsPerNode: 100, ipsPerNode: 194 });
  });

  it('one profile of 256 on a 2-VNIC shape reaches 256 pods', () => {
    expect(plan('VM.Standard2.1', { secondaryVnics: [256] })).toMatchObject({ maxPodsPerNode: 256, ipsPerNode: 257, fits: true });
  });

  it('each constraint, its code and fix', () => {
    const codes = (r: ReturnType<typeof plan>) => r.problems.map((p) => p.code);
    expect(codes(plan('VM.Standard2.1', { secondaryVnics: [32, 32] }))).toEqual(['profiles-above-shape']);
    expect(plan('VM.Standard2.1', { secondaryVnics: [32, 32] }).problems[0]?.fix).toBe('choose a shape with 3 or more VNICs, or use at most 1 profile (one profile may take up to 256 IPs)');
    expect(codes(plan('VM.Standard2.4', { secondaryVnics: [48] }))).toEqual(['ip-count-not-power-of-two']);
    expect(codes(plan('VM.Standard2.4', { secondaryVnics: [0] }))).toEqual(['ip-count-not-power-of-two']);
    expect(codes(plan('VM.Standard2.4', { secondaryVnics: [512] }))).toEqual(['ip-count-above-vnic-limit', 'ip-budget-above-node-limit']);
    expect(codes(plan('VM.Standard2.4', { secondaryVnics: [128, 128, 2] }))).toEqual(['ip-budget-above-node-limit']);
    expect(codes(plan('VM.Standard2.4', { secondaryVnics: [64], maxPods: 65 }))).toEqual(['max-pods-above-ip-budget']);
    expect(codes(plan('VM.Standard2.4', { secondaryVnics: [256], maxPods: 257 }))).toEqual(['max-pods-above-node-limit']);
    expect(codes(plan('VM.Standard.E2.1.Micro', { secondaryVnics: [32] }))).toEqual(['shape-without-pod-vnics']);
  });

  it('legacy above 110: the fix names secondary VNIC profiles', () => {
    const r = plan('VM.Standard.E4.Flex', { ocpus: 8, maxPods: 120 });
    expect(r.problems).toEqual([
      {
        code: 'max-pods-above-kubernetes',
        message: '--max-pods 120 is above the 110 pods per node that nodes without secondary VNIC profiles run',
        fix: 'use --max-pods 110 or less, or use secondary VNIC profiles, which allow up to 256 pods per node (e.g. --secondary-vnics 128)',
      },
    ]);
  });

  it('comparePlans: the same nodes and subnet under both models; one 256-IP profile when none is given', () => {
    const c = comparePlans({ shape: shapes.get('VM.Standard.E4.Flex') as Shape, ocpus: 8, vnics: 8, surge: 1, sameSubnet: false, nodes: 20 });
    expect(c).toMatchObject({ profilesGiven: false, nodes: 21, fits: true });
    expect(c.legacy).toMatchObject({ allocationModel: 'legacy', ipsPerNode: 114, required: 2394 });
    expect(c.secondaryVnics).toMatchObject({ allocationModel: 'secondary-vnics', ipsPerNode: 257, required: 5397, secondaryVnics: { profiles: [256] } });
  });
});

describe('planCapacity on a pod subnet with several CIDR blocks', () => {
  it('usable addresses are the sum over the blocks, 3 reserved in each; the fit needs both', () => {
    const both = plan('VM.Standard.E4.Flex', { ocpus: 8, nodes: 30, podSubnet: [cidr('10.0.64.0/21'), cidr('10.1.0.0/22')] });
    // (2^11 - 3) + (2^10 - 3) = 2045 + 1021; 31 nodes x 114 = 3534 > 3066.
    expect(both.subnet).toMatchObject({ cidr: '10.0.64.0/21 + 10.1.0.0/22', cidrBlocks: ['10.0.64.0/21', '10.1.0.0/22'], usable: 3066, required: 3534, fits: false, maxNodes: 26 });
    // 3534 - 3066 = 468 more: a /23 (509) is the block to add.
    expect(both.problems.map((p) => [p.code, p.fix])).toEqual([
      ['subnet-too-small', 'add a /23 (509 usable addresses) or larger CIDR block (the 2 blocks give 3066), use a /20 or larger pod subnet, or plan for at most 26 nodes (surge included), or lower --max-pods'],
    ]);
    const fits = plan('VM.Standard.E4.Flex', { ocpus: 8, nodes: 20, podSubnet: [cidr('10.0.64.0/21'), cidr('10.1.0.0/22')] });
    expect(fits.subnet).toMatchObject({ usable: 3066, required: 2394, fits: true });
    expect(plan('VM.Standard.E4.Flex', { ocpus: 8, nodes: 20, podSubnet: [cidr('10.0.64.0/21')] }).subnet).toMatchObject({ usable: 2045, fits: false });
  });

  it('property: usable = sum of 2^(32 - p) - 3 over the blocks, and fits iff required <= usable', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 20, max: 30 }), fc.integer({ min: 1, max: 200 }), (slots, prefix, nodes) => {
        // Disjoint blocks: block i at 10.<slot>.0.0/prefix.
        const blocks = slots.map((s) => cidr(`10.${s}.0.0/${prefix}`));
        const r = plan('VM.Standard2.4', { nodes, podSubnet: blocks });
        const usable = slots.length * (2 ** (32 - prefix) - 3);
        expect(r.subnet?.usable).toBe(usable);
        expect(r.subnet?.fits).toBe((r.required ?? 0) <= usable);
      }),
    );
  });
});
