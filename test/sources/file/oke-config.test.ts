import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../../src/core/facts.js';
import { parseConfigText } from '../../../src/sources/file/index.js';
import { cidrText, pos } from './helpers.js';

const F = 'cluster.yaml';
const VCN_OCID = 'ocid1.vcn.oc1.phx.aaaaaaaavcn';

// Line numbers in the comments are the YAML's; positions below are asserted exactly.
const CONFIG = [
  '# yaml-language-server: $schema=../schema/oke-cni.schema.json', // 1
  'vcns:', // 2
  '  - name: prod-vcn', // 3
  `    ocid: ${VCN_OCID}`, // 4
  '    cidrBlocks: [10.0.0.0/16, 10.1.0.0/16]', // 5
  'subnets:', // 6
  '  - name: workers', // 7
  '    vcn: prod-vcn', // 8
  '    cidrBlock: 10.0.0.0/20', // 9
  '    prohibitPublicIpOnVnic: true', // 10
  '  - name: pods', // 11
  `    vcn: ${VCN_OCID}`, // 12
  '    cidrBlock: 10.0.64.0/18', // 13
  '    availabilityDomain: Uocm:PHX-AD-1', // 14
  '    ipv6CidrBlocks: [2603:c020:4:2a00::/64]', // 15
  '    disableRules: [pod-subnet-regional, no-such-rule]', // 16
  'clusters:', // 17
  '  - name: prod', // 18
  '    vcn: prod-vcn', // 19
  '    kubernetesVersion: v1.30.1', // 20
  '    ipFamilies: [IPv4, IPv6]', // 21
  '    serviceMesh: istio-addon', // 22
  '    compartmentId: ocid1.compartment.oc1..aaaaaaaacomp', // 23
  '    nodePools:', // 24
  '      - name: general', // 25
  '        shape: VM.Standard.E4.Flex', // 26
  '        ocpus: 4', // 27
  '        size: 10', // 28
  '        maxSize: 20', // 29
  '        maxSurge: 25%', // 30
  '        maxPodsPerNode: 64', // 31
  '        subnet: workers', // 32
  '        podSubnets: [pods]', // 33
  '        nsgIds: [ocid1.networksecuritygroup.oc1.phx.aaaaaaaansg]', // 34
  '        image: Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679', // 35
  '        kubernetesVersion: 1.29.1', // 36
  '        disableRules: [max-pods-shape]', // 37
  '      - name: burst', // 38
  '        type: virtual', // 39
  '        size: 2', // 40
  '        podSubnets: [pods]', // 41
  '',
].join('\n');

describe('oke-cni config: model values', () => {
  const { model, externalRefs, files } = parseConfigText(CONFIG, F);

  it('reads the VCN with every CIDR block', () => {
    expect(model.vcns).toHaveLength(1);
    const vcn = model.vcns[0]!;
    expect(vcn.ref).toBe('prod-vcn');
    expect(vcn.name).toBe('prod-vcn');
    expect(vcn.ocid).toBe(VCN_OCID);
    expect(vcn.cidrBlocks.map(cidrText)).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(vcn.cidrBlocks[0]!.start).toBe(167772160n);
  });

  it('applies subnet defaults and resolves a VCN referenced by OCID to its name', () => {
    const [workers, pods] = model.subnets;
    expect(workers).toMatchObject({ ref: 'workers', vcn: 'prod-vcn', prohibitPublicIpOnVnic: true, availabilityDomain: undefined });
    expect(workers!.ipv6CidrBlocks).toEqual([]);
    expect(workers!.disabledRules).toEqual([]);
    expect(pods).toMatchObject({
      ref: 'pods',
      vcn: 'prod-vcn',
      // unset means public, as in OCI
      prohibitPublicIpOnVnic: false,
      availabilityDomain: 'Uocm:PHX-AD-1',
      ipv6CidrBlocks: ['2603:c020:4:2a00::/64'],
      // unknown rule ids are kept as given: the lint command checks them
      disabledRules: ['pod-subnet-regional', 'no-such-rule'],
    });
    expect(pods!.cidrBlocks.map(cidrText)).toEqual(['10.0.64.0/18']);
  });

  it('reads the cluster with its defaults', () => {
    const cluster = model.clusters[0]!;
    expect(cluster).toMatchObject({
      name: 'prod',
      vcn: 'prod-vcn',
      kubernetesVersion: 'v1.30.1',
      cniType: 'OCI_VCN_IP_NATIVE',
      ipv6: true,
      serviceMesh: 'istio-addon',
      compartmentId: 'ocid1.compartment.oc1..aaaaaaaacomp',
      disabledRules: [],
    });
    expect(cidrText(cluster.servicesCidr)).toBe('10.96.0.0/16');
    expect(cluster.nodePools.map((p) => p.name)).toEqual(['general', 'burst']);
  });

  it('reads a managed pool; a percentage surge is rounded up from maxSize', () => {
    const general = model.clusters[0]!.nodePools[0]!;
    expect(general).toMatchObject({
      type: 'managed',
      shape: 'VM.Standard.E4.Flex',
      ocpus: 4,
      size: 10,
      maxSize: 20,
      maxSurge: 5, // 25% of 20
      maxPodsPerNode: 64,
      workerSubnets: ['workers'],
      podSubnets: ['pods'],
      nsgIds: ['ocid1.networksecuritygroup.oc1.phx.aaaaaaaansg'],
      podNsgIds: [],
      image: 'Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679',
      kubernetesVersion: '1.29.1',
      disabledRules: ['max-pods-shape'],
    });
  });

  it('gives a virtual pool the defaults and the cluster version, and no worker subnet', () => {
    const burst = model.clusters[0]!.nodePools[1]!;
    expect(burst).toMatchObject({
      type: 'virtual',
      shape: undefined,
      size: 2,
      maxSize: 2,
      maxSurge: DEFAULT_MAX_SURGE,
      maxPodsPerNode: DEFAULT_MAX_PODS_PER_NODE,
      workerSubnets: [],
      podSubnets: ['pods'],
      kubernetesVersion: 'v1.30.1',
    });
  });

  it('reports no external refs and the file it read', () => {
    expect(externalRefs).toEqual({ vcns: [], subnets: [] });
    expect(files).toEqual([F]);
  });
});

