import { describe, expect, it } from 'vitest';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { runBin } from '../helpers/run-bin.js';

describe('oke-cni shapes (built bin)', () => {
  it('lists every shape of the embedded catalog in the table', () => {
    const r = runBin(['shapes']);
    expect(r.code).toBe(0);
    for (const s of embeddedCatalog().shapes) expect(r.stdout).toContain(s.name);
    expect(r.stdout).toContain(`${embeddedCatalog().shapes.length} shapes from the embedded catalog`);
  });

  it('filters case-insensitively and shows the flex rule and the OCPUs for 110 pods', () => {
    const r = runBin(['shapes', 'standard.e4.flex'], { env: { COLUMNS: '200' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/VM\.Standard\.E4\.Flex\s+│\s+1-114\s+│\s+1 VNIC per OCPU, min 2, max 24\s+│\s+110\s+│\s+5 OCPUs/);
    expect(r.stdout).toContain('1 shape from the embedded catalog');
  });

  it('--json gives max pods per node and the 1-VNIC case', () => {
    const r = runBin(['shapes', 'VM.Standard', '--json']);
    const j = JSON.parse(r.stdout);
    const byName = new Map(j.shapes.map((s: { name: string }) => [s.name, s]));
    expect(byName.get('VM.Standard2.4')).toMatchObject({ flexible: false, ocpus: 4, vnics: 4, maxPodsPerNode: 93, ocpusFor110Pods: null });
    expect(byName.get('VM.Standard.E2.1.Micro')).toMatchObject({ vnics: 1, maxPodsPerNode: 0 });
    expect(byName.get('VM.Standard.E4.Flex')).toMatchObject({ flexible: true, ocpuRange: { min: 1, max: 114 }, vnics: 24, vnicRule: { min: 2, perOcpu: 1, max: 24 }, maxPodsPerNode: 110, ocpusFor110Pods: 5 });
    expect(j.catalog).toMatchObject({ origin: 'embedded' });
  });

  it('both maxima: legacy and with secondary VNIC profiles, in the table and in JSON', () => {
    const table = runBin(['shapes', 'VM.Standard2.']);
    expect(table.stdout).toMatch(/VM\.Standard2\.1\s+│\s+1\s+│\s+2\s+│\s+31\s+│\s+│\s+256 \(1 profile\)\s+│/);
    expect(table.stdout).toMatch(/VM\.Standard2\.4\s+│\s+4\s+│\s+4\s+│\s+93\s+│\s+│\s+256 \(3 profiles\)\s+│/);
    const j = JSON.parse(runBin(['shapes', 'VM.Standard', '--json']).stdout);
    const byName = new Map(j.shapes.map((s: { name: string }) => [s.name, s]));
    expect(byName.get('VM.Standard2.4')).toMatchObject({ maxPodsPerNode: 93, maxPodsPerNodeSecondaryVnics: 256, maxSecondaryVnicProfiles: 3 });
    expect(byName.get('VM.Standard.E2.1.Micro')).toMatchObject({ maxPodsPerNode: 0, maxPodsPerNodeSecondaryVnics: 0, maxSecondaryVnicProfiles: 0 });
    expect(byName.get('VM.Standard.E4.Flex')).toMatchObject({ maxPodsPerNode: 110, maxPodsPerNodeSecondaryVnics: 256, maxSecondaryVnicProfiles: 23 });
  });

  it('a filter matching nothing: exit 2 with did-you-mean', () => {
    const r = runBin(['shapes', 'VM.Standard.E4.Flx']);
    expect(r.code).toBe(2);
    // the closest filter first (edit distance 1), then the next ones (distance 2), each with what it matches
    expect(r.stderr).toBe(
      'oke-cni: shapes: no shape matches "VM.Standard.E4.Flx" (not in the embedded catalog); ' +
        'did you mean "VM.Standard.E4.Flex" (1 shape), "VM.Standard.A4.Flex" (1 shape), "VM.Standard.E3.Flex" (1 shape)?\n',
    );
  });
});
