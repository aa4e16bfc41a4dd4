/** Findings and rule metas shared by the reporter tests: every location kind and severity. */
import type { Finding } from '../../../src/core/finding.js';
import type { RuleMeta } from '../../../src/rules/types.js';
import type { ReportContext } from '../../../src/report/findings/index.js';

export const RULES: readonly RuleMeta[] = [
  {
    id: 'pod-subnet-too-small',
    severity: 'error',
    description: 'The pod subnet holds the pod IPs of every node, surge nodes included.',
    remediation: 'Use a larger pod subnet or fewer pods per node.',
    source: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengpodnetworking_topic-OCI_CNI_plugin.htm',
  },
  {
    id: 'max-pods-above-shape',
    severity: 'warning',
    description: 'maxPodsPerNode must not exceed what the shape\'s VNICs carry.',
    remediation: 'Lower maxPodsPerNode or pick a shape with more VNICs.',
    source: 'https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengcreatingclusterusingoke.htm',
  },
  {
    id: 'pod-subnet-headroom',
    severity: 'note',
    description: 'The pod subnet keeps headroom for growth.',
    remediation: 'Plan a larger pod subnet before the pool grows.',
    source: 'https://docs.oracle.com/en-us/iaas/Content/Network/Tasks/managingVCNs_topic-Overview_of_VCNs_and_Subnets.htm',
  },
];

export const SUBNET_OCID = 'ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaexample';

export const FINDINGS: readonly Finding[] = [
  {
    ruleId: 'pod-subnet-too-small',
    severity: 'error',
    message: 'Pod subnet "pods" (10.0.64.0/24) has 253 usable addresses; node pool "np1" needs 341.',
    remediation: 'Use a /22 or larger pod subnet.',
    location: { kind: 'file', file: 'examples/cluster.yaml', line: 12, column: 5 },
  },
  {
    ruleId: 'max-pods-above-shape',
    severity: 'warning',
    message: 'Node pool "np1" asks for maxPodsPerNode 93 but VM.Standard.E4.Flex with 1 OCPU carries 31.',
    remediation: 'Set maxPodsPerNode to at most 31, or give the pool 3 OCPUs.',
    location: { kind: 'file', file: 'examples/cluster.yaml', line: 4, column: 3 },
  },
  {
    ruleId: 'pod-subnet-headroom',
    severity: 'note',
    message: 'Pod subnet "pods" would be 91% full at the pool\'s maximum size.',
    remediation: 'Plan a /21 before the pool grows past 6 nodes.',
    location: { kind: 'oci', resourceType: 'Subnet', ocid: SUBNET_OCID, name: 'pods' },
  },
];

export function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return { rules: RULES, toolVersion: '1.2.3', color: false, inputs: ['examples/cluster.yaml'], ...overrides };
}