describe('oke-cni config: positions', () => {
  const { model } = parseConfigText(CONFIG, F);

  it("puts at[''] on the name key and at[key] on each key", () => {
    const vcn = model.vcns[0]!;
    expect(vcn.at['']).toEqual(pos(F, 3, 5));
    expect(vcn.at['ocid']).toEqual(pos(F, 4, 5));
    expect(vcn.at['cidrBlocks']).toEqual(pos(F, 5, 5));
    expect(vcn.at['cidrBlocks[1]']).toEqual(pos(F, 5, 31));
    const pods = model.subnets[1]!;
    expect(pods.at['']).toEqual(pos(F, 11, 5));
    expect(pods.at['availabilityDomain']).toEqual(pos(F, 14, 5));
    // absent key: no entry (locate falls back to the object)
    expect(pods.at['prohibitPublicIpOnVnic']).toBeUndefined();
  });

  it('records model field names where the config key differs', () => {
    const cluster = model.clusters[0]!;
    expect(cluster.at['ipFamilies']).toEqual(pos(F, 21, 5));
    expect(cluster.at['ipv6']).toEqual(pos(F, 21, 5));
    expect(model.subnets[1]!.at['disabledRules']).toEqual(pos(F, 16, 5));
  });

  it('gives node pools the positions of their keys and list items', () => {
    const general = model.clusters[0]!.nodePools[0]!;
    expect(general.at['']).toEqual(pos(F, 25, 9));
    expect(general.at['maxPodsPerNode']).toEqual(pos(F, 31, 9));
    expect(general.at['podSubnets']).toEqual(pos(F, 33, 9));
    expect(general.at['podSubnets[0]']).toEqual(pos(F, 33, 22));
    expect(model.clusters[0]!.nodePools[1]!.at['type']).toEqual(pos(F, 39, 9));
  });
});

