import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { renderFindings } from '../../../src/report/findings/index.js';
import { rules as registryRules } from '../../../src/rules/index.js';
import { FINGERPRINT_KEY, artifactLocation, pascalCase } from '../../../src/report/findings/sarif.js';
import { CANARY, CANARY_RESULT, WITNESS_RESULTS, sarifProblems, validateSarifLogs, witnessOf, type MultitoolResult } from '../../helpers/sarif-validate.js';
import { FINDINGS, RULES, SUBNET_OCID, context } from './sample.js';

/** A SARIF log read back as plain JSON. */
const sarif = (findings: readonly Finding[], ctx = context()): any => JSON.parse(renderFindings('sarif', findings, ctx));

describe('sarif format', () => {
  it('describes the tool and every registry rule, fired or not', () => {
    const log = sarif([]);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('oke-cni');
    expect(driver.version).toBe('1.2.3');
    expect(driver.informationUri).toBe('https://github.com/oke-cni/oke-cni');
    expect(driver.rules.map((r: any) => r.id)).toEqual(['pod-subnet-too-small', 'max-pods-above-shape', 'pod-subnet-headroom']);
    expect(driver.rules[0]).toEqual({
      id: 'pod-subnet-too-small',
      name: 'PodSubnetTooSmall',
      shortDescription: { text: RULES[0]!.description },
      fullDescription: { text: `${RULES[0]!.description} ${RULES[0]!.remediation}` },
      help: {
        text: `Use a larger pod subnet or fewer pods per node. OCI documentation: ${RULES[0]!.source}`,
        markdown: `Use a larger pod subnet or fewer pods per node.\n\nOCI documentation: <${RULES[0]!.source}>`,
      },
      helpUri: 'https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md#pod-subnet-too-small',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['oke', 'oci-networking'] },
    });
    expect(driver.rules.map((r: any) => r.defaultConfiguration.level)).toEqual(['error', 'warning', 'note']);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0].artifacts).toEqual([{ location: { uri: 'examples/cluster.yaml', uriBaseId: '%SRCROOT%' } }]);
  });

  it('points each result at its rule by id and index, with level, message and position', () => {
    const [error, , note] = sarif(FINDINGS).runs[0].results;
    expect(error).toEqual({
      ruleId: 'pod-subnet-too-small',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Pod subnet "pods" (10.0.64.0/24) has 253 usable addresses; node pool "np1" needs 341. — Use a /22 or larger pod subnet.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'examples/cluster.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12, startColumn: 5 },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    // A live resource has no file: a logical location names it instead of a physical one.
    expect(note.ruleIndex).toBe(2);
    expect(note.level).toBe('note');
    expect(note.locations).toEqual([
      { logicalLocations: [{ name: 'pods', fullyQualifiedName: SUBNET_OCID, kind: 'resource', properties: { resourceType: 'Subnet' } }] },
    ]);
  });

  it('uses the rule index in the registry, not the order findings fired in', () => {
    const results = sarif([FINDINGS[2]!, FINDINGS[1]!]).runs[0].results;
    expect(results.map((r: any) => [r.ruleId, r.ruleIndex])).toEqual([
      ['pod-subnet-headroom', 2],
      ['max-pods-above-shape', 1],
    ]);
  });

  it('names an unnamed resource by its OCID', () => {
    const unnamed = { ...FINDINGS[2]!, location: { kind: 'oci' as const, resourceType: 'Subnet', ocid: SUBNET_OCID } };
    expect(sarif([unnamed]).runs[0].results[0].locations[0].logicalLocations[0].name).toBe(SUBNET_OCID);
  });

  it('refuses a finding whose rule is not in the registry (a caller bug)', () => {
    expect(() => sarif([{ ...FINDINGS[0]!, ruleId: 'no-such-rule' }])).toThrow('finding for rule "no-such-rule", which is not in the rule registry');
  });

  it('writes URIs with forward slashes, percent-encoded, relative to %SRCROOT% unless absolute', () => {
    expect(artifactLocation('examples/cluster.yaml')).toEqual({ uri: 'examples/cluster.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('./envs\\prod\\cluster 1.yaml')).toEqual({ uri: 'envs/prod/cluster%201.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a#b/50%.yaml')).toEqual({ uri: 'a%23b/50%25.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/home/ci/repo/x.yaml')).toEqual({ uri: 'file:///home/ci/repo/x.yaml' });
    expect(artifactLocation('C:\\repo\\x y.yaml')).toEqual({ uri: 'file:///C:/repo/x%20y.yaml' });
  });

  it('lists each input once as an artifact', () => {
    const log = sarif([], context({ inputs: ['a.yaml', './a.yaml', 'b.yaml'] }));
    expect(log.runs[0].artifacts.map((a: any) => a.location.uri)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('builds rule names in PascalCase from ids', () => {
    expect(pascalCase('pod-subnet-too-small')).toBe('PodSubnetTooSmall');
    expect(pascalCase('max-pods-110')).toBe('MaxPods110');
  });

  describe('partialFingerprints', () => {
    const fingerprint = (findings: readonly Finding[], i = 0): string => sarif(findings).runs[0].results[i].partialFingerprints[FINGERPRINT_KEY];
    const error = FINDINGS[0]!;
    const at = (line: number): Finding => ({ ...error, location: { kind: 'file', file: 'examples/cluster.yaml', line, column: 5 } });

    it('is the same on every run', () => {
      expect(fingerprint([error])).toBe(fingerprint([error]));
    });

    it('survives the finding moving to another line, so an edit above it keeps the alert', () => {
      expect(fingerprint([at(40)])).toBe(fingerprint([at(12)]));
      expect(fingerprint([{ ...error, location: { kind: 'file', file: './examples/cluster.yaml', line: 12, column: 5 } }])).toBe(fingerprint([error]));
    });

    it('differs by rule, file, resource and message', () => {
      const base = fingerprint([error]);
      expect(fingerprint([{ ...error, ruleId: 'max-pods-above-shape' }])).not.toBe(base);
      expect(fingerprint([{ ...error, location: { kind: 'file', file: 'other.yaml', line: 12, column: 5 } }])).not.toBe(base);
      expect(fingerprint([{ ...error, message: `${error.message}!` }])).not.toBe(base);
      const live = FINDINGS[2]!;
      expect(fingerprint([live])).not.toBe(fingerprint([{ ...live, location: { kind: 'oci', resourceType: 'Subnet', ocid: `${SUBNET_OCID}2` } }]));
    });

    it('tells identical findings apart, in order', () => {
      const prints = [0, 1].map((i) => fingerprint([at(12), at(30)], i));
      expect(prints[0]).not.toBe(prints[1]);
      expect(prints[0]).toBe(fingerprint([at(12)]));
    });
  });
});

/** Checked by the SARIF multitool, with a witness copy of each log and a canary: see test/helpers/sarif-validate.ts. */
describe('sarif format, validated by the SARIF multitool', () => {
  const logs: Record<string, string> = {
    sample: renderFindings('sarif', FINDINGS, context({ inputs: ['examples/cluster.yaml', 'clean.yaml'] })),
    empty: renderFindings('sarif', [], context({ inputs: [] })),
    // The real registry's rule descriptors, all of them.
    registry: renderFindings('sarif', [], context({ rules: registryRules.map((r) => r.meta) })),
    oddPaths: renderFindings(
      'sarif',
      [
        { ...FINDINGS[0]!, location: { kind: 'file', file: './envs\\prod,eu/cluster 50%#1.yaml', line: 3, column: 2 } },
        { ...FINDINGS[0]!, location: { kind: 'file', file: '/abs/cluster.yaml', line: 1, column: 1 } },
        { ...FINDINGS[1]!, message: 'quotes "q" & <tags>\nsecond line 😀', location: { kind: 'file', file: '../up.yaml', line: 9, column: 30 } },
      ],
      context({ inputs: ['./envs\\prod,eu/cluster 50%#1.yaml', '/abs/cluster.yaml', '../up.yaml'] }),
    ),
    liveOnly: renderFindings('sarif', [FINDINGS[2]!, { ...FINDINGS[2]!, location: { kind: 'oci', resourceType: 'Subnet', ocid: SUBNET_OCID } }], context({ inputs: [] })),
  };

  /** Multitool results per log name, its witness copy and the canary; the helper throws unless the run reported success. */
  let byName: Map<string, MultitoolResult[]>;

  beforeAll(() => {
    byName = validateSarifLogs(logs);
  }, 120_000);

  it('ran and caught the canary\'s schema error', () => {
    expect(byName.get(CANARY)).toContainEqual(CANARY_RESULT);
  });

  it.each(Object.keys(logs))('%s: no error or warning from the schema or the SARIF rules', (name) => {
    expect(sarifProblems(byName.get(name))).toEqual([]);
  });

  it.each(Object.keys(logs))('%s: the witness copy was read through (only SARIF2008, missing $schema)', (name) => {
    expect(byName.get(witnessOf(name))).toEqual(WITNESS_RESULTS);
  });
});
