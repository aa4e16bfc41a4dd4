import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareShapeNames, ShapeIndex, flexVnics, isFlex, ocpusForVnics, vnicsFor, type Shape } from '../../src/catalog/catalog.js';
import { catalogProblems, loadCatalogFile } from '../../src/catalog/file.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { UserError, UserErrors } from '../../src/core/errors.js';

const catalog = embeddedCatalog();
const shapes = new ShapeIndex(catalog);
const get = (name: string): Shape => {
  const s = shapes.get(name);
  if (!s) throw new Error(`${name} missing from the embedded catalog`);
  return s;
};

describe('embedded catalog integrity', () => {
  it('passes its own checks and cites its source and date', () => {
    expect(catalogProblems(catalog)).toEqual([]);
    expect(catalog.source).toBe('https://docs.oracle.com/en-us/iaas/Content/Compute/References/computeshapes.htm');
    expect(catalog.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it('covers VM and bare metal, every family, both generations', () => {
    const kinds = new Set(catalog.shapes.map((s) => s.kind));
    const families = new Set(catalog.shapes.map((s) => s.family));
    const generations = new Set(catalog.shapes.map((s) => s.generation));
    expect([...kinds].sort()).toEqual(['bm', 'vm']);
    expect([...families].sort()).toEqual(['dense-io', 'gpu', 'hpc', 'optimized', 'standard']);
    expect([...generations].sort()).toEqual(['current', 'previous']);
    expect(catalog.shapes.length).toBeGreaterThanOrEqual(70);
  });
  it('names are unique and every shape is either fixed with vnics or flexible with a rule', () => {
    const names = catalog.shapes.map((s) => s.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const s of catalog.shapes) expect(isFlex(s) !== (s.vnics !== undefined)).toBe(true);
  });
  it('pins documented limits', () => {
    expect(get('VM.Standard2.1').vnics).toBe(2);
    expect(get('VM.Standard2.4').vnics).toBe(4);
    expect(get('VM.Standard.E2.1.Micro').vnics).toBe(1);
    expect(get('VM.Standard.E4.Flex').flex).toMatchObject({ minOcpus: 1, maxOcpus: 114, vnics: { min: 2, perOcpu: 1, max: 24 } });
  });
});

describe('facts that moved since the seed (catalog)', () => {
  it('extended-memory OCPU ranges: E3/E4.Flex to 114, Standard3.Flex to 56; A1.Flex 80 as the API reports; VNICs still 24', () => {
    for (const [name, max] of [['VM.Standard.E3.Flex', 114], ['VM.Standard.E4.Flex', 114], ['VM.Standard3.Flex', 56], ['VM.Standard.A1.Flex', 80]] as const) {
      const shape = get(name);
      expect(shape.flex?.maxOcpus).toBe(max);
      expect(vnicsFor(shape, max)).toEqual({ ok: true, vnics: 24 });
      expect(vnicsFor(shape, max + 1)).toMatchObject({ ok: false, where: 'ocpus' });
    }
  });
  it('VM.Standard.E2.8 keeps the documented 4 VNICs and names the API value 8 in its note', () => {
    expect(get('VM.Standard.E2.8').vnics).toBe(4);
    expect(get('VM.Standard.E2.8').note).toContain('maxVnicAttachments 8');
  });
  it.each([
    ['VM.GPU.GU1.1', 'VM.GPU.A10.1'],
    ['VM.GPU.GU1.2', 'VM.GPU.A10.2'],
    ['BM.GPU.GU1.4', 'BM.GPU.A10.4'],
    ['BM.GPU.GM4.8', 'BM.GPU.A100-v2.8'],
  ])('GPU alias %s takes the values of %s', (alias, target) => {
    const a = get(alias);
    const t = get(target);
    expect(a).toMatchObject({ aliasOf: target, vnics: t.vnics, ocpus: t.ocpus, family: 'gpu' });
    expect(a.note).toContain('known-issues.htm');
  });
  it('an alias must name a real, non-alias shape and carry no values of its own', () => {
    const base = { source: 's', retrieved: '2026-01-01' };
    expect(catalogProblems({ ...base, shapes: [{ name: 'A', vnics: 2 }, { name: 'B', aliasOf: 'C' }] })).toEqual(['shapes[1] (B).aliasOf: must name another shape of the catalog']);
    expect(catalogProblems({ ...base, shapes: [{ name: 'A', vnics: 2 }, { name: 'B', aliasOf: 'A', vnics: 3 }] })).toEqual([
      'shapes[1] (B): an alias takes its values from "aliasOf"; give no vnics, flex or ocpus',
    ]);
    expect(catalogProblems({ ...base, shapes: [{ name: 'A', vnics: 2 }, { name: 'B', aliasOf: 'A' }, { name: 'C', aliasOf: 'B' }] })).toEqual([
      'shapes[2] (C).aliasOf: names B, itself an alias; name the shape it stands for',
    ]);
  });
});

describe('VNICs of flexible shapes (1 OCPU: 2, then 1 per OCPU, max 24)', () => {
  const e4 = get('VM.Standard.E4.Flex');
  it.each([
    [1, 2],
    [2, 2],
    [3, 3],
    [5, 5],
    [24, 24],
    [25, 24],
    [64, 24],
    [114, 24],
  ])('%i OCPUs -> %i VNICs', (ocpus, vnics) => expect(vnicsFor(e4, ocpus)).toEqual({ ok: true, vnics }));
  it('rejects OCPUs outside the range and a missing count', () => {
    expect(vnicsFor(e4, 115)).toEqual({ ok: false, where: 'ocpus', reason: 'VM.Standard.E4.Flex takes 1 to 114 OCPUs, not 115' });
    expect(vnicsFor(e4, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('give its OCPU count (1 to 114)') });
  });
  it('fixed shapes ignore no OCPU mismatch', () => {
    expect(vnicsFor(get('VM.Standard2.4'), undefined)).toEqual({ ok: true, vnics: 4 });
    expect(vnicsFor(get('VM.Standard2.4'), 8)).toMatchObject({ ok: false, where: 'ocpus' });
  });
  it('OCPUs needed to reach 5 VNICs (110 pods)', () => {
    if (!isFlex(e4)) throw new Error('flex');
    expect(ocpusForVnics(e4, 5)).toBe(5);
    expect(ocpusForVnics(e4, 25)).toBeUndefined();
    expect(flexVnics({ min: 2, perOcpu: 2, max: 24 }, 3)).toBe(6);
  });
});

describe('lookup and suggestions', () => {
  it('is case-insensitive', () => expect(shapes.get('vm.standard.e4.flex')?.name).toBe('VM.Standard.E4.Flex'));
  it('suggests close names', () => {
    expect(shapes.suggest('VM.Standard.E4.Flx')[0]).toBe('VM.Standard.E4.Flex');
    expect(shapes.unknownShapeMessage('VM.Standard.E9.Flex')).toMatch(/^unknown shape "VM.Standard.E9.Flex" \(not in the embedded catalog\); did you mean "VM\.Standard\.E[0-9]\.Flex"/);
    expect(shapes.suggest('zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz')).toEqual([]);
  });
});

describe('--catalog files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oke-cni-catalog-'));
  const write = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };
  it('loads a valid file and names it as the origin', () => {
    const file = write('ok.json', JSON.stringify({ source: 'my list', retrieved: '2026-01-02', shapes: [{ name: 'X.1', vnics: 3 }] }));
    const c = loadCatalogFile(file);
    expect(c.origin).toBe(file);
    expect(c.shapes).toEqual([{ name: 'X.1', vnics: 3 }]);
  });
  it('reports JSON syntax errors with line and column', () => {
    const file = write('bad.json', '{\n  "source": "x",\n  oops\n}');
    try {
      loadCatalogFile(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).line()).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:3: not valid JSON`));
    }
  });
  it('lists every structural problem', () => {
    const file = write('wrong.json', JSON.stringify({ source: '', retrieved: 'today', shapes: [{ name: 'A', vnics: 0 }, { name: 'a', flex: { minOcpus: 4, maxOcpus: 2, vnics: { min: 3, perOcpu: 1, max: 2 } } }, { name: 'B', vnics: 2, colour: 'red' }] }));
    try {
      loadCatalogFile(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserErrors);
      expect((err as UserErrors).lines.map((l) => l.slice(file.length + 2))).toEqual([
        'source: must name where the VNIC limits come from',
        'retrieved: must be the date the data was read, as YYYY-MM-DD',
        'shapes[0] (A).vnics: a fixed shape needs its maximum VNICs as a whole number >= 1',
        'shapes[1] (a): duplicate shape name',
        'shapes[1] (a).flex: minOcpus and maxOcpus must be whole numbers with 1 <= minOcpus <= maxOcpus',
        'shapes[1] (a).flex.vnics: must be {min, perOcpu, max} with whole 1 <= min <= max and perOcpu > 0',
        'shapes[2] (B).colour: unknown key',
      ]);
    }
  });
  it('a missing file names the flag', () => {
    expect(() => loadCatalogFile(join(dir, 'nope.json'))).toThrow(/no such file/);
  });
});

describe('flex shapes offered in set sizes', () => {
  const dense = get('VM.DenseIO.E4.Flex');
  it('accepts only the listed OCPU counts', () => {
    expect(vnicsFor(dense, 16)).toEqual({ ok: true, vnics: 16 });
    expect(vnicsFor(dense, 32)).toEqual({ ok: true, vnics: 24 });
    expect(vnicsFor(dense, 12)).toEqual({ ok: false, where: 'ocpus', reason: 'VM.DenseIO.E4.Flex is offered only with 8, 16, 32 OCPUs, not 12' });
  });
  it('the OCPUs to reach a VNIC count come from the listed sizes', () => {
    if (!isFlex(dense)) throw new Error('flex');
    expect(ocpusForVnics(dense, 9)).toBe(16);
  });
});

describe('compareShapeNames', () => {
  it('orders like localeCompare(en, numeric) without an ICU collator: the embedded catalog, and any name of OCI characters (property)', () => {
    const icu = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
    const names = embeddedCatalog().shapes.map((s) => s.name);
    expect([...names].sort(compareShapeNames)).toEqual([...names].sort(icu));
    const name = fc.stringMatching(/^[A-Za-z0-9.\-]{0,12}$/);
    fc.assert(fc.property(name, name, (a, b) => Math.sign(compareShapeNames(a, b)) === Math.sign(icu(a, b))), { seed: 20261202, numRuns: 2000 });
  });
});
