/**
 * What every live command shares (`check`, `lint --live`, `shapes --live`): the OCI connection
 * flags as the OCI CLI spells them, their environment variables and defaults, a progress spinner
 * on a terminal's stderr, the --verbose call log, and the session's lifetime.
 *
 * Nothing here loads the OCI SDK: src/sources/oci is reached only through `await import()`,
 * after the flags have been checked, so offline commands never pay for it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import type { Catalog } from '../catalog/catalog.js';
import { UserError } from '../core/errors.js';
import { safeLine } from '../core/escape.js';
import type { Model } from '../core/model.js';
import type { AuthKind, ExternalRefs, LiveConnection, LiveNote, LiveRefs, LiveSession } from '../sources/oci/index.js';
import type { Finding } from '../core/finding.js';
import { collectList, decimalNumber } from './args.js';
import type { CliIo } from './io.js';
import { writeFileAtomically } from './output-file.js';

/** oke-cni's own choices for live runs (not OCI numbers). */
export const LIVE_DEFAULTS = {
  /** Per request, each attempt; the OCI CLI's read timeout is 60 s, a GET here should take well under 1 s. */
  timeoutSeconds: 30,
  /** Attempts per request on 429 and 5xx, the first included (the SDK's default, 8 over ~95 s, is far too long for a CLI). */
  maxAttempts: 3,
  /** Waits before retry 1 and 2 when the server sends no Retry-After. */
  backoffSeconds: [0.5, 1.5],
  /** A Retry-After above this is cut to it. */
  retryAfterCapSeconds: 10,
  /** --timeout's range: below 1 s no OCI call can answer; above 10 min a CLI run is better stopped. */
  timeoutRangeSeconds: { min: 1, max: 600 },
  /** Requests in flight at once. */
  concurrency: 8,
} as const;

export const AUTH_CHOICES = ['api_key', 'security_token', 'instance_principal', 'resource_principal'] as const satisfies readonly AuthKind[];

/** The OCI CLI's environment variables for the same settings. */
export const LIVE_ENV = {
  configFile: 'OCI_CLI_CONFIG_FILE',
  profile: 'OCI_CLI_PROFILE',
  auth: 'OCI_CLI_AUTH',
  region: 'OCI_CLI_REGION',
} as const;

export const DEFAULT_PROFILE = 'DEFAULT';

export interface LiveFlags {
  configFile?: string;
  profile?: string;
  auth?: AuthKind;
  region?: string;
  endpoint?: string;
  timeout?: number;
  verbose?: boolean;
}

