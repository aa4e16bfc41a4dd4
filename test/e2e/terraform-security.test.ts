/**
 * pod-subnet-security-rules on Terraform plans, through the built bin: security lists (and the VCN's
 * default list), NSGs with their rule resources, references known only after apply traced through
 * the configuration, and the rule to add written as Terraform (test/fixtures/terraform/security.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';
import { plan, refs, res } from '../fixtures/terraform/plans.js';
import { all, icmp, id, OSN, securityParts, securityPlan, tcp, type SecurityParts } from '../fixtures/terraform/security.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-tf-security-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;

interface Found {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  remediation: string;
  resource?: { type: string; address: string; name: string | null };
  plan?: { file: string; line: number; column: number };
}

function lint(name: string, value: unknown, extra: string[] = []): { code: number | null; text: string; findings: Found[]; stderr: string } {
  const text = JSON.stringify(value, null, 2);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, text);
  const r = runBin(['lint', file, '--format', 'json', ...extra]);
  const findings = r.stdout === '' ? [] : (JSON.parse(r.stdout).findings as Found[]);
  return { code: r.code, text, findings, stderr: r.stderr };
}

/** 1-based line and column of `needle` after the first `after` (both in the written plan). */
function where(text: string, needle: string, after: string): [number, number] {
  const from = text.indexOf(after);
  if (from < 0) throw new Error(`not in the plan: ${after}`);
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`not in the plan: ${needle}`);
  const before = text.slice(0, i);
  return [before.split('\n').length, i - before.lastIndexOf('\n')];
}

