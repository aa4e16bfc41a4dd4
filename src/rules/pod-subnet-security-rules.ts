/**
 * OCI "Network Resource Configuration for Cluster Creation and Deployment" (updated 2025-02-12):
 * the security rules VCN-native pod networking needs between the Kubernetes API endpoint, the
 * worker nodes and the pods, in NSGs and/or the subnets' security lists ("the union of the security
 * rules"). Each required rule nothing covers is one finding, with the rule to add; what the inputs
 * cannot decide is said by the not-checked rule. The check itself: support/security-rules-check.ts.
 */
import { SOURCES } from '../core/facts.js';
import { requiredRulesFor } from '../core/security-rules/index.js';
import type { DocumentedRule } from './types.js';
import { securityRulesOf } from './support/security-rules-check.js';
import { describeTraffic } from './support/security-rule-text.js';

const REQUIRED_ROWS = (['endpoint', 'workers', 'pods'] as const).flatMap((t) => requiredRulesFor(t));

export const rule: DocumentedRule = {
  meta: {
    id: 'pod-subnet-security-rules',
    severity: 'error',
    description:
      'The security rules VCN-native pod networking requires between the Kubernetes API endpoint, the worker nodes and the pods are present in their security lists or NSGs.',
    remediation: 'Add the missing security rule to the subnet\'s security list or to an NSG of the VNICs.',
    source: SOURCES.networkResourceConfig,
  },
  check(ctx, report) {
    for (const finding of securityRulesOf(ctx).missing) report(finding);
  },
  docs: {
    details:
      'Applies to VCN-native clusters with managed or self-managed node pools (virtual node pools are not checked). For each group of ' +
      'VNICs, the Kubernetes API endpoint (the cluster\'s `endpointSubnet` and `endpointNsgIds`), the worker nodes of each pool (`subnet`, ' +
      '`nsgIds`) and the pods (`podSubnets`, `podNsgIds`), every required row of OCI\'s tables must be allowed by a rule of the ' +
      'subnet\'s security lists or of one of its NSGs (OCI applies the union). The rows, all stateful on the page (updated 2025-02-12):\n\n' +
      '| VNICs | direction | peer | traffic | description |\n| --- | --- | --- | --- | --- |\n' +
      requiredRowsTable() +
      '\n\nA rule covers a row when its protocol is the row\'s or all; its CIDR contains the peer\'s CIDR blocks (0.0.0.0/0 contains all, ' +
      'OCI services included); its port range holds the row\'s ports and it sets no source ports; an ICMP rule without type covers every ' +
      'type, a type without code every code; the service label `all-<region>-services-in-oracle-services-network` covers OCI services ' +
      '(`oci-<region>-objectstorage` does not); an NSG as source or destination covers the VNICs in that NSG. A stateless rule needs a ' +
      'rule for the replies in the other direction (except the one-way ICMP type 3 code 4). Each row nothing covers is an error, with the ' +
      'rule to add in the input\'s own form (oke-cni YAML, Terraform, OCI CLI JSON), in the target\'s first NSG if it has one, else in its ' +
      'subnet\'s first security list. Worker and pod peers are every pool of the cluster (pods talk to pods on every node).\n\n' +
      'Inputs: the oke-cni config (`securityLists`, `networkSecurityGroups`, each subnet\'s `securityListIds`); a Terraform plan ' +
      '(`oci_core_security_list`, `oci_core_default_security_list` for a subnet without `security_list_ids`, ' +
      '`oci_core_network_security_group` with its `oci_core_network_security_group_security_rule` resources, the cluster\'s ' +
      '`endpoint_config`; ids known only after apply traced through the configuration; data sources of lists and NSGs are not read); OCI CLI JSON (`oci network security-list get`; ' +
      'OCI CLI NSG rules are not read); live (`GetSecurityList`, `ListNetworkSecurityGroupSecurityRules`).\n\n' +
      'Not checked, said by the [not-checked](#not-checked) rule in one note per cluster (an error with `lint --strict`), never ' +
      'reported missing: rows the inputs cannot decide (a subnet without `securityListIds`, a security list or NSG named by OCID but ' +
      'not in the inputs, an endpoint subnet not given, a Terraform rule whose peer the plan does not determine). Inputs that hold no ' +
      'security lists or NSG rules at all get one short note per cluster saying how to supply them. Optional rows (client access to the endpoint, SSH, internet ' +
      'egress), the flannel-only row and the load balancer rules are not checked. *Inferred*: the page writes the endpoint-to-worker row ' +
      'as "TCP 10250,ICMP" without an ICMP type; it is read as TCP/10250 plus ICMP of every type. The page\'s examples (Example 3 and 4, ' +
      '2024-08-23) differ in places (TCP/ALL to OCI services from the endpoint); the requirement tables are followed.',
    failingExample: `# Every required rule is allowed but one: the pods reach Object Storage only, not all OCI services.
vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: api, vcn: prod-vcn, cidrBlock: 10.0.128.0/28, prohibitPublicIpOnVnic: true, securityListIds: [api-sl]}
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true, securityListIds: [workers-sl]}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true, securityListIds: [pods-sl]}
securityLists:
  - name: api-sl
    ingressSecurityRules: [{protocol: all, source: 10.0.0.0/16}]
    egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]
  - name: workers-sl
    ingressSecurityRules:
      - {protocol: all, source: 10.0.0.0/16}
      - {protocol: icmp, source: 0.0.0.0/0, icmpOptions: {type: 3, code: 4}}
    egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]
  - name: pods-sl
    ingressSecurityRules: [{protocol: all, source: 10.0.0.0/16}]
    egressSecurityRules:
      - {protocol: all, destination: 10.0.0.0/16}
      - {protocol: icmp, destination: all-iad-services-in-oracle-services-network, destinationType: SERVICE_CIDR_BLOCK, icmpOptions: {type: 3, code: 4}}
      - {protocol: tcp, destination: oci-iad-objectstorage, destinationType: SERVICE_CIDR_BLOCK}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    endpointSubnet: api
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}
`,
  },
};

/** docs/rules.md: the required rows, from the same table the check reads. */
function requiredRowsTable(): string {
  return REQUIRED_ROWS.map((r) => `| ${r.target} | ${r.direction} | ${r.peer} | ${describeTraffic(r.protocol, r.ports, r.icmp)} | ${r.description} |`).join('\n');
}
