import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserErrors } from '../../src/core/errors.js';
import { PROJECT_CONFIG_KEYS } from '../../src/config/fields.js';
import { loadProjectConfig } from '../../src/config/load.js';
import { applyReserved } from '../../src/config/reserved.js';
import { ruleIds } from '../../src/rules/index.js';
import { parseConfigText } from '../../src/sources/file/index.js';

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(text: string) {
  const path = join(dir, '.oke-cni.yaml');
  writeFileSync(path, text);
  return loadProjectConfig(path, '.oke-cni.yaml', ruleIds);
}

function problems(text: string): string[] {
  try {
    load(text);
  } catch (err) {
    if (err instanceof UserErrors) return [...err.lines];
    throw err;
  }
  throw new Error('expected problems');
}

describe('loadProjectConfig', () => {
  it('reads every key with its position', () => {
    const c = load(
      [
        'failOn: warning',
        'headroom: 70',
        'disable: [node-image-date, subnet-overlap]',
        'severity:',
        '  pod-subnet-headroom: error',
        'catalog: shapes/catalog.json',
        'reserved:',
        '  pods: 20',
        '  10.0.64.0/18: 5',
      ].join('\n'),
    );
    expect(c.failOn).toBe('warning');
    expect(c.headroom).toBe(70);
    expect(c.disable.map((d) => [d.value, d.at])).toEqual([
      ['node-image-date', { kind: 'file', file: '.oke-cni.yaml', line: 3, column: 11 }],
      ['subnet-overlap', { kind: 'file', file: '.oke-cni.yaml', line: 3, column: 28 }],
    ]);
    expect(c.severity.map((s) => s.value)).toEqual([{ ruleId: 'pod-subnet-headroom', severity: 'error' }]);
    expect(c.catalog).toBe(join(dir, 'shapes/catalog.json'));
    expect(c.reserved.map((r) => [r.value.subnet, r.value.addresses, r.at.kind === 'file' ? r.at.line : 0])).toEqual([
      ['pods', 20, 8],
      ['10.0.64.0/18', 5, 9],
    ]);
  });

  it('an empty file or one of comments sets nothing', () => {
    expect(load('')).toEqual({ file: '.oke-cni.yaml', disable: [], suppress: [], severity: [], reserved: [] });
    expect(load('# nothing yet\n\n')).toEqual({ file: '.oke-cni.yaml', disable: [], suppress: [], severity: [], reserved: [] });
  });

  it('reports every problem with file:line:col, unknown keys and rule ids with "did you mean"', () => {
    expect(
      problems(
        [
          'failon: warning',
          'headroom: 0',
          'disable: [pod-subnet-privat, 7]',
          'severity:',
          '  pod-subnet-capcity: error',
          '  subnet-overlap: fatal',
          'reserved: {pods: -1, lbs: 70000}',
          'strict: yes please',
          'strictness: true',
        ].join('\n'),
      ),
    ).toEqual([
      '.oke-cni.yaml:1:1: unknown key "failon" in .oke-cni.yaml; did you mean "failOn"?',
      '.oke-cni.yaml:2:11: headroom: expected a percentage from 1 to 100, got 0',
      '.oke-cni.yaml:3:11: disable[0]: unknown rule "pod-subnet-privat"; did you mean "pod-subnet-private"?',
      '.oke-cni.yaml:3:30: disable[1]: expected a string, got number',
      '.oke-cni.yaml:5:3: severity: unknown rule "pod-subnet-capcity"; did you mean "pod-subnet-capacity"?',
      '.oke-cni.yaml:6:19: severity.subnet-overlap: "fatal" is not one of error, warning, note',
      '.oke-cni.yaml:7:18: reserved.pods: expected a whole number (0 or more), got -1',
      '.oke-cni.yaml:7:27: reserved.lbs: 70000 is more addresses than any OCI subnet has',
      '.oke-cni.yaml:8:9: strict: expected true or false, got string "yes please"',
      '.oke-cni.yaml:9:1: unknown key "strictness" in .oke-cni.yaml',
    ]);
  });

  it('refuses a config that is not a mapping, and YAML errors with their position', () => {
    expect(problems('- failOn\n')).toEqual([
      '.oke-cni.yaml:1:1: expected a mapping of settings (failOn, headroom, disable, severity, catalog, strict, reserved, baseline), got a list',
    ]);
    expect(problems('failOn: [\n')[0]).toMatch(/^\.oke-cni\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('the JSON Schema has exactly the keys the loader reads', () => {
    const schema = JSON.parse(readFileSync('schema/oke-cni-config.schema.json', 'utf8'));
    expect(Object.keys(schema.properties)).toEqual(Object.keys(PROJECT_CONFIG_KEYS));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.failOn.enum).toEqual(['error', 'warning', 'note', 'never']);
    expect(schema.properties.headroom).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    for (const id of ruleIds) expect(id).toMatch(new RegExp(schema.$defs.ruleId.pattern));
  });
});

describe('applyReserved', () => {
  const model = () =>
    parseConfigText(
      [
        'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]',
        'subnets:',
        '  - {name: pods, ocid: ocid1.subnet.oc1.iad.aaaa, vcn: v, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}',
        '  - {name: other, vcn: v, cidrBlock: 10.0.128.0/18, prohibitPublicIpOnVnic: true}',
      ].join('\n'),
      'm.yaml',
    ).model;

  it('by name, OCID or CIDR; an entry naming no subnet of this run is unused', () => {
    for (const key of ['pods', 'ocid1.subnet.oc1.iad.aaaa', '10.0.64.0/18']) {
      const m = model();
      applyReserved(m, { ...load(`reserved: {"${key}": 12, elsewhere: 3}`) });
      expect(m.subnets.map((s) => s.reservedAddresses)).toEqual([12, undefined]);
    }
  });

  it('two entries naming the same subnet are refused at the second', () => {
    const m = model();
    expect(() => applyReserved(m, load('reserved:\n  pods: 1\n  10.0.64.0/18: 2\n'))).toThrow(
      '.oke-cni.yaml:3:3: reserved: "10.0.64.0/18" and "pods" name the same subnet "pods"; give its reserved addresses once',
    );
  });
});
