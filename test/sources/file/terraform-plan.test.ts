import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PODS_PER_NODE } from '../../../src/core/facts.js';
import { loadConfigFiles, parseConfigText } from '../../../src/sources/file/index.js';
import { cidrText, pos, problemsOf } from './helpers.js';

const EXAMPLE = 'examples/terraform-plan.json';
const exampleText = readFileSync(EXAMPLE, 'utf8');

/** Column (1-based) of `needle` in a one-line JSON file: where the plan's positions must point. */
function col(text: string, needle: string, from = 0): number {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`not in the plan: ${needle}`);
  return i + 1;
}

describe('Terraform plan: the example plan', () => {
  const { model } = loadConfigFiles([EXAMPLE]);

  it('reads the VCN and subnets of the child module by address', () => {
    expect(model.vcns.map((v) => [v.ref, v.cidrBlocks.map(cidrText), v.compartmentId?.slice(0, 22)])).toEqual([
      ['module.network.oci_core_vcn.this', ['10.0.0.0/16'], 'ocid1.compartment.oc1.'],
    ]);
    expect(model.subnets.map((s) => [s.ref, s.cidrBlocks.map(cidrText).join(' + '), s.vcn, s.prohibitPublicIpOnVnic, s.availabilityDomain])).toEqual([
      ['module.network.oci_core_subnet.api', '10.0.16.0/28', 'module.network.oci_core_vcn.this', true, undefined],
      ['module.network.oci_core_subnet.pods', '10.0.64.0/18', 'module.network.oci_core_vcn.this', true, undefined],
      ['module.network.oci_core_subnet.workers', '10.0.0.0/20', 'module.network.oci_core_vcn.this', true, undefined],
    ]);
  });

  it('follows unknown ids through module outputs to the planned resources', () => {
    const cluster = model.clusters[0]!;
    expect(cluster).toMatchObject({
      name: 'oci_containerengine_cluster.prod',
      vcn: 'module.network.oci_core_vcn.this',
      kubernetesVersion: 'v1.30.1',
      cniType: 'OCI_VCN_IP_NATIVE',
      ipv6: false,
    });
    expect(cidrText(cluster.servicesCidr)).toBe('10.96.0.0/16');
    const [general, burst] = cluster.nodePools;
    expect(general).toMatchObject({
      name: 'oci_containerengine_node_pool.general',
      type: 'managed',
      shape: 'VM.Standard.E4.Flex',
      ocpus: 4,
      size: 3,
      maxSize: 3,
      maxSurge: 1,
      maxPodsPerNode: 64,
      workerSubnets: ['module.network.oci_core_subnet.workers'],
      podSubnets: ['module.network.oci_core_subnet.pods'],
      nsgIds: [],
      image: 'ocid1.image.oc1.phx.aaaaaaaa6uyd3aubwxzj3mwlnm4tqmwv6m5tqwo6pvkbjzr3nywk7xjkscxa',
      kubernetesVersion: 'v1.30.1',
    });
    expect(burst).toMatchObject({
      name: 'oci_containerengine_virtual_node_pool.burst',
      type: 'virtual',
      shape: 'Pod.Standard.E4.Flex',
      size: 2,
      maxPodsPerNode: DEFAULT_MAX_PODS_PER_NODE,
      workerSubnets: ['module.network.oci_core_subnet.workers'],
      podSubnets: ['module.network.oci_core_subnet.pods'],
      kubernetesVersion: 'v1.30.1',
    });
  });

  it('points positions at the address key and at attribute keys on the one line', () => {
    const general = model.clusters[0]!.nodePools[0]!;
    const start = exampleText.indexOf('"address":"oci_containerengine_node_pool.general"');
    expect(general.at['']).toEqual(pos(EXAMPLE, 1, start + 1));
    expect(general.at['maxPodsPerNode']).toEqual(pos(EXAMPLE, 1, col(exampleText, '"max_pods_per_node"', start)));
    expect(general.at['size']).toEqual(pos(EXAMPLE, 1, col(exampleText, '"size"', start)));
    // pod_subnet_ids is [null] until apply: the unknown item itself
    expect(general.at['podSubnets[0]']).toEqual(pos(EXAMPLE, 1, col(exampleText, '[null]', start) + 1));
    // the worker subnet_id is unknown and absent from planned_values: its configuration key
    const cfg = exampleText.indexOf('"address":"oci_containerengine_node_pool.general"', exampleText.indexOf('"configuration"'));
    expect(general.at['subnet']).toEqual(pos(EXAMPLE, 1, col(exampleText, '"subnet_id"', cfg)));
  });
});

