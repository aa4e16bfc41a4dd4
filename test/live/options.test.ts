/** Live connection flags: flag > OCI CLI environment variable > default, each problem naming its flag or variable. */
import { Command, CommanderError } from 'commander';
import { describe, expect, test } from 'vitest';
import { addLiveOptions, checkOcid, LIVE_DEFAULTS, liveConnection, startProgress, type LiveFlags } from '../../src/cli/live-options.js';
import type { CliIo } from '../../src/cli/io.js';
import { UserError } from '../../src/core/errors.js';

const HOME = { HOME: '/home/ops' };

function lineOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).line();
  }
  throw new Error('expected a UserError');
}

describe('liveConnection', () => {
  test('defaults follow the OCI CLI: ~/.oci/config, DEFAULT, api_key; numbers are oke-cni choices', () => {
    expect(liveConnection({}, HOME)).toEqual({
      auth: 'api_key',
      configFile: '/home/ops/.oci/config',
      profile: 'DEFAULT',
      homeDir: '/home/ops',
      region: undefined,
      endpoint: undefined,
      timeoutSeconds: 30,
      concurrency: 8,
      retry: { maxAttempts: 3, backoffSeconds: [0.5, 1.5], retryAfterCapSeconds: 10 },
      env: HOME,
    });
    expect(LIVE_DEFAULTS.timeoutSeconds).toBe(30);
  });

  test('the OCI CLI environment variables apply when no flag is given', () => {
    const env = { ...HOME, OCI_CLI_CONFIG_FILE: '/etc/oci/config', OCI_CLI_PROFILE: 'prod', OCI_CLI_AUTH: 'instance_principal', OCI_CLI_REGION: 'eu-frankfurt-1' };
    expect(liveConnection({}, env)).toMatchObject({ configFile: '/etc/oci/config', profile: 'prod', auth: 'instance_principal', region: 'eu-frankfurt-1' });
  });

  test('flags win over the environment; an empty variable counts as unset', () => {
    const env = { ...HOME, OCI_CLI_CONFIG_FILE: '/etc/oci/config', OCI_CLI_PROFILE: '', OCI_CLI_AUTH: 'resource_principal', OCI_CLI_REGION: 'eu-frankfurt-1' };
    const flags: LiveFlags = { configFile: '~/work/oci.conf', auth: 'security_token', region: 'us-phoenix-1', timeout: 2.5 };
    expect(liveConnection(flags, env)).toMatchObject({
      configFile: '/home/ops/work/oci.conf',
      profile: 'DEFAULT',
      auth: 'security_token',
      region: 'us-phoenix-1',
      timeoutSeconds: 2.5,
    });
  });

  test('--endpoint is checked and loses a trailing slash (API versions are appended per service)', () => {
    expect(liveConnection({ endpoint: 'http://127.0.0.1:8080/' }, HOME).endpoint).toBe('http://127.0.0.1:8080');
    expect(liveConnection({ endpoint: 'https://proxy.example.com/oci/' }, HOME).endpoint).toBe('https://proxy.example.com/oci');
    expect(lineOf(() => liveConnection({ endpoint: 'localhost:8080' }, HOME))).toBe('--endpoint: "localhost:8080" must start with https:// or http://');
    expect(lineOf(() => liveConnection({ endpoint: 'not a url' }, HOME))).toBe(
      '--endpoint: "not a url" is not a URL (expected e.g. https://proxy.example.com or http://127.0.0.1:8080)',
    );
    expect(lineOf(() => liveConnection({ endpoint: 'https://x.example.com/?a=1' }, HOME))).toBe(
      '--endpoint: "https://x.example.com/?a=1" must be a base URL without ?query or #fragment',
    );
    expect(lineOf(() => liveConnection({ endpoint: 'https://me:pw@x.example.com' }, HOME))).toBe('--endpoint: the URL must not carry a user name or password');
  });

  test('bad values name the flag or the variable they came from', () => {
    expect(lineOf(() => liveConnection({}, { ...HOME, OCI_CLI_AUTH: 'password' }))).toBe(
      'OCI_CLI_AUTH: "password" is not one of api_key, security_token, instance_principal, resource_principal',
    );
    expect(lineOf(() => liveConnection({ region: 'Ashburn' }, HOME))).toBe('--region: "Ashburn" is not an OCI region id (e.g. us-ashburn-1, eu-frankfurt-1)');
    expect(lineOf(() => liveConnection({}, { ...HOME, OCI_CLI_REGION: 'iad' }))).toBe('OCI_CLI_REGION: "iad" is not an OCI region id (e.g. us-ashburn-1, eu-frankfurt-1)');
    expect(lineOf(() => liveConnection({ profile: ' ' }, HOME))).toBe('--profile: the profile name is empty');
  });
});

