/**
 * oke-cni's own principle, not an OCI rule: never refuse what can be partly checked, never guess
 * what cannot be known. A value the input leaves unknown (a Terraform value known only after
 * apply, a reference the plan does not determine) and an object named by OCID that no given file
 * defines make the other rules skip exactly the checks that need them; this rule says, once per
 * object, which checks were skipped, why, and how to supply what is missing. `lint --strict`
 * turns these notes into errors.
 */
import { SOURCES } from '../core/facts.js';
import { locate, type Cluster, type Location, type NotKnown, type NodePool, type Subnet, type Unknowns, type Vcn } from '../core/model.js';
import type { DocumentedRule, RuleReport } from './types.js';
import { isVcnNative, poolLabel } from './support/scope.js';
import { securityRulesOf } from './support/security-rules-check.js';

const POD_SUBNET_RULES = ['pod-subnet-private', 'pod-subnet-regional', 'pod-subnet-same-vcn', 'pod-subnet-capacity', 'pod-subnet-headroom'];
const DEMAND_RULES = ['pod-subnet-capacity', 'pod-subnet-headroom'];
const POOL_RULES = [
  'single-pod-subnet',
  ...POD_SUBNET_RULES,
  'worker-subnet-regional',
  'max-pods-range',
  'max-pods-shape',
  'unknown-shape',
  'shared-subnet-nsg',
  'node-image-date',
  'service-mesh-support',
];

/** The checks that a field of each kind of object is needed for. */
const NEEDED_BY: Record<'pool' | 'subnet' | 'vcn' | 'cluster', Record<string, readonly string[]>> = {
  pool: {
    podSubnets: ['single-pod-subnet', ...POD_SUBNET_RULES, 'shared-subnet-nsg'],
    subnet: ['pod-subnet-same-vcn', 'worker-subnet-regional', 'shared-subnet-nsg', ...DEMAND_RULES],
    size: DEMAND_RULES,
    maxSize: DEMAND_RULES,
    maxSurge: DEMAND_RULES,
    maxPodsPerNode: ['max-pods-range', 'max-pods-shape', ...DEMAND_RULES],
    shape: ['unknown-shape', 'max-pods-shape'],
    ocpus: ['max-pods-shape'],
    nsgIds: ['shared-subnet-nsg'],
    podNsgIds: ['shared-subnet-nsg'],
    kubernetesVersion: ['service-mesh-support'],
    image: ['node-image-date', 'service-mesh-support'],
  },
  subnet: {
    cidrBlocks: ['subnet-in-vcn', 'subnet-overlap', ...DEMAND_RULES],
    prohibitPublicIpOnVnic: ['pod-subnet-private'],
    availabilityDomain: ['pod-subnet-regional', 'worker-subnet-regional'],
    vcn: ['subnet-in-vcn', 'subnet-overlap', 'pod-subnet-same-vcn'],
  },
  vcn: { cidrBlocks: ['subnet-in-vcn', 'services-cidr-overlap'] },
  cluster: {
    cniType: ['kubernetes-version', ...POOL_RULES],
    kubernetesVersion: ['kubernetes-version', 'self-managed-version', 'service-mesh-support'],
    vcn: ['services-cidr-overlap'],
    servicesCidr: ['services-cidr-overlap'],
  },
};

/** The OCI CLI command whose output defines an object of each kind. */
const GET_COMMAND: Record<'vcn' | 'subnet' | 'cluster', (ocid: string) => string> = {
  vcn: (ocid) => `oci network vcn get --vcn-id ${ocid}`,
  subnet: (ocid) => `oci network subnet get --subnet-id ${ocid}`,
  cluster: (ocid) => `oci ce cluster get --cluster-id ${ocid}`,
};

interface Missing {
  /** "node_config_details[0].size (known only after apply)" */
  what: string;
  rules: readonly string[];
  /** How to supply it: an object by OCID (its OCI CLI get command), or the attribute to set. */
  supply: { kind: 'vcn' | 'subnet' | 'cluster'; ocid: string } | string;
}

function unknownValues(unknown: Unknowns | undefined, neededBy: Record<string, readonly string[]>): Missing[] {
  const out: Missing[] = [];
  if (unknown === undefined) return out;
  const seen = new Set<NotKnown>();
  for (const [field, nk] of Object.entries(unknown)) {
    // One unknown attribute may stand behind several model fields (size and maxSize).
    if (nk === undefined || seen.has(nk)) continue;
    seen.add(nk);
    const rules = [...new Set(Object.entries(unknown).flatMap(([f, other]) => (other === nk ? (neededBy[f] ?? []) : [])))];
    if (rules.length === 0 && neededBy[field] === undefined) continue;
    out.push({ what: `${nk.field} (${nk.reason})`, rules, supply: supplyFor(nk) });
  }
  return out;
}

