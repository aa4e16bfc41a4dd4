/**
 * Service meshes with VCN-native pod networking. Current CNI page (as fetched 2026-09): "Service mesh
 * products (such as Istio) are supported regardless of the CNI plugin you are using ... Worker nodes must
 * be running Kubernetes 1.26 (or later)". The seed (the 2025-02-12 page) also said "with the exception
 * of the Istio add-on, support is currently limited to Oracle Linux 7"; that check runs only with the
 * serviceMeshOracleLinux7 option (lint/check --service-mesh-ol7). Virtual nodes: "Service mesh products
 * are not supported" (SOURCES.virtualNodes).
 */
import { MIN_KUBERNETES_SERVICE_MESH, SERVICE_MESH_ORACLE_LINUX_MAJOR, SOURCES } from '../core/facts.js';
import { isKnown, locate } from '../core/model.js';
import type { DocumentedRule } from './types.js';
import { imageOs } from './support/image.js';
import { poolLabel, vcnNativeClusters, workerVersion } from './support/scope.js';
import { displayVersion, versionBelow } from './support/version.js';

const MIN = displayVersion(MIN_KUBERNETES_SERVICE_MESH);
const MESH_OS_MAJOR = SERVICE_MESH_ORACLE_LINUX_MAJOR;

export const rule: DocumentedRule = {
  meta: {
    id: 'service-mesh-support',
    severity: 'warning',
    description:
      `A service mesh with VCN-native pod networking needs worker nodes on Kubernetes ${MIN} or later (and, with --service-mesh-ol7, ` +
      `Oracle Linux ${MESH_OS_MAJOR} unless it is the Istio add-on, as OCI's 2025-02 page said); virtual nodes support no mesh.`,
    remediation: `Run worker nodes on Kubernetes ${MIN} or later; run meshed workloads on managed node pools.`,
    source: SOURCES.cniPlugin,
  },
  check({ model, options }, report) {
    for (const cluster of vcnNativeClusters(model)) {
      const mesh = cluster.serviceMesh;
      if (mesh === undefined) continue;
      for (const pool of cluster.nodePools) {
        if (pool.replacedBy !== undefined) continue;
        const label = poolLabel(cluster, pool);
        if (pool.type === 'virtual') {
          report({
            subject: pool,
            location: locate(pool.at, 'type'),
            message: `virtual node pool ${label}: cluster ${cluster.name} uses service mesh ${mesh}, and service meshes are not supported on virtual nodes`,
            remediation: 'Run the meshed workloads on managed node pools.',
          });
          continue;
        }
        const version = workerVersion(cluster, pool);
        const versionKnown = pool.kubernetesVersion !== undefined ? isKnown(pool, 'kubernetesVersion') : isKnown(cluster, 'kubernetesVersion');
        if (versionKnown && versionBelow(version, MIN_KUBERNETES_SERVICE_MESH)) {
          report({
            subject: pool,
            location: pool.kubernetesVersion !== undefined ? locate(pool.at, 'kubernetesVersion') : locate(pool.at),
            message: `node pool ${label}: worker nodes run Kubernetes ${version}; service mesh ${mesh} needs ${MIN} or later with VCN-native pod networking`,
            remediation: `Upgrade the node pool's Kubernetes version to ${MIN} or later.`,
          });
        }
        if (!options.serviceMeshOracleLinux7) continue;
        const os = pool.image === undefined || !isKnown(pool, 'image') ? undefined : imageOs(pool.image);
        if (mesh === 'istio-addon' || os === undefined) continue;
        if (os.family === 'oracle-linux' && os.major === MESH_OS_MAJOR) continue;
        report({
          subject: pool,
          location: locate(pool.at, 'image'),
          message:
            `node pool ${label}: service mesh ${mesh} is supported with VCN-native pod networking only on Oracle Linux ${MESH_OS_MAJOR} ` +
            `(the Istio add-on excepted; OCI's 2025-02 CNI page, checked because of --service-mesh-ol7), and image ${pool.image} is ${os.label}`,
          remediation: `Use the Istio add-on (serviceMesh: istio-addon), or an Oracle Linux ${MESH_OS_MAJOR} node image.`,
        });
      }
    }
  },
  docs: {
    details:
      "Applies to node pools of VCN-native clusters with a serviceMesh. Worker version: the pool's kubernetesVersion, else the cluster's. " +
      'Virtual node pools get a finding for any mesh: OCI does not support service ' +
      `meshes on virtual nodes (${SOURCES.virtualNodes}). ` +
      '**A fact that moved:** the 2025-02-12 CNI page (the seed) said "with the exception of the Istio add-on, support is currently limited ' +
      `to Oracle Linux ${MESH_OS_MAJOR}"; the page as fetched 2026-09 says "Service mesh products (such as Istio) are supported regardless of the CNI plugin ` +
      `you are using" and names no OS, only Kubernetes ${MIN} or later. By default this rule follows the current page and does not check the OS. ` +
      `With \`--service-mesh-ol7\` (lint and check) it also applies the old restriction: the OS is read from the image name (Oracle-Linux-8.9-... is ` +
      'Oracle Linux 8), an image whose name does not say its OS gives no OS finding, and the Istio add-on is exempt.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
  - {name: pods, vcn: prod-vcn, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.25.4
    serviceMesh: linkerd
    nodePools:
      - {name: general, shape: VM.Standard.E4.Flex, ocpus: 4, size: 3, subnet: workers, podSubnets: [pods], image: Oracle-Linux-8.9-2024.01.26-0-OKE-1.25.4-679}
`,
  },
};
