/**
 * A fake OCI API on 127.0.0.1 for the live tests: the Container Engine (20180222) and Core
 * (20160918) GET routes oke-cni reads, served from a "world" of fixture objects, with
 * opc-next-page paging, opc-request-id on every answer, OCI-style error bodies, optional
 * request-signature checks, and per-test scripts (429 then success, 500 forever, hang, ...).
 * Every request is recorded; anything but GET is recorded and answered 405.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';

export interface World {
  clusters: Array<Record<string, unknown> & { id: string; compartmentId: string }>;
  nodePools: Array<Record<string, unknown> & { id: string; clusterId: string; compartmentId: string }>;
  virtualNodePools: Array<Record<string, unknown> & { id: string; clusterId: string; compartmentId: string }>;
  subnets: Array<Record<string, unknown> & { id: string }>;
  vcns: Array<Record<string, unknown> & { id: string }>;
  /** ListShapes answer for any compartment in `shapeCompartments` (all when absent). */
  shapes: Array<Record<string, unknown>>;
  shapeCompartments?: string[];
  /** Private IPs per subnet OCID (the server makes the objects). */
  privateIps: Record<string, number>;
  /** Extra CIDR-sized private IPs per subnet OCID: one object per prefix length (PrivateIp.cidrPrefixLength). */
  privateIpCidrs?: Record<string, number[]>;
  /** Identity compartments (compartmentId = the parent); the tenancy is any parent no compartment is. */
  compartments?: Array<Record<string, unknown> & { id: string; name: string; compartmentId?: string; lifecycleState?: string }>;
  /** Cluster add-ons by cluster OCID (GetAddon answers 404 for any other). */
  addons?: Record<string, Array<Record<string, unknown> & { name: string }>>;
  /** Items per page, per list route (the server's cap; the client's `limit` may lower it). */
  pageSize: { nodePools: number; virtualNodePools: number; shapes: number; privateIps: number; compartments?: number; policies?: number; nsgRules?: number };
  /** Core: security lists (GetSecurityList by id). */
  securityLists?: Array<Record<string, unknown> & { id: string }>;
  /** Core: each NSG's security rules by NSG OCID (ListNetworkSecurityGroupSecurityRules; any other NSG is 404). */
  nsgRules?: Record<string, Array<Record<string, unknown>>>;
  /** Identity: IAM policies, each attached to one compartment. */
  policies?: Array<Record<string, unknown> & { id: string; name: string; compartmentId: string; statements: string[] }>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  requestId: string;
}

export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'hang'
  /** Send headers and half a body, then stall. */
  | 'stall-body';

interface Script {
  match: RegExp;
  replies: Reply[];
  /** Keep answering with the last reply once the others are used. */
  forever: boolean;
}

/** Every request any fake server in this process saw: the suite-wide GET-only check reads it. */
export const allRequests: RecordedRequest[] = [];

