/**
 * The one HTTP path every OCI call of a live run takes: oke-cni hands this to the SDK clients
 * as their `httpClient` (oci-common's HttpClient interface) and turns the SDK's own retries off,
 * so that these guarantees hold in one place:
 * - read-only: anything but GET is refused before it is signed or sent;
 * - a real per-request timeout: a fresh AbortSignal.timeout for every attempt, covering the
 *   response body too (the SDK's httpOptions would share one signal per client);
 * - bounded retries on 429 and 5xx with short backoff, Retry-After honoured up to a cap
 *   (the SDK default is 8 attempts over ~95 s, and it retries connection errors too);
 * - no circuit breaker (the SDK's opens after 10 failures and then skips calls silently);
 * - bounded concurrency across all clients of the run;
 * - every attempt counted and, with --verbose, logged with method, path, status, duration
 *   and opc-request-id (never a header value: the Authorization header carries the signature);
 * - bounded answers: at most RESPONSE_LIMITS.maxBytes per response (counted while reading, the
 *   deadline covering the body), at most RESPONSE_LIMITS.maxPages pages per listing (a server
 *   handing out a new opc-next-page for ever is stopped), UTF-8 and JSON checked, and a 2xx
 *   answer of the wrong shape (null, an object where a list belongs, a list of non-objects)
 *   refused with the operation's name rather than crashing the mapping;
 * - redirects followed only on the endpoint's own origin (scheme, host and port), re-signed;
 *   a redirect anywhere else is refused, so a signed request never leaves the endpoint;
 * - signatures and keyIds an error body echoes back are redacted before the SDK reads it.
 */
import type { HttpClient, HttpRequest, RequestSigner } from 'oci-common';
import { redactSecrets } from '../../core/escape.js';
import { firstInvalidUtf8 } from '../file/read.js';

/** oke-cni's bounds on what one OCI answer may be (documented in the README's exit codes). */
export const RESPONSE_LIMITS = {
  /** One response body: a page of 1000 private IPs is ~1 MiB, a ListShapes answer ~0.3 MiB. */
  maxBytes: 16 * 1024 * 1024,
  /** Pages of one listing: 500 pages of 1000 items is far beyond any compartment. */
  maxPages: 500,
  /** Redirects followed on the endpoint's own origin before giving up. */
  maxRedirects: 3,
} as const;

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Wait before retry n (1-based) is backoffSeconds[n - 1], the last entry repeating. */
  backoffSeconds: readonly number[];
  /** A server's Retry-After is honoured up to this many seconds. */
  retryAfterCapSeconds: number;
}

export interface TransportPolicy {
  timeoutSeconds: number;
  concurrency: number;
  retry: RetryPolicy;
}

export interface CallStats {
  /** HTTP requests sent, retries included. */
  calls: number;
  retries: number;
  /** Requests per SDK operation (getSubnet, listNodePools, ...), retries included. */
  byOperation: Record<string, number>;
}

/** Client-side failures; the SDK's retrier copies `code` and `message` into what it throws. */
export const TRANSPORT_CODES = {
  timeout: 'OKE_CNI_TIMEOUT',
  connect: 'OKE_CNI_CONNECT',
  readOnly: 'OKE_CNI_READ_ONLY',
  closed: 'OKE_CNI_CLOSED',
  tooLarge: 'OKE_CNI_TOO_LARGE',
  tooManyPages: 'OKE_CNI_TOO_MANY_PAGES',
  badAnswer: 'OKE_CNI_BAD_ANSWER',
  redirect: 'OKE_CNI_REDIRECT',
} as const;

export class TransportFailure extends Error {
  /** Read by oci-common's GenericRetrier: never retry a failure the transport already judged. */
  readonly shouldBeRetried = false;
  constructor(
    readonly code: (typeof TRANSPORT_CODES)[keyof typeof TRANSPORT_CODES],
    message: string,
  ) {
    super(message);
  }
}

