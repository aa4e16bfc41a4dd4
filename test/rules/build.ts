/**
 * A small model builder for rule tests, with positions laid out like block YAML: an object starts
 * at (line, column) and its keys follow one per line in the order they are given, the first on the
 * object's own line ("- name: ..."). So in pool(20, { name, shape, ocpus }) `ocpus` is at line 22.
 */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { parseCidr, type Cidr } from '../../src/core/cidr.js';
import { DEFAULT_MAX_PODS_PER_NODE, DEFAULT_MAX_SURGE } from '../../src/core/facts.js';
import type { RunLintOptions } from '../../src/core/lint.js';
import { runLint } from '../../src/rules/index.js';
import type { Finding } from '../../src/core/finding.js';
import type { Cluster, Model, NodePool, Positions, Subnet, Vcn } from '../../src/core/model.js';
import type { SecurityRule } from '../../src/core/security-rules/index.js';
import { parseConfigText } from '../../src/sources/file/index.js';

export const FILE = 'config.yaml';
export const shapes = new ShapeIndex(embeddedCatalog());

export function cidr(text: string, anyPrefix = false): Cidr {
  const parsed = parseCidr(text, { anyPrefix });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cidr;
}

/** Positions of an object at (line, column) whose keys follow one per line. */
export function positions(line: number, column: number, keys: readonly string[]): Positions {
  const at: Positions = { '': { kind: 'file', file: FILE, line, column } };
  keys.forEach((key, i) => {
    at[key] = { kind: 'file', file: FILE, line: line + i, column };
  });
  return at;
}

/** The keys written in the file: those given a value (an absent key has no position). */
const written = (input: object): string[] =>
  Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);

export interface VcnInput {
  name: string;
  cidrBlocks?: string[];
  compartmentId?: string;
  ocid?: string;
}

export function vcn(line: number, input: VcnInput): Vcn {
  return {
    ref: input.name,
    name: input.name,
    ocid: input.ocid,
    compartmentId: input.compartmentId,
    cidrBlocks: (input.cidrBlocks ?? ['10.0.0.0/16']).map((c) => cidr(c)),
    at: positions(line, 5, written(input)),
  };
}

export interface SubnetInput {
  name: string;
  vcn?: string;
  cidrBlock?: string;
  cidrBlocks?: string[];
  prohibitPublicIpOnVnic?: boolean;
  availabilityDomain?: string;
  ipv6CidrBlocks?: string[];
  compartmentId?: string;
  disableRules?: string[];
}

export function subnet(line: number, input: SubnetInput): Subnet {
  return {
    ref: input.name,
    name: input.name,
    compartmentId: input.compartmentId,
    vcn: input.vcn ?? 'prod-vcn',
    cidrBlocks: (input.cidrBlocks ?? [input.cidrBlock ?? '10.0.64.0/18']).map((c) => cidr(c)),
    prohibitPublicIpOnVnic: input.prohibitPublicIpOnVnic ?? true,
    availabilityDomain: input.availabilityDomain,
    ipv6CidrBlocks: input.ipv6CidrBlocks ?? [],
    disabledRules: input.disableRules ?? [],
    // The model keeps every block under cidrBlocks, whichever key the file wrote.
    at: positions(line, 5, written(input).map((k) => (k === 'cidrBlock' ? 'cidrBlocks' : k))),
  };
}

export interface PoolInput {
  name: string;
  type?: NodePool['type'];
  shape?: string;
  ocpus?: number;
  size?: number;
  maxSize?: number;
  maxSurge?: number;
  maxPodsPerNode?: number;
  subnet?: string;
  /** Several placements' worker subnets (multi-AD); replaces `subnet`. */
  workerSubnets?: string[];
  podSubnets?: string[];
  nsgIds?: string[];
  maxNodesTag?: string;
  podNsgIds?: string[];
  image?: string;
  kubernetesVersion?: string;
  compartmentId?: string;
  disableRules?: string[];
  /** Secondary VNIC profiles: subnet ref and ipCount (positions follow the pool's keys). */
  secondaryVnics?: Array<{ subnet: string; ipCount?: number; nsgIds?: string[] }>;
}

/** Defaults: managed, VM.Standard.E4.Flex at 4 OCPUs, 3 nodes, workers/pods subnets, OKE's defaults. */
export function pool(line: number, input: PoolInput): NodePool {
  const size = input.size ?? 3;
  return {
    name: input.name,
    compartmentId: input.compartmentId,
    type: input.type ?? 'managed',
    shape: 'shape' in input ? input.shape : input.type === 'virtual' ? undefined : 'VM.Standard.E4.Flex',
    ocpus: 'ocpus' in input ? input.ocpus : input.type === 'virtual' ? undefined : 4,
    size,
    maxSize: input.maxSize ?? size,
    maxSurge: input.maxSurge ?? DEFAULT_MAX_SURGE,
    maxPodsPerNode: input.maxPodsPerNode ?? DEFAULT_MAX_PODS_PER_NODE,
    workerSubnets: input.workerSubnets ?? ('subnet' in input ? (input.subnet === undefined ? [] : [input.subnet]) : ['workers']),
    podSubnets: input.podSubnets ?? ['pods'],
    nsgIds: input.nsgIds ?? [],
    podNsgIds: input.podNsgIds ?? [],
    image: input.image,
    kubernetesVersion: input.kubernetesVersion,
    maxNodesTag: input.maxNodesTag,
    disabledRules: input.disableRules ?? [],
    at: positions(line, 9, written(input)),
    ...(input.secondaryVnics
      ? {
          maxPodsPerNodeSet: input.maxPodsPerNode !== undefined,
          secondaryVnics: input.secondaryVnics.map((p, i) => ({
            subnet: p.subnet,
            ipCount: p.ipCount,
            nsgIds: p.nsgIds ?? [],
            at: positions(line + 100 + i, 13, ['subnet', 'ipCount']),
          })),
        }
      : {}),
  };
}

