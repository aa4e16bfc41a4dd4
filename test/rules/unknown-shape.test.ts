import { describe, expect, test } from 'vitest';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { runLint } from '../../src/rules/index.js';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'unknown-shape';

describe(ID, () => {
  test('valid: catalog shapes, in any case; virtual pools use pod shapes; flannel pools are not checked', () => {
    const m = model(network(), [
      cluster(30, { name: 'prod' }, [
        pool(40, { name: 'a', shape: 'VM.Standard.E4.Flex' }),
        pool(50, { name: 'b', shape: 'vm.standard.e4.flex' }),
        pool(60, { name: 'virt', type: 'virtual', shape: 'Pod.Standard.E4.Flex' }),
      ]),
      cluster(70, { name: 'old', cniType: 'FLANNEL_OVERLAY' }, [pool(80, { name: 'x', shape: 'VM.Made.Up' })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: a typo gets "did you mean", at the shape key', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', shape: 'VM.Standard.E4.Flx' })])]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/^node pool prod\/general: unknown shape "VM\.Standard\.E4\.Flx" \(not in the embedded catalog\); did you mean "VM\.Standard\.E4\.Flex"/);
    expect(f.remediation).toBe('Use "VM.Standard.E4.Flex" if that is what you meant, or pass a catalog that has "VM.Standard.E4.Flx" with --catalog.');
    expect(where(f)).toBe('41:9');
  });

  test('invalid: nothing close', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', shape: 'zzzz' })])]);
    const [f] = findingsOf(ID, m);
    expect(f?.message).toBe('node pool prod/general: unknown shape "zzzz" (not in the embedded catalog)');
    expect(f?.remediation).toBe('Pick a shape listed by `oke-cni shapes`, or pass a catalog that has "zzzz" with --catalog.');
  });
});

describe(`${ID} on a live catalog (check): the shape is not offered in the compartment`, () => {
  test('no --catalog advice, the live listing instead', () => {
    const live = new ShapeIndex({ ...embeddedCatalog(), origin: 'live' });
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', shape: 'VM.Standard.E4.Flx' })])]);
    const [f] = runLint(m, live).filter((x) => x.ruleId === ID);
    expect(f?.message).toMatch(/unknown shape "VM\.Standard\.E4\.Flx" \(not in the live catalog\)/);
    expect(f?.remediation).toBe('Use "VM.Standard.E4.Flex" if that is what you meant; "VM.Standard.E4.Flx" is not offered in the node pool\'s compartment.');
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [19, 9, "unknown shape \"VM.Standard.E4.Flx\" (not in the embedded catalog); did you mean \"VM.Standard.E4.Flex\""],
    ]);
  });
});
