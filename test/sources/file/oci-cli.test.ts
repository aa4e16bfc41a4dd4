import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFiles, parseConfigText } from '../../../src/sources/file/index.js';
import { cidrText, pos, problemsOf, tempFiles } from './helpers.js';

const DIR = 'examples/oci-cli';
const FILES = ['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'].map((f) => join(DIR, f));
const VCN = 'ocid1.vcn.oc1.phx.aaaaaaaaqm7d4vbyrtf2cvkwu3ptn6gxmbexbdbhj4xmlq2jwc6fpmyz5ln4hpq';
const WORKERS = 'ocid1.subnet.oc1.phx.aaaaaaaaw5pkxmh2z3snqlfgoiud4yvr7bq6cnt2hxjamlf3q4kwpdzy7oxb2ea';
const PODS = 'ocid1.subnet.oc1.phx.aaaaaaaap3u7nfdl2kqyhe6mxw4g5bzrvtjoa2cs7ufqnh4ymxkdlw6epzrg3iq';
const CLUSTER = 'ocid1.cluster.oc1.phx.aaaaaaaac3mxqzkz4tgfwlr6ypuhtnb2vk5sjxe7do3qm4ilgcyf2zna';

/** 1-based line and column of the first `needle` in a file. */
function where(file: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${file}`);
  return { line: line + 1, column: (lines[line] as string).indexOf(needle) + 1 };
}

describe('OCI CLI JSON: the example outputs, merged into one model', () => {
  const { model, externalRefs, files } = loadConfigFiles(FILES);

  it('reads VCNs and subnets by OCID, named by display name', () => {
    expect(model.vcns.map((v) => [v.ref, v.name, v.cidrBlocks.map(cidrText)])).toEqual([[VCN, 'prod-vcn', ['10.0.0.0/16']]]);
    expect(model.subnets.map((s) => [s.name, s.cidrBlocks.map(cidrText).join(' + '), s.vcn, s.prohibitPublicIpOnVnic, s.availabilityDomain])).toEqual([
      ['oke-api', '10.0.16.0/28', VCN, true, undefined],
      ['oke-workers', '10.0.0.0/20', VCN, true, undefined],
      ['oke-pods', '10.0.64.0/18', VCN, true, undefined],
    ]);
  });

  it('attaches the pools of node-pools.json to the cluster of cluster.json and skips the deleted one', () => {
    const cluster = model.clusters[0]!;
    expect(cluster).toMatchObject({ name: 'prod', ocid: CLUSTER, vcn: VCN, kubernetesVersion: 'v1.30.1', cniType: 'OCI_VCN_IP_NATIVE', ipv6: false });
    expect(cidrText(cluster.servicesCidr)).toBe('10.96.0.0/16');
    expect(cluster.nodePools.map((p) => p.name)).toEqual(['general', 'memory']);
    expect(cluster.nodePools[0]).toMatchObject({
      type: 'managed',
      shape: 'VM.Standard.E4.Flex',
      ocpus: 4,
      size: 3,
      maxSize: 3,
      maxSurge: 1,
      maxPodsPerNode: 64,
      workerSubnets: [WORKERS],
      podSubnets: [PODS],
      image: 'Oracle-Linux-8.10-2024.09.30-0-OKE-1.30.1-747',
      kubernetesVersion: 'v1.30.1',
    });
    expect(cluster.nodePools[1]).toMatchObject({ shape: 'VM.Standard.E5.Flex', ocpus: 8, size: 2, maxPodsPerNode: 110 });
  });

  it('points positions at the name keys and attribute keys of each file', () => {
    const pools = join(DIR, 'node-pools.json');
    const general = model.clusters[0]!.nodePools[0]!;
    const nameAt = where(pools, '"name": "general"');
    expect(general.at['']).toEqual(pos(pools, nameAt.line, nameAt.column));
    const maxPods = where(pools, '"max-pods-per-node"');
    expect(general.at['maxPodsPerNode']).toEqual(pos(pools, maxPods.line, maxPods.column));
    const subnets = join(DIR, 'subnets.json');
    const workersName = where(subnets, '"display-name": "oke-workers"');
    expect(model.subnets[1]!.at['']).toEqual(pos(subnets, workersName.line, workersName.column));
  });

  it('lists the files and no external refs', () => {
    expect(files).toEqual(FILES);
    expect(externalRefs).toEqual({ vcns: [], subnets: [] });
  });

  it('gives the same model whatever the order of the files', () => {
    const reversed = loadConfigFiles([...FILES].reverse()).model;
    expect(reversed.clusters[0]!.nodePools.map((p) => [p.name, p.workerSubnets, p.podSubnets])).toEqual(
      model.clusters[0]!.nodePools.map((p) => [p.name, p.workerSubnets, p.podSubnets]),
    );
  });
});

describe('OCI CLI JSON: partial sets', () => {
  it('keeps subnets and VCNs no file defines as external refs (for --live, and for not-checked)', () => {
    const files = [join(DIR, 'cluster.json'), join(DIR, 'node-pools.json')];
    const { model, externalRefs } = loadConfigFiles(files);
    expect(externalRefs).toEqual({ vcns: [VCN], subnets: [WORKERS, PODS] });
    expect(model.subnets).toEqual([]);
    expect(model.clusters[0]!.vcn).toBe(VCN);
    expect(model.clusters[0]!.nodePools[0]!.podSubnets).toEqual([PODS]);
  });

  it('node pools whose cluster is in no file join a stand-in cluster whose CNI, version and VCN are unknown', () => {
    const file = join(DIR, 'node-pools.json');
    const { model } = loadConfigFiles([file, join(DIR, 'subnets.json'), join(DIR, 'vcns.json')]);
    expect(model.clusters).toHaveLength(1);
    const standIn = model.clusters[0]!;
    expect(standIn.name).toMatch(/^ocid1\.cluster\./);
    expect(Object.keys(standIn.unknown ?? {}).sort()).toEqual(['kubernetesVersion', 'servicesCidr', 'vcn']);
    // The pools say OCI_VCN_IP_NATIVE, which is the cluster's CNI: their own checks run.
    expect(standIn.cniType).toBe('OCI_VCN_IP_NATIVE');
    expect(standIn.nodePools).toHaveLength(2);
  });

  it('reports an OCI object defined twice across files', () => {
    const dir = tempFiles({ 'again.json': readFileSync(join(DIR, 'vcns.json'), 'utf8') });
    const lines = problemsOf(() => loadConfigFiles([join(DIR, 'vcns.json'), join(dir, 'again.json')]));
    const name = where(join(DIR, 'vcns.json'), '"display-name"');
    expect(lines).toEqual([
      `${join(dir, 'again.json')}:${name.line}:${name.column}: VCN "${VCN}" is defined twice (first at ${join(DIR, 'vcns.json')}:${name.line}:${name.column}); files given together form one model: define each object in one file, or lint independent configs in separate runs`,
    ]);
  });
});

describe('OCI CLI JSON: single objects and problems', () => {
  it('reads a get output ({"data": {...}}) with a percentage surge and a virtual node pool list', () => {
    const cluster = JSON.stringify({ data: { id: CLUSTER, name: 'c', 'vcn-id': VCN, 'kubernetes-version': 'v1.31.1', options: { 'ip-families': ['IPv6'] } } });
    const vcn = JSON.stringify({ data: { id: VCN, 'display-name': 'v', 'cidr-block': '10.0.0.0/16' } });
    const subnets = JSON.stringify({
      data: [{ id: PODS, 'display-name': 'p', 'vcn-id': VCN, 'cidr-block': '10.0.64.0/18', 'prohibit-public-ip-on-vnic': true }],
    });
    const pools = JSON.stringify({
      data: [
        {
          id: 'ocid1.virtualnodepool.oc1.phx.aaaaaaaavnp',
          'display-name': 'burst',
          'cluster-id': CLUSTER,
          size: 4,
          'placement-configurations': [{ 'availability-domain': 'Uocm:PHX-AD-1', 'subnet-id': PODS }],
          'pod-configuration': { 'subnet-id': PODS, shape: 'Pod.Standard.E4.Flex', 'nsg-ids': ['ocid1.networksecuritygroup.oc1.phx.aaaaaaaansg'] },
          'virtual-node-pool-cycling-details': { 'maximum-surge': '50%' },
        },
      ],
    });
    const dir = tempFiles({ 'c.json': cluster, 'v.json': vcn, 's.json': subnets, 'p.json': pools });
    const { model } = loadConfigFiles(['c.json', 'v.json', 's.json', 'p.json'].map((f) => join(dir, f)));
    expect(model.vcns[0]!.cidrBlocks.map(cidrText)).toEqual(['10.0.0.0/16']);
    expect(model.clusters[0]!.ipv6).toBe(true);
    expect(model.clusters[0]!.nodePools[0]).toMatchObject({
      name: 'burst',
      type: 'virtual',
      shape: 'Pod.Standard.E4.Flex',
      size: 4,
      maxSurge: 2, // 50% of 4
      workerSubnets: [PODS],
      podSubnets: [PODS],
      podNsgIds: ['ocid1.networksecuritygroup.oc1.phx.aaaaaaaansg'],
      kubernetesVersion: 'v1.31.1',
    });
  });

  it('reports objects that are none of the kinds it reads, missing ids and wrong types', () => {
    const text = [
      '{', // 1
      '  "data": [', // 2
      '    {"id": "ocid1.routetable.oc1.phx.aaaa", "display-name": "rt"},', // 3
      '    {"display-name": "v", "cidr-blocks": ["10.0.0.0/16"]},', // 4
      '    {"id": "ocid1.subnet.oc1.phx.aaaa", "vcn-id": "ocid1.vcn.oc1.phx.aaaa", "cidr-block": "10.0.0.0/20", "prohibit-public-ip-on-vnic": "true"}', // 5
      '  ]',
      '}',
    ].join('\n');
    expect(problemsOf(() => parseConfigText(text, 'mixed.json'))).toEqual([
      'mixed.json:3:5: data[0]: not a VCN, subnet, cluster or node pool; expected the output of "oci network vcn|subnet get|list" or "oci ce cluster|node-pool|virtual-node-pool get|list"',
      'mixed.json:4:5: data[1]: missing "id" (the OCID other objects refer to)',
      'mixed.json:5:136: data[2].prohibit-public-ip-on-vnic: expected true or false, got string "true"',
    ]);
  });
});

describe('mixed formats: an oke-cni config on top of OCI CLI output', () => {
  const dir = 'test/fixtures/config-mixed';

  it('resolves OCIDs written in the config to the objects of the CLI file, and the CLI subnets to the config VCN by OCID', () => {
    const { model } = loadConfigFiles([join(dir, 'cluster.yaml'), join(dir, 'network.json')]);
    expect(model.subnets.map((s) => [s.name, s.ref, s.vcn])).toEqual([
      ['nodes', 'ocid1.subnet.oc1.iad.aaaaaaaanodes', 'existing-vcn'],
      ['pods', 'ocid1.subnet.oc1.iad.aaaaaaaapods', 'existing-vcn'],
    ]);
    expect(model.clusters[0]!.nodePools[0]).toMatchObject({
      workerSubnets: ['ocid1.subnet.oc1.iad.aaaaaaaanodes'],
      podSubnets: ['ocid1.subnet.oc1.iad.aaaaaaaapods'],
      maxSize: 12,
    });
    expect(model.clusters[0]!.nodePools[0]!.at['subnet']).toEqual(pos(join(dir, 'cluster.yaml'), 18, 9));
  });

  it('without the network file, the subnets are external refs', () => {
    const { externalRefs } = loadConfigFiles([join(dir, 'cluster.yaml')]);
    expect(externalRefs).toEqual({ vcns: [], subnets: ['ocid1.subnet.oc1.iad.aaaaaaaanodes', 'ocid1.subnet.oc1.iad.aaaaaaaapods'] });
  });
});

describe('OCI CLI JSON: the CNI of a cluster that names none', () => {
  const VCN_ID = 'ocid1.vcn.oc1.phx.aaaaold';
  const SUBNET_ID = 'ocid1.subnet.oc1.phx.aaaaold';
  const CLUSTER_ID = 'ocid1.cluster.oc1.phx.aaaaold';
  const objects = (poolOptions: object | undefined) =>
    JSON.stringify({
      data: [
        { id: VCN_ID, 'display-name': 'old-vcn', 'cidr-blocks': ['10.9.0.0/16'], 'lifecycle-state': 'AVAILABLE' },
        { id: SUBNET_ID, 'display-name': 'old-subnet', 'vcn-id': VCN_ID, 'cidr-block': '10.9.0.0/20', 'prohibit-public-ip-on-vnic': true, 'lifecycle-state': 'AVAILABLE' },
        // a cluster from before VCN-native pod networking: no cluster-pod-network-options
        { id: CLUSTER_ID, name: 'old', 'vcn-id': VCN_ID, 'kubernetes-version': 'v1.30.1', 'lifecycle-state': 'ACTIVE' },
        {
          id: 'ocid1.nodepool.oc1.phx.aaaaold',
          name: 'pool',
          'cluster-id': CLUSTER_ID,
          'node-shape': 'VM.Standard2.1',
          'node-config-details': {
            size: 1,
            'placement-configs': [{ 'availability-domain': 'AD-1', 'subnet-id': SUBNET_ID }],
            ...(poolOptions ? { 'node-pool-pod-network-option-details': poolOptions } : {}),
          },
          'lifecycle-state': 'ACTIVE',
        },
      ],
    });

  it('is flannel, the API default, when neither the cluster nor its pools name one', () => {
    const { model } = parseConfigText(objects(undefined), 'old.json');
    expect(model.clusters[0]!.cniType).toBe('FLANNEL_OVERLAY');
  });

  it("is taken from the pools' pod network options when they name one", () => {
    const { model } = parseConfigText(objects({ 'cni-type': 'OCI_VCN_IP_NATIVE', 'max-pods-per-node': 31, 'pod-subnet-ids': [SUBNET_ID] }), 'new.json');
    expect(model.clusters[0]!.cniType).toBe('OCI_VCN_IP_NATIVE');
  });
});

describe('OCI CLI JSON: several CIDR blocks, multi-AD placements, the oke-cni-max-nodes tag (oci-objects.ts)', () => {
  const VCN_ID = 'ocid1.vcn.oc1.phx.aaaamulti';
  const A = 'ocid1.subnet.oc1.phx.aaaaad1';
  const B = 'ocid1.subnet.oc1.phx.aaaaad2';
  const PODS2 = 'ocid1.subnet.oc1.phx.aaaapods2';
  const CLUSTER_ID = 'ocid1.cluster.oc1.phx.aaaamulti';
  const text = JSON.stringify({
    data: [
      { id: VCN_ID, 'display-name': 'v', 'cidr-blocks': ['10.9.0.0/16'] },
      { id: A, 'display-name': 'ad1', 'vcn-id': VCN_ID, 'cidr-block': '10.9.0.0/20', 'prohibit-public-ip-on-vnic': true },
      { id: B, 'display-name': 'ad2', 'vcn-id': VCN_ID, 'cidr-block': '10.9.16.0/20', 'prohibit-public-ip-on-vnic': true },
      { id: PODS2, 'display-name': 'pods', 'vcn-id': VCN_ID, 'cidr-block': '10.9.64.0/24', 'ipv4-cidr-blocks': ['10.9.64.0/24', '10.9.65.0/24'], 'prohibit-public-ip-on-vnic': true },
      { id: CLUSTER_ID, name: 'c', 'vcn-id': VCN_ID, 'kubernetes-version': 'v1.30.1' },
      {
        id: 'ocid1.nodepool.oc1.phx.aaaamulti',
        name: 'p',
        'cluster-id': CLUSTER_ID,
        'node-shape': 'VM.Standard.E4.Flex',
        'node-shape-config': { ocpus: 4 },
        'freeform-tags': { team: 'x' },
        'defined-tags': { Ops: { 'oke-cni-max-nodes': '2' } },
        'node-config-details': {
          size: 4,
          'placement-configs': [
            { 'availability-domain': 'AD-1', 'subnet-id': A },
            { 'availability-domain': 'AD-2', 'subnet-id': B },
            { 'availability-domain': 'AD-3', 'subnet-id': A },
          ],
          'node-pool-pod-network-option-details': { 'cni-type': 'OCI_VCN_IP_NATIVE', 'max-pods-per-node': 31, 'pod-subnet-ids': [PODS2] },
        },
      },
    ],
  });

  it('reads cidr-block and ipv4-cidr-blocks as one list, every placement subnet once, and keeps a stale tag raw', () => {
    const { model } = parseConfigText(text, 'multi.json');
    expect(model.subnets.map((s) => [s.name, s.cidrBlocks.map(cidrText)])).toEqual([
      ['ad1', ['10.9.0.0/20']],
      ['ad2', ['10.9.16.0/20']],
      ['pods', ['10.9.64.0/24', '10.9.65.0/24']],
    ]);
    expect(model.clusters[0]!.nodePools[0]).toMatchObject({ workerSubnets: [A, B], size: 4, maxSize: 4, maxNodesTag: '2' });
  });
});
