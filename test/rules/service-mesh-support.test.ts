import { describe, expect, test } from 'vitest';
import { type ClusterInput, cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'service-mesh-support';
const OL8 = 'Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679';
const OL7 = 'Oracle-Linux-7.9-2023.05.31-0-OKE-1.26.2-632';

const meshed = (c: ClusterInput, ...pools: ReturnType<typeof pool>[]) => model(network(), [cluster(30, c, pools)]);

const OL7_CHECK = { serviceMeshOracleLinux7: true };

describe(ID, () => {
  test('default (the current CNI page): no OS restriction, any mesh on Oracle Linux 8 or Ubuntu is fine', () => {
    expect(findingsOf(ID, meshed({ name: 'prod', serviceMesh: 'linkerd' }, pool(40, { name: 'p', image: OL8 }), pool(50, { name: 'u', image: 'Canonical-Ubuntu-22.04-2024.05.31-0-OKE-1.29.1-710' })))).toEqual([]);
  });

  test('valid with --service-mesh-ol7: no mesh; Istio add-on on Oracle Linux 8; other meshes on Oracle Linux 7; unknown OS', () => {
    expect(findingsOf(ID, meshed({ name: 'prod' }, pool(40, { name: 'p', image: OL8, kubernetesVersion: 'v1.24.1' })), OL7_CHECK)).toEqual([]);
    expect(findingsOf(ID, meshed({ name: 'prod', serviceMesh: 'istio-addon' }, pool(40, { name: 'p', image: OL8 })), OL7_CHECK)).toEqual([]);
    expect(findingsOf(ID, meshed({ name: 'prod', serviceMesh: 'linkerd' }, pool(40, { name: 'p', image: OL7 })), OL7_CHECK)).toEqual([]);
    expect(findingsOf(ID, meshed({ name: 'prod', serviceMesh: 'istio' }, pool(40, { name: 'p', image: 'ocid1.image.oc1..x' })), OL7_CHECK)).toEqual([]);
  });

  test('invalid with --service-mesh-ol7: a mesh other than the Istio add-on on Oracle Linux 8 or Ubuntu, at image', () => {
    const found = findingsOf(
      ID,
      meshed(
        { name: 'prod', serviceMesh: 'linkerd' },
        pool(40, { name: 'p', image: OL8 }),
        pool(50, { name: 'u', image: 'Canonical-Ubuntu-22.04-2024.05.31-0-OKE-1.29.1-710' }),
      ),
      OL7_CHECK,
    );
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      [
        'warning',
        '41:9',
        `node pool prod/p: service mesh linkerd is supported with VCN-native pod networking only on Oracle Linux 7 (the Istio add-on excepted; OCI's 2025-02 CNI page, checked because of --service-mesh-ol7), and image ${OL8} is Oracle Linux 8`,
      ],
      [
        'warning',
        '51:9',
        `node pool prod/u: service mesh linkerd is supported with VCN-native pod networking only on Oracle Linux 7 (the Istio add-on excepted; OCI's 2025-02 CNI page, checked because of --service-mesh-ol7), and image Canonical-Ubuntu-22.04-2024.05.31-0-OKE-1.29.1-710 is Ubuntu 22.04`,
      ],
    ]);
    expect(found[0]?.remediation).toBe('Use the Istio add-on (serviceMesh: istio-addon), or an Oracle Linux 7 node image.');
  });

  test('invalid: workers below 1.26, at the pool\'s own version or at the pool when it inherits the cluster\'s', () => {
    const found = findingsOf(
      ID,
      model(network(), [
        cluster(30, { name: 'prod', serviceMesh: 'istio-addon' }, [pool(40, { name: 'old', kubernetesVersion: 'v1.25.4' })]),
        cluster(50, { name: 'stage', kubernetesVersion: 'v1.25.0', serviceMesh: 'istio-addon' }, [pool(60, { name: 'web' })]),
      ]),
    );
    expect(found.map((f) => [where(f), f.message, f.remediation])).toEqual([
      [
        '41:9',
        'node pool prod/old: worker nodes run Kubernetes v1.25.4; service mesh istio-addon needs 1.26 or later with VCN-native pod networking',
        "Upgrade the node pool's Kubernetes version to 1.26 or later.",
      ],
      [
        '60:9',
        'node pool stage/web: worker nodes run Kubernetes v1.25.0; service mesh istio-addon needs 1.26 or later with VCN-native pod networking',
        "Upgrade the node pool's Kubernetes version to 1.26 or later.",
      ],
    ]);
  });

  test('invalid: any mesh on virtual nodes', () => {
    const found = findingsOf(ID, meshed({ name: 'prod', serviceMesh: 'istio-addon' }, pool(40, { name: 'virt', type: 'virtual' })));
    expect(found.map((f) => [where(f), f.message])).toEqual([
      ['41:9', 'virtual node pool prod/virt: cluster prod uses service mesh istio-addon, and service meshes are not supported on virtual nodes'],
    ]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column (the OS one only with --service-mesh-ol7)', () => {
    expectInvalidFixture(ID, [[32, 9, 'worker nodes run Kubernetes v1.25.4; service mesh linkerd needs 1.26 or later']]);
    const found = expectInvalidFixture(
      ID,
      [
        [25, 9, 'service mesh linkerd is supported with VCN-native pod networking only on Oracle Linux 7'],
        [32, 9, 'worker nodes run Kubernetes v1.25.4; service mesh linkerd needs 1.26 or later'],
      ],
      OL7_CHECK,
    );
  });
});
