// A Terraform plan of about `targetBytes` (terraform show -json shape, one line): a VCN, then
// blocks of one subnet and four node pools on it, each a planned value, a resource change and a
// configuration block, as a large tenancy's plan has them. For npm run bench only.
const OCID = (kind, i) => `ocid1.${kind}.oc1.phx.aaaaaaaa${String(i).padStart(12, '0')}bench`;

export function generatePlan(targetBytes) {
  const compartment = 'ocid1.compartment.oc1..aaaaaaaabench';
  const planned = [];
  const changes = [];
  const config = [];
  let vcn;
  let cluster;
  let bytes = 2000;
  for (let i = 0; bytes < targetBytes; i++) {
    // One VCN (10.k.0.0/16) and one cluster per 256 subnets.
    if ((i & 255) === 0) {
      const k = i >> 8;
      vcn = { id: OCID('vcn', k), cidr_blocks: [`10.${k}.0.0/16`], compartment_id: compartment };
      planned.push({ address: `oci_core_vcn.v[${k}]`, mode: 'managed', type: 'oci_core_vcn', name: 'v', index: k, values: vcn, sensitive_values: {} });
      cluster = { id: OCID('cluster', k), vcn_id: vcn.id, kubernetes_version: 'v1.30.1', compartment_id: compartment, cluster_pod_network_options: [{ cni_type: 'OCI_VCN_IP_NATIVE' }], options: [{ kubernetes_network_config: [{ services_cidr: '192.168.0.0/16' }] }] };
      planned.push({ address: `oci_containerengine_cluster.c[${k}]`, mode: 'managed', type: 'oci_containerengine_cluster', name: 'c', index: k, values: cluster, sensitive_values: {} });
    }
    const subnet = { id: OCID('subnet', i), vcn_id: vcn.id, cidr_block: `10.${i >> 8}.${i & 255}.0/24`, prohibit_public_ip_on_vnic: true, compartment_id: compartment, display_name: `pods-${i}`, dns_label: `p${i}`, freeform_tags: { team: 'platform', cost: `cc-${i}` } };
    const sa = `oci_core_subnet.pods[${i}]`;
    planned.push({ address: sa, mode: 'managed', type: 'oci_core_subnet', name: 'pods', index: i, values: subnet, sensitive_values: {} });
    changes.push({ address: sa, mode: 'managed', type: 'oci_core_subnet', name: 'pods', index: i, change: { actions: ['no-op'], before: subnet, after: subnet, after_unknown: {}, before_sensitive: {}, after_sensitive: {} } });
    for (let j = 0; j < 4; j++) {
      const pool = {
        cluster_id: cluster.id, compartment_id: compartment, kubernetes_version: 'v1.30.1', name: `pool-${i}-${j}`, node_shape: 'VM.Standard.E4.Flex',
        node_shape_config: [{ ocpus: 2, memory_in_gbs: 16 }],
        node_config_details: [{ size: 1, nsg_ids: [], placement_configs: [{ availability_domain: 'Uocm:PHX-AD-1', subnet_id: subnet.id, fault_domains: [] }], node_pool_pod_network_option_details: [{ cni_type: 'OCI_VCN_IP_NATIVE', max_pods_per_node: 16, pod_nsg_ids: [], pod_subnet_ids: [subnet.id] }] }],
        node_source_details: [{ image_id: OCID('image', 1), source_type: 'IMAGE', boot_volume_size_in_gbs: '50' }],
        node_pool_cycling_details: [{ is_node_cycling_enabled: true, maximum_surge: '1', maximum_unavailable: '0' }],
        freeform_tags: { team: 'platform' }, initial_node_labels: [{ key: 'pool', value: `p${i}-${j}` }],
      };
      const pa = `oci_containerengine_node_pool.p[${i * 4 + j}]`;
      planned.push({ address: pa, mode: 'managed', type: 'oci_containerengine_node_pool', name: 'p', index: i * 4 + j, values: pool, sensitive_values: {} });
      changes.push({ address: pa, mode: 'managed', type: 'oci_containerengine_node_pool', name: 'p', index: i * 4 + j, change: { actions: ['create'], before: null, after: pool, after_unknown: { id: true, nodes: true }, before_sensitive: false, after_sensitive: {} } });
      bytes += 2 * JSON.stringify(pool).length + 300;
    }
    bytes += 2 * JSON.stringify(subnet).length + 300;
  }
  config.push({ address: 'oci_core_subnet.pods', mode: 'managed', type: 'oci_core_subnet', name: 'pods', expressions: { vcn_id: { references: ['oci_core_vcn.v.id', 'oci_core_vcn.v'] } }, count_expression: { constant_value: 1 } });
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', variables: {}, planned_values: { root_module: { resources: planned } }, resource_changes: changes, configuration: { root_module: { resources: config } } });
}