/** Status codes worth another attempt: throttling and server-side failures (not 501 Not Implemented). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

export function backoffFor(policy: RetryPolicy, retry: number, retryAfter: number | undefined): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.retryAfterCapSeconds);
  const table = policy.backoffSeconds;
  return table[Math.min(retry, table.length) - 1] ?? 0;
}

/** A counting semaphore: at most `limit` holders at a time, the rest wait in order. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const sleep = (seconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

function describeSeconds(seconds: number): string {
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(2).replace(/0+$/, '')} s`;
}

/** The network-level cause of a failed fetch: ECONNREFUSED, ENOTFOUND, ... */
function networkCode(err: unknown): string | undefined {
  let cause: unknown = err;
  for (let depth = 0; depth < 4 && cause !== null && typeof cause === 'object'; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (cause as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) cause = errors[0];
    else cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

export interface TransportOptions {
  signer: RequestSigner;
  policy: TransportPolicy;
  log?: ((line: string) => void) | undefined;
}

/** The body, at most RESPONSE_LIMITS.maxBytes of it (a Content-Length above the limit is refused unread). */
async function readBounded(response: Response, url: URL): Promise<Uint8Array> {
  const limit = RESPONSE_LIMITS.maxBytes;
  const tooLarge = (): TransportFailure =>
    new TransportFailure(TRANSPORT_CODES.tooLarge, `the answer to GET ${url.pathname} is larger than ${limit / (1024 * 1024)} MiB (the response size limit)`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * The body handed to the SDK: UTF-8 and JSON checked for every answer, the top-level shape for
 * 2xx answers (a list operation answers a list of objects, a get an object); error bodies with
 * request secrets redacted. The SDK would otherwise hand `null` or junk to the mapping.
 */
function checkAnswer(body: Uint8Array, status: number, operationName: string, url: URL): Uint8Array | string {
  const bad = (what: string): TransportFailure => new TransportFailure(TRANSPORT_CODES.badAnswer, `the answer to GET ${url.pathname} (status ${status}) ${what}`);
  const invalidAt = firstInvalidUtf8(body);
  if (invalidAt >= 0) throw bad(`is not UTF-8 at byte offset ${invalidAt}`);
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (status < 200 || status > 299) return redactSecrets(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw bad('is not valid JSON');
  }
  if (/^list/.test(operationName)) {
    if (!Array.isArray(data)) throw bad(`is ${describeJson(data)} where ${operationName} returns a list of objects`);
    const junk = data.findIndex((item) => !isObject(item));
    if (junk >= 0) throw bad(`holds ${describeJson(data[junk])} at item ${junk} where ${operationName} returns a list of objects`);
  } else if (/^get/.test(operationName) && !isObject(data)) {
    throw bad(`is ${describeJson(data)} where ${operationName} returns an object`);
  }
  return body;
}

export class LiveTransport implements HttpClient {
  private readonly limiter: Limiter;
  readonly stats: CallStats = { calls: 0, retries: 0, byOperation: {} };
  /** Aborts every request still in flight when the session closes (e.g. after a sibling read failed). */
  private readonly closing = new AbortController();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  /** Pages fetched per listing (the operation and its query without `page`). */
  private readonly pages = new Map<string, number>();

  constructor(private readonly options: TransportOptions) {
    this.limiter = new Limiter(options.policy.concurrency);
  }

  /** Stops: requests in flight are aborted, new ones are refused, nothing more is logged. */
  close(): void {
    this.closing.abort();
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private closedFailure(target: string): TransportFailure {
    return new TransportFailure(TRANSPORT_CODES.closed, `not sent: the live session was closed (GET ${target})`);
  }

  async send(req: HttpRequest, forceExcludeBody = false, _targetService = '', operationName = ''): Promise<Response> {
    const url = new URL(req.uri);
    const target = `${url.pathname}${url.search}`;
    if (req.method.toUpperCase() !== 'GET') {
      // oke-cni only reads; a write would be a bug in oke-cni, so nothing is signed or sent.
      throw new TransportFailure(TRANSPORT_CODES.readOnly, `refused to send ${req.method} ${target}: oke-cni only reads from OCI (GET)`);
    }
    if (url.searchParams.has('page')) {
      const listing = new URL(url);
      listing.searchParams.delete('page');
      const key = `${operationName} ${listing.pathname}${listing.search}`;
      const pages = (this.pages.get(key) ?? 1) + 1;
      this.pages.set(key, pages);
      if (pages > RESPONSE_LIMITS.maxPages) {
        throw new TransportFailure(
          TRANSPORT_CODES.tooManyPages,
          `stopped after ${RESPONSE_LIMITS.maxPages} pages of GET ${url.pathname} (the page limit): the server keeps answering with opc-next-page`,
        );
      }
    }
    this.inFlight++;
    try {
      return await this.sendWithRetries(req, forceExcludeBody, operationName, url, target);
    } finally {
      if (--this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async sendWithRetries(req: HttpRequest, forceExcludeBody: boolean, operationName: string, url: URL, target: string): Promise<Response> {
    const { retry } = this.options.policy;
    for (let attempt = 1; ; attempt++) {
      if (this.closing.signal.aborted) throw this.closedFailure(target);
      const started = performance.now();
      const answer = await this.limiter.run(() => this.attempt(req, forceExcludeBody, operationName, url, target, started));
      const ms = Math.round(performance.now() - started);
      const requestId = answer.headers.get('opc-request-id') ?? '-';
      const retrying = isRetryableStatus(answer.status) && attempt < retry.maxAttempts;
      const tries = attempt > 1 || retrying ? ` (attempt ${attempt}/${retry.maxAttempts})` : '';
      if (!retrying) {
        this.log(`GET ${target} ${answer.status} ${ms} ms opc-request-id ${requestId}${tries}`);
        return answer;
      }
      const wait = backoffFor(retry, attempt, retryAfterSeconds(answer.headers.get('retry-after')));
      this.log(`GET ${target} ${answer.status} ${ms} ms opc-request-id ${requestId}${tries}, retrying in ${describeSeconds(wait)}`);
      this.stats.retries++;
      await sleep(wait);
    }
  }

  private async attempt(req: HttpRequest, forceExcludeBody: boolean, operationName: string, url: URL, target: string, started: number): Promise<Response> {
    const { timeoutSeconds } = this.options.policy;
    this.stats.calls++;
    this.stats.byOperation[operationName || 'unknown'] = (this.stats.byOperation[operationName || 'unknown'] ?? 0) + 1;
    const signal = AbortSignal.any([AbortSignal.timeout(Math.round(timeoutSeconds * 1000)), this.closing.signal]);
    try {
      let uri = req.uri;
      let response: Response;
      for (let hop = 0; ; hop++) {
        // A retry or a redirect is a new request: a fresh date, a fresh signature.
        req.headers.set('x-date', new Date().toUTCString());
        await this.options.signer.signHttpRequest({ method: req.method, headers: req.headers, uri }, forceExcludeBody);
        response = await fetch(uri, { method: 'GET', headers: req.headers, signal, redirect: 'manual' });
        if (response.status < 300 || response.status > 399 || !response.headers.has('location')) break;
        await response.body?.cancel();
        const next = new URL(response.headers.get('location') as string, uri);
        if (next.origin !== url.origin) {
          throw new TransportFailure(
            TRANSPORT_CODES.redirect,
            `refused a redirect (${response.status}) of GET ${url.pathname} from ${url.origin} to ${next.origin}: a signed request is never sent off the endpoint`,
          );
        }
        if (hop >= RESPONSE_LIMITS.maxRedirects) {
          throw new TransportFailure(TRANSPORT_CODES.redirect, `more than ${RESPONSE_LIMITS.maxRedirects} redirects for GET ${url.pathname}`);
        }
        uri = next.href;
      }
      // Read the body under the same signal, so a server that stalls mid-body times out too.
      const body = await readBounded(response, url);
      const empty = response.status === 204 || response.status === 205 || response.status === 304;
      const checked = empty ? null : checkAnswer(body, response.status, operationName, url);
      return new Response(checked as unknown as BodyInit | null, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (err) {
      if (err instanceof TransportFailure) throw err;
      if (this.closing.signal.aborted) throw this.closedFailure(target);
      const ms = Math.round(performance.now() - started);
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        this.log(`GET ${target} timed out after ${ms} ms`);
        throw new TransportFailure(
          TRANSPORT_CODES.timeout,
          `no answer from ${url.origin} within ${describeSeconds(timeoutSeconds)} (GET ${url.pathname}; raise --timeout if the network is slow)`,
        );
      }
      const code = networkCode(err);
      const reason = (code && NETWORK_REASONS[code]) ?? code ?? (err instanceof Error ? err.message : 'request failed');
      this.log(`GET ${target} failed after ${ms} ms: ${reason}`);
      throw new TransportFailure(TRANSPORT_CODES.connect, `cannot reach ${url.origin}: ${reason} (check --endpoint, --region and the network)`);
    }
  }

  private log(line: string): void {
    if (!this.closing.signal.aborted) this.options.log?.(`oci: ${line}`);
  }
}
