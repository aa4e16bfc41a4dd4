/** `oke-cni plan`: capacity of one node pool on one pod subnet, in either allocation model. Pure. */
import type { Shape } from '../catalog/catalog.js';
import { isFlex, ocpusForVnics } from '../catalog/catalog.js';
import {
  legacyModel,
  type NodeAddressBreakdown,
  nodesThatFit,
  plannedNodes,
  podSubnetAddressesPerNode,
  smallestPrefixFor,
  usableAddresses,
} from './capacity.js';
import { cidrsText, usableInCidrs, type Cidr } from './cidr.js';
import {
  KUBERNETES_MAX_PODS_PER_NODE,
  LARGEST_SUBNET_PREFIX,
  MAX_IP_COUNT_PER_SECONDARY_VNIC,
  MAX_IPS_PER_NODE_SECONDARY_VNICS,
  MAX_PODS_PER_NODE_SECONDARY_VNICS,
  WORKER_SUBNET_VNICS,
} from './facts.js';
import type { AllocationModelId } from './models/types.js';
import { count } from './plural.js';
import {
  ipBudget,
  ipCountProblems,
  maxProfilesForVnics,
  nearestPowersOfTwo,
  secondaryVnicsAddressesPerNode,
  secondaryVnicsModel,
  secondaryVnicsPodsPerNode,
  type VnicProfile,
} from './models/secondary-vnics.js';

export interface PlanInput {
  shape: Shape;
  /** Already checked against the shape's range. */
  ocpus: number | undefined;
  vnics: number;
  /** Requested max pods per node; undefined = the most the shape (legacy) or the profiles allow. */
  maxPods?: number | undefined;
  nodes?: number | undefined;
  maxNodes?: number | undefined;
  surge: number;
  /** The pod subnet: one CIDR block, or every IPv4 CIDR block of a subnet with several (checked not to overlap). */
  podSubnet?: Cidr | readonly Cidr[] | undefined;
  /** --surge given as a percentage of the largest pool size (`surge` holds the nodes it rounds up to). */
  surgePercent?: number | undefined;
  sameSubnet: boolean;
  /** ipCount of each secondary VNIC profile: given, the plan uses the secondary-vnics model, all profiles in the pod subnet. */
  secondaryVnics?: readonly number[] | undefined;
  /** The command listing the catalog's shapes, named in fixes (`oke-cni shapes --catalog FILE` for a file's). */
  listShapes?: string | undefined;
}

export type PlanProblemCode =
  | 'shape-without-pod-vnics'
  | 'max-pods-above-kubernetes'
  | 'max-pods-above-shape'
  | 'max-pods-above-node-limit'
  | 'max-pods-above-ip-budget'
  | 'profiles-above-shape'
  | 'ip-count-not-power-of-two'
  | 'ip-count-above-vnic-limit'
  | 'ip-budget-above-node-limit'
  | 'subnet-too-small'
  | 'demand-beyond-largest-subnet';

export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
  fix: string;
}

export interface SubnetPlan {
  /** Its CIDR blocks joined with " + " */
  cidr: string;
  cidrBlocks: string[];
  /** Sum over its blocks of 2^(32 - prefix) - 3 */
  usable: number;
  /** Addresses the planned nodes pre-allocate; null without --nodes. */
  required: number | null;
  fits: boolean | null;
  /** required / usable, 0..n (above 1 does not fit); null without --nodes. */
  utilization: number | null;
  /** Smallest prefix that holds `required`; null without --nodes or beyond a /16. */
  smallestPrefix: number | null;
  /** Nodes the subnet holds at once (surge nodes included). */
  maxNodes: number;
}

/** The secondary-vnics model's own numbers (null in a legacy plan). */
export interface SecondaryVnicsPlan {
  /** ipCount per profile, as given. */
  profiles: number[];
  /** Profiles the shape can attach: its VNICs minus the primary one. */
  maxProfiles: number;
  /** Sum of the profiles' ipCount. */
  ipBudget: number;
}