export interface ClusterInput {
  name: string;
  vcn?: string;
  kubernetesVersion?: string;
  cniType?: Cluster['cniType'];
  servicesCidr?: string;
  ipv6?: boolean;
  serviceMesh?: Cluster['serviceMesh'];
  compartmentId?: string;
  ocid?: string;
  disableRules?: string[];
}

export function cluster(line: number, input: ClusterInput, nodePools: NodePool[] = []): Cluster {
  return {
    name: input.name,
    ocid: input.ocid,
    compartmentId: input.compartmentId,
    vcn: input.vcn ?? 'prod-vcn',
    kubernetesVersion: input.kubernetesVersion ?? 'v1.30.1',
    cniType: input.cniType ?? 'OCI_VCN_IP_NATIVE',
    servicesCidr: cidr(input.servicesCidr ?? '10.96.0.0/16', true),
    ipv6: input.ipv6 ?? false,
    serviceMesh: input.serviceMesh,
    nodePools,
    disabledRules: input.disableRules ?? [],
    at: positions(line, 5, [...written(input), 'nodePools']),
  };
}

/**
 * The usual network: VCN prod-vcn 10.0.0.0/16 (line 1), subnets "workers" 10.0.0.0/20 (line 3)
 * and "pods" 10.0.64.0/18 (line 10), both private and regional; override or add subnets per test
 * (extra subnets from line 20 on, clusters from line 30 on keep lines apart).
 */
export function network(extra: Subnet[] = [], overrides: { workers?: Partial<SubnetInput>; pods?: Partial<SubnetInput> } = {}): { vcns: Vcn[]; subnets: Subnet[] } {
  return {
    vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16'] })],
    subnets: [
      subnet(3, { name: 'workers', vcn: 'prod-vcn', cidrBlock: '10.0.0.0/20', ...overrides.workers }),
      subnet(10, { name: 'pods', vcn: 'prod-vcn', cidrBlock: '10.0.64.0/18', ...overrides.pods }),
      ...extra,
    ],
  };
}

/**
 * A model of the parts. Unless `security: false`, every subnet that names no security list gets
 * one that allows all traffic both ways, and every cluster an endpoint NSG that does too (line 90
 * on), so the rule under test stands alone: pod-subnet-security-rules finds nothing to report and
 * not-checked nothing it could not check.
 */
export function model(parts: { vcns: Vcn[]; subnets: Subnet[] }, clusters: Cluster[], opts: { security?: boolean } = {}): Model {
  const m: Model = { vcns: parts.vcns, subnets: parts.subnets, clusters };
  if (opts.security === false) return m;
  const at = positions(90, 5, ['rules', 'ingressSecurityRules', 'egressSecurityRules']);
  const everywhere = cidr('0.0.0.0/0', true);
  const rules: SecurityRule[] = (['ingress', 'egress'] as const).map((direction) => ({ direction, protocol: 'all', stateless: false, peer: { kind: 'cidr', cidr: everywhere }, at }));
  m.securityLists = [{ ref: 'open-sl', name: 'open-sl', rules, form: 'oke-cni', at }];
  m.networkSecurityGroups = [{ ref: 'open-nsg', name: 'open-nsg', rules, form: 'oke-cni', at }];
  for (const s of m.subnets) s.securityListIds ??= ['open-sl'];
  for (const c of clusters) c.endpointNsgIds ??= ['open-nsg'];
  return m;
}

/** Findings of one rule on a model (the runner, nothing switched off). */
export function findingsOf(ruleId: string, m: Model, opts: RunLintOptions = {}): Finding[] {
  return runLint(m, shapes, opts).filter((f) => f.ruleId === ruleId);
}

/** line:column of a finding in FILE. */
export function where(f: Finding): string {
  if (f.location.kind !== 'file') throw new Error(`expected a file location, got ${JSON.stringify(f.location)}`);
  return `${f.location.line}:${f.location.column}`;
}

/** Findings of `ruleId` on test/fixtures/rules/<ruleId>/<kind>.yaml, read by the config parser. */
export function fixtureFindings(ruleId: string, kind: 'valid' | 'invalid', opts: RunLintOptions = {}): Finding[] {
  const file = `test/fixtures/rules/${ruleId}/${kind}.yaml`;
  const text = readFileSync(new URL(`../fixtures/rules/${ruleId}/${kind}.yaml`, import.meta.url), 'utf8');
  const { model: m } = parseConfigText(text, file);
  return runLint(m, shapes, opts).filter((f) => f.ruleId === ruleId);
}

/**
 * The findings of the rule's invalid.yaml fixture, after checking that they stand exactly at
 * `expected` [line, column] positions, in order, each message containing its fragment.
 */
export function expectInvalidFixture(ruleId: string, expected: Array<[number, number, string]>, opts: RunLintOptions = {}): Finding[] {
  const found = fixtureFindings(ruleId, 'invalid', opts);
  expect(found.map((f) => (f.location.kind === 'file' ? [f.location.file, f.location.line, f.location.column] : []))).toEqual(
    expected.map(([line, column]) => [`test/fixtures/rules/${ruleId}/invalid.yaml`, line, column]),
  );
  found.forEach((f, i) => expect(f.message).toContain(expected[i]?.[2]));
  return found;
}
