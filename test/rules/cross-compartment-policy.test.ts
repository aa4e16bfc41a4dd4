import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, pool, subnet, vcn, where } from './build.js';

const ID = 'cross-compartment-policy';

const net = (vcnCompartment?: string, podsCompartment?: string) => ({
  vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16'], compartmentId: vcnCompartment })],
  subnets: [
    subnet(3, { name: 'workers', cidrBlock: '10.0.0.0/20', compartmentId: vcnCompartment }),
    subnet(10, { name: 'pods', cidrBlock: '10.0.64.0/18', compartmentId: podsCompartment ?? vcnCompartment }),
  ],
});

describe(ID, () => {
  test('valid: everything in the cluster\'s compartment; cluster compartment unknown', () => {
    expect(findingsOf(ID, model(net('c1'), [cluster(30, { name: 'prod', compartmentId: 'c1' }, [pool(40, { name: 'p', compartmentId: 'c1' })])]))).toEqual([]);
    expect(findingsOf(ID, model(net('n1'), [cluster(30, { name: 'prod' }, [pool(40, { name: 'p', compartmentId: 'c2' })])]))).toEqual([]);
  });

  test('invalid: node pool and network elsewhere; statements filled in, cluster OCID known', () => {
    const m = model(net('n1'), [
      cluster(30, { name: 'prod', compartmentId: 'c1', ocid: 'ocid1.cluster.oc1.phx.aaa' }, [pool(40, { name: 'general', compartmentId: 'c2' })]),
    ]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe('note');
    expect(where(f)).toBe('31:5');
    expect(f.message).toBe(
      'cluster prod is in compartment c1 but node pool prod/general in c2; VCN "prod-vcn" in n1; subnet "workers" in n1; subnet "pods" in n1: ' +
        'VCN-native pod networking needs 3 extra IAM policy statements',
    );
    expect(f.remediation).toBe(
      [
        'Add these statements to an IAM policy:',
        "Allow any-user to manage instances in compartment c2 where all { request.principal.id = 'ocid1.cluster.oc1.phx.aaa' }",
        "Allow any-user to use private-ips in compartment n1 where all { request.principal.id = 'ocid1.cluster.oc1.phx.aaa' }",
        "Allow any-user to use network-security-groups in compartment n1 where all { request.principal.id = 'ocid1.cluster.oc1.phx.aaa' }",
      ].join('\n'),
    );
  });

  test('invalid: only the network elsewhere, in two compartments; no cluster OCID yet', () => {
    const m = model(net('n1', 'n2'), [cluster(30, { name: 'prod', compartmentId: 'c1' }, [pool(40, { name: 'general' })])]);
    const [f] = findingsOf(ID, m);
    expect(f?.remediation).toBe(
      [
        'Add these statements to an IAM policy:',
        "Allow any-user to manage instances in compartment <compartment-ocid-of-nodepool> where all { request.principal.id = '<cluster-ocid>' }",
        "Allow any-user to use private-ips in compartment n1 where all { request.principal.id = '<cluster-ocid>' }",
        "Allow any-user to use network-security-groups in compartment n1 where all { request.principal.id = '<cluster-ocid>' }",
        "Allow any-user to use private-ips in compartment n2 where all { request.principal.id = '<cluster-ocid>' }",
        "Allow any-user to use network-security-groups in compartment n2 where all { request.principal.id = '<cluster-ocid>' }",
        'Replace <cluster-ocid> with the OCID of cluster prod: the input does not give it (OCI assigns it when the cluster is created).',
      ].join('\n'),
    );
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [18, 5, "node pool prod/general in ocid1.compartment.oc1..nodes; VCN \"prod-vcn\" in ocid1.compartment.oc1..network: VCN-native pod networking needs 3 extra IAM policy statements"],
    ]);
  });
});
