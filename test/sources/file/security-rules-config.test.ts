/** securityLists / networkSecurityGroups in the oke-cni config, and the keys that name them. */
import { describe, expect, it } from 'vitest';
import { peerText } from '../../../src/core/security-rules/index.js';
import { loadConfigFiles, parseConfigText } from '../../../src/sources/file/index.js';
import { pos, problemsOf } from './helpers.js';

const EXAMPLE = 'examples/security-rules.yaml';

describe('security lists and NSGs in the config', () => {
  const { model } = loadConfigFiles([EXAMPLE]);

  it('reads every rule of every list and NSG, with its direction, protocol, peer, ports and ICMP', () => {
    expect(model.securityLists?.map((l) => [l.name, l.form, l.rules.filter((r) => r.direction === 'ingress').length, l.rules.filter((r) => r.direction === 'egress').length])).toEqual([
      ['api-sl', 'oke-cni', 5, 4],
      ['workers-sl', 'oke-cni', 5, 6],
      ['pods-sl', 'oke-cni', 1, 0],
    ]);
    const api = model.securityLists?.[0]?.rules ?? [];
    expect(api.map((r) => [r.direction, r.protocol, peerText(r.peer), r.destinationPorts, r.icmp, r.stateless])).toEqual([
      ['ingress', 6, '10.0.0.0/20', { min: 6443, max: 6443 }, undefined, false],
      ['ingress', 6, '10.0.0.0/20', { min: 12250, max: 12250 }, undefined, false],
      ['ingress', 6, '10.0.64.0/18', { min: 6443, max: 6443 }, undefined, false],
      ['ingress', 6, '10.0.64.0/18', { min: 12250, max: 12250 }, undefined, false],
      ['ingress', 1, '10.0.0.0/20', undefined, { type: 3, code: 4 }, false],
      ['egress', 6, 'all-iad-services-in-oracle-services-network', { min: 443, max: 443 }, undefined, false],
      ['egress', 'all', '10.0.64.0/18', undefined, undefined, false],
      ['egress', 1, '10.0.0.0/20', undefined, undefined, false],
      ['egress', 6, '10.0.0.0/20', { min: 10250, max: 10250 }, undefined, false],
    ]);
    expect(api[5]?.peer.kind).toBe('service');
    expect(api[0]?.at['']).toEqual(pos(EXAMPLE, 34, 11));
    expect(model.securityLists?.[0]?.at.egressSecurityRules).toEqual(pos(EXAMPLE, 39, 5));
  });

  it('NSG rules: INGRESS/EGRESS, an NSG as destination resolved to its ref, service labels kept', () => {
    const nsg = model.networkSecurityGroups?.[0];
    expect([nsg?.name, nsg?.at.rules]).toEqual(['pods-nsg', pos(EXAMPLE, 67, 5)]);
    expect(nsg?.rules.map((r) => [r.direction, r.protocol, r.peer])).toEqual([
      ['egress', 'all', { kind: 'nsg', nsg: 'pods-nsg' }],
      ['egress', 1, { kind: 'service', label: 'all-iad-services-in-oracle-services-network' }],
      ['egress', 6, { kind: 'service', label: 'oci-iad-objectstorage' }],
      ['egress', 6, expect.objectContaining({ kind: 'cidr' })],
      ['egress', 6, expect.objectContaining({ kind: 'cidr' })],
    ]);
  });

  it('subnets name their security lists, clusters their endpoint subnet, pools their NSGs', () => {
    expect(model.subnets.map((s) => [s.name, s.securityListIds])).toEqual([
      ['api', ['api-sl']],
      ['workers', ['workers-sl']],
      ['pods', ['pods-sl']],
    ]);
    const cluster = model.clusters[0];
    expect([cluster?.endpointSubnet, cluster?.endpointNsgIds, cluster?.nodePools[0]?.podNsgIds]).toEqual(['api', undefined, ['pods-nsg']]);
  });

  it('a subnet without securityListIds says nothing about its lists (undefined, not empty)', () => {
    const { model: m } = parseConfigText('subnets:\n  - {name: a, vcn: v, cidrBlock: 10.0.0.0/24}\nvcns:\n  - {name: v, cidrBlocks: [10.0.0.0/16]}\n', 'a.yaml');
    expect(m.subnets[0]?.securityListIds).toBeUndefined();
    expect(m.securityLists).toBeUndefined();
  });

  it('security list and NSG OCIDs that no file defines are kept for the rule to report as not checked', () => {
    const text = [
      'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]',
      'subnets:',
      '  - {name: a, vcn: v, cidrBlock: 10.0.0.0/24, securityListIds: [ocid1.securitylist.oc1.iad.aaaa]}',
      'clusters:',
      '  - {name: c, vcn: v, kubernetesVersion: v1.30.1, endpointSubnet: a, endpointNsgIds: [ocid1.networksecuritygroup.oc1.iad.bbbb]}',
      '',
    ].join('\n');
    const { model: m } = parseConfigText(text, 'b.yaml');
    expect([m.subnets[0]?.securityListIds, m.clusters[0]?.endpointSubnet, m.clusters[0]?.endpointNsgIds]).toEqual([
      ['ocid1.securitylist.oc1.iad.aaaa'],
      'a',
      ['ocid1.networksecuritygroup.oc1.iad.bbbb'],
    ]);
  });
});