/** A minimal plan: planned resources plus their configuration (references of unknown values). */
function plan(resources: object[], config: object[] = [], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources, ...((extra['child_modules'] as object) ? { child_modules: extra['child_modules'] } : {}) } },
    configuration: { root_module: { resources: config, ...((extra['module_calls'] as object) ? { module_calls: extra['module_calls'] } : {}) } },
  });
}

function res(type: string, name: string, values: object, address = `${type}.${name}`) {
  return { address, mode: 'managed', type, name, values };
}

function cfg(type: string, name: string, expressions: object) {
  return { address: `${type}.${name}`, mode: 'managed', type, name, expressions };
}

const VCN = 'ocid1.vcn.oc1.phx.aaaaaaaavcn';
const WORKERS = 'ocid1.subnet.oc1.phx.aaaaaaaaworkers';
const PODS = 'ocid1.subnet.oc1.phx.aaaaaaaapods';
const CLUSTER = 'ocid1.cluster.oc1.phx.aaaaaaaacluster';

const existingNetwork = [
  res('oci_core_vcn', 'v', { id: VCN, cidr_block: '10.0.0.0/16' }),
  res('oci_core_subnet', 'workers', { id: WORKERS, vcn_id: VCN, cidr_block: '10.0.0.0/20', availability_domain: 'Uocm:PHX-AD-1' }),
  res('oci_core_subnet', 'pods', { id: PODS, vcn_id: VCN, cidr_block: '10.0.64.0/18', prohibit_public_ip_on_vnic: true, ipv6cidr_blocks: ['2603:c020:4:2a00::/64'] }),
  res('oci_containerengine_cluster', 'c', {
    id: CLUSTER,
    vcn_id: VCN,
    kubernetes_version: 'v1.29.1',
    options: [{ ip_families: ['IPv4', 'IPv6'], kubernetes_network_config: [{ services_cidr: '172.16.0.0/16' }] }],
  }),
];