export interface PlanResult {
  shape: string;
  ocpus: number | null;
  vnics: number;
  /** The most pods a node may run: legacy, what the shape's VNICs allow; secondary-vnics, min(ipCount budget, 256). */
  maxPodsPerNode: number;
  /** The max pods per node this plan uses. */
  podsPerNode: number;
  ipsPerNode: number;
  perNode: NodeAddressBreakdown;
  sameSubnet: boolean;
  /** Nodes planned for: max(nodes, maxNodes) + surge; null without --nodes. */
  nodes: number | null;
  surge: number;
  /** --surge as a percentage of the largest pool size; null when given as a node count. */
  surgePercent: number | null;
  required: number | null;
  smallestPrefix: number | null;
  subnet: SubnetPlan | null;
  allocationModel: AllocationModelId;
  secondaryVnics: SecondaryVnicsPlan | null;
  fits: boolean;
  problems: PlanProblem[];
}

interface PerNodePlan {
  maxPodsPerNode: number;
  podsPerNode: number;
  perNode: NodeAddressBreakdown;
  secondaryVnics: SecondaryVnicsPlan | null;
  problems: PlanProblem[];
}

function shapeWithoutPodVnics(input: PlanInput): PlanProblem {
  return {
    code: 'shape-without-pod-vnics',
    message:
      `${describeShapeAt(input.shape, input.ocpus)} has ${count(input.vnics, 'VNIC')}: VCN-native pod networking cannot run pods on it ` +
      `(it needs at least ${WORKER_SUBNET_VNICS + 1}: one for the worker subnet, one or more for pods)`,
    fix: `choose a shape with ${WORKER_SUBNET_VNICS + 1} or more VNICs (\`${input.listShapes ?? 'oke-cni shapes'}\` lists them)`,
  };
}

/** "--secondary-vnics 128": the smallest single profile that carries `pods` pods (one power of two up to 256). */
export function profilesFor(pods: number): string {
  let ipCount = 1;
  while (ipCount < pods && ipCount < MAX_IP_COUNT_PER_SECONDARY_VNIC) ipCount *= 2;
  return `--secondary-vnics ${ipCount}`;
}

function legacyPerNode(input: PlanInput): PerNodePlan {
  const { shape, vnics } = input;
  const shapeMax = legacyModel.maxPodsForVnics(vnics);
  const podsPerNode = input.maxPods ?? shapeMax;
  const perNode = podSubnetAddressesPerNode(podsPerNode, input.sameSubnet);
  const problems: PlanProblem[] = [];
  if (vnics <= WORKER_SUBNET_VNICS) {
    problems.push(shapeWithoutPodVnics(input));
  } else if (podsPerNode > KUBERNETES_MAX_PODS_PER_NODE) {
    const past = podsPerNode <= MAX_PODS_PER_NODE_SECONDARY_VNICS
      ? `, or use secondary VNIC profiles, which allow up to ${MAX_PODS_PER_NODE_SECONDARY_VNICS} pods per node (e.g. ${profilesFor(podsPerNode)})`
      : '';
    problems.push({
      code: 'max-pods-above-kubernetes',
      message: `--max-pods ${podsPerNode} is above the ${KUBERNETES_MAX_PODS_PER_NODE} pods per node that nodes without secondary VNIC profiles run`,
      fix: `use --max-pods ${Math.min(KUBERNETES_MAX_PODS_PER_NODE, shapeMax)} or less${past}`,
    });
  } else if (podsPerNode > shapeMax) {
    problems.push({
      code: 'max-pods-above-shape',
      message: `--max-pods ${podsPerNode} needs ${perNode.podVnics + WORKER_SUBNET_VNICS} VNICs, but ${describeShapeAt(shape, input.ocpus)} has ${vnics} (max ${shapeMax} pods per node)`,
      fix: fixForShapeLimit(shape, podsPerNode, perNode.podVnics + WORKER_SUBNET_VNICS, shapeMax),
    });
  }
  return { maxPodsPerNode: shapeMax, podsPerNode, perNode, secondaryVnics: null, problems };
}

