import { describe, expect, test } from 'vitest';
import type { Model } from '../../src/core/model.js';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { runLint } from '../../src/rules/index.js';
import { loadConfigFiles, parseConfigText } from '../../src/sources/file/index.js';
import { ruleToAdd } from '../../src/rules/support/security-rule-text.js';
import { expectInvalidFixture, findingsOf, fixtureFindings, where } from './build.js';

const ID = 'pod-subnet-security-rules';
const FIXTURE = `test/fixtures/rules/${ID}/invalid.yaml`;

const NETWORK = `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: api, vcn: prod-vcn, cidrBlock: 10.0.128.0/28, prohibitPublicIpOnVnic: true, securityListIds: [api-sl]}
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true, securityListIds: [workers-sl]}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true, securityListIds: [pods-sl]}
`;
/** Broad lists that cover every required row (line 6 on). */
const OPEN_LISTS = `securityLists:
  - name: api-sl
    ingressSecurityRules: [{protocol: all, source: 10.0.0.0/16}]
    egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]
  - name: workers-sl
    ingressSecurityRules: [{protocol: all, source: 0.0.0.0/0}]
    egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]
  - name: pods-sl
    ingressSecurityRules: [{protocol: all, source: 10.0.0.0/16}]
    egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]
`;
const cluster = (extra = '', pool = '') => `clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    endpointSubnet: api${extra}
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]${pool}}
`;
const load = (text: string): Model => parseConfigText(text, 'config.yaml').model;
/** "ingress all protocols from the worker nodes of prod/general": what a missing-rule message names. */
const missingRow = (message: string): string => {
  const m = /lacks? a required (\w+) rule: (.*?) (from|to) the (.*?) \(subnet|lacks? a required (\w+) rule: (.*?) (from|to) (.*?) \(/.exec(message);
  return m ? (m[1] ? `${m[1]} ${m[2]} ${m[3]} ${m[4]}` : `${m[5]} ${m[6]} ${m[7]} ${m[8]}`) : message;
};

describe(ID, () => {
  test('valid: lists that allow everything the tables name; stateless pairs both ways', () => {
    expect(findingsOf(ID, load(NETWORK + OPEN_LISTS + cluster()))).toEqual([]);
  });

  test('stateless rules: the replies need a rule too, so stateless egress to OCI services needs ingress from them', () => {
    const stateless = OPEN_LISTS.replace(/\{protocol: all, (source|destination): ([0-9./]+)\}/g, '{protocol: all, $1: $2, isStateless: true}');
    // Replies from OSN come back through the ingress rules: from 10.0.0.0/16 only on the endpoint and pod lists.
    expect(findingsOf(ID, load(NETWORK + stateless + cluster())).map((f) => [where(f), missingRow(f.message)])).toEqual([
      ['9:5', 'egress TCP port 443 to all OCI services'],
      ['15:5', 'egress TCP (all ports) to all OCI services'],
    ]);
    const withReplies = stateless.replace(/ingressSecurityRules: \[\{protocol: all, source: 10.0.0.0\/16, isStateless: true\}\]/g, 'ingressSecurityRules: [{protocol: all, source: 0.0.0.0/0, isStateless: true}]');
    expect(findingsOf(ID, load(NETWORK + withReplies + cluster()))).toEqual([]);
  });

  test('invalid: a stateless ingress rule without a rule for its replies is missing, at the list\'s ingress key', () => {
    const lists = OPEN_LISTS.replace(
      'egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]\n  - name: pods-sl',
      'egressSecurityRules: [{protocol: tcp, destination: 0.0.0.0/0, tcpOptions: {destinationPortRange: {min: 1, max: 65535}}}]\n  - name: pods-sl',
    ).replace('ingressSecurityRules: [{protocol: all, source: 0.0.0.0/0}]', 'ingressSecurityRules: [{protocol: all, source: 0.0.0.0/0, isStateless: true}]');
    const found = findingsOf(ID, load(NETWORK + lists + cluster()));
    // The worker list's egress allows only TCP (to any port): the replies of TCP flows, nothing else.
    expect(found.map((f) => [where(f), f.severity, missingRow(f.message)])).toEqual([
      ['11:5', 'error', 'ingress all protocols from worker nodes of prod/general'],
      ['11:5', 'error', 'ingress all protocols from pods of prod/general'],
      ['11:5', 'error', 'ingress ICMP (all types) from Kubernetes API endpoint of cluster prod'],
      ['12:5', 'error', 'egress all protocols to worker nodes of prod/general'],
      ['12:5', 'error', 'egress all protocols to pods of prod/general'],
      ['12:5', 'error', 'egress ICMP type 3 code 4 to 0.0.0.0/0'],
    ]);
  });

  test('an NSG source covers the VNICs in that NSG; the rule to add goes into the first NSG', () => {
    const text =
      NETWORK.replace('securityListIds: [pods-sl]', 'securityListIds: []') +
      OPEN_LISTS.replace(/  - name: pods-sl\n.*\n.*\n/, '') +
      `networkSecurityGroups:
  - name: pods-nsg
    rules:
      - {direction: INGRESS, protocol: all, source: pods-nsg, sourceType: NETWORK_SECURITY_GROUP}
      - {direction: INGRESS, protocol: all, source: workers-nsg, sourceType: NETWORK_SECURITY_GROUP}
      - {direction: INGRESS, protocol: all, source: 10.0.128.0/28}
      - {direction: EGRESS, protocol: all, destination: 0.0.0.0/0}
  - name: workers-nsg
` +
      cluster('', ', nsgIds: [workers-nsg], podNsgIds: [pods-nsg]');
    expect(findingsOf(ID, load(text))).toEqual([]);
    const without = text.replace('      - {direction: INGRESS, protocol: all, source: workers-nsg, sourceType: NETWORK_SECURITY_GROUP}\n', '');
    const found = findingsOf(ID, load(without));
    expect(found.map((f) => [where(f), f.message])).toEqual([
      [
        '15:5',
        'the pods of prod/general (subnet "pods", 10.0.64.0/18) lack a required ingress rule: all protocols from the worker nodes of prod/general ' +
          '(subnet "workers", 10.0.0.0/20) ("Allow pods on one worker node to communicate with pods on other worker nodes"; no rule of NSG pods-nsg allows it)',
      ],
    ]);
    expect(found[0]?.remediation).toBe('Add to the rules of NSG "pods-nsg":\n  - direction: INGRESS\n    protocol: all\n    source: 10.0.0.0/20');
  });

  test('no security information in the inputs at all: not checked, one short note per cluster (not per pool), never "missing"', () => {
    const text =
      NETWORK.replace(/, securityListIds: \[[a-z-]+\]/g, '') +
      cluster().replace('    endpointSubnet: api\n', '') +
      '      - {name: batch, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods]}\n';
    expect(load(text).clusters[0]?.nodePools.map((p) => p.name)).toEqual(['general', 'batch']);
    expect(findingsOf(ID, load(text))).toEqual([]);
    const notes = findingsOf('not-checked', load(text));
    expect(notes.map((f) => [where(f), f.severity, f.message])).toEqual([
      ['7:5', 'note', 'cluster prod: pod-subnet-security-rules not checked: the inputs hold no security lists or NSG rules of its subnets and NSGs'],
    ]);
    expect(notes[0]?.remediation).toBe(
      "Supply the rules: securityLists, networkSecurityGroups and each subnet's securityListIds in the config " +
          '(docs/rules.md#pod-subnet-security-rules); for lists and NSGs named by OCID, lint with --live.',
    );
  });

  test('security information for one cluster only: the other gets one short not-checked note, never "missing"', () => {
    const text = NETWORK + OPEN_LISTS + cluster();
    const other = text.replace(/^clusters:\n/m, 'clusters:\n  - {name: staging, vcn: prod-vcn, kubernetesVersion: v1.30.1, nodePools: [{name: web, shape: VM.Standard.E4.Flex, ocpus: 4, size: 2, subnet: ocid1.subnet.oc1.iad.aaaaelsewhere, podSubnets: [ocid1.subnet.oc1.iad.aaaaelsewherepods]}]}\n');
    expect(findingsOf(ID, load(other))).toEqual([]);
    const notes = findingsOf('not-checked', load(other)).filter((f) => f.message.startsWith('cluster staging: pod-subnet-security-rules'));
    expect(notes.map((f) => f.message)).toEqual(['cluster staging: pod-subnet-security-rules not checked: the inputs hold no security lists or NSG rules of its subnets and NSGs']);
  });

  test('security information for some VNICs only: one not-checked note per cluster (rule not-checked), saying what is missing and how to supply it', () => {
    const text =
      NETWORK.replace(/, securityListIds: \[(api|workers)-sl\]/g, '').replace('[pods-sl]', '[ocid1.securitylist.oc1.iad.aaaapods]') +
      cluster().replace('    endpointSubnet: api\n', '');
    expect(findingsOf(ID, load(text))).toEqual([]);
    const found = findingsOf('not-checked', load(text));
    expect(found.map((f) => [where(f), f.severity, f.message])).toEqual([
      [
        '7:5',
        'note',
        'cluster prod: pod-subnet-security-rules not checked for 20 of 20 required security rules and the Kubernetes API endpoint\'s own, for want of ' +
          'the Kubernetes API endpoint\'s subnet or NSGs (endpointSubnet, endpointNsgIds not given); the security lists of subnet "workers" ' +
          '(securityListIds not given); security list ocid1.securitylist.oc1.iad.aaaapods of subnet "pods" (not in the inputs)',
      ],
    ]);
    expect(found[0]?.remediation).toContain('securityLists, networkSecurityGroups and each subnet\'s securityListIds');
    expect(found[0]?.remediation).toContain('for lists and NSGs named by OCID, lint with --live');
  });

  test('the note says how to supply the rules in the words of the input: Terraform resources, OCI CLI output, live reads', () => {
    const howTo = (files: string[]) => runLint(loadConfigFiles(files).model, new ShapeIndex(embeddedCatalog())).find((f) => f.ruleId === 'not-checked' && f.message.includes('pod-subnet-security-rules'))?.remediation;
    expect(howTo(['examples/terraform-plan.json'])).toBe(
      "Supply the rules: in the plan, the oci_core_security_list (or oci_core_default_security_list) resources of the subnets' security_list_ids and the " +
        'oci_core_network_security_group_security_rule resources of the NSGs; for lists and NSGs that exist already, lint with --live, or add the output of ' +
        '"oci network security-list get" to the files.',
    );
    expect(howTo(['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'].map((f) => `examples/oci-cli/${f}`))).toBe(
      'Supply the rules: add the output of "oci network security-list get" for each list the subnets name to the files, or lint with --live ' +
        "(it reads the lists and the NSGs' rules; OCI CLI output of NSG rules is not read).",
    );
  });

  test('a security list named by an OCID no input holds: rows the known rules cover pass, the rest are not checked, never missing', () => {
    const text =
      NETWORK.replace('securityListIds: [pods-sl]', 'securityListIds: [pods-sl, ocid1.securitylist.oc1.iad.aaaaelsewhere]') +
      OPEN_LISTS.replace('egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]\n', 'egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]\n').replace(
        /(  - name: pods-sl\n    ingressSecurityRules: \[\{protocol: all, source: 10.0.0.0\/16\}\]\n)    egressSecurityRules: .*\n/,
        '$1',
      ) +
      cluster();
    expect(findingsOf(ID, load(text))).toEqual([]);
    const found = findingsOf('not-checked', load(text));
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      [
        'note',
        'cluster prod: pod-subnet-security-rules not checked for 5 of 30 required security rules, for want of security list ' +
          'ocid1.securitylist.oc1.iad.aaaaelsewhere of subnet "pods" (not in the inputs)',
      ],
    ]);
  });

  test('flannel clusters and virtual node pools are not checked; disableRules on the cluster silences it', () => {
    expect(findingsOf(ID, load(NETWORK + OPEN_LISTS.replace(/0\.0\.0\.0\/0/g, '10.0.0.0/16') + cluster('\n    cniType: FLANNEL_OVERLAY')))).toEqual([]);
    expect(findingsOf(ID, load(NETWORK + OPEN_LISTS.replace(/0\.0\.0\.0\/0/g, '10.0.0.0/16') + cluster().replace('shape: VM.Standard.E4.Flex, ocpus: 4, ', 'type: virtual, ')))).toEqual([]);
    const missing = NETWORK + OPEN_LISTS.replace('    egressSecurityRules: [{protocol: all, destination: 0.0.0.0/0}]\n', '') + cluster();
    expect(findingsOf(ID, load(missing)).length).toBe(5);
    // The endpoint's findings are the cluster's: disableRules on the cluster silences them (and its pools').
    expect(findingsOf(ID, load(missing.replace('endpointSubnet: api', 'endpointSubnet: api\n    disableRules: [pod-subnet-security-rules]')))).toEqual([]);
  });
});