describe('bad security rules: one problem each, at its position', () => {
  const text = [
    'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]', // 1
    'subnets:', // 2
    '  - {name: a, vcn: v, cidrBlock: 10.0.0.0/24, securityListIds: [sl-a, sl-typo]}', // 3
    'securityLists:', // 4
    '  - name: sl-a', // 5
    '    ingressSecurityRules:', // 6
    '      - {protocol: tcpp, source: 10.0.0.0/16}', // 7
    '      - {protocol: tcp, source: 10.0.0.0/16, tcpOptions: {destinationPortRange: {min: 0, max: 70000}}}', // 8
    '      - {protocol: icmp, source: 10.0.0.0/16, tcpOptions: {}}', // 9
    '      - {protocol: all, source: workers}', // 10
    '      - {protocol: all}', // 11
    '      - {protocol: all, source: 10.0.0.0/8, sorceType: CIDR_BLOCK}', // 12
    '    egressSecurityRules:', // 13
    '      - {protocol: tcp, destination: 10.0.0.0/8, tcpOptions: {destinationPortRange: {min: 90, max: 80}}}', // 14
    '      - {protocol: all, destination: 10.0.0.0/8, destinationType: SERVICE_CIDR_BLOCK}', // 15
    'networkSecurityGroups:', // 16
    '  - name: n', // 17
    '    rules:', // 18
    '      - {direction: EGRESS, protocol: all, source: 10.0.0.0/8}', // 19
    '      - {direction: INGRESS, protocol: all, source: nn, sourceType: NETWORK_SECURITY_GROUP}', // 20
    '      - {direction: IN, protocol: all, source: 10.0.0.0/8}', // 21
    'clusters:', // 22
    '  - {name: c, vcn: v, kubernetesVersion: v1.30.1, endpointNsgIds: [m]}', // 23
    '',
  ].join('\n');

  it('reports each with file:line:col and a hint', () => {
    expect(problemsOf(() => parseConfigText(text, 'bad.yaml'))).toEqual([
      'bad.yaml:3:71: securityListIds[1]: no security list named "sl-typo"',
      'bad.yaml:7:20: protocol: expected a protocol: all, tcp, udp, icmp, icmpv6 or an IANA protocol number 0-255 such as "6"',
      'bad.yaml:8:87: min: 0 is not a port (1 to 65535)',
      'bad.yaml:8:95: max: 70000 is not a port (1 to 65535)',
      "bad.yaml:9:59: tcpOptions needs protocol tcp, but the rule's protocol is icmp",
      'bad.yaml:10:33: source: "workers" is not a CIDR block (e.g. 10.0.0.0/16 or 0.0.0.0/0); set sourceType: SERVICE_CIDR_BLOCK for a service label',
      'bad.yaml:11:10: ingressSecurityRules[4]: missing required key "source"',
      'bad.yaml:12:45: unknown key "sorceType" in ingressSecurityRules[5]; did you mean "sourceType"?',
      'bad.yaml:14:100: max: 80 is below min 90',
      'bad.yaml:15:38: destination: "10.0.0.0/8" is a CIDR block, but destinationType is SERVICE_CIDR_BLOCK (e.g. all-iad-services-in-oracle-services-network)',
      'bad.yaml:19:10: rules[0]: missing required key "destination" (an EGRESS rule names its destination)',
      'bad.yaml:20:53: source: no NSG named "nn"; did you mean "n"?',
      'bad.yaml:21:21: direction: "IN" is not one of INGRESS, EGRESS',
      'bad.yaml:23:68: endpointNsgIds[0]: no NSG named "m"; did you mean "n"?',
    ]);
  });
});
