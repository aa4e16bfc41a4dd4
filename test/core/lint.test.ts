import { describe, expect, test } from 'vitest';
import { UserError, UserErrors } from '../../src/core/errors.js';
import { compareFindings } from '../../src/core/lint.js';
import { runLint, suggestRuleIds } from '../../src/rules/index.js';
import type { Finding } from '../../src/core/finding.js';
import type { Model } from '../../src/core/model.js';
import { cidr, cluster, model, network, pool, positions, shapes, subnet, vcn } from '../rules/build.js';

/** A model with findings of several rules at known places. */
function troubled(): Model {
  return model(network([], { pods: { cidrBlock: '10.0.64.0/24', prohibitPublicIpOnVnic: false } }), [
    cluster(30, { name: 'prod', kubernetesVersion: 'v1.21.0' }, [
      pool(40, { name: 'general', size: 10, ocpus: 2, maxPodsPerNode: 64 }),
      pool(50, { name: 'typo', shape: 'VM.Standard.E4.Flx' }),
    ]),
  ]);
}

const summary = (findings: Finding[]) =>
  findings.map((f) => `${f.location.kind === 'file' ? `${f.location.line}:${f.location.column}` : f.location.ocid} ${f.ruleId}`);

describe('runLint', () => {
  test('findings are sorted by file, line, column, then rule id', () => {
    expect(summary(runLint(troubled(), shapes))).toEqual([
      '12:5 pod-subnet-capacity',
      '13:5 pod-subnet-private',
      '31:5 kubernetes-version',
      '43:9 max-pods-shape',
      '51:9 unknown-shape',
    ]);
  });

  test('sorting: files by name, file locations before OCI resources, rule id breaks ties', () => {
    const at = (file: string, line: number, column: number) => ({ kind: 'file' as const, file, line, column });
    const base = { severity: 'error' as const, message: '', remediation: '' };
    const list: Finding[] = [
      { ...base, ruleId: 'b', location: { kind: 'oci', resourceType: 'subnet', ocid: 'ocid1.subnet..b' } },
      { ...base, ruleId: 'z', location: at('b.yaml', 1, 1) },
      { ...base, ruleId: 'b', location: at('a.yaml', 2, 3) },
      { ...base, ruleId: 'a', location: at('a.yaml', 2, 3) },
      { ...base, ruleId: 'a', location: at('a.yaml', 2, 1) },
      { ...base, ruleId: 'a', location: { kind: 'oci', resourceType: 'subnet', ocid: 'ocid1.subnet..a' } },
      { ...base, ruleId: 'a', location: { kind: 'oci', resourceType: 'cluster', ocid: 'ocid1.cluster..z' } },
    ];
    const sorted = [...list].sort(compareFindings).map((f) =>
      f.location.kind === 'file' ? `${f.location.file}:${f.location.line}:${f.location.column} ${f.ruleId}` : `${f.location.ocid} ${f.ruleId}`,
    );
    expect(sorted).toEqual([
      'a.yaml:2:1 a',
      'a.yaml:2:3 a',
      'a.yaml:2:3 b',
      'b.yaml:1:1 z',
      'ocid1.cluster..z a',
      'ocid1.subnet..a a',
      'ocid1.subnet..b b',
    ]);
  });

  test('findings carry the rule\'s severity and generic remediation unless the rule gives a specific one', () => {
    const byRule = new Map(runLint(troubled(), shapes).map((f) => [f.ruleId, f]));
    expect(byRule.get('pod-subnet-private')?.severity).toBe('error');
    expect(byRule.get('pod-subnet-private')?.remediation).toBe('Use a private subnet (prohibitPublicIpOnVnic: true) as the pod subnet.');
    expect(byRule.get('kubernetes-version')?.remediation).toBe('Upgrade the cluster to Kubernetes 1.22 or later, or use the flannel CNI.');
  });

  test('--disable switches rules off for the run', () => {
    expect(summary(runLint(troubled(), shapes, { disable: ['pod-subnet-private', 'unknown-shape'] }))).toEqual([
      '12:5 pod-subnet-capacity',
      '31:5 kubernetes-version',
      '43:9 max-pods-shape',
    ]);
  });

  test('disableRules on a pool, on its cluster (covers its pools) and on a subnet', () => {
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/24', prohibitPublicIpOnVnic: false, disableRules: ['pod-subnet-capacity'] } }), [
      cluster(30, { name: 'prod', kubernetesVersion: 'v1.21.0', disableRules: ['unknown-shape', 'kubernetes-version'] }, [
        pool(40, { name: 'general', size: 10, ocpus: 2, maxPodsPerNode: 64, disableRules: ['max-pods-shape'] }),
        pool(50, { name: 'typo', shape: 'VM.Standard.E4.Flx' }),
      ]),
    ]);
    expect(summary(runLint(m, shapes))).toEqual(['13:5 pod-subnet-private']);
  });

  test('a pool disabling a rule does not silence other pools', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'a', ocpus: 2, maxPodsPerNode: 64, disableRules: ['max-pods-shape'] }),
        pool(50, { name: 'b', ocpus: 2, maxPodsPerNode: 64 }),
      ]),
    ]);
    expect(summary(runLint(m, shapes))).toEqual(['52:9 max-pods-shape']);
  });

  test('an unknown id in --disable is a UserError with "did you mean"', () => {
    let caught: unknown;
    try {
      runLint(troubled(), shapes, { disable: ['pod-subnet-capacty'] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).line()).toBe('--disable: unknown rule "pod-subnet-capacty"; did you mean "pod-subnet-capacity"?');
  });

  test('an unknown id in disableRules names the object and its place', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', disableRules: ['max-pod-range'] })])]);
    expect(() => runLint(m, shapes)).toThrow(UserError);
    expect(() => runLint(m, shapes)).toThrow('unknown rule "max-pod-range" in disableRules of node pool prod/general; did you mean "max-pods-range"?');
    try {
      runLint(m, shapes);
    } catch (e) {
      // disableRules is the pool's second key written: line 41
      expect((e as UserError).line()).toBe(
        'config.yaml:41:9: unknown rule "max-pod-range" in disableRules of node pool prod/general; did you mean "max-pods-range"?',
      );
    }
  });

  test('several unknown ids are reported together, one line each', () => {
    const m = model(network([], { pods: { disableRules: ['nonsense-rule-xyz'] } }), [cluster(30, { name: 'prod', disableRules: ['ipv6-polcy'] })]);
    let caught: unknown;
    try {
      runLint(m, shapes, { disable: ['headroom'] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserErrors);
    expect((caught as UserErrors).lines).toEqual([
      '--disable: unknown rule "headroom"; `oke-cni rules` lists them',
      'config.yaml:13:5: unknown rule "nonsense-rule-xyz" in disableRules of subnet "pods"; `oke-cni rules` lists them',
      'config.yaml:31:5: unknown rule "ipv6-polcy" in disableRules of cluster prod; did you mean "ipv6-policy"?',
    ]);
  });

  test('headroomPercent reaches pod-subnet-headroom; values outside (0, 100] are input errors', () => {
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/23' } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', size: 9 })])]);
    // 10 nodes x 32 = 320 of 509 = 62.9%
    expect(summary(runLint(m, shapes))).toEqual([]);
    expect(summary(runLint(m, shapes, { headroomPercent: 60 }))).toEqual(['12:5 pod-subnet-headroom']);
    expect(() => runLint(m, shapes, { headroomPercent: 0 })).toThrow(UserError);
    expect(() => runLint(m, shapes, { headroomPercent: 101 })).toThrow('the headroom threshold must be a percentage above 0 and at most 100, not 101');
    expect(() => runLint(m, shapes, { headroomPercent: Number.NaN })).toThrow(UserError);
  });

  test('flannel clusters get no pod-networking findings, only the network-wide rules', () => {
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/30', prohibitPublicIpOnVnic: false, availabilityDomain: 'AD-1' } }), [
      cluster(30, { name: 'old', cniType: 'FLANNEL_OVERLAY', kubernetesVersion: 'v1.20.0', servicesCidr: '10.0.0.0/16', serviceMesh: 'linkerd', compartmentId: 'c1', ipv6: true }, [
        pool(40, { name: 'p', shape: 'VM.Standard.E2.1.Micro', ocpus: undefined, size: 50, maxPodsPerNode: 500, podSubnets: ['pods', 'workers'], compartmentId: 'c2', image: 'Oracle-Linux-8.9-2021.01.01-0-OKE-1.20.0-1' }),
      ]),
    ]);
    expect(runLint(m, shapes).map((f) => f.ruleId)).toEqual(['services-cidr-overlap']);
  });

  test('virtual node pools: no VNIC formula, their own pod ceiling and capacity model', () => {
    const m = model(network([], { pods: { cidrBlock: '10.0.64.0/24' } }), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'virt', type: 'virtual', shape: 'Pod.Standard.E4.Flex', size: 2, maxPodsPerNode: 100 })]),
    ]);
    // 3 virtual nodes x 100 pods = 300 > 253 usable; no max-pods-range (100 <= 1000), no shape rules
    const found = runLint(m, shapes);
    expect(found.map((f) => f.ruleId)).toEqual(['pod-subnet-capacity']);
    expect(found[0]?.message).toContain('prod/virt: 3 virtual nodes x 100 = 300');
  });

  // Speed is measured by `npm run bench` (2,000 and 20,000 pools), not asserted here.
  test('a 2,000-pool, 1,000-subnet model: one capacity finding per shared pod subnet, no false overlaps', () => {
    // 1,000 /26 subnets tiling 10.0.0.0/16 (10.0.0.0/26, 10.0.0.64/26, ...), one VCN
    const subnets = Array.from({ length: 1000 }, (_, i) =>
      subnet(100 + i * 10, { name: `s${i}`, cidrBlock: `10.0.${Math.floor(i / 4)}.${(i % 4) * 64}/26` }),
    );
    const vcns = [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16'] })];
    // 100 clusters x 20 pools; every subnet is the pod subnet of two pools: 2 x 4 nodes x 32 = 256 > 61 usable
    const clusters = Array.from({ length: 100 }, (_, c) =>
      cluster(20_000 + c * 1000, { name: `c${c}`, compartmentId: 'c1' }, Array.from({ length: 20 }, (_, p) => {
        const i = (c * 20 + p) % 1000;
        return pool(20_000 + c * 1000 + p * 40, { name: `p${p}`, subnet: `s${i}`, podSubnets: [`s${(i + 1) % 1000}`], compartmentId: p % 2 ? 'c1' : 'c2' });
      })),
    );
    const m = model({ vcns, subnets }, clusters);
    const found = runLint(m, shapes);
    const count = (id: string) => found.filter((f) => f.ruleId === id).length;
    expect(count('pod-subnet-capacity')).toBe(1000);
    expect(count('cross-compartment-policy')).toBe(100);
    expect(count('subnet-overlap')).toBe(0);
  });

  test('suggestRuleIds finds near misses only', () => {
    expect(suggestRuleIds('pod-subnet-headrom')).toEqual(['pod-subnet-headroom']);
    expect(suggestRuleIds('completely-different-thing')).toEqual([]);
  });
});

test('positions helper and cidr helper behave as the builder documents', () => {
  expect(positions(10, 5, ['name', 'cidrBlock']).cidrBlock).toEqual({ kind: 'file', file: 'config.yaml', line: 11, column: 5 });
  expect(cidr('10.96.0.0/12', true).text).toBe('10.96.0.0/12');
});
