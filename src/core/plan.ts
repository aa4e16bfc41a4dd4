/** `oke-cni plan`: capacity of one node pool on one pod subnet. Pure. */
import type { Shape } from '../catalog/catalog.js';
import { isFlex, ocpusForVnics } from '../catalog/catalog.js';
import {
  legacyModel,
  type AllocationModel,
  type NodeAddressBreakdown,
  nodesThatFit,
  plannedNodes,
  podSubnetAddressesPerNode,
  smallestPrefixFor,
  usableAddresses,
} from './capacity.js';
import type { Cidr } from './cidr.js';
import { KUBERNETES_MAX_PODS_PER_NODE, LARGEST_SUBNET_PREFIX, WORKER_SUBNET_VNICS } from './facts.js';

export interface PlanInput {
  shape: Shape;
  /** Already checked against the shape's range. */
  ocpus: number | undefined;
  vnics: number;
  /** Requested max pods per node; undefined = the shape's maximum. */
  maxPods?: number | undefined;
  nodes?: number | undefined;
  maxNodes?: number | undefined;
  surge: number;
  podSubnet?: Cidr | undefined;
  sameSubnet: boolean;
  model?: AllocationModel;
}

export type PlanProblemCode =
  | 'shape-without-pod-vnics'
  | 'max-pods-above-kubernetes'
  | 'max-pods-above-shape'
  | 'subnet-too-small'
  | 'demand-beyond-largest-subnet';

export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
  fix: string;
}

export interface SubnetPlan {
  cidr: string;
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

export interface PlanResult {
  shape: string;
  ocpus: number | null;
  vnics: number;
  /** The most pods the shape's VNICs allow per node. */
  maxPodsPerNode: number;
  /** The max pods per node this plan uses. */
  podsPerNode: number;
  ipsPerNode: number;
  perNode: NodeAddressBreakdown;
  sameSubnet: boolean;
  /** Nodes planned for: max(nodes, maxNodes) + surge; null without --nodes. */
  nodes: number | null;
  surge: number;
  required: number | null;
  smallestPrefix: number | null;
  subnet: SubnetPlan | null;
  allocationModel: string;
  fits: boolean;
  problems: PlanProblem[];
}

export function planCapacity(input: PlanInput): PlanResult {
  const model = input.model ?? legacyModel;
  const { shape, vnics } = input;
  const shapeMax = model.maxPodsForVnics(vnics);
  const podsPerNode = input.maxPods ?? shapeMax;
  const perNode = podSubnetAddressesPerNode(podsPerNode, input.sameSubnet, model);
  const problems: PlanProblem[] = [];

  if (vnics <= WORKER_SUBNET_VNICS) {
    problems.push({
      code: 'shape-without-pod-vnics',
      message: `${shape.name} has ${vnics} VNIC: VCN-native pod networking needs at least ${WORKER_SUBNET_VNICS + 1} (one for the worker subnet, one or more for the pod subnet)`,
      fix: 'choose a shape with 2 or more VNICs (see `oke-cni shapes`)',
    });
  } else if (podsPerNode > KUBERNETES_MAX_PODS_PER_NODE) {
    problems.push({
      code: 'max-pods-above-kubernetes',
      message: `--max-pods ${podsPerNode} is above Kubernetes' limit of ${KUBERNETES_MAX_PODS_PER_NODE} pods per node`,
      fix: `use --max-pods ${Math.min(KUBERNETES_MAX_PODS_PER_NODE, shapeMax)} or less`,
    });
  } else if (podsPerNode > shapeMax) {
    problems.push({
      code: 'max-pods-above-shape',
      message: `--max-pods ${podsPerNode} needs ${perNode.podVnics + WORKER_SUBNET_VNICS} VNICs, but ${describeShapeAt(shape, input.ocpus)} has ${vnics} (max ${shapeMax} pods per node)`,
      fix: fixForShapeLimit(shape, podsPerNode, perNode.podVnics + WORKER_SUBNET_VNICS, shapeMax),
    });
  }

  const nodes = input.nodes === undefined ? null : plannedNodes(input.nodes, input.maxNodes, input.surge);
  const required = nodes === null ? null : nodes * perNode.total;
  const smallestPrefix = required === null ? null : smallestPrefixFor(required) ?? null;
  if (required !== null && smallestPrefix === null) {
    const largest = usableAddresses(LARGEST_SUBNET_PREFIX);
    problems.push({
      code: 'demand-beyond-largest-subnet',
      message: `${nodes} nodes x ${perNode.total} addresses = ${required}, more than the ${largest} usable addresses of a /${LARGEST_SUBNET_PREFIX}, OCI's largest subnet`,
      fix: `lower --max-pods or split the nodes over several pools with their own pod subnets (a /${LARGEST_SUBNET_PREFIX} holds ${nodesThatFit(largest, perNode.total)} such nodes)`,
    });
  }

  let subnet: SubnetPlan | null = null;
  if (input.podSubnet) {
    const usable = usableAddresses(input.podSubnet.prefix);
    const maxNodes = nodesThatFit(usable, perNode.total);
    const fits = required === null ? null : required <= usable;
    subnet = {
      cidr: input.podSubnet.text,
      usable,
      required,
      fits,
      utilization: required === null ? null : round(required / usable, 4),
      smallestPrefix,
      maxNodes: Number.isFinite(maxNodes) ? maxNodes : usable,
    };
    if (fits === false && smallestPrefix !== null) {
      problems.push({
        code: 'subnet-too-small',
        message: `${input.podSubnet.text} has ${usable} usable addresses; ${nodes} nodes x ${perNode.total} need ${required}`,
        fix: `use a /${smallestPrefix} or larger pod subnet, or plan for at most ${maxNodes} nodes (surge included), or lower --max-pods`,
      });
    }
  }

  return {
    shape: shape.name,
    ocpus: input.ocpus ?? shape.ocpus ?? null,
    vnics,
    maxPodsPerNode: shapeMax,
    podsPerNode,
    ipsPerNode: perNode.total,
    perNode,
    sameSubnet: input.sameSubnet,
    nodes,
    surge: input.surge,
    required,
    smallestPrefix,
    subnet,
    allocationModel: model.id,
    fits: problems.length === 0,
    problems,
  };
}

function describeShapeAt(shape: Shape, ocpus: number | undefined): string {
  return isFlex(shape) && ocpus !== undefined ? `${shape.name} at ${ocpus} OCPUs` : shape.name;
}

function fixForShapeLimit(shape: Shape, podsPerNode: number, vnicsNeeded: number, shapeMax: number): string {
  const lower = shapeMax > 0 ? `lower --max-pods to ${shapeMax}` : '';
  if (isFlex(shape)) {
    const ocpus = ocpusForVnics(shape, vnicsNeeded);
    if (ocpus !== undefined) return `use --ocpus ${ocpus} or more (${vnicsNeeded} VNICs), or ${lower}`;
  }
  return `choose a shape with ${vnicsNeeded} or more VNICs for ${podsPerNode} pods, or ${lower}`;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Exit code of a plan: 0 fits, 1 does not. */
export function planExitCode(result: PlanResult): 0 | 1 {
  return result.fits ? 0 : 1;
}