describe('oke-cni config: YAML features', () => {
  it('honours anchors and << merge keys, own keys winning, positions at the anchored key', () => {
    const text = [
      'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]', // 1
      'subnets:', // 2
      '  - {name: s, vcn: v, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}', // 3
      'clusters:', // 4
      '  - name: c', // 5
      '    vcn: v', // 6
      '    kubernetesVersion: v1.30.1', // 7
      '    nodePools:', // 8
      '      - &defaults', // 9
      '        name: a', // 10
      '        shape: VM.Standard.E4.Flex', // 11
      '        size: 3', // 12
      '        subnet: s', // 13
      '        podSubnets: [s]', // 14
      '      - <<: *defaults', // 15
      '        name: b', // 16
      '        size: 5', // 17
      '',
    ].join('\n');
    const [a, b] = parseConfigText(text, F).model.clusters[0]!.nodePools;
    expect(a).toMatchObject({ name: 'a', size: 3, shape: 'VM.Standard.E4.Flex', podSubnets: ['s'] });
    expect(b).toMatchObject({ name: 'b', size: 5, shape: 'VM.Standard.E4.Flex', workerSubnets: ['s'], podSubnets: ['s'] });
    expect(b!.at['']).toEqual(pos(F, 16, 9));
    expect(b!.at['shape']).toEqual(pos(F, 11, 9));
  });

  it('keeps an unquoted version as written: 1.30.1 is a string in YAML', () => {
    const text = 'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]\nclusters: [{name: c, vcn: v, kubernetesVersion: 1.30.1}]\n';
    expect(parseConfigText(text, F).model.clusters[0]!.kubernetesVersion).toBe('1.30.1');
  });

  it('reads the same structure written as JSON, with JSON positions', () => {
    const json = [
      '{', // 1
      '  "vcns": [{"name": "v", "cidrBlocks": ["10.0.0.0/16"]}],', // 2
      '  "subnets": [{"name": "s", "vcn": "v", "cidrBlock": "10.0.0.0/20", "prohibitPublicIpOnVnic": true}],', // 3
      '  "clusters": [{"name": "c", "vcn": "v", "kubernetesVersion": "v1.30.1", "cniType": "FLANNEL_OVERLAY",', // 4
      '    "servicesCidr": "172.16.0.0/12", "ipv6": false,', // 5
      '    "nodePools": [{"name": "p", "shape": "VM.Standard.E4.Flex", "size": 1, "maxSurge": 0, "subnet": "s"}]}]', // 6
      '}',
    ].join('\n');
    const { model } = parseConfigText(json, 'cluster.json');
    const c = model.clusters[0]!;
    expect(c.cniType).toBe('FLANNEL_OVERLAY');
    expect(cidrText(c.servicesCidr)).toBe('172.16.0.0/12');
    expect(c.nodePools[0]).toMatchObject({ maxSurge: 0, podSubnets: [], workerSubnets: ['s'] });
    expect(c.at['']).toEqual(pos('cluster.json', 4, 17));
    expect(c.nodePools[0]!.at['maxSurge']).toEqual(pos('cluster.json', 6, 76));
    expect(model.subnets[0]!.at['cidrBlock']).toEqual(pos('cluster.json', 3, 41));
  });

  it('accepts rule violations: they are for the rules, not input errors', () => {
    const text = [
      'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]',
      'subnets: [{name: s, vcn: v, cidrBlock: 10.0.0.0/20}, {name: t, vcn: v, cidrBlock: 10.0.0.0/24}]',
      'clusters:',
      '  - {name: c, vcn: v, kubernetesVersion: v1.20.0, nodePools: [',
      '      {name: a, shape: VM.NoSuch.Shape, size: 1, maxPodsPerNode: 500, subnet: s, podSubnets: [s, t]},',
      '      {name: b, shape: VM.Standard.E4.Flex, size: 1, maxPodsPerNode: 0, subnet: s}]}',
      '',
    ].join('\n');
    const pools = parseConfigText(text, F).model.clusters[0]!.nodePools;
    expect(pools.map((p) => p.maxPodsPerNode)).toEqual([500, 0]);
    expect(pools[0]!.podSubnets).toEqual(['s', 't']);
  });
});

describe('oke-cni config: subnets with several CIDR blocks', () => {
  const text = (subnetKeys: string) =>
    ['vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]', `subnets: [{name: s, vcn: v, ${subnetKeys}, prohibitPublicIpOnVnic: true}]`, 'clusters: []'].join('\n');

  it('cidrBlocks lists them; with cidrBlock, that one comes first and each block counts once', () => {
    expect(parseConfigText(text('cidrBlocks: [10.0.64.0/24, 10.0.65.0/24]'), 'a.yaml').model.subnets[0]!.cidrBlocks.map(cidrText)).toEqual(['10.0.64.0/24', '10.0.65.0/24']);
    const both = parseConfigText(text('cidrBlock: 10.0.65.0/24, cidrBlocks: [10.0.64.0/24, 10.0.65.0/24]'), 'b.yaml').model.subnets[0]!;
    expect(both.cidrBlocks.map(cidrText)).toEqual(['10.0.65.0/24', '10.0.64.0/24']);
    expect([both.at['cidrBlocks[0]'], both.at['cidrBlocks[1]']]).toEqual([pos('b.yaml', 2, 40), pos('b.yaml', 2, 67)]);
  });
});
