/** Pure pieces of the live source: API objects -> Model, ListShapes -> catalog file, config file, retry arithmetic. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { catalogProblems, loadCatalogFile } from '../../src/catalog/file.js';
import { UserError } from '../../src/core/errors.js';
import { parseConfigText } from '../../src/sources/oci/config-file.js';
import { mapCluster, mapNodePool, mapSubnet, mapVcn, parseMaxSurge } from '../../src/sources/oci/map.js';
import { maxNodesTagValue } from '../../src/sources/oci-objects.js';
import { catalogFileText, liveCatalog, shapeFromApi } from '../../src/sources/oci/shapes.js';
import { backoffFor, isRetryableStatus, retryAfterSeconds } from '../../src/sources/oci/transport.js';
import { loadWorld } from './harness.js';

function lineOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).line();
  }
  throw new Error('expected a UserError');
}

describe('maximumSurge', () => {
  test.each([
    [undefined, 10, 1],
    ['', 10, 1],
    ['3', 10, 3],
    ['0', 10, 0],
    ['25%', 10, 3],
    ['25%', 2, 1],
    ['100%', 7, 7],
    ['0%', 7, 0],
    ['33.3%', 3, 1],
  ])('%s of a %i-node pool is %i', (value, size, surge) => {
    expect(parseMaxSurge(value, size, 'pool')).toBe(surge);
  });

  test('anything else names the pool', () => {
    expect(lineOf(() => parseMaxSurge('two', 3, 'OCI node pool ocid1.nodepool.x'))).toBe('OCI node pool ocid1.nodepool.x: maximumSurge "two" is neither a whole number nor a percentage');
  });
});

describe('the oke-cni-max-nodes tag', () => {
  test('freeform or defined in any namespace, any case; the Terraform "namespace.key" form too', () => {
    expect(maxNodesTagValue({ 'OKE-CNI-Max-Nodes': '12' }, undefined)).toBe('12');
    expect(maxNodesTagValue({}, { Operations: { 'oke-cni-max-nodes': 20 } })).toBe('20');
    expect(maxNodesTagValue(undefined, new Map([['Operations.oke-cni-max-nodes', '7']]))).toBe('7');
    expect(maxNodesTagValue({ team: 'x' }, { Operations: { CostCenter: '42' } })).toBeUndefined();
  });

  test('a malformed or stale tag is kept raw and leaves maxSize at the size: a finding, not an error', () => {
    const base = { id: 'ocid1.nodepool.oc1.iad.t', name: 't', nodeConfigDetails: { size: 3, placementConfigs: [] } };
    expect(mapNodePool({ ...base, freeformTags: { 'oke-cni-max-nodes': 'ten' } }).pool).toMatchObject({ size: 3, maxSize: 3, maxNodesTag: 'ten', maxSizeSource: undefined });
    expect(mapNodePool({ ...base, freeformTags: { 'oke-cni-max-nodes': '2' } }).pool).toMatchObject({ size: 3, maxSize: 3, maxNodesTag: '2' });
    expect(mapNodePool({ ...base, freeformTags: { 'oke-cni-max-nodes': '9' } }).pool).toMatchObject({ size: 3, maxSize: 9, maxNodesTag: '9', maxSizeSource: 'tag' });
  });
});

describe('node pools, clusters, subnets, VCNs', () => {
  test('a pool from before nodeConfigDetails: quantityPerSubnet in each of subnetIds, flannel', () => {
    const { pool } = mapNodePool({
      id: 'ocid1.nodepool.oc1.iad.old',
      name: 'old',
      nodeShape: 'VM.Standard2.1',
      quantityPerSubnet: 2,
      subnetIds: ['ocid1.subnet.a', 'ocid1.subnet.b', 'ocid1.subnet.c'],
      nodeImageName: 'Oracle-Linux-7.9-2022.08.29-0-OKE-1.24.1-456',
    });
    expect(pool).toMatchObject({ size: 6, maxSize: 6, maxSurge: 1, maxPodsPerNode: 31, workerSubnets: ['ocid1.subnet.a', 'ocid1.subnet.b', 'ocid1.subnet.c'], podSubnets: [], image: 'Oracle-Linux-7.9-2022.08.29-0-OKE-1.24.1-456' });
  });

  test('a flannel pool in nodeConfigDetails has no pod subnets', () => {
    const { pool } = mapNodePool({
      id: 'ocid1.nodepool.oc1.iad.fl',
      name: 'fl',
      nodeConfigDetails: { size: 4, placementConfigs: [], nodePoolPodNetworkOptionDetails: { cniType: 'FLANNEL_OVERLAY' } },
    });
    expect(pool).toMatchObject({ size: 4, podSubnets: [], podNsgIds: [], maxPodsPerNode: 31, workerSubnets: [] });
  });

  test('clusters: no pod network option means flannel; IPv6 in ipFamilies; unknown CNI and missing fields are errors', () => {
    const base = loadWorld('clean').clusters[0]!;
    const { clusterPodNetworkOptions: _none, ...old } = base;
    expect(mapCluster(old, []).cniType).toBe('FLANNEL_OVERLAY');
    expect(mapCluster({ ...base, options: { ...(base.options as object), ipFamilies: ['IPv4', 'IPv6'] as never } }, []).ipv6).toBe(true);
    expect(lineOf(() => mapCluster({ ...base, clusterPodNetworkOptions: [{ cniType: 'CILIUM' }] }, []))).toBe(
      'OCI cluster ocid1.cluster.oc1.iad.aaaaclean: unknown CNI type "CILIUM"',
    );
    expect(lineOf(() => mapCluster({ ...base, options: {} }, []))).toBe(
      'OCI cluster ocid1.cluster.oc1.iad.aaaaclean: the API returned no options.kubernetesNetworkConfig.servicesCidr',
    );
    // No option, but VCN-native pools: the cluster is VCN-native, as the file readers decide (oci-objects.ts).
    const nativePool = mapNodePool({
      id: 'ocid1.nodepool.oc1.iad.n',
      name: 'n',
      nodeConfigDetails: { size: 1, placementConfigs: [], nodePoolPodNetworkOptionDetails: { cniType: 'OCI_VCN_IP_NATIVE', podSubnetIds: ['ocid1.subnet.p'] } as never },
    });
    expect(mapCluster(old, [nativePool]).cniType).toBe('OCI_VCN_IP_NATIVE');
    expect(mapCluster(old, [nativePool]).nodePools.map((p) => p.name)).toEqual(['n']);
    // Services CIDRs are not subnets: any prefix is fine.
    expect(mapCluster({ ...base, options: { kubernetesNetworkConfig: { servicesCidr: '10.96.0.0/12' } } }, []).servicesCidr.text).toBe('10.96.0.0/12');
  });

  test('subnets: unset prohibitPublicIpOnVnic is public; AD-specific; IPv6 in either field', () => {
    const s = mapSubnet(
      { id: 'ocid1.subnet.x', compartmentId: 'c', vcnId: 'v', cidrBlock: '10.0.0.0/24', availabilityDomain: 'Uocm:PHX-AD-1', ipv6CidrBlock: '2603:c020::/64', lifecycleState: 'AVAILABLE' as never, routeTableId: 'r', virtualRouterMac: 'm' },
      'vcn-ref',
    );
    expect(s).toMatchObject({ ref: 'ocid1.subnet.x', name: 'ocid1.subnet.x', vcn: 'vcn-ref', prohibitPublicIpOnVnic: false, availabilityDomain: 'Uocm:PHX-AD-1', ipv6CidrBlocks: ['2603:c020::/64'] });
    const two = mapSubnet({ id: 'ocid1.subnet.t', compartmentId: 'c', vcnId: 'v', cidrBlock: '10.0.0.0/24', ipv4CidrBlocks: ['10.0.0.0/24', '10.0.1.0/24'], lifecycleState: 'AVAILABLE' as never, routeTableId: 'r', virtualRouterMac: 'm' }, 'v');
    expect(two.cidrBlocks.map((c) => c.text)).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(lineOf(() => mapSubnet({ ...s, id: 'ocid1.subnet.y', cidrBlock: '10.0.0.0/8' } as never, 'v'))).toBe(
      'OCI subnet ocid1.subnet.y: cidrBlock: "10.0.0.0/8" is outside OCI\'s allowed sizes /16 to /30',
    );
  });

  test('VCNs: every CIDR block, falling back to the single cidrBlock', () => {
    const vcn = { id: 'ocid1.vcn.x', compartmentId: 'c', cidrBlock: '10.0.0.0/16', cidrBlocks: ['10.0.0.0/16', '172.16.0.0/16'], lifecycleState: 'AVAILABLE' as never };
    expect(mapVcn(vcn).cidrBlocks.map((c) => c.text)).toEqual(['10.0.0.0/16', '172.16.0.0/16']);
    expect(mapVcn({ ...vcn, cidrBlocks: [] }).cidrBlocks.map((c) => c.text)).toEqual(['10.0.0.0/16']);
  });
});

describe('ListShapes -> catalog', () => {
  test('fixed and flexible shapes, and why a shape is left out', () => {
    expect(shapeFromApi({ shape: 'VM.Standard2.2', ocpus: 2, memoryInGBs: 30, maxVnicAttachments: 2 })).toEqual({
      shape: { name: 'VM.Standard2.2', kind: 'vm', family: 'standard', ocpus: 2, memoryGb: 30, vnics: 2 },
    });
    expect(shapeFromApi({ shape: 'BM.DenseIO.E4.128', maxVnicAttachments: 256, ocpus: 128 })).toEqual({
      shape: { name: 'BM.DenseIO.E4.128', kind: 'bm', family: 'dense-io', ocpus: 128, vnics: 256 },
    });
    expect(shapeFromApi({ shape: 'VM.Optimized3.Flex', isFlexible: true, ocpuOptions: { min: 1, max: 18 }, maxVnicAttachmentOptions: { min: 2, max: 24, defaultPerOcpu: 1 } })).toEqual({
      shape: { name: 'VM.Optimized3.Flex', kind: 'vm', family: 'optimized', flex: { minOcpus: 1, maxOcpus: 18, vnics: { min: 2, perOcpu: 1, max: 24 } } },
    });
    expect(shapeFromApi({ shape: 'VM.X.Flex', isFlexible: true, ocpuOptions: { min: 1, max: 4 } })).toEqual({
      skipped: 'VM.X.Flex: flexible shape without maxVnicAttachmentOptions {min, max, defaultPerOcpu}',
    });
    expect(shapeFromApi({ shape: 'VM.Y.Flex', maxVnicAttachmentOptions: { min: 2, max: 4, defaultPerOcpu: 1 } })).toEqual({ skipped: 'VM.Y.Flex: flexible shape without ocpuOptions {min, max}' });
    expect(shapeFromApi({ shape: 'VM.Z.1' })).toEqual({ skipped: 'VM.Z.1: fixed shape without maxVnicAttachments' });
  });

  test('the written file passes catalogProblems and loads back with --catalog unchanged', () => {
    const world = loadWorld('clean');
    const { catalog, skipped } = liveCatalog(world.shapes as never, 'https://iaas.us-ashburn-1.oraclecloud.com/20160918 ListShapes (compartment ocid1.compartment.oc1..aaaaprod)', '2026-11-26');
    expect(skipped).toEqual(['VM.Broken.Flex: flexible shape without maxVnicAttachmentOptions {min, max, defaultPerOcpu}']);
    const text = catalogFileText(catalog);
    expect(catalogProblems(JSON.parse(text))).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'oke-cni-catalog-')), 'live-shapes.json');
    writeFileSync(file, text);
    const loaded = loadCatalogFile(file);
    expect(loaded).toEqual({ ...catalog, origin: file });
    expect(loaded.shapes).toHaveLength(8);
  });
});

describe('OCI config file text', () => {
  test('sections, comments, lower-cased keys, "=" inside values', () => {
    const sections = parseConfigText('# comment\n[DEFAULT]\nUser = u\n; other comment\npass_phrase=a=b\n\n[dev]\nregion=us-phoenix-1\r\n');
    expect([...sections.keys()]).toEqual(['DEFAULT', 'dev']);
    expect(Object.fromEntries(sections.get('DEFAULT')!)).toEqual({ user: 'u', pass_phrase: 'a=b' });
    expect(Object.fromEntries(sections.get('dev')!)).toEqual({ region: 'us-phoenix-1' });
  });
});

describe('retry arithmetic', () => {
  test('which statuses are retried', () => {
    expect([200, 400, 401, 404, 409, 429, 500, 501, 502, 503, 504].filter(isRetryableStatus)).toEqual([429, 500, 502, 503, 504]);
  });

  test('Retry-After as seconds or an HTTP date; the cap; the backoff table', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(retryAfterSeconds('2', now)).toBe(2);
    expect(retryAfterSeconds('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    const policy = { maxAttempts: 3, backoffSeconds: [0.5, 1.5], retryAfterCapSeconds: 10 };
    expect([backoffFor(policy, 1, undefined), backoffFor(policy, 2, undefined), backoffFor(policy, 5, undefined)]).toEqual([0.5, 1.5, 1.5]);
    expect([backoffFor(policy, 1, 3), backoffFor(policy, 1, 3600)]).toEqual([3, 10]);
  });
});
