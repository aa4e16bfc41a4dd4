import { describe, expect, test } from 'vitest';
import { strictFindings } from '../../src/core/lint.js';
import { runLint } from '../../src/rules/index.js';
import type { NotKnown } from '../../src/core/model.js';
import { cluster, expectInvalidFixture, findingsOf, fixtureFindings, model, network, pool, shapes, subnet, where } from './build.js';

const ID = 'not-checked';
const at = (line: number): NotKnown['at'] => ({ kind: 'file', file: 'config.yaml', line, column: 9 });

describe(ID, () => {
  test('valid: every object is in the model and every value known', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general' })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('a pod subnet by OCID that no file defines: one note naming the skipped rules and how to supply it', () => {
    const ocid = 'ocid1.subnet.oc1.phx.aaaaaaaaexisting';
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', podSubnets: [ocid] })])]);
    const found = findingsOf(ID, m);
    expect(found.map((f) => [f.severity, where(f), f.message, f.remediation])).toEqual([
      // The pod subnet's security lists are not in the model either.
      [
        'note',
        '30:5',
        `cluster prod: pod-subnet-security-rules not checked for 8 of 30 required security rules, for want of the security lists of subnet ${ocid} (the subnet is not in the inputs)`,
        "Supply the rules: securityLists, networkSecurityGroups and each subnet's securityListIds in the config " +
          '(docs/rules.md#pod-subnet-security-rules); for lists and NSGs named by OCID, lint with --live.',
      ],
      [
        'note',
        '40:9',
        `node pool prod/general: not checked, for want of pod subnet ${ocid} (not in the given files): ` +
          'pod-subnet-private, pod-subnet-regional, pod-subnet-same-vcn, pod-subnet-capacity, pod-subnet-headroom',
        `To check it, lint with --live, or add the output of "oci network subnet get --subnet-id ${ocid}" to the files.`,
      ],
    ]);
    // Every other rule still runs on the pool: its shape limit is checked.
    const m2 = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', ocpus: 1, maxPodsPerNode: 64, podSubnets: [ocid] })])]);
    expect(runLint(m2, shapes).map((f) => f.ruleId)).toEqual(['not-checked', 'not-checked', 'max-pods-shape']);
  });

  test('unknown values: each rule that needs them is skipped, and the note lists them once per object', () => {
    const size: NotKnown = { field: 'node_config_details[0].size', reason: 'known only after apply', at: at(43) };
    const p = pool(40, { name: 'general', size: 0, maxPodsPerNode: 500 });
    p.unknown = { size, maxSize: size, maxSurge: size, maxPodsPerNode: { field: 'max_pods_per_node', reason: 'known only after apply', at: at(44) } };
    const pods = subnet(10, { name: 'pods', cidrBlock: '10.0.64.0/30', prohibitPublicIpOnVnic: false });
    pods.unknown = { prohibitPublicIpOnVnic: { field: 'prohibit_public_ip_on_vnic', reason: 'known only after apply', at: at(12) } };
    const m = model({ ...network(), subnets: [network().subnets[0]!, pods] }, [cluster(30, { name: 'prod' }, [p])]);
    const found = runLint(m, shapes);
    // No max-pods-range on 500, no capacity error on a /30, no pod-subnet-private on the placeholder false.
    expect(found.map((f) => [f.ruleId, where(f), f.message])).toEqual([
      ['not-checked', '10:5', 'subnet "pods": not checked, for want of prohibit_public_ip_on_vnic (known only after apply): pod-subnet-private'],
      [
        'not-checked',
        '40:9',
        'node pool prod/general: not checked, for want of node_config_details[0].size (known only after apply): pod-subnet-capacity, ' +
          'pod-subnet-headroom; max_pods_per_node (known only after apply): max-pods-range, max-pods-shape, pod-subnet-capacity, pod-subnet-headroom',
      ],
    ]);
  });

  test('a cluster whose CNI is unknown: its pools are not checked for pod networking, and the cluster says so', () => {
    const nk: NotKnown = { field: 'cluster_id', reason: 'cluster ocid1.cluster.oc1.phx.aaaa is not in the given files', at: at(35) };
    const c = cluster(30, { name: 'ocid1.cluster.oc1.phx.aaaa' }, [pool(40, { name: 'general', podSubnets: [] })]);
    c.unknown = { cniType: nk, kubernetesVersion: nk, vcn: nk, servicesCidr: nk };
    const found = runLint(model(network(), [c]), shapes);
    expect(found.map((f) => f.ruleId)).toEqual(['not-checked']);
    expect(found[0]?.remediation).toBe('To check it, add the output of "oci ce cluster get --cluster-id ocid1.cluster.oc1.phx.aaaa" to the files.');
  });

  test('--strict makes the notes errors, and nothing else', () => {
    const m = model(network(), [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', podSubnets: ['ocid1.subnet.oc1.phx.aaaa'] })])]);
    // The pool's note and the cluster's security-rules note (the pod subnet's security lists are unknown too).
    expect(strictFindings(runLint(m, shapes)).map((f) => [f.ruleId, f.severity])).toEqual([
      ['not-checked', 'error'],
      ['not-checked', 'error'],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: one note per object, at the object', () => {
    expectInvalidFixture(ID, [
      [10, 5, 'subnet "lb": not checked, for want of VCN ocid1.vcn.oc1.phx.aaaaaaaaexistingvcn (not in the given files): subnet-in-vcn'],
      // No security lists or NSG rules in the file: the security rules are not checked either.
      [15, 5, 'cluster prod: pod-subnet-security-rules not checked: the inputs hold no security lists or NSG rules of its subnets and NSGs'],
      [19, 9, 'node pool prod/general: not checked, for want of pod subnet ocid1.subnet.oc1.phx.aaaaaaaaexistingpods'],
      [25, 9, 'node pool prod/batch: not checked, for want of worker subnet ocid1.subnet.oc1.phx.aaaaaaaaexistingworkers (not in the given files): worker-subnet-regional, pod-subnet-same-vcn; pod subnet'],
    ]);
  });
});