describe(`${ID}: the rule to add, in the input's own form`, () => {
  const rule = { direction: 'ingress' as const, protocol: 6, peer: { value: '10.0.0.0/20', type: 'CIDR_BLOCK' as const }, ports: { min: 6443, max: 6443 } };
  const icmp = { direction: 'egress' as const, protocol: 1, peer: { value: 'all-iad-services-in-oracle-services-network', type: 'SERVICE_CIDR_BLOCK' as const }, icmp: { type: 3, code: 4 } };

  test('Terraform: an ingress_security_rules block of the security list; an NSG rule resource', () => {
    expect(ruleToAdd({ kind: 'securityList', name: 'oci_core_security_list.api', form: 'terraform' }, [rule], 'endpoint-ingress-workers-6443')).toBe(
      [
        'Add to resource oci_core_security_list.api:',
        '  ingress_security_rules {',
        '    protocol = "6"',
        '    source = "10.0.0.0/20"',
        '    source_type = "CIDR_BLOCK"',
        '    tcp_options {',
        '      min = 6443',
        '      max = 6443',
        '    }',
        '  }',
      ].join('\n'),
    );
    expect(ruleToAdd({ kind: 'nsg', name: 'oci_core_network_security_group.pods', form: 'terraform' }, [icmp], 'pods-egress-services-icmp-3-4')).toBe(
      [
        'Add to the Terraform configuration:',
        'resource "oci_core_network_security_group_security_rule" "pods_pods_egress_services_icmp_3_4" {',
        '  network_security_group_id = oci_core_network_security_group.pods.id',
        '  direction = "EGRESS"',
        '  protocol = "1"',
        '  destination = "all-iad-services-in-oracle-services-network"',
        '  destination_type = "SERVICE_CIDR_BLOCK"',
        '  icmp_options {',
        '    type = 3',
        '    code = 4',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  test('Terraform inside a module and for_each: the address inside the module, the module named; an NSG peer by its .id, or its OCID', () => {
    const fromNsg = (value: string) => ({ direction: 'ingress' as const, protocol: 'all' as const, peer: { value, type: 'NETWORK_SECURITY_GROUP' as const } });
    expect(ruleToAdd({ kind: 'securityList', name: 'module.network.oci_core_security_list.this["workers"]', form: 'terraform' }, [rule], 'x').split('\n')[0]).toBe(
      'Add to resource oci_core_security_list.this["workers"] in module.network:',
    );
    const nsg = { kind: 'nsg' as const, name: 'module.oke["a"].oci_core_network_security_group.this["pods"]', form: 'terraform' as const };
    expect(ruleToAdd(nsg, [fromNsg('module.oke["a"].oci_core_network_security_group.this["workers"]')], 'pods-ingress-workers-all')).toBe(
      [
        'Add to the Terraform configuration in module.oke["a"]:',
        'resource "oci_core_network_security_group_security_rule" "this_pods_pods_ingress_workers_all" {',
        '  network_security_group_id = oci_core_network_security_group.this["pods"].id',
        '  direction = "INGRESS"',
        '  protocol = "all"',
        '  source = oci_core_network_security_group.this["workers"].id',
        '  source_type = "NETWORK_SECURITY_GROUP"',
        '}',
      ].join('\n'),
    );
    // Another module's NSG is not in scope; an existing NSG is its OCID.
    expect(ruleToAdd(nsg, [fromNsg('oci_core_network_security_group.workers')], 'x')).toContain('  source = "<OCID of oci_core_network_security_group.workers>"\n');
    expect(ruleToAdd(nsg, [fromNsg('ocid1.networksecuritygroup.oc1..w')], 'x')).toContain('  source = "ocid1.networksecuritygroup.oc1..w"\n');
  });

  test('OCI CLI JSON: security-list update and nsg rules add, with the OCID', () => {
    expect(ruleToAdd({ kind: 'nsg', name: 'pods', ocid: 'ocid1.networksecuritygroup.oc1..p', form: 'oci-cli' }, [icmp], 'x')).toBe(
      'Add with: oci network nsg rules add --nsg-id ocid1.networksecuritygroup.oc1..p --security-rules \'[{"direction":"EGRESS","protocol":"1",' +
        '"destination":"all-iad-services-in-oracle-services-network","destinationType":"SERVICE_CIDR_BLOCK","isStateless":false,"icmpOptions":{"type":3,"code":4}}]\'',
    );
    expect(ruleToAdd({ kind: 'securityList', name: 'api', ocid: 'ocid1.securitylist.oc1..a', form: 'oci' }, [rule], 'x')).toBe(
      'Add to the ingress rules of security list api (oci network security-list update --security-list-id ocid1.securitylist.oc1..a --ingress-security-rules ' +
        'takes the whole list: the current rules and this one):\n' +
        '  {"protocol":"6","source":"10.0.0.0/20","sourceType":"CIDR_BLOCK","isStateless":false,"tcpOptions":{"destinationPortRange":{"min":6443,"max":6443}}}',
    );
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column, with the rule to add', () => {
    const found = expectInvalidFixture(ID, [
      [25, 5, 'the Kubernetes API endpoint of cluster prod (subnet "api", 10.0.128.0/28) lacks a required ingress rule: TCP port 6443 from the worker nodes of prod/general'],
      [38, 5, 'the worker nodes of prod/general (subnet "workers", 10.0.0.0/20) lack a required ingress rule: TCP (all ports) from the Kubernetes API endpoint'],
      [59, 5, 'the pods of prod/general (subnet "pods", 10.0.64.0/18) lack a required egress rule: TCP (all ports) to all OCI services (all-iad-services-in-oracle-services-network)'],
    ]);
    expect(found.map((f) => f.remediation)).toEqual([
      'Add to ingressSecurityRules of security list "api-sl":\n  - protocol: tcp\n    source: 10.0.0.0/20\n    tcpOptions: { destinationPortRange: { min: 6443, max: 6443 } }',
      'Add to ingressSecurityRules of security list "workers-sl":\n  - protocol: tcp\n    source: 10.0.128.0/28',
      'Add to the rules of NSG "pods-nsg":\n  - direction: EGRESS\n    protocol: tcp\n    destination: all-iad-services-in-oracle-services-network\n    destinationType: SERVICE_CIDR_BLOCK',
    ]);
    expect(FIXTURE).toContain(ID);
  });
});
