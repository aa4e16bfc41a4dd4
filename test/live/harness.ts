/**
 * Test credentials and connections for the live tests: RSA key pairs made at test time, an OCI
 * config file with one profile per case, session tokens, all in a temp dir (never ~/.oci).
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveConnection, type LiveFlags } from '../../src/cli/live-options.js';
import type { LiveConnection } from '../../src/sources/oci/index.js';
import type { FakeOci, World } from '../fake-oci/server.js';

export const TENANCY = 'ocid1.tenancy.oc1..aaaatenancy';
export const USER = 'ocid1.user.oc1..aaaauser';
export const PASSPHRASE = 'correct horse battery staple 42';

export interface KeyPair {
  privatePem: string;
  publicKey: KeyObject;
  /** OCI's API key fingerprint: MD5 of the DER public key, colon-separated hex. */
  fingerprint: string;
}

export function makeKeyPair(passphrase?: string): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: passphrase
      ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
      : { type: 'pkcs8', format: 'pem' },
  });
  const fingerprint = createHash('md5').update(publicKey).digest('hex').match(/../g)!.join(':');
  return { privatePem: privateKey, publicKey: createPublicKey({ key: publicKey, format: 'der', type: 'spki' }), fingerprint };
}

/** A JWT-shaped session token (OCI checks it server-side; oke-cni reads only `exp`). */
export function sessionToken(expiresInSeconds: number): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: USER, tenant: TENANCY, exp, ptype: 'user' })}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}

export interface Credentials {
  dir: string;
  configFile: string;
  main: KeyPair;
  encrypted: KeyPair;
  session: KeyPair;
  other: KeyPair;
  token: string;
  /** Every secret that must never appear in any output. */
  secrets: string[];
  /** keyId -> public key, for FakeOci.trustKeys. */
  trusted: Record<string, KeyObject>;
}

/** The base64 body of a PEM (what a leak would show), without header lines. */
export function pemBody(pem: string): string[] {
  return pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .filter((l) => l.length >= 40);
}

let cached: Credentials | undefined;

export function credentials(): Credentials {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'oke-cni-live-'));
  const main = makeKeyPair();
  const encrypted = makeKeyPair(PASSPHRASE);
  const session = makeKeyPair();
  const other = makeKeyPair();
  const token = sessionToken(3600);
  const expired = sessionToken(-60);
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const keyFile = write('key.pem', main.privatePem);
  const encryptedFile = write('key-encrypted.pem', encrypted.privatePem);
  const sessionKeyFile = write('session-key.pem', session.privatePem);
  const otherFile = write('other.pem', other.privatePem);
  const tokenFile = write('token', `${token}\n`);
  const expiredFile = write('expired-token', expired);
  const garbageFile = write('garbage.pem', '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n');
  const configFile = write(
    'config',
    [
      '# OCI config written by the oke-cni live tests',
      '[DEFAULT]',
      `user=${USER}`,
      `fingerprint=${main.fingerprint}`,
      `tenancy=${TENANCY}`,
      'region=us-ashburn-1',
      `key_file=${keyFile}`,
      '',
      '[ENCRYPTED]',
      `fingerprint = ${encrypted.fingerprint}`,
      `key_file = ${encryptedFile}`,
      `pass_phrase = ${PASSPHRASE}`,
      '',
      '[ENCRYPTED_NO_PASSPHRASE]',
      `fingerprint=${encrypted.fingerprint}`,
      `key_file=${encryptedFile}`,
      '',
      '[WRONG_PASSPHRASE]',
      `fingerprint=${encrypted.fingerprint}`,
      `key_file=${encryptedFile}`,
      'pass_phrase=not the passphrase',
      '',
      '[SESSION]',
      `key_file=${sessionKeyFile}`,
      `security_token_file=${tokenFile}`,
      '',
      '[EXPIRED_SESSION]',
      `key_file=${sessionKeyFile}`,
      `security_token_file=${expiredFile}`,
      '',
      '[MISSING_KEY]',
      `key_file=${join(dir, 'no-such-key.pem')}`,
      '',
      '[GARBAGE_KEY]',
      `key_file=${garbageFile}`,
      '',
      '[UNTRUSTED_KEY]',
      `fingerprint=${other.fingerprint}`,
      `key_file=${otherFile}`,
      '',
    ].join('\n'),
  );
  cached = {
    dir,
    configFile,
    main,
    encrypted,
    session,
    other,
    token,
    secrets: [
      ...pemBody(main.privatePem),
      ...pemBody(encrypted.privatePem),
      ...pemBody(session.privatePem),
      ...pemBody(other.privatePem),
      PASSPHRASE,
      token,
    ],
    trusted: {
      [`${TENANCY}/${USER}/${main.fingerprint}`]: main.publicKey,
      [`${TENANCY}/${USER}/${encrypted.fingerprint}`]: encrypted.publicKey,
      'ST$*': session.publicKey,
    },
  };
  return cached;
}