export interface FakeOci {
  url: string;
  port: number;
  world: World;
  requests: RecordedRequest[];
  /** Replies for requests whose path (with query) matches, in order; then the fixtures answer again. */
  script(match: RegExp, ...replies: Reply[]): void;
  /** The same reply for every matching request, for ever. */
  always(match: RegExp, reply: Reply): void;
  /** Drops every script: the fixtures answer again. */
  clearScripts(): void;
  /** keyId -> public key: when set, requests must carry a valid OCI signature (else 401 NotAuthenticated). */
  trustKeys(keys: Record<string, string | KeyObject>): void;
  count(pathPrefix: string): number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

const error = (res: ServerResponse, status: number, code: string, message: string): void => json(res, status, { code, message });

function page<T>(items: T[], query: URLSearchParams, cap: number): { items: T[]; next: string | undefined } {
  const start = Number(query.get('page')?.replace(/^p/, '') ?? 0);
  const limit = Math.min(cap, Number(query.get('limit') ?? cap));
  const slice = items.slice(start, start + limit);
  return { items: slice, next: start + limit < items.length ? `p${start + limit}` : undefined };
}

/** OCI request signatures (draft-cavage HTTP signatures, rsa-sha256) over the listed headers. */
function verifySignature(method: string, target: string, headers: IncomingHttpHeaders, keys: Map<string, KeyObject>): string | undefined {
  const auth = headers.authorization;
  if (!auth || !auth.startsWith('Signature ')) return 'no Signature authorization header';
  const params = new Map<string, string>();
  for (const m of auth.slice('Signature '.length).matchAll(/(\w+)="([^"]*)"/g)) params.set(m[1] as string, m[2] as string);
  const keyId = params.get('keyId') ?? '';
  const key = keys.get(keyId) ?? (keyId.startsWith('ST$') ? keys.get('ST$*') : undefined);
  if (!key) return `unknown keyId`;
  const signed = (params.get('headers') ?? 'date').split(' ');
  const lines = signed.map((h) => (h === '(request-target)' ? `(request-target): ${method.toLowerCase()} ${target}` : `${h}: ${String(headers[h] ?? '')}`));
  const verify = createVerify('RSA-SHA256');
  verify.update(lines.join('\n'));
  return verify.verify(key, params.get('signature') ?? '', 'base64') ? undefined : 'signature does not verify';
}

export async function startFakeOci(world: World): Promise<FakeOci> {
  const requests: RecordedRequest[] = [];
  const scripts: Script[] = [];
  const sockets = new Set<Socket>();
  let trusted: Map<string, KeyObject> | undefined;
  let served = 0;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const requestId = `fake-${++served}`;
    res.setHeader('opc-request-id', requestId);
    const record = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, requestId };
    requests.push(record);
    allRequests.push(record);
    // Drain any body so the connection stays usable.
    req.resume();
    if (req.method !== 'GET') return error(res, 405, 'MethodNotAllowed', `the fake OCI API serves GET only, not ${req.method}`);

