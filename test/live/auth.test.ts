/**
 * Every --auth kind that can run offline, against the fake OCI API with signature checks on;
 * instance and resource principals fail fast with one line when their environment is missing.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { openLive, type LiveSession } from '../../src/sources/oci/index.js';
import { LiveTransport, TRANSPORT_CODES } from '../../src/sources/oci/transport.js';
import { allRequests, closedPort, startFakeOci, type FakeOci } from '../fake-oci/server.js';
import { connectionTo, credentials, FAST_RETRY, loadWorld, makeKeyPair, PASSPHRASE, sessionToken, TENANCY, USER } from './harness.js';

const CLEAN = 'ocid1.cluster.oc1.iad.aaaaclean';
let fake: FakeOci;
const sessions: LiveSession[] = [];

async function rejection(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).line();
}

beforeAll(async () => {
  credentials();
  fake = await startFakeOci(loadWorld('clean'));
  fake.trustKeys(credentials().trusted);
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  fake.requests.length = 0;
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await fake.close();
  expect(new Set(allRequests.map((r) => r.method))).toEqual(new Set(['GET']));
});

async function readWith(...args: Parameters<typeof connectionTo> extends [unknown, ...infer R] ? R : never): Promise<string> {
  const session = await openLive(connectionTo(fake, ...args));
  sessions.push(session);
  const live = await session.readCluster(CLEAN);
  return live.model.clusters[0]!.name;
}

const keyIdOf = (authorization: string | undefined): string => /keyId="([^"]*)"/.exec(authorization ?? '')?.[1] ?? '';

describe('api_key', () => {
  test('signs every request with the profile key (the fake server verifies the signature)', async () => {
    expect(await readWith()).toBe('prod');
    const { main } = credentials();
    expect(new Set(fake.requests.map((r) => keyIdOf(r.headers.authorization)))).toEqual(new Set([`${TENANCY}/${USER}/${main.fingerprint}`]));
    expect(fake.requests.every((r) => /^Signature version="1",/.test(r.headers.authorization ?? ''))).toBe(true);
  });

  test('an encrypted key with its pass_phrase, keys inherited from [DEFAULT]', async () => {
    expect(await readWith({ profile: 'ENCRYPTED' })).toBe('prod');
    expect(keyIdOf(fake.requests[0]!.headers.authorization)).toBe(`${TENANCY}/${USER}/${credentials().encrypted.fingerprint}`);
  });

  test.each([
    ['ENCRYPTED_NO_PASSPHRASE', 'key-encrypted.pem', 'is not a private key oke-cni can read (an encrypted key needs pass_phrase)'],
    ['WRONG_PASSPHRASE', 'key-encrypted.pem', 'is not a private key oke-cni can read, or pass_phrase does not decrypt it'],
    ['GARBAGE_KEY', 'garbage.pem', 'is not a private key oke-cni can read (an encrypted key needs pass_phrase)'],
  ])('profile %s fails before any request', async (profile, file, problem) => {
    const { configFile, dir } = credentials();
    expect(await rejection(openLive(connectionTo(fake, { profile })))).toBe(`${configFile} [${profile}]: key_file ${join(dir, file)} ${problem}`);
    expect(fake.requests).toEqual([]);
  });

  test('an unreadable key file is named, its contents never', async () => {
    const { configFile, dir } = credentials();
    expect(await rejection(openLive(connectionTo(fake, { profile: 'MISSING_KEY' })))).toBe(
      `${configFile} [MISSING_KEY]: cannot read key_file ${join(dir, 'no-such-key.pem')}: no such file`,
    );
  });

  test('a missing config file names the file and how to point at another', async () => {
    const missing = join(credentials().dir, 'nope', 'config');
    expect(await rejection(openLive(connectionTo(fake, { configFile: missing })))).toBe(
      `${missing}: no such OCI config file (give --config-file or set OCI_CLI_CONFIG_FILE; create one with \`oci setup config\`)`,
    );
  });

  test('a missing profile names the file, the profile and the profiles there are', async () => {
    const { configFile } = credentials();
    expect(await rejection(openLive(connectionTo(fake, { profile: 'PROD' })))).toBe(
      `${configFile}: no profile [PROD] (profiles in the file: DEFAULT, ENCRYPTED, ENCRYPTED_NO_PASSPHRASE, WRONG_PASSPHRASE, SESSION, EXPIRED_SESSION, MISSING_KEY, GARBAGE_KEY, UNTRUSTED_KEY; choose one with --profile or OCI_CLI_PROFILE)`,
    );
  });

  test('a profile without user names the key', async () => {
    const configFile = join(credentials().dir, 'config-no-user');
    writeFileSync(configFile, `[DEFAULT]\ntenancy=${TENANCY}\nfingerprint=aa:bb\nkey_file=${join(credentials().dir, 'key.pem')}\n`);
    expect(await rejection(openLive(connectionTo(fake, { configFile })))).toBe(`${configFile} [DEFAULT]: missing "user" (the user OCID)`);
  });

  test('no region anywhere and no --endpoint: one line saying where a region can come from', async () => {
    const { dir, main } = credentials();
    const configFile = join(dir, 'config-no-region');
    writeFileSync(configFile, `[DEFAULT]\nuser=${USER}\ntenancy=${TENANCY}\nfingerprint=${main.fingerprint}\nkey_file=${join(dir, 'key.pem')}\n`);
    const conn = { ...connectionTo(fake, { configFile }), endpoint: undefined };
    expect(await rejection(openLive(conn))).toBe(`--region: no region: give --region or set OCI_CLI_REGION, or add region= to ${configFile} [DEFAULT]`);
  });
});

describe('security_token', () => {
  test('signs with the session key and sends "ST$<token>" as the key id', async () => {
    expect(await readWith({ auth: 'security_token', profile: 'SESSION' })).toBe('prod');
    expect(new Set(fake.requests.map((r) => keyIdOf(r.headers.authorization)))).toEqual(new Set([`ST$${credentials().token}`]));
  });

  test('an expired token fails before any request, naming the file', async () => {
    const { configFile, dir } = credentials();
    const line = await rejection(openLive(connectionTo(fake, { auth: 'security_token', profile: 'EXPIRED_SESSION' })));
    expect(line).toMatch(
      new RegExp(
        `^${configFile.replace(/[.[\]]/g, '\\$&')} \\[EXPIRED_SESSION\\]: the session token in ${join(dir, 'expired-token').replace(/\./g, '\\.')} expired at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; run \`oci session refresh --profile EXPIRED_SESSION\` or \`oci session authenticate\`$`,
      ),
    );
    expect(fake.requests).toEqual([]);
  });

  test('a profile without security_token_file names the key', async () => {
    const { configFile } = credentials();
    expect(await rejection(openLive(connectionTo(fake, { auth: 'security_token' })))).toBe(
      `${configFile} [DEFAULT]: missing "security_token_file" (the session token of \`oci session authenticate\`)`,
    );
  });
});

describe('instance_principal', () => {
  test('off OCI (nothing at the metadata address) it fails at once with one line', async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}/opc/v2/`;
    const started = performance.now();
    const line = await rejection(openLive(connectionTo(fake, { auth: 'instance_principal' }, { instanceMetadataBaseUrl: base })));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(line).toBe(`--auth instance_principal: the OCI instance metadata service at ${base} gave no answer: instance principals work only on an OCI compute instance`);
  });

  test('a metadata address that never answers gives up within the timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/opc/v2/`;
    const started = performance.now();
    try {
      const line = await rejection(openLive(connectionTo(fake, { auth: 'instance_principal', timeout: 1 }, { instanceMetadataBaseUrl: base })));
      expect(line).toBe(`--auth instance_principal: the OCI instance metadata service at ${base} gave no answer within 1 s: instance principals work only on an OCI compute instance`);
      expect(performance.now() - started).toBeLessThan(2500);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('resource_principal', () => {
  test('missing variables are listed by name', async () => {
    const line = await rejection(openLive(connectionTo(fake, { auth: 'resource_principal' }, { env: { OCI_RESOURCE_PRINCIPAL_VERSION: '2.2' } })));
    expect(line).toBe(
      '--auth resource_principal: missing environment variables OCI_RESOURCE_PRINCIPAL_RPST, OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM, OCI_RESOURCE_PRINCIPAL_REGION ' +
        '(OCI sets them inside Functions, Data Flow and other resource-principal runtimes)',
    );
  });

  test('an unsupported version is named', async () => {
    const env = { OCI_RESOURCE_PRINCIPAL_VERSION: '1.1', OCI_RESOURCE_PRINCIPAL_RPST: 'x', OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: 'y', OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1' };
    expect(await rejection(openLive(connectionTo(fake, { auth: 'resource_principal' }, { env })))).toBe(
      '--auth resource_principal: OCI_RESOURCE_PRINCIPAL_VERSION is "1.1"; the OCI SDK supports 2.2',
    );
  });

  test('a key that is not a PEM private key is named by its variable, not shown', async () => {
    const env = {
      OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
      OCI_RESOURCE_PRINCIPAL_RPST: sessionToken(3600),
      OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: 'secret-but-not-a-key',
      OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1',
    };
    expect(await rejection(openLive(connectionTo(fake, { auth: 'resource_principal' }, { env })))).toBe(
      '--auth resource_principal: OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM is not a private key oke-cni can read, or OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE does not decrypt it',
    );
  });

  test('v2.2 with an inline token and key signs requests as "ST$<rpst>"', async () => {
    const rpKey = makeKeyPair();
    const rpst = sessionToken(3600);
    const env = {
      OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
      OCI_RESOURCE_PRINCIPAL_RPST: rpst,
      OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: rpKey.privatePem,
      OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1',
    };
    // The SDK reads the variables from process.env itself.
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    fake.trustKeys({ ...credentials().trusted, 'ST$*': rpKey.publicKey });
    try {
      expect(await readWith({ auth: 'resource_principal' }, { env })).toBe('prod');
    } finally {
      fake.trustKeys(credentials().trusted);
    }
    expect(new Set(fake.requests.map((r) => keyIdOf(r.headers.authorization)))).toEqual(new Set([`ST$${rpst}`]));
  });
});

describe('read-only transport', () => {
  test('a non-GET call through a real SDK client is refused before it is signed or sent', async () => {
    const { common, core } = { common: await import('oci-common'), core: await import('oci-core') };
    const provider = new common.SimpleAuthenticationDetailsProvider(TENANCY, USER, credentials().main.fingerprint, credentials().main.privatePem, null);
    const transport = new LiveTransport({ signer: new common.DefaultRequestSigner(provider), policy: { timeoutSeconds: 5, concurrency: 2, retry: FAST_RETRY } });
    const client = new core.VirtualNetworkClient(
      { httpClient: transport },
      { circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }), retryConfiguration: common.NoRetryConfigurationDetails },
    );
    client.endpoint = fake.url;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const err = await client.createVcn({ createVcnDetails: { compartmentId: 'ocid1.compartment.oc1..aaaaprod', cidrBlocks: ['10.9.0.0/16'] } }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: TRANSPORT_CODES.readOnly, message: 'refused to send POST /20160918/vcns: oke-cni only reads from OCI (GET)' });
    } finally {
      warn.mockRestore();
    }
    expect(fake.requests).toEqual([]);
    expect(transport.stats.calls).toBe(0);
  });
});

test('the passphrase is never echoed in errors', async () => {
  const line = await rejection(openLive(connectionTo(fake, { profile: 'WRONG_PASSPHRASE' })));
  expect(line).not.toContain(PASSPHRASE);
  expect(line).not.toContain('not the passphrase');
});