describe('Terraform plan: known ids, counts, modules and variables', () => {
  it('resolves known OCIDs to the planned resources and reads the older single-block attributes', () => {
    const text = plan([
      ...existingNetwork,
      res('oci_containerengine_node_pool', 'p', {
        cluster_id: CLUSTER,
        node_shape: 'VM.Standard.E4.Flex',
        node_config_details: [
          {
            size: 4,
            placement_configs: [{ availability_domain: 'Uocm:PHX-AD-1', subnet_id: WORKERS }],
            node_pool_pod_network_option_details: [{ cni_type: 'OCI_VCN_IP_NATIVE', pod_subnet_ids: [PODS] }],
          },
        ],
        node_pool_cycling_details: [{ maximum_surge: '25%' }],
        node_image_name: 'Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679',
      }),
    ]);
    const { model } = parseConfigText(text, 'plan.json');
    expect(model.vcns[0]).toMatchObject({ ref: 'oci_core_vcn.v', ocid: VCN });
    expect(model.vcns[0]!.cidrBlocks.map(cidrText)).toEqual(['10.0.0.0/16']);
    expect(model.subnets.map((s) => [s.ref, s.vcn, s.prohibitPublicIpOnVnic, s.availabilityDomain, s.ipv6CidrBlocks])).toEqual([
      ['oci_core_subnet.workers', 'oci_core_vcn.v', false, 'Uocm:PHX-AD-1', []],
      ['oci_core_subnet.pods', 'oci_core_vcn.v', true, undefined, ['2603:c020:4:2a00::/64']],
    ]);
    const cluster = model.clusters[0]!;
    expect(cluster).toMatchObject({ ocid: CLUSTER, ipv6: true, kubernetesVersion: 'v1.29.1' });
    expect(cidrText(cluster.servicesCidr)).toBe('172.16.0.0/16');
    expect(cluster.nodePools[0]).toMatchObject({
      workerSubnets: ['oci_core_subnet.workers'],
      podSubnets: ['oci_core_subnet.pods'],
      size: 4,
      maxSurge: 1, // 25% of 4
      maxPodsPerNode: DEFAULT_MAX_PODS_PER_NODE,
      // the pool does not set a version: its nodes run the cluster's
      kubernetesVersion: 'v1.29.1',
      image: 'Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679',
    });
  });

  it('follows a module input variable back to a root resource, and count instances by index', () => {
    const text = plan(
      [
        res('oci_core_vcn', 'v', { cidr_blocks: ['10.0.0.0/16'] }),
        res('oci_core_subnet', 'nodes', { cidr_block: '10.0.0.0/20' }, 'oci_core_subnet.nodes[0]'),
        res('oci_core_subnet', 'nodes', { cidr_block: '10.0.16.0/20' }, 'oci_core_subnet.nodes[1]'),
      ],
      [
        cfg('oci_core_vcn', 'v', {}),
        cfg('oci_core_subnet', 'nodes', { vcn_id: { references: ['oci_core_vcn.v.id', 'oci_core_vcn.v'] } }),
      ],
      {
        child_modules: [
          {
            address: 'module.oke',
            resources: [
              res('oci_containerengine_cluster', 'this', { kubernetes_version: 'v1.30.1' }, 'module.oke.oci_containerengine_cluster.this'),
              res(
                'oci_containerengine_node_pool',
                'pool',
                {
                  node_shape: 'VM.Standard.E4.Flex',
                  node_config_details: [{ size: 2, placement_configs: [{}], node_pool_pod_network_option_details: [{ pod_subnet_ids: [null] }] }],
                },
                'module.oke.oci_containerengine_node_pool.pool',
              ),
            ],
          },
        ],
        module_calls: {
          oke: {
            expressions: {
              vcn_id: { references: ['oci_core_vcn.v.id', 'oci_core_vcn.v'] },
              worker_subnet_id: { references: ['oci_core_subnet.nodes[0].id', 'oci_core_subnet.nodes[0]', 'oci_core_subnet.nodes'] },
              pod_subnet_id: { references: ['oci_core_subnet.nodes[1].id', 'oci_core_subnet.nodes[1]', 'oci_core_subnet.nodes'] },
            },
            module: {
              resources: [
                cfg('oci_containerengine_cluster', 'this', { vcn_id: { references: ['var.vcn_id'] } }),
                cfg('oci_containerengine_node_pool', 'pool', {
                  cluster_id: { references: ['oci_containerengine_cluster.this.id', 'oci_containerengine_cluster.this'] },
                  node_config_details: [
                    {
                      placement_configs: [{ subnet_id: { references: ['var.worker_subnet_id'] } }],
                      node_pool_pod_network_option_details: [{ pod_subnet_ids: { references: ['var.pod_subnet_id'] } }],
                    },
                  ],
                }),
              ],
            },
          },
        },
      },
    );
    const { model } = parseConfigText(text, 'plan.json');
    expect(model.subnets.map((s) => [s.ref, s.vcn])).toEqual([
      ['oci_core_subnet.nodes[0]', 'oci_core_vcn.v'],
      ['oci_core_subnet.nodes[1]', 'oci_core_vcn.v'],
    ]);
    const cluster = model.clusters[0]!;
    expect(cluster.vcn).toBe('oci_core_vcn.v');
    expect(cluster.nodePools[0]).toMatchObject({ workerSubnets: ['oci_core_subnet.nodes[0]'], podSubnets: ['oci_core_subnet.nodes[1]'] });
  });

  it('reads pools placed the old way: subnet_ids x quantity_per_subnet', () => {
    const text = plan([
      ...existingNetwork,
      res('oci_containerengine_node_pool', 'old', {
        cluster_id: CLUSTER,
        node_shape: 'VM.Standard2.4',
        subnet_ids: [WORKERS, WORKERS],
        quantity_per_subnet: 3,
        node_config_details: [],
      }),
    ]);
    expect(parseConfigText(text, 'plan.json').model.clusters[0]!.nodePools[0]).toMatchObject({ size: 6, workerSubnets: ['oci_core_subnet.workers'] });
  });

  it('reads a state (terraform show -json without a plan) from values.root_module', () => {
    const text = JSON.stringify({ format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { resources: existingNetwork } } });
    const { model } = parseConfigText(text, 'state.json');
    expect(model.subnets).toHaveLength(2);
    expect(model.clusters[0]!.vcn).toBe('oci_core_vcn.v');
  });

  it('keeps OCIDs defined outside the plan as external refs, for --live and the not-checked note', () => {
    const external = 'ocid1.subnet.oc1.phx.aaaaaaaaexternal';
    const text = plan([
      ...existingNetwork,
      res('oci_containerengine_node_pool', 'p', {
        cluster_id: CLUSTER,
        node_shape: 'VM.Standard.E4.Flex',
        node_config_details: [
          { size: 1, placement_configs: [{ subnet_id: WORKERS }], node_pool_pod_network_option_details: [{ pod_subnet_ids: [external] }] },
        ],
      }),
    ]);
    const loaded = parseConfigText(text, 'plan.json');
    expect(loaded.externalRefs).toEqual({ vcns: [], subnets: [external] });
    expect(loaded.model.clusters[0]!.nodePools[0]!.podSubnets).toEqual([external]);
  });
});