function secondaryVnicsPerNode(input: PlanInput, ipCounts: readonly number[]): PerNodePlan {
  const { shape, vnics } = input;
  // plan has one pod subnet: every profile is in it.
  const profiles: VnicProfile[] = ipCounts.map((ipCount) => ({ subnet: 'pod', ipCount }));
  const budget = ipBudget(profiles);
  const maxPods = secondaryVnicsPodsPerNode(profiles, undefined);
  const podsPerNode = input.maxPods ?? maxPods;
  const [addresses] = secondaryVnicsAddressesPerNode(profiles, input.sameSubnet ? 'pod' : undefined);
  const perNode: NodeAddressBreakdown = {
    podIps: addresses?.podIps ?? 0,
    podVnics: addresses?.podVnics ?? 0,
    vnicPrimaryIps: addresses?.vnicPrimaryIps ?? 0,
    nodePrimaryIp: addresses?.nodePrimaryIp ?? 0,
    total: addresses?.total ?? 0,
  };
  const maxProfiles = maxProfilesForVnics(vnics);
  const problems: PlanProblem[] = [];
  if (vnics <= WORKER_SUBNET_VNICS) problems.push(shapeWithoutPodVnics(input));
  else if (profiles.length > maxProfiles) {
    const needed = profiles.length + WORKER_SUBNET_VNICS;
    const ocpus = isFlex(shape) ? ocpusForVnics(shape, needed) : undefined;
    const more = ocpus !== undefined ? `use --ocpus ${ocpus} or more (${needed} VNICs)` : `choose a shape with ${needed} or more VNICs`;
    problems.push({
      code: 'profiles-above-shape',
      message: `${profiles.length} secondary VNIC profiles need ${needed} VNICs (one primary + one per profile), but ${describeShapeAt(shape, input.ocpus)} has ${vnics}`,
      fix: `${more}, or use at most ${maxProfiles} profile${maxProfiles === 1 ? '' : 's'} (one profile may take up to ${MAX_IP_COUNT_PER_SECONDARY_VNIC} IPs)`,
    });
  }
  for (const p of ipCountProblems(profiles)) {
    if (p.code === 'ip-count-not-power-of-two' || p.code === 'ip-count-below-one') {
      problems.push({
        code: 'ip-count-not-power-of-two',
        message: `profile ${p.index + 1}: ipCount ${p.ipCount} is not a power of two (1, 2, 4, ... ${MAX_IP_COUNT_PER_SECONDARY_VNIC}), as Oracle's own provisioner requires`,
        fix: `use ${nearestPowersOfTwo(p.ipCount).join(' or ')} for profile ${p.index + 1}`,
      });
    } else if (p.code === 'ip-count-above-vnic-limit') {
      problems.push({
        code: 'ip-count-above-vnic-limit',
        message: `profile ${p.index + 1}: ipCount ${p.ipCount} is above ${MAX_IP_COUNT_PER_SECONDARY_VNIC}, the most one secondary VNIC takes`,
        fix: `use ${MAX_IP_COUNT_PER_SECONDARY_VNIC} or less for profile ${p.index + 1}`,
      });
    } else if (p.code === 'ip-budget-above-node-limit') {
      problems.push({
        code: 'ip-budget-above-node-limit',
        message: `the profiles' ipCount adds up to ${p.total}, above the ${MAX_IPS_PER_NODE_SECONDARY_VNICS} IPs a node takes in all`,
        fix: `lower the ipCounts so they add up to ${MAX_IPS_PER_NODE_SECONDARY_VNICS} or less`,
      });
    }
  }
  if (input.maxPods !== undefined && input.maxPods > MAX_PODS_PER_NODE_SECONDARY_VNICS) {
    problems.push({
      code: 'max-pods-above-node-limit',
      message: `--max-pods ${input.maxPods} is above OKE's ${MAX_PODS_PER_NODE_SECONDARY_VNICS} pods per node`,
      fix: `use --max-pods ${Math.min(MAX_PODS_PER_NODE_SECONDARY_VNICS, budget)} or less`,
    });
  } else if (input.maxPods !== undefined && input.maxPods > budget) {
    problems.push({
      code: 'max-pods-above-ip-budget',
      message: `--max-pods ${input.maxPods} is above the profiles' ${budget} pod IPs${ipCounts.length > 1 ? ` (${ipCounts.join(' + ')})` : ''}`,
      fix: `raise the profiles' ipCount to ${input.maxPods} or more in all (e.g. ${profilesFor(input.maxPods)}), or lower --max-pods to ${budget}`,
    });
  }
  return { maxPodsPerNode: maxPods, podsPerNode, perNode, secondaryVnics: { profiles: [...ipCounts], maxProfiles, ipBudget: budget }, problems };
}

