import { describe, expect, test } from 'vitest';
import type { ModelSuppression } from '../../src/core/model.js';
import { cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, where } from './build.js';
import { runLint } from '../../src/rules/index.js';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../src/catalog/load.js';

const ID = 'invalid-suppression';

const tag = (line: number, ruleIds: string[], reason: string): ModelSuppression => ({
  ruleIds,
  reason,
  at: { kind: 'file', file: 'test.yaml', line, column: 9 },
  via: 'oke-cni-ignore tag',
});

describe(ID, () => {
  test('valid: known ids with a reason, on pools and clusters', () => {
    const a = pool(40, { name: 'a' });
    a.suppressions = [tag(41, ['max-pods-shape', 'pod-subnet-headroom'], 'sized by hand')];
    const c = cluster(30, { name: 'prod' }, [a]);
    c.suppressions = [tag(31, ['kubernetes-version'], 'upgrade booked')];
    expect(findingsOf(ID, model(network(), [c]))).toEqual([]);
  });

  test('invalid: an unknown id (did you mean), no reason, no id', () => {
    const a = pool(40, { name: 'a' });
    a.suppressions = [tag(41, ['max-pods-shap'], 'sized by hand'), tag(42, ['max-pods-shape'], ''), tag(43, [], 'why')];
    expect(findingsOf(ID, model(network(), [cluster(30, { name: 'prod' }, [a])])).map((f) => [f.severity, where(f), f.message])).toEqual([
      ['warning', '41:9', 'node pool prod/a: tag oke-cni-ignore names unknown rule "max-pods-shap", which suppresses nothing; did you mean "max-pods-shape"?'],
      ['warning', '42:9', 'node pool prod/a: tag oke-cni-ignore suppresses max-pods-shape without a reason, so it suppresses nothing'],
      ['warning', '43:9', 'node pool prod/a: tag oke-cni-ignore names no rule id, so it suppresses nothing'],
    ]);
  });

  test('the runner: a covered finding is kept, marked suppressed with its reason and source; a pool is covered by its cluster; no reason suppresses nothing', () => {
    const shapes = new ShapeIndex(embeddedCatalog());
    const tooMany = (suppressions: ModelSuppression[], onCluster = false) => {
      const p = pool(40, { name: 'a', ocpus: 1, maxPodsPerNode: 64 });
      const c = cluster(30, { name: 'prod' }, [p]);
      if (onCluster) c.suppressions = suppressions;
      else p.suppressions = suppressions;
      return runLint(model(network(), [c]), shapes).filter((f) => f.ruleId === 'max-pods-shape');
    };
    expect(tooMany([tag(41, ['max-pods-shape'], 'sized by hand')]).map((f) => f.suppressed)).toEqual([
      { kind: 'inSource', reason: 'sized by hand', source: 'test.yaml:41:9 (oke-cni-ignore tag)' },
    ]);
    expect(tooMany([tag(31, ['max-pods-shape'], 'cluster-wide')], true).map((f) => f.suppressed?.reason)).toEqual(['cluster-wide']);
    expect(tooMany([tag(41, ['max-pods-shape'], '')]).map((f) => f.suppressed)).toEqual([undefined]);
    expect(tooMany([tag(41, ['pod-subnet-headroom'], 'other rule')]).map((f) => f.suppressed)).toEqual([undefined]);
  });

  test('the runner: the project config suppresses every finding of a rule, as "external"', () => {
    const p = pool(40, { name: 'a', ocpus: 1, maxPodsPerNode: 64 });
    const found = runLint(model(network(), [cluster(30, { name: 'prod' }, [p])]), new ShapeIndex(embeddedCatalog()), {
      suppress: new Map([['max-pods-shape', { reason: 'known', source: '.oke-cni.yaml:3:5 (disable)' }]]),
    });
    expect(found.filter((f) => f.ruleId === 'max-pods-shape').map((f) => f.suppressed)).toEqual([{ kind: 'external', reason: 'known', source: '.oke-cni.yaml:3:5 (disable)' }]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding of this rule', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    expectInvalidFixture(ID, [
      [15, 9, 'subnet "pods": disableRules suppresses pod-subnet-capacity without a reason, so it suppresses nothing'],
      [27, 9, 'node pool prod/typo: tag oke-cni-ignore names unknown rule "max-pods-shap", which suppresses nothing; did you mean "max-pods-shape"?'],
      [34, 9, 'node pool prod/bare: tag oke-cni-ignore names no rule id, so it suppresses nothing'],
    ]);
  });
});