/** Fast retries for tests that are not about the defaults. */
export const FAST_RETRY = { maxAttempts: 3, backoffSeconds: [0.05, 0.1], retryAfterCapSeconds: 0.2 } as const;

/** A LiveConnection through the CLI's own flag resolution, pointed at the fake server. */
export function connectionTo(fake: FakeOci | { url: string }, flags: LiveFlags = {}, extra: Partial<LiveConnection> = {}): LiveConnection {
  const creds = credentials();
  const base = liveConnection({ configFile: creds.configFile, endpoint: fake.url, ...flags }, { HOME: creds.dir });
  return { ...base, retry: FAST_RETRY, ...extra };
}

export function loadWorld(name: string): World {
  const text = readFileSync(new URL(`../fixtures/oci/${name}.json`, import.meta.url), 'utf8');
  const { $comment: _comment, ...world } = JSON.parse(text) as World & { $comment?: string };
  return world;
}

/** The clean cluster with 20 managed pools spread over 3 worker and 4 pod subnets (2 pages of pools). */
export function twentyPoolWorld(): World {
  const world = loadWorld('clean');
  const template = world.nodePools[0] as World['nodePools'][number] & { nodeConfigDetails: Record<string, unknown> };
  const podSubnets = Array.from({ length: 4 }, (_, i) => `ocid1.subnet.oc1.iad.aaaapods${i}`);
  const workerSubnets = Array.from({ length: 3 }, (_, i) => `ocid1.subnet.oc1.iad.aaaaworkers${i}`);
  const subnet = (id: string, name: string, cidr: string) => ({ ...world.subnets[0]!, id, displayName: name, cidrBlock: cidr, ipv4CidrBlocks: [cidr] });
  // The API endpoint's subnet, moved clear of the four /19 pod subnets.
  const api = { ...world.subnets.find((s) => s.displayName === 'api')!, cidrBlock: '10.0.240.0/28', ipv4CidrBlocks: ['10.0.240.0/28'] };
  world.subnets = [
    ...workerSubnets.map((id, i) => subnet(id, `workers-${i}`, `10.0.${i * 16}.0/20`)),
    ...podSubnets.map((id, i) => subnet(id, `pods-${i}`, `10.0.${64 + i * 32}.0/19`)),
    api,
  ];
  world.privateIps = Object.fromEntries(podSubnets.map((id, i) => [id, 300 + i * 700]));
  world.nodePools = Array.from({ length: 20 }, (_, i) => ({
    ...template,
    id: `ocid1.nodepool.oc1.iad.aaaapool${i}`,
    name: `pool-${i}`,
    nodeConfigDetails: {
      ...template.nodeConfigDetails,
      size: 2,
      placementConfigs: [{ availabilityDomain: 'Uocm:US-ASHBURN-AD-1', subnetId: workerSubnets[i % 3] }],
      nodePoolPodNetworkOptionDetails: { cniType: 'OCI_VCN_IP_NATIVE', maxPodsPerNode: 31, podSubnetIds: [podSubnets[i % 4]], podNsgIds: [] },
    },
  }));
  world.virtualNodePools = [];
  world.pageSize = { nodePools: 10, virtualNodePools: 100, shapes: 100, privateIps: 1000 };
  return world;
}