describe('Terraform plan: problems', () => {
  it('an unknown id whose expression refers to no planned resource is unknown, not an error', () => {
    const text = plan(
      [res('oci_core_subnet', 's', { cidr_block: '10.0.0.0/20' })],
      [cfg('oci_core_subnet', 's', { vcn_id: { references: ['local.vcn_id'] } })],
    );
    const subnet = parseConfigText(text, 'plan.json').model.subnets[0]!;
    expect(subnet.unknown?.vcn).toEqual({
      field: 'oci_core_subnet.s.vcn_id',
      reason: 'known only after apply; its expression refers to local.vcn_id, and a plan does not carry the values of locals',
      at: pos('plan.json', 1, col(text, '"vcn_id"')) });
  });

  it('reports wrong types with the resource address and attribute path', () => {
    const text = plan([
      ...existingNetwork,
      res('oci_containerengine_node_pool', 'p', {
        cluster_id: CLUSTER,
        node_shape: 'VM.Standard.E4.Flex',
        node_shape_config: [{ ocpus: -2 }],
        node_config_details: [{ size: 'three', placement_configs: [{ subnet_id: WORKERS }] }],
        node_pool_cycling_details: [{ maximum_surge: 'lots' }],
      }),
    ]);
    const p = text.indexOf('oci_containerengine_node_pool.p');
    expect(problemsOf(() => parseConfigText(text, 'plan.json'))).toEqual([
      `plan.json:1:${col(text, '-2', p)}: oci_containerengine_node_pool.p.node_shape_config[0].ocpus: expected a number above 0, got -2`,
      `plan.json:1:${col(text, '"three"', p)}: oci_containerengine_node_pool.p.node_config_details[0].size: expected a whole number, got string "three"`,
      `plan.json:1:${col(text, '"lots"', p)}: oci_containerengine_node_pool.p.node_pool_cycling_details[0].maximum_surge: ` +
        'expected a whole number or a percentage from 0% to 100% such as "25%", got string "lots"',
    ]);
  });

  it('a node pool whose cluster is not in the files joins a stand-in cluster', () => {
    const other = 'ocid1.cluster.oc1.phx.aaaaaaaaother';
    const text = plan([
      ...existingNetwork,
      res('oci_containerengine_node_pool', 'p', { cluster_id: other, node_shape: 'X', node_config_details: [{ size: 1, placement_configs: [{ subnet_id: WORKERS }] }] }),
    ]);
    const { model } = parseConfigText(text, 'plan.json');
    expect(model.clusters.map((c) => [c.name, c.nodePools.map((p) => p.name), c.at['']])).toEqual([
      ['oci_containerengine_cluster.c', [], expect.anything()],
      [other, ['oci_containerengine_node_pool.p'], pos('plan.json', 1, col(text, `"${other}"`))],
    ]);
  });

  it('reports JSON with format_version but no planned values', () => {
    expect(problemsOf(() => parseConfigText('{"format_version": "1.0", "terraform_version": "1.9.5"}', 'empty-plan.json'))).toEqual([
      'empty-plan.json:1:1: Terraform JSON without planned_values.root_module: pass the output of "terraform show -json plan.out"',
    ]);
  });
});

describe('Terraform plan: references that name nothing', () => {
  it('name the attribute as the plan writes it, list items and placement configs by their own index, at the value', () => {
    const text = plan([
      ...existingNetwork,
      res('oci_containerengine_node_pool', 'p', {
        cluster_id: CLUSTER,
        node_shape: 'VM.Standard.E4.Flex',
        node_config_details: [
          {
            size: 4,
            placement_configs: [
              { availability_domain: 'Uocm:PHX-AD-1', subnet_id: WORKERS },
              { availability_domain: 'Uocm:PHX-AD-2', subnet_id: 'workerz' },
            ],
            node_pool_pod_network_option_details: [{ cni_type: 'OCI_VCN_IP_NATIVE', pod_subnet_ids: [PODS, 'podz'] }],
          },
        ],
      }),
    ]);
    expect(problemsOf(() => parseConfigText(text, 'plan.json'))).toEqual([
      `plan.json:1:${col(text, '"workerz"')}: oci_containerengine_node_pool.p.node_config_details[0].placement_configs[1].subnet_id: no subnet named "workerz"`,
      `plan.json:1:${col(text, '"podz"')}: oci_containerengine_node_pool.p.node_config_details[0].node_pool_pod_network_option_details[0].pod_subnet_ids[1]: no subnet named "podz"`,
    ]);
  });
});
