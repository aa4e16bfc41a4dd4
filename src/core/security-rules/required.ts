/**
 * The security rules VCN-native pod networking requires, table by table, as OCI's "Network Resource
 * Configuration for Cluster Creation and Deployment" page gives them (SOURCES.networkResourceConfig,
 * "Updated 2025-02-12"; sections "Security Rules for the Kubernetes API Endpoint", "... for Worker
 * Nodes", "... for Pod Subnets"). Every row there is "Stateful". The page's "Example Network Resource
 * Configurations" (2024-08-23) differs in places (e.g. TCP/ALL to OSN from the endpoint); this
 * table follows the requirement page, not the examples.
 *
 * Left out on purpose: the flannel-only row (endpoint egress TCP/ALL to workers), and the load
 * balancer rules (the model has no load balancer subnet). Optional rows are listed, marked
 * `optional`, and never required.
 */
import { HTTPS_PORT, IP_PROTOCOL, KUBELET_PORT, KUBERNETES_API_PORT, MAX_PORT, MIN_PORT, OKE_CONTROL_PLANE_PORT, PATH_DISCOVERY_ICMP, SSH_PORT } from '../facts.js';
import type { Direction, IcmpMatch, PortRange, Protocol } from './types.js';

/** Whose VNICs a table applies to. */
export type TargetRole = 'endpoint' | 'workers' | 'pods';
/** The other end, as the page names it. */
export type PeerRole = TargetRole | 'services' | 'anywhere';

export interface RequiredRule {
  /** Stable id, e.g. pods-ingress-workers-all. */
  id: string;
  target: TargetRole;
  direction: Direction;
  protocol: Protocol;
  /** TCP/UDP destination ports; undefined = all. */
  ports?: PortRange;
  /** ICMP type/code; undefined with protocol ICMP = every ICMP type. */
  icmp?: IcmpMatch;
  peer: PeerRole;
  /** The page's description of the row. */
  description: string;
  optional?: true;
  /** Said in docs and findings when the row is read rather than copied from the page. */
  inferred?: string;
}

const TCP = IP_PROTOCOL.tcp;
const ICMP = IP_PROTOCOL.icmp;
const port = (p: number): PortRange => ({ min: p, max: p });
const ALL_PORTS: PortRange = { min: MIN_PORT, max: MAX_PORT };

const ICMP_ROW_INFERRED =
  'the page writes "TCP 10250,ICMP" in one row and names no ICMP type; read as TCP/10250 plus ICMP of every type';

