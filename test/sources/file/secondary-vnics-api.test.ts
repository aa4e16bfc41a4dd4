/** Secondary VNIC profiles read from OCI CLI JSON and from a Terraform plan, through the shared OCI resource mapping. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFiles } from '../../../src/sources/file/index.js';
import { tempFiles } from './helpers.js';

const CLI = ['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'];
const POD_SUBNET = 'ocid1.subnet.oc1.phx.aaaaaaaap3u7nfdl2kqyhe6mxw4g5bzrvtjoa2cs7ufqnh4ymxkdlw6epzrg3iq';

describe('OCI CLI JSON: node-pool secondary-vnics', () => {
  it('reads createVnicDetails subnet-id, ip-count, nsg-ids and display-name; max-pods-per-node left out counts as unset', () => {
    const dir = tempFiles({});
    const files = CLI.map((f) => {
      let text = readFileSync(`examples/oci-cli/${f}`, 'utf8');
      if (f === 'node-pools.json') {
        const doc = JSON.parse(text) as { data: Array<Record<string, unknown>> };
        const pool = doc.data[0] as Record<string, any>;
        delete pool['node-config-details']['node-pool-pod-network-option-details']['max-pods-per-node'];
        pool['secondary-vnics'] = [
          { 'display-name': 'front', 'create-vnic-details': { 'subnet-id': POD_SUBNET, 'ip-count': 128, 'nsg-ids': ['ocid1.networksecuritygroup.oc1.phx.aaaa'] } },
          { 'create-vnic-details': { 'subnet-id': POD_SUBNET, 'ip-count': 64 } },
        ];
        text = JSON.stringify(doc, null, 2);
      }
      const path = join(dir, f);
      writeFileSync(path, text);
      return path;
    });
    const pool = loadConfigFiles(files).model.clusters[0]!.nodePools.find((p) => p.secondaryVnics !== undefined)!;
    expect(pool.maxPodsPerNodeSet).toBe(false);
    expect(pool.secondaryVnics!.map((p) => [p.subnet, p.ipCount, p.nsgIds, p.displayName])).toEqual([
      [POD_SUBNET, 128, ['ocid1.networksecuritygroup.oc1.phx.aaaa'], 'front'],
      [POD_SUBNET, 64, [], undefined],
    ]);
    const at = pool.secondaryVnics![0]!.at.ipCount;
    expect(at).toMatchObject({ kind: 'file', file: files[1] });
    expect(at?.kind === 'file' && at.line).toBeGreaterThan(1);
  });
});

describe('Terraform plan: oci_containerengine_node_pool secondary_vnics', () => {
  it('reads create_vnic_details ip_count and nsg_ids, and resolves an unknown subnet_id through its reference', () => {
    const plan = JSON.parse(readFileSync('examples/terraform-plan.json', 'utf8'));
    const planned = plan.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'oci_containerengine_node_pool.general');
    planned.values.secondary_vnics = [{ display_name: 'front', nic_index: null, create_vnic_details: [{ subnet_id: null, ip_count: 128, nsg_ids: [] }] }];
    const configured = plan.configuration.root_module.resources.find((r: { address: string }) => r.address === 'oci_containerengine_node_pool.general');
    configured.expressions.secondary_vnics = [
      { display_name: { constant_value: 'front' }, create_vnic_details: [{ subnet_id: { references: ['module.network.pods_subnet_id', 'module.network'] }, ip_count: { constant_value: 128 } }] },
    ];
    const dir = tempFiles({ 'plan.json': JSON.stringify(plan, null, 2) });
    const { model } = loadConfigFiles([join(dir, 'plan.json')]);
    const pool = model.clusters.flatMap((c) => c.nodePools).find((p) => p.name === 'oci_containerengine_node_pool.general')!;
    expect(pool.secondaryVnics).toHaveLength(1);
    const [profile] = pool.secondaryVnics!;
    expect(profile).toMatchObject({ ipCount: 128, displayName: 'front', nsgIds: [] });
    // the same subnet the pool's pod_subnet_ids resolves to
    expect(profile!.subnet).toBe(pool.podSubnets[0]);
    expect(pool.maxPodsPerNodeSet).toBe(true);
  });
});
