import { describe, expect, it } from 'vitest';
import { ShapeIndex, vnicsFor, type Shape } from '../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { parseCidr, type Cidr } from '../../src/core/cidr.js';
import { planCapacity, planExitCode, type PlanInput } from '../../src/core/plan.js';

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
    expect(r.subnet).toEqual({ cidr: '10.0.0.0/24', usable: 253, required: null, fits: null, utilization: null, smallestPrefix: null, maxNodes: 7 });
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