/** Adds the connection flags to a command (defaults are applied by liveConnection, after the environment). */
export function addLiveOptions(cmd: Command): Command {
  return cmd
    .option('--config-file <path>', `OCI config file (env ${LIVE_ENV.configFile}, default ~/.oci/config)`)
    .option('--profile <name>', `profile in the config file (env ${LIVE_ENV.profile}, default ${DEFAULT_PROFILE})`)
    .addOption(new Option('--auth <kind>', `how to authenticate (env ${LIVE_ENV.auth}, default api_key)`).choices(AUTH_CHOICES))
    .option('--region <id>', `region, e.g. us-ashburn-1 (env ${LIVE_ENV.region}, default: the profile's region)`)
    .option('--endpoint <url>', 'one base URL for every OCI service called (a proxy or a test server); API versions are appended')
    .option(
      '--timeout <seconds>',
      `per-request timeout, the body included (default ${LIVE_DEFAULTS.timeoutSeconds}, ${LIVE_DEFAULTS.timeoutRangeSeconds.min} to ${LIVE_DEFAULTS.timeoutRangeSeconds.max})`,
      decimalNumber(LIVE_DEFAULTS.timeoutRangeSeconds.min, LIVE_DEFAULTS.timeoutRangeSeconds.max),
    )
    .option('--verbose', 'log every OCI API call on stderr: method, path, status, duration, opc-request-id');
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+-\d+$/;

function checkEndpoint(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`"${text}" is not a URL (expected e.g. https://proxy.example.com or http://127.0.0.1:8080)`, '--endpoint');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(`"${text}" must start with https:// or http://`, '--endpoint');
  if (url.search || url.hash) throw new UserError(`"${text}" must be a base URL without ?query or #fragment`, '--endpoint');
  if (url.username || url.password) throw new UserError('the URL must not carry a user name or password', '--endpoint');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Flags, then the OCI CLI's environment variables, then defaults -> a checked LiveConnection
 * (without the log and progress hooks). Every problem names the flag or variable.
 */
export function liveConnection(flags: LiveFlags, env: Readonly<Record<string, string | undefined>>): Omit<LiveConnection, 'log' | 'progress'> {
  const homeDir = env.HOME || env.USERPROFILE || homedir();
  const fromEnv = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  let auth: AuthKind = 'api_key';
  if (flags.auth !== undefined) auth = flags.auth;
  else {
    const value = fromEnv(LIVE_ENV.auth);
    if (value !== undefined) {
      if (!(AUTH_CHOICES as readonly string[]).includes(value)) {
        throw new UserError(`"${value}" is not one of ${AUTH_CHOICES.join(', ')}`, LIVE_ENV.auth);
      }
      auth = value as AuthKind;
    }
  }
  const configRaw = flags.configFile ?? fromEnv(LIVE_ENV.configFile) ?? join(homeDir, '.oci', 'config');
  const configFile = configRaw === '~' || configRaw.startsWith('~/') ? join(homeDir, configRaw.slice(1)) : configRaw;
  const profile = flags.profile ?? fromEnv(LIVE_ENV.profile) ?? DEFAULT_PROFILE;
  if (profile.trim() === '') throw new UserError('the profile name is empty', flags.profile !== undefined ? '--profile' : LIVE_ENV.profile);
  const region = flags.region ?? fromEnv(LIVE_ENV.region);
  if (region !== undefined && !REGION_ID.test(region)) {
    throw new UserError(`"${region}" is not an OCI region id (e.g. us-ashburn-1, eu-frankfurt-1)`, flags.region !== undefined ? '--region' : LIVE_ENV.region);
  }
  return {
    auth,
    configFile,
    profile,
    homeDir,
    region,
    endpoint: flags.endpoint === undefined ? undefined : checkEndpoint(flags.endpoint),
    timeoutSeconds: flags.timeout ?? LIVE_DEFAULTS.timeoutSeconds,
    concurrency: LIVE_DEFAULTS.concurrency,
    retry: {
      maxAttempts: LIVE_DEFAULTS.maxAttempts,
      backoffSeconds: LIVE_DEFAULTS.backoffSeconds,
      retryAfterCapSeconds: LIVE_DEFAULTS.retryAfterCapSeconds,
    },
    env,
  };
}

const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_INTERVAL_MS = 80;
const CLEAR_LINE = '\r\x1b[2K';

export interface Progress {
  /** New spinner text (ignored when stderr is not a terminal). */
  update(message: string): void;
  /** One stderr line (--verbose), written above the spinner. */
  log(line: string): void;
  stop(): void;
}

/** A spinner on stderr while the live reads run: only on a terminal, never into a pipe or a file. */
export function startProgress(io: CliIo): Progress {
  const spin = io.stderrIsTTY && io.env.TERM !== 'dumb';
  let message = 'connecting to OCI';
  let frame = 0;
  let drawn = false;
  const draw = (): void => {
    io.stderr(`${CLEAR_LINE}${SPINNER_FRAMES[frame % SPINNER_FRAMES.length]} ${message}`);
    drawn = true;
    frame++;
  };
  const timer = spin ? setInterval(draw, SPINNER_INTERVAL_MS) : undefined;
  timer?.unref();
  if (spin) draw();
  let stopped = false;
  return {
    update(next) {
      message = next;
    },
    log(line) {
      if (drawn && !stopped) io.stderr(CLEAR_LINE);
      io.stderr(`${line}\n`);
      if (spin && !stopped) draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearInterval(timer);
      if (drawn) io.stderr(CLEAR_LINE);
    },
  };
}

function statsLine(session: LiveSession): string {
  const s = session.stats();
  const ops = Object.entries(s.byOperation)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return `oci: ${s.calls} requests (${s.retries} retries)${ops ? `: ${ops}` : ''}`;
}

/**
 * Opens a live session from the flags, runs `use`, and always closes it and the spinner.
 * The flags are checked before the SDK is loaded.
 */
export async function withLiveSession<T>(flags: LiveFlags, io: CliIo, use: (session: LiveSession) => Promise<T>): Promise<T> {
  const conn = liveConnection(flags, io.env);
  const progress = startProgress(io);
  let session: LiveSession | undefined;
  try {
    const { openLive } = await import('../sources/oci/index.js');
    // Lines and spinner text may carry names from OCI's answers: escaped, like every stderr line.
    session = await openLive({
      ...conn,
      log: flags.verbose ? (line) => progress.log(safeLine(line)) : undefined,
      progress: (m) => progress.update(safeLine(m)),
    });
    const result = await use(session);
    if (flags.verbose) progress.log(statsLine(session));
    return result;
  } catch (err) {
    // The transport checks each answer's top-level shape; a field of the wrong type deeper
    // down (a number where a name belongs) surfaces as a TypeError while mapping it.
    if (err instanceof TypeError) {
      throw new UserError(
        `an answer from OCI holds a field of an unexpected type (${err.message}); run with --verbose to see the calls`,
        'OCI',
        { cause: err },
      );
    }
    throw err;
  } finally {
    session?.close();
    progress.stop();
  }
}

/** `--compartment OCID` (repeatable): the roots of the compartment tree searched for node pools. */
export interface SearchFlags {
  compartment?: string[];
}

export function addSearchOption(cmd: Command, what: string): Command {
  return cmd.option(
    '--compartment <ocid>',
    `search node pools ${what} in the compartment tree under this compartment (repeatable; default: the whole tenancy of the profile)`,
    collectList,
  );
}

export function searchRoots(flags: SearchFlags): string[] | undefined {
  return flags.compartment?.map((id) => checkOcid(id, ['compartment', 'tenancy'], '--compartment'));
}

/** What a narrower IAM policy kept from being read, as note findings on the resource (rule not-checked). */
export function liveNoteFindings(notes: readonly LiveNote[]): Finding[] {
  return notes.map((n) => ({
    ruleId: 'not-checked',
    severity: 'note',
    message: n.message,
    remediation: 'Grant the profile read access to it (OCI answered 403 or 404), or run with a profile that has it; until then this part is not counted.',
    location: { kind: 'oci', resourceType: n.resourceType, ocid: n.ocid },
  }));
}

/** `lint FILE --live`: the subnets and VCNs the files name by OCID, read from OCI and added to the model, with the pools sharing them. */
export async function addLiveRefs(flags: LiveFlags & SearchFlags, io: CliIo, model: Model, refs: ExternalRefs): Promise<LiveRefs> {
  if (refs.subnets.length === 0 && refs.vcns.length === 0) return { model, notes: [] };
  const compartments = searchRoots(flags);
  return withLiveSession(flags, io, (session) => session.addExternalRefs(model, refs, { compartments }));
}

/** `shapes --live --compartment OCID`: the catalog from ListShapes. */
export async function readLiveCatalog(flags: LiveFlags, io: CliIo, compartmentId: string): Promise<Catalog> {
  checkOcid(compartmentId, ['compartment', 'tenancy'], '--compartment');
  return withLiveSession(flags, io, (session) => session.readShapes(compartmentId));
}

/** `shapes --live --write FILE`: the catalog in the --catalog file format. */
export async function writeCatalogFile(file: string, catalog: Catalog): Promise<void> {
  const { catalogFileText } = await import('../sources/oci/index.js');
  writeFileAtomically(file, catalogFileText(catalog), '--write', 'catalog');
}

const LIVE_FLAG_NAMES: Record<keyof LiveFlags, string> = {
  configFile: '--config-file',
  profile: '--profile',
  auth: '--auth',
  region: '--region',
  endpoint: '--endpoint',
  timeout: '--timeout',
  verbose: '--verbose',
};

/** Connection flags only mean something on a live run: refuse them, rather than ignore them, without --live. */
export function requireLiveFlag(flags: LiveFlags, live: boolean, liveSwitch = '--live'): void {
  if (live) return;
  const given = (Object.keys(LIVE_FLAG_NAMES) as Array<keyof LiveFlags>).find((k) => flags[k] !== undefined);
  if (given) throw new UserError(`needs ${liveSwitch} (it sets how oke-cni connects to OCI)`, LIVE_FLAG_NAMES[given]);
}

/** An OCID of one of `types` (ocid1.<type>.<realm>.[region].<id>), checked before any request. */
export function checkOcid(value: string, types: readonly string[], flag: string): string {
  const m = /^ocid1\.([a-z0-9]+)\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9._-]+$/i.exec(value.trim());
  if (!m || !types.includes((m[1] as string).toLowerCase())) {
    throw new UserError(`"${value}" is not a ${types.join(' or ')} OCID (ocid1.${types[0]}.oc1.<region>.<id>)`, flag);
  }
  return value.trim();
}