export function planCapacity(input: PlanInput): PlanResult {
  const secondary = input.secondaryVnics !== undefined && input.secondaryVnics.length > 0;
  const node = secondary ? secondaryVnicsPerNode(input, input.secondaryVnics ?? []) : legacyPerNode(input);
  const { shape, vnics } = input;
  const { perNode, podsPerNode, problems } = node;

  const nodes = input.nodes === undefined ? null : plannedNodes(input.nodes, input.maxNodes, input.surge);
  // A shape without a VNIC for pods runs no VCN-native pod: no demand, no subnet size to suggest.
  const runsPods = !problems.some((p) => p.code === 'shape-without-pod-vnics');
  const required = nodes === null || !runsPods ? null : nodes * perNode.total;
  const smallestPrefix = required === null ? null : smallestPrefixFor(required) ?? null;
  if (required !== null && smallestPrefix === null) {
    const largest = usableAddresses(LARGEST_SUBNET_PREFIX);
    problems.push({
      code: 'demand-beyond-largest-subnet',
      message: `${count(nodes as number, 'node')} x ${count(perNode.total, 'address', 'addresses')} = ${required}, more than the ${largest} usable addresses of a /${LARGEST_SUBNET_PREFIX}, OCI's largest subnet`,
      fix: `lower ${secondary ? 'the ipCounts' : '--max-pods'} or split the nodes over several pools with their own pod subnets (a /${LARGEST_SUBNET_PREFIX} holds ${count(nodesThatFit(largest, perNode.total), 'such node')})`,
    });
  }

  let subnet: SubnetPlan | null = null;
  const blocks = podSubnetBlocks(input.podSubnet);
  if (blocks.length > 0) {
    const text = cidrsText(blocks);
    const usable = usableInCidrs(blocks);
    const maxNodes = runsPods ? nodesThatFit(usable, perNode.total) : 0;
    const fits = required === null ? null : required <= usable;
    subnet = {
      cidr: text,
      cidrBlocks: blocks.map((b) => b.text),
      usable,
      required,
      fits,
      utilization: required === null ? null : round(required / usable, 4),
      smallestPrefix,
      maxNodes: Number.isFinite(maxNodes) ? maxNodes : usable,
    };
    if (fits === false && smallestPrefix !== null && required !== null) {
      const lower = `lower ${secondary ? 'the ipCounts' : '--max-pods'}`;
      // Several blocks: the block that, added, makes up the difference; else a larger subnet.
      const addBlock = blocks.length > 1 ? smallestPrefixFor(required - usable) : undefined;
      const add = addBlock === undefined ? '' : `add a /${addBlock} (${count(usableAddresses(addBlock), 'usable address', 'usable addresses')}) or larger CIDR block (the ${blocks.length} blocks give ${usable}), `;
      // Fewer nodes only helps when the subnet holds the surge nodes and at least one more.
      const fewer = maxNodes > input.surge ? `, or plan for at most ${count(maxNodes, 'node')} (surge included)` : '';
      problems.push({
        code: 'subnet-too-small',
        message: `${text} has ${count(usable, 'usable address', 'usable addresses')}; ${count(nodes as number, 'node')} x ${perNode.total} need ${required}`,
        fix: `${add}use a /${smallestPrefix} or larger pod subnet${fewer}, or ${lower}`,
      });
    }
  }

  return {
    shape: shape.name,
    ocpus: input.ocpus ?? shape.ocpus ?? null,
    vnics,
    maxPodsPerNode: node.maxPodsPerNode,
    podsPerNode,
    ipsPerNode: perNode.total,
    perNode,
    sameSubnet: input.sameSubnet,
    nodes,
    surge: input.surge,
    surgePercent: input.surgePercent ?? null,
    required,
    smallestPrefix,
    subnet,
    allocationModel: secondary ? secondaryVnicsModel.id : legacyModel.id,
    secondaryVnics: node.secondaryVnics,
    fits: problems.length === 0,
    problems,
  };
}

