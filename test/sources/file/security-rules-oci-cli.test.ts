/** Security lists from OCI CLI JSON (oci network security-list get), and the subnets/cluster keys naming them, in OCI CLI JSON and in a plan. */
import { describe, expect, it } from 'vitest';
import { ShapeIndex } from '../../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../../src/catalog/load.js';
import { peerText } from '../../../src/core/security-rules/index.js';
import { runLint } from '../../../src/rules/index.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFiles, parseConfigText } from '../../../src/sources/file/index.js';
import { pos } from './helpers.js';

const CLI = ['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'].map((f) => `examples/oci-cli/${f}`);
const LIST = 'test/fixtures/oci/security-list.json';
const shapes = new ShapeIndex(embeddedCatalog());

describe('OCI CLI security lists', () => {
  const { model } = loadConfigFiles([...CLI, LIST]);

  it('reads the list by its OCID, every rule with protocol, peer type, ICMP options and position', () => {
    const list = model.securityLists?.[0];
    expect([list?.ref, list?.name, list?.form, list?.at['']]).toEqual(['ocid1.securitylist.oc1.phx.aaaaaaaas1', 'oke-default', 'oci-cli', pos(LIST, 4, 5)]);
    expect(list?.rules.map((r) => [r.direction, r.protocol, r.peer.kind, peerText(r.peer), r.icmp, r.stateless, r.at[''] && (r.at[''] as { line: number }).line])).toEqual([
      ['ingress', 'all', 'cidr', '10.0.0.0/16', undefined, false, 12],
      ['ingress', 1, 'cidr', '0.0.0.0/0', { type: 3, code: 1 }, false, 13],
      ['egress', 'all', 'cidr', '10.0.0.0/16', undefined, false, 6],
      ['egress', 6, 'service', 'all-phx-services-in-oracle-services-network', undefined, false, 7],
      ['egress', 1, 'cidr', '0.0.0.0/0', { type: 3, code: 4 }, false, 8],
    ]);
  });

  it('subnets keep their security-list-ids, the cluster its endpoint subnet and NSGs', () => {
    expect(model.subnets.map((s) => s.securityListIds)).toEqual([
      ['ocid1.securitylist.oc1.phx.aaaaaaaas1'],
      ['ocid1.securitylist.oc1.phx.aaaaaaaas1'],
      ['ocid1.securitylist.oc1.phx.aaaaaaaas1'],
    ]);
    expect([model.clusters[0]?.endpointSubnet, model.clusters[0]?.endpointNsgIds]).toEqual([model.subnets[0]?.ref, []]);
  });

  it('lint: the one required rule the list lacks, at its ingress rules, with the OCI CLI JSON to add', () => {
    const found = runLint(model, shapes).filter((f) => f.ruleId === 'pod-subnet-security-rules');
    expect(found.map((f) => [f.location, f.severity])).toEqual([[pos(LIST, 11, 5), 'error']]);
    expect(found[0]?.message).toContain('lack a required ingress rule: ICMP type 3 code 4 from 0.0.0.0/0 (anywhere)');
    expect(found[0]?.remediation).toBe(
      'Add to the ingress rules of security list oke-default (oci network security-list update --security-list-id ocid1.securitylist.oc1.phx.aaaaaaaas1 ' +
        '--ingress-security-rules takes the whole list: the current rules and this one):\n' +
        '  {"protocol":"1","source":"0.0.0.0/0","sourceType":"CIDR_BLOCK","isStateless":false,"icmpOptions":{"type":3,"code":4}}',
    );
  });

  it('without the list: not checked, one note naming it', () => {
    const found = runLint(loadConfigFiles(CLI).model, shapes).filter((f) => f.ruleId.startsWith('pod-subnet-security') || f.ruleId === 'not-checked');
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([['not-checked', 'note']]);
    expect(found[0]?.message).toContain('security list ocid1.securitylist.oc1.phx.aaaaaaaas1 of subnet "oke-pods" (not in the inputs)');
  });
});

describe('a Terraform plan naming existing security lists by OCID', () => {
  const planText = (): string => {
    let text = readFileSync('examples/terraform-plan.json', 'utf8');
    for (const name of ['oke-api', 'oke-workers', 'oke-pods']) {
      text = text.replace(`"display_name":"${name}",`, `"display_name":"${name}","security_list_ids":["ocid1.securitylist.oc1.phx.aaaaaaaas1"],`);
    }
    expect(text.match(/security_list_ids/g)).toHaveLength(3);
    return text;
  };
  const plan = () => parseConfigText(planText(), 'plan.json').model;

  it('the subnets keep the OCID; without the list, not checked (one note naming it), never missing', () => {
    const model = plan();
    expect(model.subnets.map((s) => s.securityListIds)).toEqual([['ocid1.securitylist.oc1.phx.aaaaaaaas1'], ['ocid1.securitylist.oc1.phx.aaaaaaaas1'], ['ocid1.securitylist.oc1.phx.aaaaaaaas1']]);
    // The endpoint's subnet comes through module.network's output.
    expect(model.clusters[0]?.endpointSubnet).toBe('module.network.oci_core_subnet.api');
    const found = runLint(model, shapes);
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([['not-checked', 'note']]);
    expect(found[0]?.message).toContain('not checked for 30 of 30 required security rules, for want of security list ocid1.securitylist.oc1.phx.aaaaaaaas1 of subnet "module.network.oci_core_subnet.api" (not in the inputs)');
  });

  it('with "oci network security-list get" beside the plan: the list is checked, the one rule it lacks is a finding with the OCI CLI JSON to add', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oke-cni-plan-sl-'));
    try {
      writeFileSync(join(dir, 'plan.json'), planText());
      const found = runLint(loadConfigFiles([join(dir, 'plan.json'), LIST]).model, shapes);
      expect(found.map((f) => [f.ruleId, f.location])).toEqual([['pod-subnet-security-rules', pos(LIST, 11, 5)]]);
      expect(found[0]?.message).toContain('(subnet "module.network.oci_core_subnet.workers", 10.0.0.0/20) lack a required ingress rule: ICMP type 3 code 4 from 0.0.0.0/0');
      expect(found[0]?.remediation?.split('\n')[0]).toContain('oci network security-list update --security-list-id ocid1.securitylist.oc1.phx.aaaaaaaas1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
