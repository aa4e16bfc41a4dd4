/**
 * The live path against misbehaving OCI API servers on 127.0.0.1, through the built bin: wrong
 * JSON shapes, endless bodies, endless pages, a slow drip, oversized answers, invalid UTF-8,
 * redirects off the endpoint's origin and error bodies echoing the signed Authorization header.
 * Each run must end on its own bound (response size, page limit, --timeout) with exit 2, nothing
 * on stdout, and one `oke-cni: ` line naming the OCI operation and what was wrong. A run that
 * does not end is killed after KILL_AFTER_MS and fails its test (a hang, not a slow pass).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESPONSE_LIMITS } from '../../src/sources/oci/transport.js';
import { BIN, ROOT } from '../helpers/run-bin.js';
import { credentials, loadWorld } from './harness.js';

const built = existsSync(join(ROOT, 'dist', 'cli.cjs'));
const KILL_AFTER_MS = 150_000;
const TEST_TIMEOUT_MS = KILL_AFTER_MS + 10_000;
const CLUSTER = 'ocid1.cluster.oc1.iad.aaaaclean';
const COMPARTMENT = 'ocid1.compartment.oc1..aaaaprod';
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Hostile {
  url: string;
  hits: number;
  handle: Handler;
}

function listen(handler: (h: Hostile) => Handler): Promise<{ server: Server; hostile: Hostile }> {
  const hostile: Hostile = { url: '', hits: 0, handle: () => undefined };
  hostile.handle = handler(hostile);
  const server = createServer((req, res) => {
    hostile.hits++;
    hostile.handle(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      hostile.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ server, hostile });
    }),
  );
}

const servers: Server[] = [];
async function start(handler: (h: Hostile) => Handler): Promise<Hostile> {
  const { server, hostile } = await listen(handler);
  servers.push(server);
  return hostile;
}
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const json = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'opc-request-id': 'hostile-1', ...headers });
  res.end(body);
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runLive(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--config-file', credentials().configFile], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: credentials().dir },
    });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

const check = (url: string, ...extra: string[]) => runLive(['check', '--cluster', CLUSTER, '--endpoint', url, ...extra]);
const shapes = (url: string, ...extra: string[]) => runLive(['shapes', '--live', '--compartment', COMPARTMENT, '--endpoint', url, ...extra]);

function expectOneLine(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^oke-cni: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(RAW_CONTROL);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
}

let clusterJson = '';
beforeAll(() => {
  clusterJson = JSON.stringify(loadWorld('clean').clusters[0]);
});

describe.skipIf(!built)('hostile OCI API servers', { timeout: TEST_TIMEOUT_MS }, () => {
  test('200 with null where GetCluster returns an object', async () => {
    const h = await start(() => (_req, res) => json(res, 200, 'null'));
    expectOneLine(await check(h.url), /^oke-cni: OCI GetCluster ocid1\.cluster\.oc1\.iad\.aaaaclean: the answer to GET \/20180222\/clusters\/\S+ \(status 200\) is null where getCluster returns an object$/);
  });

  test('an object where ListShapes returns a list', async () => {
    const h = await start(() => (_req, res) => json(res, 200, '{"items": []}'));
    expectOneLine(await shapes(h.url), /^oke-cni: OCI ListShapes .*: the answer to GET \/20160918\/shapes \(status 200\) is an object where listShapes returns a list of objects$/);
  });

  test('a list of junk where ListShapes returns a list of objects', async () => {
    const h = await start(() => (_req, res) => json(res, 200, '[{"shape": "VM.Standard2.1"}, 7, null]'));
    expectOneLine(await shapes(h.url), /: the answer to GET \/20160918\/shapes \(status 200\) holds a number at item 1 where listShapes returns a list of objects$/);
  });

  test('objects whose fields have the wrong types', async () => {
    const h = await start(() => (_req, res) => json(res, 200, '[{"shape": 5, "maxVnicAttachments": "many"}]'));
    expectOneLine(await shapes(h.url), /^oke-cni: OCI: an answer from OCI holds a field of an unexpected type \(.*\); run with --verbose to see the calls$/);
  });

  test('200 with text that is not JSON', async () => {
    const h = await start(() => (_req, res) => json(res, 200, '<html>proxy login</html>'));
    expectOneLine(await check(h.url), /^oke-cni: OCI GetCluster \S+: the answer to GET \S+ \(status 200\) is not valid JSON$/);
  });

  test('invalid UTF-8 in a response', async () => {
    const h = await start(() => (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.concat([Buffer.from('[{"shape": "VM.'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]')]));
    });
    expectOneLine(await shapes(h.url), /: the answer to GET \/20160918\/shapes \(status 200\) is not UTF-8 at byte offset 15$/);
  });

  test('an endless body is cut at the response size limit', async () => {
    const h = await start(() => (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.write('[');
      pump();
    });
    expectOneLine(
      await shapes(h.url),
      new RegExp(`: the answer to GET /20160918/shapes is larger than ${RESPONSE_LIMITS.maxBytes / 1024 / 1024} MiB \\(the response size limit\\)$`),
    );
  });

  test('a declared oversized response is refused unread', async () => {
    const h = await start(() => (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(RESPONSE_LIMITS.maxBytes + 1) });
      res.write('[');
    });
    expectOneLine(await shapes(h.url), /the response size limit\)$/);
  });

  test('a slow drip body is cut by --timeout (the deadline covers the body)', async () => {
    const h = await start(() => (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      res.on('close', () => clearInterval(timer));
    });
    expectOneLine(await shapes(h.url, '--timeout', '1.5'), /: no answer from http:\/\/127\.0\.0\.1:\d+ within 1\.5 s \(GET \/20160918\/shapes; raise --timeout if the network is slow\)$/);
  });

  test('endless pages stop at the page limit', async () => {
    const h = await start((self) => (_req, res) => json(res, 200, '[]', { 'opc-next-page': `page-${self.hits}` }));
    const run = await shapes(h.url);
    expectOneLine(run, new RegExp(`: stopped after ${RESPONSE_LIMITS.maxPages} pages of GET /20160918/shapes \\(the page limit\\): the server keeps answering with opc-next-page$`));
    expect(h.hits).toBe(RESPONSE_LIMITS.maxPages);
    // 500 signed requests through the SDK: far more than the default test time on a busy machine.
  }, TEST_TIMEOUT_MS);

  test('a redirect to another port is refused; nothing is sent there', async () => {
    const elsewhere = await start(() => (_req, res) => json(res, 200, clusterJson));
    const h = await start(() => (req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}${req.url}` });
      res.end();
    });
    expectOneLine(await check(h.url), /^oke-cni: OCI GetCluster \S+: refused a redirect \(302\) of GET \S+ from http:\/\/127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1:\d+: a signed request is never sent off the endpoint$/);
    expect(elsewhere.hits).toBe(0);
  });

  test('a redirect on the same origin is followed, signed again', async () => {
    const signatures: string[] = [];
    const h = await start(() => (req, res) => {
      signatures.push(String(req.headers.authorization));
      if (!req.url?.startsWith('/moved')) {
        res.writeHead(307, { location: `/moved${req.url}` });
        res.end();
        return;
      }
      json(res, 404, '{"code": "NotAuthorizedOrNotFound", "message": "gone"}');
    });
    expectOneLine(await check(h.url), /^oke-cni: OCI GetCluster \S+: not found, or not authorized to read it \(404 NotAuthorizedOrNotFound\): gone/);
    expect(signatures[1]).toMatch(/^Signature /);
    expect(signatures[1]).not.toBe(signatures[0]);
  });

  test('an error body echoing the Authorization header is printed with the signature and keyId redacted', async () => {
    const echoed: string[] = [];
    const h = await start(() => (req, res) => {
      const auth = String(req.headers.authorization);
      echoed.push(auth);
      json(res, 401, JSON.stringify({ code: 'NotAuthenticated', message: `The required information to complete authentication was not provided or was incorrect. Authorization: ${auth}` }));
    });
    const run = await check(h.url);
    expectOneLine(run, /^oke-cni: OCI GetCluster \S+: not authenticated \(401\b.*Authorization: Signature version=.*keyId=\\?"\[redacted\]\\?".*signature=\\?"\[redacted\]\\?"/);
    const keyId = /keyId="([^"]+)"/.exec(echoed[0] as string)?.[1] as string;
    const signature = /signature="([^"]+)"/.exec(echoed[0] as string)?.[1] as string;
    expect(keyId).toMatch(/^ocid1\.tenancy/);
    expect(run.stderr).not.toContain(keyId);
    expect(run.stderr).not.toContain(signature);
  });

  test('an ESC sequence in an error message is shown escaped', async () => {
    const h = await start(() => (_req, res) => json(res, 400, JSON.stringify({ code: 'InvalidParameter', message: 'bad \u001b[2J\u001b[31mthing\r\nsecond line' })));
    expectOneLine(await check(h.url), /^oke-cni: OCI GetCluster \S+: 400 InvalidParameter: bad \\u001b\[2J\\u001b\[31mthing second line/);
  });
});