export const REQUIRED_RULES: readonly RequiredRule[] = [
  // Security Rules for the Kubernetes API Endpoint: ingress
  { id: 'endpoint-ingress-workers-6443', target: 'endpoint', direction: 'ingress', protocol: TCP, ports: port(KUBERNETES_API_PORT), peer: 'workers', description: 'Kubernetes worker to Kubernetes API endpoint communication' },
  { id: 'endpoint-ingress-workers-12250', target: 'endpoint', direction: 'ingress', protocol: TCP, ports: port(OKE_CONTROL_PLANE_PORT), peer: 'workers', description: 'Kubernetes worker to Kubernetes API endpoint communication' },
  { id: 'endpoint-ingress-pods-6443', target: 'endpoint', direction: 'ingress', protocol: TCP, ports: port(KUBERNETES_API_PORT), peer: 'pods', description: 'Pod to Kubernetes API endpoint communication' },
  { id: 'endpoint-ingress-pods-12250', target: 'endpoint', direction: 'ingress', protocol: TCP, ports: port(OKE_CONTROL_PLANE_PORT), peer: 'pods', description: 'Pod to Kubernetes API endpoint communication' },
  { id: 'endpoint-ingress-workers-icmp-3-4', target: 'endpoint', direction: 'ingress', protocol: ICMP, icmp: PATH_DISCOVERY_ICMP, peer: 'workers', description: 'Path Discovery' },
  { id: 'endpoint-ingress-clients-6443', target: 'endpoint', direction: 'ingress', protocol: TCP, ports: port(KUBERNETES_API_PORT), peer: 'anywhere', description: 'Client access to Kubernetes API endpoint', optional: true },
  // ... egress
  { id: 'endpoint-egress-services-443', target: 'endpoint', direction: 'egress', protocol: TCP, ports: port(HTTPS_PORT), peer: 'services', description: 'Allow Kubernetes API endpoint to communicate with OKE' },
  { id: 'endpoint-egress-pods-all', target: 'endpoint', direction: 'egress', protocol: 'all', peer: 'pods', description: 'Kubernetes API endpoint to pod communication' },
  { id: 'endpoint-egress-workers-icmp-3-4', target: 'endpoint', direction: 'egress', protocol: ICMP, icmp: PATH_DISCOVERY_ICMP, peer: 'workers', description: 'Path Discovery' },
  { id: 'endpoint-egress-workers-10250', target: 'endpoint', direction: 'egress', protocol: TCP, ports: port(KUBELET_PORT), peer: 'workers', description: 'Kubernetes API endpoint to worker node communication' },
  { id: 'endpoint-egress-workers-icmp', target: 'endpoint', direction: 'egress', protocol: ICMP, peer: 'workers', description: 'Kubernetes API endpoint to worker node communication', inferred: ICMP_ROW_INFERRED },

  // Security Rules for Worker Nodes: ingress
  { id: 'workers-ingress-workers-all', target: 'workers', direction: 'ingress', protocol: 'all', peer: 'workers', description: 'Allows communication from (or to) worker nodes' },
  { id: 'workers-ingress-pods-all', target: 'workers', direction: 'ingress', protocol: 'all', peer: 'pods', description: 'Allow pods on one worker node to communicate with pods on other worker nodes' },
  { id: 'workers-ingress-endpoint-tcp', target: 'workers', direction: 'ingress', protocol: TCP, ports: ALL_PORTS, peer: 'endpoint', description: 'Allow Kubernetes API endpoint to communicate with worker nodes' },
  { id: 'workers-ingress-anywhere-icmp-3-4', target: 'workers', direction: 'ingress', protocol: ICMP, icmp: PATH_DISCOVERY_ICMP, peer: 'anywhere', description: 'Path Discovery' },
  { id: 'workers-ingress-endpoint-10250', target: 'workers', direction: 'ingress', protocol: TCP, ports: port(KUBELET_PORT), peer: 'endpoint', description: 'Kubernetes API endpoint to worker node communication' },
  { id: 'workers-ingress-endpoint-icmp', target: 'workers', direction: 'ingress', protocol: ICMP, peer: 'endpoint', description: 'Kubernetes API endpoint to worker node communication', inferred: ICMP_ROW_INFERRED },
  { id: 'workers-ingress-ssh-22', target: 'workers', direction: 'ingress', protocol: TCP, ports: port(SSH_PORT), peer: 'anywhere', description: 'Allow inbound SSH traffic to worker nodes', optional: true },
  // ... egress
  { id: 'workers-egress-workers-all', target: 'workers', direction: 'egress', protocol: 'all', peer: 'workers', description: 'Allows communication from (or to) worker nodes' },
  { id: 'workers-egress-pods-all', target: 'workers', direction: 'egress', protocol: 'all', peer: 'pods', description: 'Allow worker nodes to communicate with pods on other worker nodes' },
  { id: 'workers-egress-anywhere-icmp-3-4', target: 'workers', direction: 'egress', protocol: ICMP, icmp: PATH_DISCOVERY_ICMP, peer: 'anywhere', description: 'Path Discovery' },
  { id: 'workers-egress-services-tcp', target: 'workers', direction: 'egress', protocol: TCP, ports: ALL_PORTS, peer: 'services', description: 'Allow nodes to communicate with OKE' },
  { id: 'workers-egress-endpoint-6443', target: 'workers', direction: 'egress', protocol: TCP, ports: port(KUBERNETES_API_PORT), peer: 'endpoint', description: 'Kubernetes worker to Kubernetes API endpoint communication' },
  { id: 'workers-egress-endpoint-12250', target: 'workers', direction: 'egress', protocol: TCP, ports: port(OKE_CONTROL_PLANE_PORT), peer: 'endpoint', description: 'Kubernetes worker to Kubernetes API endpoint communication' },
  { id: 'workers-egress-internet-tcp', target: 'workers', direction: 'egress', protocol: TCP, ports: ALL_PORTS, peer: 'anywhere', description: 'Allow worker nodes to communicate with internet', optional: true },

  // Security Rules for Pod Subnets: ingress
  { id: 'pods-ingress-endpoint-all', target: 'pods', direction: 'ingress', protocol: 'all', peer: 'endpoint', description: 'Kubernetes API endpoint to pod communication' },
  { id: 'pods-ingress-workers-all', target: 'pods', direction: 'ingress', protocol: 'all', peer: 'workers', description: 'Allow pods on one worker node to communicate with pods on other worker nodes' },
  { id: 'pods-ingress-pods-all', target: 'pods', direction: 'ingress', protocol: 'all', peer: 'pods', description: 'Allow pods to communicate with each other' },
  // ... egress
  { id: 'pods-egress-pods-all', target: 'pods', direction: 'egress', protocol: 'all', peer: 'pods', description: 'Allow pods to communicate with each other' },
  { id: 'pods-egress-services-icmp-3-4', target: 'pods', direction: 'egress', protocol: ICMP, icmp: PATH_DISCOVERY_ICMP, peer: 'services', description: 'Path Discovery' },
  { id: 'pods-egress-services-tcp', target: 'pods', direction: 'egress', protocol: TCP, ports: ALL_PORTS, peer: 'services', description: 'Allow worker nodes to communicate with OCI services' },
  { id: 'pods-egress-endpoint-6443', target: 'pods', direction: 'egress', protocol: TCP, ports: port(KUBERNETES_API_PORT), peer: 'endpoint', description: 'Pod to Kubernetes API endpoint communication' },
  { id: 'pods-egress-endpoint-12250', target: 'pods', direction: 'egress', protocol: TCP, ports: port(OKE_CONTROL_PLANE_PORT), peer: 'endpoint', description: 'Pod to Kubernetes API endpoint communication' },
  { id: 'pods-egress-internet-443', target: 'pods', direction: 'egress', protocol: TCP, ports: port(HTTPS_PORT), peer: 'anywhere', description: 'Allow pods to communicate with internet', optional: true },
];

/** The rows a target must have (optional rows left out), in table order. */
export function requiredRulesFor(target: TargetRole): RequiredRule[] {
  return REQUIRED_RULES.filter((r) => r.target === target && r.optional === undefined);
}
