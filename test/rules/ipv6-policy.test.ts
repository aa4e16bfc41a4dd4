import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, subnet, vcn, where } from './build.js';

const ID = 'ipv6-policy';

describe(ID, () => {
  test('valid: no IPv6; an IPv6 subnet no pool uses; a flannel cluster', () => {
    const extra = [subnet(20, { name: 'v6', cidrBlock: '10.0.128.0/24', ipv6CidrBlocks: ['2603:c020:1:1::/64'] })];
    const m = model(network(extra), [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })]),
      cluster(50, { name: 'old', cniType: 'FLANNEL_OVERLAY', ipv6: true }, [pool(60, { name: 'x' })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: cluster ipv6, at ipv6, with the network compartment and cluster OCID filled in', () => {
    const parts = {
      vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16'], compartmentId: 'n1' })],
      subnets: [subnet(3, { name: 'workers', cidrBlock: '10.0.0.0/20' }), subnet(10, { name: 'pods', cidrBlock: '10.0.64.0/18' })],
    };
    const m = model(parts, [cluster(30, { name: 'prod', ocid: 'ocid1.cluster.oc1..x', ipv6: true }, [pool(40, { name: 'general' })])]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [f.severity, where(f), f.message, f.remediation])).toEqual([
      [
        'note',
        '32:5',
        'cluster prod has ipv6: true: VCN-native pod networking with IPv6 needs an extra IAM policy statement',
        "Add this statement to an IAM policy:\nAllow any-user to use ipv6s in compartment n1 where all { request.principal.id = 'ocid1.cluster.oc1..x' }",
      ],
    ]);
  });

  test('invalid: a pod subnet with IPv6 blocks, placeholders where nothing is known', () => {
    const m = model(network([], { pods: { ipv6CidrBlocks: ['2603:c020:1:2::/64'] } }), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })])]);
    const [f] = findingsOf(ID, m);
    expect(where(f!)).toBe('30:5');
    expect(f?.message).toBe(
      'cluster prod uses subnets with IPv6 CIDR blocks ("pods" 2603:c020:1:2::/64): VCN-native pod networking with IPv6 needs an extra IAM policy statement',
    );
    expect(f?.remediation).toBe(
      "Add this statement to an IAM policy:\nAllow any-user to use ipv6s in compartment <compartment-ocid-of-network-resources> where all { request.principal.id = '<cluster-ocid>' }\n" +
        'Replace <cluster-ocid> with the OCID of cluster prod: the input does not give it (OCI assigns it when the cluster is created).',
    );
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [18, 5, "cluster prod has ipv6: true"],
    ]);
  });
});
