// A Terraform plan of about `targetBytes` (terraform show -json shape, one line). For npm run bench only.
//
// Two mixes:
// - 'network' (the worst case for lint): nothing but what lint reads. A VCN and a cluster per 256
//   subnets, then blocks of one subnet and four node pools on it, each a planned value, a
//   resource change and a configuration block.
// - 'tenancy': what a large tenancy's plan is mostly made of. The same network blocks, each among
//   the other resources such a stack holds (instances with cloud-init user_data, boot and block
//   volumes and their attachments, DNS records, IAM policies, a load balancer with backends, NSG
//   rules, buckets), all of them already applied: in prior_state, in planned_values and as no-op
//   changes with before and after. About a tenth of its bytes is what lint reads.
const OCID = (kind, i) => `ocid1.${kind}.oc1.phx.aaaaaaaa${String(i).padStart(12, '0')}bench`;
const compartment = 'ocid1.compartment.oc1..aaaaaaaabench';

/** Base64-looking cloud-init of about `n` characters (instances carry several KB of it). */
const userData = (i, n) => Buffer.from(`#cloud-config\npackages: [nginx]\nruncmd: [systemctl enable --now app-${i}]\n`.repeat(Math.ceil(n / 90))).toString('base64').slice(0, n);

/** The other resources of one tenancy block, each `[type, name, values]`. */
function tenancyResources(i, subnetId, vcnId) {
  const out = [];
  for (let k = 0; k < 6; k++) {
    const n = i * 6 + k;
    out.push(['oci_core_instance', 'app', n, {
      id: OCID('instance', n), availability_domain: 'Uocm:PHX-AD-1', compartment_id: compartment, display_name: `app-${n}`, shape: 'VM.Standard.E4.Flex', state: 'RUNNING',
      shape_config: [{ ocpus: 2, memory_in_gbs: 16, baseline_ocpu_utilization: '', nvmes: 0 }],
      create_vnic_details: [{ subnet_id: subnetId, assign_public_ip: 'false', hostname_label: `app${n}`, nsg_ids: [], private_ip: `10.${(i >> 8) & 255}.${i & 255}.${k + 10}`, skip_source_dest_check: false }],
      source_details: [{ source_type: 'image', source_id: OCID('image', 2), boot_volume_size_in_gbs: '100', boot_volume_vpus_per_gb: '10' }],
      metadata: { ssh_authorized_keys: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${'x'.repeat(40)} ops@example`, user_data: userData(n, 3000) },
      freeform_tags: { team: 'apps', cost: `cc-${i}` }, defined_tags: { 'Operations.CostCenter': '42' },
      agent_config: [{ is_management_disabled: false, is_monitoring_disabled: false, plugins_config: [{ desired_state: 'ENABLED', name: 'Compute Instance Monitoring' }, { desired_state: 'DISABLED', name: 'Bastion' }] }],
      launch_options: [{ boot_volume_type: 'PARAVIRTUALIZED', firmware: 'UEFI_64', network_type: 'PARAVIRTUALIZED', remote_data_volume_type: 'PARAVIRTUALIZED' }],
    }]);
    out.push(['oci_core_volume', 'data', n, { id: OCID('volume', n), availability_domain: 'Uocm:PHX-AD-1', compartment_id: compartment, display_name: `data-${n}`, size_in_gbs: '500', vpus_per_gb: '20', is_auto_tune_enabled: true, freeform_tags: { team: 'apps' } }]);
    out.push(['oci_core_volume_attachment', 'data', n, { id: OCID('volumeattachment', n), attachment_type: 'paravirtualized', instance_id: OCID('instance', n), volume_id: OCID('volume', n), device: '/dev/oracleoci/oraclevdb', is_read_only: false, is_shareable: false }]);
    out.push(['oci_dns_rrset', 'app', n, { domain: `app-${n}.example.com`, rtype: 'A', zone_name_or_id: OCID('dns-zone', 1), items: [{ domain: `app-${n}.example.com`, rdata: `10.${(i >> 8) & 255}.${i & 255}.${k + 10}`, rtype: 'A', ttl: 300 }] }]);
  }
  out.push(['oci_identity_policy', 'team', i, { id: OCID('policy', i), compartment_id: compartment, name: `team-${i}`, description: 'apps team', statements: Array.from({ length: 8 }, (_, s) => `Allow group apps-${i} to manage instance-family in compartment apps-${s}`) }]);
  out.push(['oci_core_network_security_group_security_rule', 'https', i, { id: `rule-${i}`, network_security_group_id: OCID('networksecuritygroup', i), direction: 'INGRESS', protocol: '6', source: '0.0.0.0/0', source_type: 'CIDR_BLOCK', stateless: false, tcp_options: [{ destination_port_range: [{ min: 443, max: 443 }], source_port_range: [] }] }]);
  out.push(['oci_load_balancer_backend', 'app', i, { backendset_name: `bs-${i}`, ip_address: `10.${(i >> 8) & 255}.${i & 255}.10`, load_balancer_id: OCID('loadbalancer', i >> 4), port: 8080, weight: 1, backup: false, drain: false, offline: false }]);
  out.push(['oci_objectstorage_bucket', 'logs', i, { id: `bucket-${i}`, compartment_id: compartment, name: `logs-${i}`, namespace: 'tenancy', access_type: 'NoPublicAccess', storage_tier: 'Standard', versioning: 'Enabled', freeform_tags: { team: 'apps' }, vcn: vcnId }]);
  return out;
}

export function generatePlan(targetBytes, { mix = 'network' } = {}) {
  const planned = [];
  const changes = [];
  const prior = [];
  const config = [];
  let vcn;
  let cluster;
  let bytes = 2000;
  /** One applied resource: in prior_state, planned_values and a no-op change (the tenancy mix). */
  const existing = (type, name, index, values) => {
    const address = `${type}.${name}[${index}]`;
    const item = { address, mode: 'managed', type, name, index, provider_name: 'registry.terraform.io/oracle/oci', schema_version: 0, values, sensitive_values: {} };
    planned.push(item);
    prior.push(item);
    changes.push({ address, mode: 'managed', type, name, index, provider_name: 'registry.terraform.io/oracle/oci', change: { actions: ['no-op'], before: values, after: values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} } });
    bytes += 4 * JSON.stringify(values).length + 600;
  };
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
    if (mix === 'tenancy') for (const [type, name, index, values] of tenancyResources(i, subnet.id, vcn.id)) existing(type, name, index, values);
  }
  config.push({ address: 'oci_core_subnet.pods', mode: 'managed', type: 'oci_core_subnet', name: 'pods', expressions: { vcn_id: { references: ['oci_core_vcn.v.id', 'oci_core_vcn.v'] } }, count_expression: { constant_value: 1 } });
  const plan = { format_version: '1.2', terraform_version: '1.9.5', variables: {}, planned_values: { root_module: { resources: planned } }, resource_changes: changes, configuration: { root_module: { resources: config } } };
  if (prior.length > 0) plan.prior_state = { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { resources: prior } } };
  return JSON.stringify(plan);
}