const resource = (parts: SecurityParts, address: string) => {
  const found = parts.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no resource ${address}`);
  return found;
};
const config = (parts: SecurityParts, address: string): Json => {
  const found = parts.config.find((c) => c['address'] === address);
  if (!found) throw new Error(`no configuration for ${address}`);
  return found;
};
const rules = (parts: SecurityParts, address: string, key: 'ingress_security_rules' | 'egress_security_rules'): Json[] => resource(parts, address).values[key] as Json[];

/** Every required rule present: the worker list allows path discovery from anywhere. */
function complete(): SecurityParts {
  const parts = securityParts();
  const ingress = rules(parts, 'oci_core_security_list.workers', 'ingress_security_rules');
  ingress[4] = icmp('source', '0.0.0.0/0', 3, 4);
  return parts;
}

const summary = (f: readonly Found[]) => f.map((x) => [x.ruleId, x.severity, x.line, x.column]);
const PLANNED = '"planned_values"';

describe('Terraform plans: pod-subnet-security-rules', () => {
  it('every required rule in the lists, the default list and the NSG rules: no finding, exit 0', () => {
    const r = lint('complete', securityPlan(complete()));
    expect(r.stderr).toBe('');
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('one missing rule: exactly that finding, at the list\'s ingress_security_rules, with the block to paste', () => {
    const r = lint('one-missing', securityPlan());
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([['pod-subnet-security-rules', 'error', ...where(r.text, '"ingress_security_rules"', '"address": "oci_core_security_list.workers"')]]);
    expect(r.findings[0]?.message).toBe(
      'the worker nodes of oci_containerengine_node_pool.general ("general") (subnet "oci_core_subnet.workers", 10.0.0.0/20) lack a required ingress rule: ' +
        'ICMP type 3 code 4 from 0.0.0.0/0 (anywhere) ("Path Discovery"; no rule of security list oci_core_security_list.workers allows it)',
    );
    expect(r.findings[0]?.remediation).toBe(
      [
        'Add to resource oci_core_security_list.workers:',
        '  ingress_security_rules {',
        '    protocol = "1"',
        '    source = "0.0.0.0/0"',
        '    source_type = "CIDR_BLOCK"',
        '    icmp_options {',
        '      type = 3',
        '      code = 4',
        '    }',
        '  }',
      ].join('\n'),
    );
    // The fix goes into the security list: the finding's resource is the list's, not the pool's.
    expect(r.findings[0]?.resource).toEqual({ type: 'oci_core_security_list', address: 'oci_core_security_list.workers', name: null });
  });

  it('--tf-dir: the finding lands on the security list\'s resource block, the plan position kept', () => {
    const tf = join(dir, 'infra');
    mkdirSync(tf, { recursive: true });
    writeFileSync(join(tf, 'network.tf'), ['resource "oci_core_vcn" "main" {', '}', '', 'resource "oci_core_security_list" "workers" {', '  vcn_id = oci_core_vcn.main.id', '}', ''].join('\n'));
    const r = lint('one-missing-tf-dir', securityPlan(), ['--tf-dir', tf]);
    expect(r.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['pod-subnet-security-rules', join(tf, 'network.tf'), 4, 1]]);
    expect(r.findings[0]?.plan).toEqual({ file: join(dir, 'one-missing-tf-dir.json'), line: where(r.text, '"ingress_security_rules"', '"address": "oci_core_security_list.workers"')[0], column: where(r.text, '"ingress_security_rules"', '"address": "oci_core_security_list.workers"')[1] });
  });

  it('a stateless rule without one for its replies: missing, and the finding says why', () => {
    const parts = complete();
    const ingress = rules(parts, 'oci_core_security_list.api', 'ingress_security_rules');
    ingress[0] = { ...tcp('source', '10.0.0.0/20', 6443), stateless: true };
    const r = lint('stateless', securityPlan(parts));
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([['pod-subnet-security-rules', 'error', ...where(r.text, '"ingress_security_rules"', '"address": "oci_core_security_list.api"')]]);
    expect(r.findings[0]?.message).toBe(
      'the Kubernetes API endpoint of cluster oci_containerengine_cluster.prod (subnet "oci_core_subnet.api", 10.0.128.0/28) lacks a required ingress rule: TCP port 6443 from the worker nodes of ' +
        'oci_containerengine_node_pool.general ("general") (subnet "oci_core_subnet.workers", 10.0.0.0/20) ("Kubernetes worker to Kubernetes API endpoint communication"; ' +
        'a stateless rule of security list oci_core_security_list.api allows it, but no egress rule allows its replies)',
    );
    expect(r.findings[0]?.remediation).toBe(
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
  });

  it('a rule missing from an NSG: the oci_core_network_security_group_security_rule resource to add, at the NSG', () => {
    const parts = complete();
    parts.resources = parts.resources.filter((r) => r.address !== 'oci_core_network_security_group_security_rule.pods_to_services');
    parts.config = parts.config.filter((c) => c['address'] !== 'oci_core_network_security_group_security_rule.pods_to_services');
    const r = lint('nsg-missing', securityPlan(parts));
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toEqual([['pod-subnet-security-rules', 'error', ...where(r.text, '"address"', '"address": "oci_core_network_security_group.pods"')]]);
    expect(r.findings[0]?.message).toContain(
      'lack a required egress rule: TCP (all ports) to all OCI services (all-phx-services-in-oracle-services-network) ("Allow worker nodes to communicate with OCI services"; ' +
        'no rule of security list oci_core_default_security_list.main or NSG oci_core_network_security_group.pods allows it)',
    );
    expect(r.findings[0]?.remediation).toBe(
      [
        'Add to the Terraform configuration:',
        'resource "oci_core_network_security_group_security_rule" "pods_pods_egress_services_tcp" {',
        '  network_security_group_id = oci_core_network_security_group.pods.id',
        '  direction = "EGRESS"',
        '  protocol = "6"',
        `  destination = "${OSN}"`,
        '  destination_type = "SERVICE_CIDR_BLOCK"',
        '}',
      ].join('\n'),
    );
    expect(r.findings[0]?.resource).toEqual({ type: 'oci_core_network_security_group', address: 'oci_core_network_security_group.pods', name: null });
  });

  it('an NSG in a module, reached through a module output: the rule to add goes into that module, naming the NSG as the module does', () => {
    const parts = complete();
    const NSG = 'oci_core_network_security_group.pods';
    const inModule = new Set([NSG, 'oci_core_network_security_group_security_rule.pods_path_discovery']);
    const resources = parts.resources
      .filter((r) => r.address !== 'oci_core_network_security_group_security_rule.pods_to_services')
      .map((r) => (inModule.has(r.address) ? res(`module.network.${r.address}`, r.values, { unknown: r.unknown ?? {} }) : r));
    const root = parts.config.filter((c) => !/^oci_core_network_security_group/.test(c['address'] as string));
    const pool = config({ ...parts, config: root }, 'oci_containerengine_node_pool.general');
    pool['expressions'] = JSON.parse(JSON.stringify(pool['expressions']).replace(JSON.stringify(id(NSG)), JSON.stringify(refs('module.network.pods_nsg_id', 'module.network'))));
    const network = {
      source: './network',
      module: {
        resources: [
          { ...config(parts, NSG), expressions: {} },
          { ...config(parts, 'oci_core_network_security_group_security_rule.pods_path_discovery'), expressions: { network_security_group_id: id(NSG) } },
        ],
        outputs: { pods_nsg_id: { expression: id(NSG) } },
      },
    };
    const value = plan({ resources, configuration: { resources: root, module_calls: { network } } });
    const r = lint('nsg-in-module', value);
    expect(r.findings.map((f) => [f.ruleId, f.resource?.address])).toEqual([['pod-subnet-security-rules', `module.network.${NSG}`]]);
    expect(r.findings[0]?.message).toContain(`no rule of security list oci_core_default_security_list.main or NSG module.network.${NSG} allows it`);
    expect(r.findings[0]?.remediation.split('\n').slice(0, 3)).toEqual([
      'Add to the Terraform configuration in module.network:',
      'resource "oci_core_network_security_group_security_rule" "pods_pods_egress_services_tcp" {',
      `  network_security_group_id = ${NSG}.id`,
    ]);
  });

  /** The pod subnet's default list reaches only the workers and the endpoint: pod-to-pod egress needs the NSG rule `destination`. */
  function podsByNsg(destination: Json): SecurityParts {
    const parts = complete();
    const list = resource(parts, 'oci_core_default_security_list.main');
    list.values['egress_security_rules'] = [all('destination', '10.0.0.0/20'), all('destination', '10.0.128.0/28')];
    const address = 'oci_core_network_security_group_security_rule.pods_to_pods';
    parts.resources.push(
      res(address, { direction: 'EGRESS', protocol: 'all', destination_type: 'NETWORK_SECURITY_GROUP', stateless: false, tcp_options: [], udp_options: [], icmp_options: [] }, {
        unknown: { id: true, network_security_group_id: true, destination: true },
      }),
    );
    parts.config.push({ ...config(parts, 'oci_core_network_security_group_security_rule.pods_to_services'), address, name: 'pods_to_pods', expressions: { network_security_group_id: id('oci_core_network_security_group.pods'), destination } });
    return parts;
  }

  it('an NSG rule whose destination NSG is known only after apply but is in the plan: resolved, the rule covers pod-to-pod traffic', () => {
    const r = lint('nsg-peer-traced', securityPlan(podsByNsg(id('oci_core_network_security_group.pods'))));
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('an NSG rule whose destination the plan does not determine: that NSG is not checked, one note, never "missing"', () => {
    const r = lint('nsg-peer-unknown', securityPlan(podsByNsg(refs('local.pods_nsg_id'))));
    expect(summary(r.findings)).toEqual([['not-checked', 'note', ...where(r.text, '"address"', '"address": "oci_containerengine_cluster.prod"')]]);
    expect(r.findings[0]?.message).toBe(
      'cluster oci_containerengine_cluster.prod: pod-subnet-security-rules not checked for 1 of 30 required security rules, for want of some rules of NSG oci_core_network_security_group.pods ' +
        '(oci_core_network_security_group_security_rule.pods_to_pods.destination: known only after apply; its expression refers to local.pods_nsg_id, ' +
        'and a plan does not carry the values of locals)',
    );
    expect(r.code).toBe(0);
    // --strict: the note is an error.
    const strict = lint('nsg-peer-unknown-strict', securityPlan(podsByNsg(refs('local.pods_nsg_id'))), ['--strict']);
    expect(summary(strict.findings)).toEqual([['not-checked', 'error', ...where(strict.text, '"address"', '"address": "oci_containerengine_cluster.prod"')]]);
    expect(strict.code).toBe(1);
  });

  it('subnets and security lists made with for_each: each subnet gets its own instance\'s list through each.key', () => {
    const parts = forEachParts();
    const clean = lint('for-each', securityPlan(parts));
    expect(clean.findings).toEqual([]);
    expect(clean.code).toBe(0);
    // Path discovery gone from the workers' instance only: the finding names that instance.
    rules(parts, 'oci_core_security_list.this["workers"]', 'ingress_security_rules').splice(4, 1);
    const r = lint('for-each-missing', securityPlan(parts));
    expect(summary(r.findings)).toEqual([['pod-subnet-security-rules', 'error', ...where(r.text, '"ingress_security_rules"', '"address": "oci_core_security_list.this[\\"workers\\"]"')]]);
    expect(r.findings[0]?.message).toContain('(subnet "oci_core_subnet.this["workers"]", 10.0.0.0/20) lack a required ingress rule: ICMP type 3 code 4 from 0.0.0.0/0');
    expect(r.findings[0]?.remediation.split('\n')[0]).toBe('Add to resource oci_core_security_list.this["workers"]:');
  });

  it('security_list_ids = [oci_core_vcn.main.default_security_list_id]: the default list the plan manages', () => {
    const parts = complete();
    const pods = config(parts, 'oci_core_subnet.pods');
    pods['expressions'] = { ...(pods['expressions'] as Json), security_list_ids: refs('oci_core_vcn.main.default_security_list_id', 'oci_core_vcn.main') };
    const r = lint('default-list-by-reference', securityPlan(parts));
    expect(r.findings).toEqual([]);
    // Without the default list's ingress from the VCN, the pods lack it: the finding names the default list among their rules.
    rules(parts, 'oci_core_default_security_list.main', 'ingress_security_rules').splice(0, 1);
    const missing = lint('default-list-by-reference-missing', securityPlan(parts));
    expect(missing.findings.map((f) => f.ruleId)).toEqual(Array(3).fill('pod-subnet-security-rules'));
    for (const f of missing.findings) expect(f.message).toContain('no rule of security list oci_core_default_security_list.main or NSG oci_core_network_security_group.pods allows it');
  });

  it('an endpoint subnet the plan does not determine: the endpoint\'s rows and those that need its addresses are not checked', () => {
    const parts = complete();
    config(parts, 'oci_containerengine_cluster.prod')['expressions'] = { vcn_id: id('oci_core_vcn.main'), endpoint_config: [{ subnet_id: refs('local.api_subnet_id') }] };
    const r = lint('endpoint-unknown', securityPlan(parts));
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['not-checked', 'note']]);
    expect(r.findings[0]?.message).toBe(
      // The workers' 5 rows with the endpoint as peer: its address is unknown and the worker list allows only 10.0.128.0/28 (the pods' list allows the whole VCN).
      "cluster oci_containerengine_cluster.prod: pod-subnet-security-rules not checked for 5 of 20 required security rules and the Kubernetes API endpoint's own, for want of " +
        "the Kubernetes API endpoint's subnet (oci_containerengine_cluster.prod.endpoint_config[0].subnet_id: known only after apply; its expression refers to local.api_subnet_id, " +
        'and a plan does not carry the values of locals)',
    );
  });

  it('a subnet without security_list_ids whose VCN\'s default list the plan does not manage: not checked, naming it', () => {
    const parts = complete();
    parts.resources = parts.resources.filter((r) => r.address !== 'oci_core_default_security_list.main');
    parts.config = parts.config.filter((c) => c['address'] !== 'oci_core_default_security_list.main');
    const r = lint('no-default-list', securityPlan(parts));
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['not-checked', 'note']]);
    expect(r.findings[0]?.message).toContain(
      'the security lists of subnet "oci_core_subnet.pods" (oci_core_subnet.pods.security_list_ids: not set, so the subnet has the default security list of oci_core_vcn.main, ' +
        'which the plan does not hold (manage it with an oci_core_default_security_list resource, or lint with --live))',
    );
  });

  it('examples/terraform-security-plan.json is the fixture plan', () => {
    expect(JSON.parse(readFileSync('examples/terraform-security-plan.json', 'utf8'))).toEqual(securityPlan());
  });
});

/** The same network with subnets and security lists for_each over var.subnets, each subnet on its own instance's list. */
function forEachParts(): SecurityParts {
  const base = complete();
  const names = ['api', 'workers', 'pods'];
  const renamed = (address: string): string => {
    const m = /^(oci_core_subnet|oci_core_security_list)\.(api|workers|pods)$/.exec(address);
    return m ? `${m[1]}.this["${m[2]}"]` : address;
  };
  const resources = base.resources
    .map((r) => (r.address === 'oci_core_default_security_list.main' ? { ...r, ...res('oci_core_security_list.pods', { ...r.values, display_name: 'pods-sl' }, { unknown: { id: true, vcn_id: true } }) } : r))
    .map((r) => (renamed(r.address) === r.address ? r : { ...res(renamed(r.address), r.values, { unknown: r.unknown ?? {} }) }));
  const vcn = id('oci_core_vcn.main');
  const config = base.config
    .filter((c) => !/^oci_core_(subnet|security_list|default_security_list)\./.test(c['address'] as string))
    .map((c) => JSON.parse(JSON.stringify(c).replace(/oci_core_subnet\.(api|workers|pods)(\.id)?/g, (_m, n: string, dotId?: string) => `oci_core_subnet.this[\\"${n}\\"]${dotId ?? ''}`)) as Json);
  config.push(
    {
      address: 'oci_core_subnet.this',
      mode: 'managed',
      type: 'oci_core_subnet',
      name: 'this',
      provider_config_key: 'oci',
      expressions: { vcn_id: vcn, cidr_block: refs('each.value.cidr', 'each.value'), security_list_ids: refs('oci_core_security_list.this', 'each.key') },
      for_each_expression: refs('var.subnets'),
      schema_version: 0,
    },
    { address: 'oci_core_security_list.this', mode: 'managed', type: 'oci_core_security_list', name: 'this', provider_config_key: 'oci', expressions: { vcn_id: vcn }, for_each_expression: refs('var.subnets'), schema_version: 0 },
  );
  return { resources, config, variables: { subnets: Object.fromEntries(names.map((n) => [n, { cidr: resources.find((r) => r.address === `oci_core_subnet.this["${n}"]`)?.values['cidr_block'] }])) } };
}