function supplyFor(nk: NotKnown): Missing['supply'] {
  const ocid = /ocid1\.(vcn|subnet|cluster)\.[^\s"]+/.exec(nk.reason);
  if (ocid) return { kind: ocid[1] as 'vcn' | 'subnet' | 'cluster', ocid: ocid[0] };
  return nk.change ?? nk.field;
}

function outside(kind: 'vcn' | 'subnet', ocid: string, role: string, rules: readonly string[]): Missing {
  return { what: `${role} ${ocid} (not in the given files)`, rules, supply: { kind, ocid } };
}

/** "lint with --live, or add the output of "oci network subnet get --subnet-id A" and "..." to the files" */
function howToSupply(missing: readonly Missing[]): string {
  const objects = missing.flatMap((m) => (typeof m.supply === 'string' ? [] : [m.supply]));
  const commands = [...new Set(objects.map((o) => `"${GET_COMMAND[o.kind](o.ocid)}"`))];
  const fields = [...new Set(missing.flatMap((m) => (typeof m.supply === 'string' ? [m.supply] : [])))];
  const sentences =
    fields.length === 0
      ? []
      : [`set ${fields.join(', ')} from values known at plan time (a variable, a literal, or a resource or data source of this plan), or lint the state after apply (terraform show -json)`];
  if (commands.length > 0) {
    // Only subnets and VCNs are read by lint --live.
    const live = objects.some((o) => o.kind !== 'cluster') ? 'lint with --live, or ' : '';
    sentences.unshift(`${live}add the output of ${commands.join(' and ')} to the files`);
  }
  return `To check it, ${sentences.join('; and ')}.`;
}

function report(subject: NodePool | Subnet | Cluster | Vcn, location: Location, who: string, missing: Missing[], emit: (r: RuleReport) => void): void {
  if (missing.length === 0) return;
  const parts = missing.map((m) => `${m.what}: ${m.rules.length > 0 ? m.rules.join(', ') : 'no check'}`);
  emit({ subject, location, message: `${who}: not checked, for want of ${parts.join('; ')}`, remediation: howToSupply(missing) });
}

export const rule: DocumentedRule = {
  meta: {
    id: 'not-checked',
    severity: 'note',
    description: 'Checks skipped because the input leaves a value unknown (until apply) or names an object by OCID that no given file defines.',
    remediation: 'Supply the missing objects (lint --live, or the OCI CLI "get" output as another file), or lint the state after apply.',
    source: SOURCES.cniPlugin,
  },
  check({ model, index }, emit) {
    const clusterUnknownCni = new Set<Cluster>();
    for (const cluster of model.clusters) {
      const missing = unknownValues(cluster.unknown, NEEDED_BY.cluster);
      if (isVcnNative(cluster) && cluster.vcn !== '' && !index.vcn(cluster.vcn) && (cluster.unknown?.vcn === undefined)) {
        missing.push(outside('vcn', cluster.vcn, 'VCN', ['services-cidr-overlap']));
      }
      if (cluster.unknown?.cniType !== undefined) clusterUnknownCni.add(cluster);
      const where = cluster.at[''] ?? cluster.nodePools[0]?.at[''];
      if (where) report(cluster, where, `cluster ${cluster.name}`, missing, emit);
    }
    for (const cluster of model.clusters) {
      // Pools of a cluster whose CNI is unknown are covered by the cluster's note; flannel pools have no pod subnets.
      if (!isVcnNative(cluster)) continue;
      for (const pool of cluster.nodePools) {
        if (pool.replacedBy !== undefined) continue;
        const missing = unknownValues(pool.unknown, NEEDED_BY.pool);
        if (pool.unknown?.subnet === undefined) {
          for (const ref of pool.workerSubnets) {
            if (!index.subnet(ref)) missing.push(outside('subnet', ref, 'worker subnet', ['worker-subnet-regional', 'pod-subnet-same-vcn']));
          }
        }
        if (pool.unknown?.podSubnets === undefined) {
          for (const ref of new Set(pool.podSubnets)) {
            if (!index.subnet(ref)) missing.push(outside('subnet', ref, 'pod subnet', POD_SUBNET_RULES));
          }
        }
        report(pool, locate(pool.at), `node pool ${poolLabel(cluster, pool)}`, missing, emit);
      }
    }
    for (const subnet of model.subnets) {
      const missing = unknownValues(subnet.unknown, NEEDED_BY.subnet);
      if (subnet.unknown?.vcn === undefined && subnet.vcn !== '' && !index.vcn(subnet.vcn)) missing.push(outside('vcn', subnet.vcn, 'VCN', ['subnet-in-vcn']));
      report(subnet, locate(subnet.at), `subnet "${subnet.name}"`, missing, emit);
    }
    for (const vcn of model.vcns) reportVcn(vcn, emit);
    // Security rules the inputs do not hold, or hold in part (support/security-rules-check.ts).
    for (const note of securityRulesOf({ model, index }).notChecked) emit(note);
  },
  docs: {
    details:
      'One note per node pool, subnet, VCN or cluster whose checks were skipped, naming each missing value (as the input spells it), ' +
      'the rules it is needed for, and how to supply it. Missing are: values a Terraform plan knows only after apply and cannot trace to ' +
      'a value the plan determines (through module outputs, variables, count, for_each, data sources), references that could mean several ' +
      'instances, and objects named by OCID that no given file defines (an existing network passed in by OCID). Every other check still runs. ' +
      'Supply what is missing with `lint --live` (subnets and VCNs read from OCI), with the OCI CLI "get" output as another file, or by ' +
      'linting the state after apply. Also one note per cluster whose pod-subnet-security-rules check the inputs cannot finish (a subnet ' +
      'without `securityListIds`, a security list or NSG named by OCID but not given, no endpoint subnet), or cannot start: inputs that ' +
      'hold no security lists or NSG rules at all. `lint --strict` reports these findings as errors.',
    failingExample: `vcns: [{name: prod-vcn, cidrBlocks: [10.0.0.0/16]}]
subnets:
  - {name: workers, vcn: prod-vcn, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}
clusters:
  - name: prod
    vcn: prod-vcn
    kubernetesVersion: v1.30.1
    nodePools:
      - name: general
        shape: VM.Standard.E4.Flex
        ocpus: 4
        size: 3
        subnet: workers
        podSubnets: [ocid1.subnet.oc1.phx.aaaaaaaapodsexistingnetworkbyocid]
`,
  },
};

function reportVcn(vcn: Vcn, emit: (r: RuleReport) => void): void {
  const missing = unknownValues(vcn.unknown, NEEDED_BY.vcn);
  report(vcn, locate(vcn.at), `VCN "${vcn.name}"`, missing, emit);
}