describe('addLiveOptions', () => {
  function parse(args: string[]): LiveFlags | string {
    const cmd = addLiveOptions(new Command('check').exitOverride().configureOutput({ writeErr: () => undefined }));
    try {
      cmd.parse(args, { from: 'user' });
      return cmd.opts<LiveFlags>();
    } catch (err) {
      return (err as CommanderError).message;
    }
  }

  test('parses every connection flag', () => {
    expect(
      parse(['--config-file', '/c', '--profile', 'p', '--auth', 'security_token', '--region', 'us-ashburn-1', '--endpoint', 'http://h', '--timeout', '1.5', '--verbose']),
    ).toEqual({ configFile: '/c', profile: 'p', auth: 'security_token', region: 'us-ashburn-1', endpoint: 'http://h', timeout: 1.5, verbose: true });
  });

  test('refuses an unknown --auth and a timeout outside 1 to 600 s or not in decimal digits', () => {
    expect(parse(['--auth', 'password'])).toBe(
      "error: option '--auth <kind>' argument 'password' is invalid. Allowed choices are api_key, security_token, instance_principal, resource_principal.",
    );
    expect(parse(['--timeout', '0'])).toBe("error: option '--timeout <seconds>' argument '0' is invalid. expected a number from 1 to 600, got 0");
    expect(parse(['--timeout', '0.0001'])).toBe("error: option '--timeout <seconds>' argument '0.0001' is invalid. expected a number from 1 to 600, got 0.0001");
    expect(parse(['--timeout', '4294968'])).toBe("error: option '--timeout <seconds>' argument '4294968' is invalid. expected a number from 1 to 600, got 4294968");
    expect(parse(['--timeout', '1e9'])).toBe(
      'error: option \'--timeout <seconds>\' argument \'1e9\' is invalid. expected a number from 1 to 600 in plain decimal digits, got "1e9"',
    );
  });
});

describe('checkOcid', () => {
  test('accepts OCIDs of the wanted type, regional or not', () => {
    expect(checkOcid('ocid1.cluster.oc1.iad.aaaaclean', ['cluster'], '--cluster')).toBe('ocid1.cluster.oc1.iad.aaaaclean');
    expect(checkOcid(' ocid1.compartment.oc1..aaaaprod ', ['compartment', 'tenancy'], '--compartment')).toBe('ocid1.compartment.oc1..aaaaprod');
    expect(checkOcid('ocid1.tenancy.oc1..aaaa', ['compartment', 'tenancy'], '--compartment')).toBe('ocid1.tenancy.oc1..aaaa');
  });

  test('refuses other types and non-OCIDs, naming the flag', () => {
    expect(lineOf(() => checkOcid('ocid1.nodepool.oc1.iad.aaaa', ['cluster'], '--cluster'))).toBe(
      '--cluster: "ocid1.nodepool.oc1.iad.aaaa" is not a cluster OCID (ocid1.cluster.oc1.<region>.<id>)',
    );
    expect(lineOf(() => checkOcid('prod', ['compartment', 'tenancy'], '--compartment'))).toBe(
      '--compartment: "prod" is not a compartment or tenancy OCID (ocid1.compartment.oc1.<region>.<id>)',
    );
  });
});

describe('startProgress', () => {
  function io(tty: boolean, env: Record<string, string> = {}): CliIo & { err: string[] } {
    const err: string[] = [];
    return { err, stdout: () => undefined, stderr: (s) => void err.push(s), env, stdoutIsTTY: tty, stderrIsTTY: tty, cwd: '/' };
  }

  test('spins on a terminal and clears its line when done', async () => {
    const term = io(true);
    const p = startProgress(term);
    p.update('reading node pools');
    await new Promise((r) => setTimeout(r, 200));
    p.log('oci: GET /x 200 1 ms opc-request-id a');
    p.stop();
    const text = term.err.join('');
    expect(text).toContain('⠋ connecting to OCI');
    expect(text).toMatch(/\r\x1b\[2K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] reading node pools/);
    expect(text).toContain('\r\x1b[2Koci: GET /x 200 1 ms opc-request-id a\n');
    expect(term.err.at(-1)).toBe('\r\x1b[2K');
  });

  test('never draws into a pipe or on a dumb terminal; log lines still go out', async () => {
    for (const target of [io(false), io(true, { TERM: 'dumb' })]) {
      const p = startProgress(target);
      p.update('reading node pools');
      await new Promise((r) => setTimeout(r, 120));
      p.log('oci: line');
      p.stop();
      expect(target.err).toEqual(['oci: line\n']);
    }
  });
});
