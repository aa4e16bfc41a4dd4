import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { loadConfigFiles, MAX_INPUT_BYTES, parseConfigBytes, parseConfigText } from '../../../src/sources/file/index.js';
import { MAX_ALIAS_USES } from '../../../src/sources/file/yaml-tree.js';
import { problemsOf, tempFiles } from './helpers.js';

const GOOD_VCN = 'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]\n';

describe('bad input: every problem of a file, each at its line and column', () => {
  it('reports type, range, enum and CIDR problems in one pass', () => {
    const text = [
      'vcns:', // 1
      '  - name: v', // 2
      '    cidrBlocks: [10.0.0.0/16]', // 3
      'subnets:', // 4
      '  - name: s', // 5
      '    vcn: v', // 6
      '    cidrBlock: 10.0.0.1/20', // 7
      '    prohibitPublicIpOnVnic: "yes"', // 8
      '  - name: t', // 9
      '    vcn: v', // 10
      '    cidrBlock: 10.0.0.0/8', // 11
      'clusters:', // 12
      '  - name: c', // 13
      '    vcn: v', // 14
      '    kubernetesVersion: 1.30', // 15
      '    cniType: OCI_VCN_NATIVE', // 16
      '    nodePools:', // 17
      '      - name: p', // 18
      '        type: manged', // 19
      '        shape: VM.Standard.E4.Flex', // 20
      '        ocpus: 0', // 21
      '        size: -1', // 22
      '        maxSize: 2.5', // 23
      '        maxSurge: 150%', // 24
      '        maxPodsPerNode: "x"', // 25
      '        subnet: s', // 26
      '        podSubnets: [s]', // 27
      '        maxPodsPerNod: 3', // 28
      '      - name: q', // 29
      '        shape: VM.Standard.E4.Flex', // 30
      '        subnet: s', // 31
      '        size: 3', // 32
      '        maxSize: 2', // 33
      '        maxPodsPerNode: 2.5', // 34
      '',
    ].join('\n');
    expect(problemsOf(() => parseConfigText(text, 'bad.yaml'))).toEqual([
      'bad.yaml:7:16: cidrBlock: "10.0.0.1/20" has host bits set (the network address is 10.0.0.0/20)',
      'bad.yaml:8:29: prohibitPublicIpOnVnic: expected true or false, got string "yes"',
      'bad.yaml:11:16: cidrBlock: "10.0.0.0/8" is outside OCI\'s allowed sizes /16 to /30',
      'bad.yaml:15:24: kubernetesVersion: "1.30" is not a Kubernetes version (expected v1.30.1 or 1.30.1)',
      'bad.yaml:16:14: cniType: "OCI_VCN_NATIVE" is not one of OCI_VCN_IP_NATIVE, FLANNEL_OVERLAY; did you mean "OCI_VCN_IP_NATIVE"?',
      'bad.yaml:19:15: type: "manged" is not one of managed, virtual, self-managed; did you mean "managed"?',
      'bad.yaml:21:16: ocpus: expected a number above 0, got 0',
      'bad.yaml:22:15: size: expected a whole number (0 or more), got -1',
      'bad.yaml:23:18: maxSize: expected a whole number (0 or more), got 2.5',
      'bad.yaml:24:19: maxSurge: expected a whole number or a percentage from 0% to 100% such as "25%", got string "150%"',
      'bad.yaml:25:25: maxPodsPerNode: expected a whole number, got string "x"',
      'bad.yaml:28:9: unknown key "maxPodsPerNod" in node pool "p"; did you mean "maxPodsPerNode"?',
      "bad.yaml:33:18: maxSize: 2 is below size 3; maxSize is the autoscaler's ceiling",
      'bad.yaml:34:25: maxPodsPerNode: expected a whole number (0 or more), got 2.5',
    ]);
  });

  it('reports missing required keys at the object, and non-mapping items', () => {
    const text = ['subnets:', '  - cidrBlock: 10.0.0.0/20', '  - {}', '  - 3', 'clusters:', '  - nodePools: [{name: p, type: virtual}]', ''].join('\n');
    expect(problemsOf(() => parseConfigText(text, 'm.yaml'))).toEqual([
      'm.yaml:2:5: subnets[0]: missing required key "name"',
      'm.yaml:2:5: subnets[0]: missing required key "vcn"',
      'm.yaml:3:5: subnets[1]: missing required key "name"',
      'm.yaml:3:5: subnets[1]: missing required key "vcn"',
      'm.yaml:3:5: subnets[1]: missing required key "cidrBlock" (or cidrBlocks, for a subnet with several CIDR blocks)',
      'm.yaml:4:5: subnets[2]: expected a mapping (key: value lines), got a single value',
      'm.yaml:6:5: clusters[0]: missing required key "name"',
      'm.yaml:6:5: clusters[0]: missing required key "vcn"',
      'm.yaml:6:5: clusters[0]: missing required key "kubernetesVersion"',
      // a virtual pool needs neither shape nor subnet, but every pool needs a size
      'm.yaml:6:18: node pool "p": missing required key "size"',
    ]);
  });

  it('requires shape and worker subnet on managed and self-managed pools', () => {
    const text = `${GOOD_VCN}clusters: [{name: c, vcn: v, kubernetesVersion: v1.30.1, nodePools: [{name: p, type: self-managed, size: 1}]}]\n`;
    expect(problemsOf(() => parseConfigText(text, 'sm.yaml'))).toEqual([
      'sm.yaml:2:71: node pool "p": missing required key "shape" (required for self-managed node pools)',
      'sm.yaml:2:71: node pool "p": missing required key "subnet" (the worker node subnet; required for self-managed node pools)',
    ]);
  });

  it('reports duplicate names, duplicate keys and dangling references with suggestions', () => {
    const text = [
      'vcns:', // 1
      '  - name: v', // 2
      '    cidrBlocks: [10.0.0.0/16]', // 3
      '  - name: v', // 4
      '    cidrBlocks: [10.1.0.0/16]', // 5
      '    name: w', // 6
      'subnets:', // 7
      '  - {name: pods, vcn: v, cidrBlock: 10.0.0.0/20}', // 8
      'clusters:', // 9
      '  - name: c', // 10
      '    vcn: vv', // 11
      '    kubernetesVersion: v1.30.1', // 12
      '    nodePools:', // 13
      '      - {name: p, shape: X, size: 1, subnet: v, podSubnets: [podz, ocid1.subnet.oc1.phx.aaaa, ocid1.vcn.oc1.phx.aaa]}', // 14
      '',
    ].join('\n');
    expect(problemsOf(() => parseConfigText(text, 'd.yaml'))).toEqual([
      'd.yaml:4:5: VCN "v" is defined twice (first at d.yaml:2:5)',
      'd.yaml:6:5: duplicate key "name" (first at line 4, column 5)',
      'd.yaml:11:10: vcn: no VCN named "vv"; did you mean "v"?',
      'd.yaml:14:46: subnet: "v" is a VCN, not a subnet',
      'd.yaml:14:62: podSubnets[0]: no subnet named "podz"; did you mean "pods"?',
      'd.yaml:14:95: podSubnets[2]: "ocid1.vcn.oc1.phx.aaa" is a vcn OCID; expected a subnet OCID (ocid1.subnet.…)',
    ]);
  });

  it('reports a node pool name used twice in one cluster', () => {
    const text = [
      GOOD_VCN.trimEnd(),
      'subnets: [{name: s, vcn: v, cidrBlock: 10.0.0.0/20}]',
      'clusters:',
      '  - name: c',
      '    vcn: v',
      '    kubernetesVersion: v1.30.1',
      '    nodePools:',
      '      - {name: p, shape: X, size: 1, subnet: s}',
      '      - {name: p, shape: X, size: 2, subnet: s}',
      '',
    ].join('\n');
    expect(problemsOf(() => parseConfigText(text, 'p.yaml'))).toEqual([
      'p.yaml:9:10: node pool "p" is defined twice in cluster "c" (first at line 8, column 10)',
    ]);
  });

  it('rejects __proto__, constructor and prototype keys by name, in YAML and JSON', () => {
    const yaml = 'vcns:\n  - name: v\n    __proto__: {polluted: 1}\n    cidrBlocks: [10.0.0.0/16]\n    constructor: 1\n    prototype: 2\n';
    expect(problemsOf(() => parseConfigText(yaml, 'x.yaml'))).toEqual([
      'x.yaml:3:5: key "__proto__" is not allowed',
      'x.yaml:5:5: key "constructor" is not allowed',
      'x.yaml:6:5: key "prototype" is not allowed',
    ]);
    const json = '{"vcns": [{"name": "v", "cidrBlocks": ["10.0.0.0/16"], "__proto__": {"polluted": 1}}]}';
    expect(problemsOf(() => parseConfigText(json, 'x.json'))).toEqual(['x.json:1:56: key "__proto__" is not allowed']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports contradicting ipv6 and ipFamilies, and an unknown service mesh', () => {
    const text = `${GOOD_VCN}clusters: [{name: c, vcn: v, kubernetesVersion: v1.30.1, ipv6: false, ipFamilies: [IPv6], serviceMesh: consul}]\n`;
    expect(problemsOf(() => parseConfigText(text, 'i.yaml'))).toEqual([
      'i.yaml:2:64: ipv6: false contradicts ipFamilies [IPv6]; keep one of the two',
      'i.yaml:2:104: serviceMesh: "consul" is not one of istio-addon, istio, linkerd, oci-service-mesh, other',
    ]);
  });

  it('reports a misspelt top-level key with a suggestion', () => {
    expect(problemsOf(() => parseConfigText('subnet: []\n', 't.yaml'))).toEqual([
      't.yaml:1:1: unknown top-level key "subnet"; did you mean "subnets"?',
    ]);
  });

  it('checks OCIDs given for objects against their resource type', () => {
    const text = 'vcns: [{name: v, ocid: ocid1.subnet.oc1.phx.aaaa, cidrBlocks: [10.0.0.0/16]}]\n';
    expect(problemsOf(() => parseConfigText(text, 'o.yaml'))).toEqual([
      'o.yaml:1:24: ocid: "ocid1.subnet.oc1.phx.aaaa" is not a VCN OCID (ocid1.vcn.…)',
    ]);
  });

  it('reports an empty cidrBlocks list', () => {
    expect(problemsOf(() => parseConfigText('vcns: [{name: v, cidrBlocks: []}]\n', 'e.yaml'))).toEqual([
      'e.yaml:1:9: VCN "v": missing required key "cidrBlocks" (the list is empty: a VCN has at least one CIDR block)',
    ]);
  });
});

describe('bad input: syntax and structure', () => {
  it("reports malformed YAML at the parser's position", () => {
    expect(problemsOf(() => parseConfigText('vcns:\n  - name: v\n   cidrBlocks: [10.0.0.0/16\n', 's.yaml'))).toEqual([
      's.yaml:3:1: invalid YAML: sequence item without - indicator',
      's.yaml:4:1: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports malformed JSON at its position', () => {
    expect(problemsOf(() => parseConfigText('{"vcns": [{"name": "v",}]}', 'j.json'))).toEqual([
      'j.json:1:23: invalid JSON: trailing comma before "}"; JSON does not allow one',
    ]);
    expect(problemsOf(() => parseConfigText('{\n  "vcns": [\n    1\n    2]}', 'j.json'))).toEqual([
      'j.json:4:5: invalid JSON: unexpected "2", expected "," or "]"',
    ]);
  });

  it('reports duplicate keys in JSON with the first one', () => {
    expect(problemsOf(() => parseConfigText('{"vcns": [{"name": "v", "name": "w", "cidrBlocks": ["10.0.0.0/16"]}]}', 'j.json'))).toEqual([
      'j.json:1:25: duplicate key "name" (first at line 1, column 12)',
    ]);
  });

  it('rejects alias bombs with a clear message', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'vcns: [*d]',
      '',
    ].join('\n');
    expect(problemsOf(() => parseConfigText(bomb, 'b.yaml'))).toEqual([
      `b.yaml:3:8: more than ${MAX_ALIAS_USES} alias uses (*b); write the values out instead`,
    ]);
  });

  it('rejects alias use beyond the limit even without a blow-up', () => {
    const pools = Array.from({ length: MAX_ALIAS_USES + 1 }, (_, i) => `      - {<<: *p, name: p${i}}`);
    const text = [
      GOOD_VCN.trimEnd(),
      'subnets: [{name: s, vcn: v, cidrBlock: 10.0.0.0/20}]',
      'clusters:',
      '  - name: c',
      '    vcn: v',
      '    kubernetesVersion: v1.30.1',
      '    nodePools:',
      '      - &p {name: base, shape: X, size: 1, subnet: s}',
      ...pools,
      '',
    ].join('\n');
    expect(problemsOf(() => parseConfigText(text, 'a.yaml'))).toEqual([
      `a.yaml:${9 + MAX_ALIAS_USES}:14: more than ${MAX_ALIAS_USES} alias uses (*p); write the values out instead`,
    ]);
  });

  it('reports an alias without its anchor', () => {
    expect(problemsOf(() => parseConfigText('vcns: [*nope]\n', 'n.yaml'))).toEqual([
      'n.yaml:1:8: alias *nope refers to no anchor &nope above it',
      'n.yaml:1:8: vcns[0]: expected a mapping (key: value lines), got a single value',
    ]);
  });

  it('rejects several YAML documents in one file', () => {
    expect(problemsOf(() => parseConfigText('vcns: []\n---\nsubnets: []\n', 'm.yaml'))).toEqual([
      'm.yaml:2:1: more than one YAML document (---) in the file; put each config in its own file',
    ]);
  });

  it('says which keys were expected when a file is none of the three formats', () => {
    const expected =
      'expected top-level keys vcns/subnets/clusters (oke-cni config), format_version and planned_values (terraform show -json), or data (oci ... get/list)';
    expect(problemsOf(() => parseConfigText('apiVersion: v1\nkind: Pod\n', 'k.yaml'))).toEqual([
      `k.yaml:1:1: not an oke-cni config, a Terraform plan or OCI CLI output (found keys: apiVersion, kind); ${expected}`,
    ]);
    expect(problemsOf(() => parseConfigText('[1, 2]', 'k.json'))).toEqual([
      `k.json:1:1: not an oke-cni config, a Terraform plan or OCI CLI output (found a list); ${expected}`,
    ]);
  });

  it('reports empty files and files with only comments', () => {
    expect(problemsOf(() => parseConfigText('', 'e.yaml'))).toEqual(['e.yaml: file is empty']);
    expect(problemsOf(() => parseConfigText('  \n\n', 'e.yaml'))).toEqual(['e.yaml: file is empty']);
    expect(problemsOf(() => parseConfigText('# nothing\n# here\n', 'e.yaml'))).toEqual(['e.yaml: file is empty (only comments)']);
  });

  it('reports JSON nested beyond the depth limit instead of overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(problemsOf(() => parseConfigText(deep, 'deep.json'))).toEqual(['deep.json:1:513: invalid JSON: nested too deeply (limit 512 levels)']);
  });

  it('keeps positions on line 1 as editors count them when the file starts with a byte-order mark', () => {
    expect(problemsOf(() => parseConfigText('\ufeffsubnet: []\n', 'bom.yaml'))).toEqual([
      'bom.yaml:1:1: unknown top-level key "subnet"; did you mean "subnets"?',
    ]);
  });
});

describe('bad input: files', () => {
  it('reports a missing file and a directory, and still reads the others', () => {
    const dir = tempFiles({ 'bad.yaml': 'subnet: []\n' });
    const missing = join(dir, 'nope.yaml');
    expect(problemsOf(() => loadConfigFiles([missing, dir, join(dir, 'bad.yaml')]))).toEqual([
      `${missing}: no such file`,
      `${dir}: is a directory; pass the config files in it`,
      `${join(dir, 'bad.yaml')}:1:1: unknown top-level key "subnet"; did you mean "subnets"?`,
    ]);
  });

  it('refuses binary and non-UTF-8 files', () => {
    const dir = tempFiles({
      'bin.yaml': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]),
      'latin1.yaml': new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]),
    });
    expect(problemsOf(() => loadConfigFiles([join(dir, 'bin.yaml'), join(dir, 'latin1.yaml')]))).toEqual([
      `${join(dir, 'bin.yaml')}: binary file (a NUL byte at byte offset 6); expected YAML or JSON text in UTF-8`,
      // "a: " then é in Latin-1 (0xe9, a lead byte with no continuation): the 4th byte.
      `${join(dir, 'latin1.yaml')}: not UTF-8 at byte offset 3; expected YAML or JSON text in UTF-8`,
    ]);
    expect(problemsOf(() => parseConfigBytes(new Uint8Array([0xff, 0xfe, 0x76, 0x00]), 'utf16.yaml'))).toEqual([
      'utf16.yaml: binary file (a NUL byte at byte offset 3); expected YAML or JSON text in UTF-8',
    ]);
  });

  it('refuses files above the size cap without reading them', () => {
    const dir = tempFiles({});
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20));
    expect(problemsOf(() => loadConfigFiles([big]))).toEqual([`${big}: file is 10.0 MiB; the limit is 10 MiB`]);
  });

  it('throws a UserError (never another exception) for an empty file list', () => {
    expect(() => loadConfigFiles([])).toThrow(UserError);
    expect(() => loadConfigFiles([])).toThrow('no config files given');
  });
});

describe('bad input: in-memory text and bytes', () => {
  it('applies the size cap to text and bytes too', () => {
    expect(problemsOf(() => parseConfigText(' '.repeat(MAX_INPUT_BYTES + 1), 'stdin'))).toEqual(['stdin: input is 10.0 MiB; the limit is 10 MiB']);
    expect(problemsOf(() => parseConfigBytes(new Uint8Array(MAX_INPUT_BYTES + 1), 'stdin'))).toEqual(['stdin: input is 10.0 MiB; the limit is 10 MiB']);
  });

  it('reads a file named twice once', () => {
    const dir = tempFiles({ 'c.yaml': 'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]\n' });
    const file = join(dir, 'c.yaml');
    const loaded = loadConfigFiles([file, file]);
    expect(loaded.files).toEqual([file]);
    expect(loaded.model.vcns).toHaveLength(1);
  });
});