function describeShapeAt(shape: Shape, ocpus: number | undefined): string {
  return isFlex(shape) && ocpus !== undefined ? `${shape.name} at ${count(ocpus, 'OCPU')}` : shape.name;
}

function fixForShapeLimit(shape: Shape, podsPerNode: number, vnicsNeeded: number, shapeMax: number): string {
  const lower = shapeMax > 0 ? `lower --max-pods to ${shapeMax}` : '';
  if (isFlex(shape)) {
    const ocpus = ocpusForVnics(shape, vnicsNeeded);
    if (ocpus !== undefined) return `use --ocpus ${ocpus} or more (${vnicsNeeded} VNICs), or ${lower}`;
  }
  return `choose a shape with ${vnicsNeeded} or more VNICs for ${podsPerNode} pods, or ${lower}`;
}

/** The plan's pod-subnet blocks, as a list (none without --pod-subnet). */
export function podSubnetBlocks(podSubnet: Cidr | readonly Cidr[] | undefined): readonly Cidr[] {
  if (podSubnet === undefined) return [];
  return 'prefix' in podSubnet ? [podSubnet] : podSubnet;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Exit code of a plan: 0 fits, 1 does not. */
export function planExitCode(result: PlanResult): 0 | 1 {
  return result.fits ? 0 : 1;
}

/** Profiles `plan --compare` uses when none are given: one profile holding the node's whole IP budget. */
export const COMPARE_DEFAULT_PROFILES: readonly number[] = [MAX_IP_COUNT_PER_SECONDARY_VNIC];

export interface PlanComparison {
  shape: string;
  ocpus: number | null;
  vnics: number;
  nodes: number | null;
  /** Whether the secondary-vnics side uses the given --secondary-vnics or COMPARE_DEFAULT_PROFILES. */
  profilesGiven: boolean;
  legacy: PlanResult;
  secondaryVnics: PlanResult;
  /** Both sides fit. */
  fits: boolean;
}

/** Both allocation models for the same shape, OCPUs, nodes, surge and pod subnet. */
export function comparePlans(input: PlanInput): PlanComparison {
  const given = input.secondaryVnics !== undefined && input.secondaryVnics.length > 0;
  const legacy = planCapacity({ ...input, secondaryVnics: undefined });
  const secondaryVnics = planCapacity({ ...input, secondaryVnics: given ? input.secondaryVnics : COMPARE_DEFAULT_PROFILES });
  return {
    shape: legacy.shape,
    ocpus: legacy.ocpus,
    vnics: legacy.vnics,
    nodes: legacy.nodes,
    profilesGiven: given,
    legacy,
    secondaryVnics,
    fits: legacy.fits && secondaryVnics.fits,
  };
}