    const target = `${url.pathname}${url.search}`;
    const script = scripts.find((s) => s.match.test(target));
    if (script) {
      const reply = script.replies.length > 1 || !script.forever ? script.replies.shift() : script.replies[0];
      if (script.replies.length === 0) scripts.splice(scripts.indexOf(script), 1);
      if (reply === 'hang') return;
      if (reply === 'stall-body') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"id": "');
        return;
      }
      if (reply) {
        return json(res, reply.status, reply.body ?? (reply.status >= 400 ? { code: `Status${reply.status}`, message: `scripted ${reply.status}` } : {}), reply.headers);
      }
    }

    if (trusted) {
      const problem = verifySignature(req.method, target, req.headers, trusted);
      if (problem) return error(res, 401, 'NotAuthenticated', `The required information to complete authentication was not provided or was incorrect (${problem}).`);
    }

    const parts = url.pathname.split('/').filter(Boolean);
    const [version, collection, id] = parts;
    const q = url.searchParams;
    const notFound = (): void => error(res, 404, 'NotAuthorizedOrNotFound', 'Authorization failed or requested resource not found.');
    const list = (items: unknown[], cap: number): void => {
      const { items: slice, next } = page(items, q, cap);
      json(res, 200, slice, next ? { 'opc-next-page': next } : {});
    };

    if (version === '20180222') {
      if (collection === 'clusters' && id && parts[3] === 'addons' && parts[4]) {
        const addon = world.addons?.[id]?.find((a) => a.name === parts[4]);
        return addon ? json(res, 200, addon) : notFound();
      }
      if (collection === 'clusters' && id) {
        const c = world.clusters.find((x) => x.id === id);
        return c ? json(res, 200, c) : notFound();
      }
      if (collection === 'nodePools' && id) {
        const p = world.nodePools.find((x) => x.id === id);
        return p ? json(res, 200, p) : notFound();
      }
      if (collection === 'nodePools' || collection === 'virtualNodePools') {
        const compartmentId = q.get('compartmentId');
        if (!compartmentId) return error(res, 400, 'MissingParameter', 'compartmentId is required');
        const all = collection === 'nodePools' ? world.nodePools : world.virtualNodePools;
        const matching = all.filter((p) => p.compartmentId === compartmentId && (!q.get('clusterId') || p.clusterId === q.get('clusterId')));
        // The pools' nodes list is not part of a summary.
        return list(matching, collection === 'nodePools' ? world.pageSize.nodePools : world.pageSize.virtualNodePools);
      }
    }
    if (version === '20160918') {
      if (collection === 'subnets' && id) {
        const s = world.subnets.find((x) => x.id === id);
        return s ? json(res, 200, s) : notFound();
      }
      if (collection === 'securityLists' && id && parts.length === 3) {
        const l = (world.securityLists ?? []).find((x) => x.id === id);
        return l ? json(res, 200, l) : notFound();
      }
      if (collection === 'networkSecurityGroups' && id && parts[3] === 'securityRules' && parts.length === 4) {
        const rules = world.nsgRules?.[id];
        return rules ? list(rules, world.pageSize.nsgRules ?? 1000) : notFound();
      }
      if (collection === 'vcns' && id) {
        const v = world.vcns.find((x) => x.id === id);
        return v ? json(res, 200, v) : notFound();
      }
      // Identity (20160918 too): compartments and policies.
      if (collection === 'compartments' && id) {
        const c = (world.compartments ?? []).find((x) => x.id === id);
        return c ? json(res, 200, c) : notFound();
      }
      if (collection === 'policies' && !id) {
        const compartmentId = q.get('compartmentId');
        if (!compartmentId) return error(res, 400, 'MissingParameter', 'compartmentId is required');
        return list((world.policies ?? []).filter((p) => p.compartmentId === compartmentId), world.pageSize.policies ?? 1000);
      }
      if (collection === 'shapes' && !id) {
        const compartmentId = q.get('compartmentId');
        if (!compartmentId) return error(res, 400, 'MissingParameter', 'compartmentId is required');
        if (world.shapeCompartments && !world.shapeCompartments.includes(compartmentId)) return notFound();
        return list(world.shapes, world.pageSize.shapes);
      }
      if (collection === 'compartments' && !id) {
        const compartmentId = q.get('compartmentId');
        if (!compartmentId) return error(res, 400, 'MissingParameter', 'compartmentId is required');
        const all = world.compartments ?? [];
        let found: typeof all;
        if (q.get('compartmentIdInSubtree') === 'true') {
          // OCI: only on the tenancy (the root compartment).
          if (!compartmentId.startsWith('ocid1.tenancy.')) return error(res, 400, 'InvalidParameter', 'compartmentIdInSubtree is only allowed on the tenancy');
          const inTree = new Set<string>([compartmentId]);
          found = [];
          for (let grew = true; grew; ) {
            grew = false;
            for (const c of all) if (c.compartmentId !== undefined && inTree.has(c.compartmentId) && !inTree.has(c.id)) (inTree.add(c.id), found.push(c), (grew = true));
          }
        } else {
          found = all.filter((c) => c.compartmentId === compartmentId && c.id !== compartmentId);
        }
        return list(found, world.pageSize.compartments ?? 100);
      }
      if (collection === 'privateIps' && !id) {
        const subnetId = q.get('subnetId');
        if (!subnetId) return error(res, 400, 'MissingParameter', 'subnetId, vnicId or vlanId is required');
        if (!world.subnets.some((s) => s.id === subnetId)) return notFound();
        const count = world.privateIps[subnetId] ?? 0;
        const ips: Array<Record<string, unknown>> = Array.from({ length: count }, (_, i) => ({
          id: `ocid1.privateip.oc1.iad.fake${i}`,
          subnetId,
          ipAddress: `10.0.${64 + Math.floor(i / 256)}.${i % 256}`,
          isPrimary: i % 32 === 0,
        }));
        for (const [i, prefix] of (world.privateIpCidrs?.[subnetId] ?? []).entries()) {
          ips.push({ id: `ocid1.privateip.oc1.iad.cidr${i}`, subnetId, ipAddress: `10.0.200.${i * 16}`, cidrPrefixLength: prefix, isPrimary: false });
        }
        return list(ips, world.pageSize.privateIps);
      }
    }
    return error(res, 404, 'NotFound', `the fake OCI API has no route ${url.pathname}`);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    world,
    requests,
    script(match, ...replies) {
      scripts.push({ match, replies, forever: false });
    },
    always(match, reply) {
      scripts.push({ match, replies: [reply], forever: true });
    },
    clearScripts() {
      scripts.length = 0;
    },
    trustKeys(keys) {
      trusted = new Map(Object.entries(keys).map(([id, k]) => [id, typeof k === 'string' ? createPublicKey(k) : k]));
    },
    count(pathPrefix) {
      return requests.filter((r) => r.path.startsWith(pathPrefix)).length;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
