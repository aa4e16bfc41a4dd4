/** The examples are what users copy and what the README shows: they must load and lint as their comments say. */
import { describe, expect, it } from 'vitest';
import { ShapeIndex } from '../../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../../src/catalog/load.js';
import { runLint } from '../../../src/rules/index.js';
import { loadConfigFiles } from '../../../src/sources/file/index.js';

const shapes = new ShapeIndex(embeddedCatalog());

function lint(files: string[]): Array<[string, number]> {
  return runLint(loadConfigFiles(files).model, shapes).map((f) => [f.ruleId, f.location.kind === 'file' ? f.location.line : 0]);
}

describe('examples', () => {
  it('secondary-vnics.yaml: a pool with two secondary VNIC profiles on two-block subnets, no findings but the security rules note', () => {
    // It gives no security lists: pod-subnet-security-rules is not checked, one note at the cluster.
    expect(lint(['examples/secondary-vnics.yaml'])).toEqual([['not-checked', 21]]);
    const { model } = loadConfigFiles(['examples/secondary-vnics.yaml']);
    expect(model.clusters[0]?.nodePools[0]?.secondaryVnics?.map((p) => [p.subnet, p.ipCount])).toEqual([['front', 128], ['back', 64]]);
  });

  it('passing.yaml: a clean two-pool cluster, no findings', () => {
    expect(lint(['examples/passing.yaml'])).toEqual([]);
  });

  it('failing.yaml: the seven violations its comments name, each at its line', () => {
    expect(lint(['examples/failing.yaml'])).toEqual([
      ['pod-subnet-private', 18],
      ['pod-subnet-capacity', 20],
      ['pod-subnet-regional', 21],
      ['subnet-overlap', 25],
      // No security lists in it: the security rules are not checked (a note at the cluster).
      ['not-checked', 34],
      ['max-pods-shape', 46],
      ['node-image-date', 49],
      ['pod-subnet-same-vcn', 55],
    ]);
  });

  it('multi-cluster-shared-subnet.yaml: each cluster fits alone, together they overrun the shared pod subnet', () => {
    expect(lint(['examples/multi-cluster-shared-subnet.yaml'])).toEqual([
      ['pod-subnet-capacity', 22],
      ['not-checked', 26],
      ['not-checked', 38],
    ]);
  });

  it('security-rules.yaml: the two security rules its comments say are left out, at their lists', () => {
    expect(lint(['examples/security-rules.yaml'])).toEqual([
      ['pod-subnet-security-rules', 46],
      ['pod-subnet-security-rules', 67],
    ]);
  });

  it('terraform-plan.json and the oci-cli outputs: clean clusters; with the security list, the one rule it lacks', () => {
    // The plan holds no security lists or NSG rules: one note at the cluster.
    expect(lint(['examples/terraform-plan.json'])).toEqual([['not-checked', 1]]);
    expect(lint(['examples/terraform-security-plan.json'])).toEqual([['pod-subnet-security-rules', 218]]);
    const cli = ['cluster.json', 'node-pools.json', 'subnets.json', 'vcns.json'].map((f) => `examples/oci-cli/${f}`);
    // The subnets name a security list the set does not hold: the security rules are "not checked" (a note).
    expect(lint(cli)).toEqual([['not-checked', 46]]);
    expect(lint([...cli, 'test/fixtures/oci/security-list.json'])).toEqual([['pod-subnet-security-rules', 11]]);
  });

  it('cross-compartment.yaml: the two IAM notes (other compartments, IPv6) and the security rules note, nothing else', () => {
    expect(lint(['examples/cross-compartment.yaml'])).toEqual([
      ['ipv6-policy', 21],
      ['not-checked', 21],
      ['cross-compartment-policy', 23],
    ]);
  });
});
