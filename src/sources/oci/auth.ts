/**
 * Request signing for the four ways the OCI CLI authenticates (`--auth`):
 * api_key and security_token from the config file, instance_principal from the instance
 * metadata service, resource_principal from OCI_RESOURCE_PRINCIPAL_* variables.
 * https://docs.oracle.com/en-us/iaas/Content/API/SDKDocs/clitoken.htm and
 * https://docs.oracle.com/en-us/iaas/Content/API/Concepts/sdk_authentication_methods.htm
 *
 * Errors name files, profiles, keys and variables, never their values: a key, a passphrase or
 * a token must not reach the screen, so SDK error texts (which may quote input) are not relayed.
 */
import { createPrivateKey } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { RequestSigner } from 'oci-common';
import { UserError } from '../../core/errors.js';
import { profileWhere, readConfigProfile, readCredentialFile, readProfileFile, requireKey, type ConfigProfile } from './config-file.js';
import type { Sdk } from './sdk.js';

export const AUTH_KINDS = ['api_key', 'security_token', 'instance_principal', 'resource_principal'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

/** OCI's instance metadata service (IMDS v2), where instance principals get their region and certificates. */
export const INSTANCE_METADATA_BASE_URL = 'http://169.254.169.254/opc/v2/';

/** The metadata service is link-local and answers in milliseconds; off OCI it never answers. */
const METADATA_PROBE_SECONDS = 3;

export interface AuthRequest {
  auth: AuthKind;
  configFile: string;
  profile: string;
  homeDir: string;
  timeoutSeconds: number;
  /** Override of INSTANCE_METADATA_BASE_URL (tests point it at 127.0.0.1). */
  instanceMetadataBaseUrl?: string | undefined;
  /** The process environment the resource-principal variables are read from. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface Credentials {
  signer: RequestSigner;
  /** Region the credentials name (config file, metadata service, RP variable), if any. */
  region: string | undefined;
  /** Where to look when OCI answers 401. */
  describe: string;
  /** The tenancy OCID, where the credentials name it (a config file profile): the root of the compartment tree. */
  tenancy?: string | undefined;
}

/**
 * Node's own parser checks the key and passphrase first: the SDK's (sshpk) throws a wrong
 * passphrase a second time from a stream event, as an uncaught exception with a stack trace.
 */
function checkPrivateKey(pem: string, passphrase: string | null | undefined, problem: () => UserError): void {
  try {
    createPrivateKey(passphrase ? { key: pem, passphrase } : pem);
  } catch {
    throw problem();
  }
}

/** Parses the key (decrypting it with the passphrase) once, here, so a bad key or passphrase fails before any request. */
function signerFor(sdk: Sdk, provider: ConstructorParameters<Sdk['common']['DefaultRequestSigner']>[0], what: () => UserError): RequestSigner {
  try {
    return new sdk.common.DefaultRequestSigner(provider);
  } catch {
    throw what();
  }
}

/** The `exp` claim of a JWT session token, in ms; undefined when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function fromConfigFile(sdk: Sdk, req: AuthRequest): Credentials {
  const config: ConfigProfile = readConfigProfile(req.configFile, req.profile);
  const where = profileWhere(config.file, config.profile);
  const region = config.values.get('region') || undefined;
  const passphrase = config.values.get('pass_phrase') || null;
  const keyProblem = (path: string) => () =>
    new UserError(
      passphrase
        ? `key_file ${path} is not a private key oke-cni can read, or pass_phrase does not decrypt it`
        : `key_file ${path} is not a private key oke-cni can read (an encrypted key needs pass_phrase)`,
      where,
    );
  if (req.auth === 'api_key') {
    const tenancy = requireKey(config, 'tenancy', 'the tenancy OCID');
    const user = requireKey(config, 'user', 'the user OCID');
    const fingerprint = requireKey(config, 'fingerprint', "the API key's fingerprint");
    const key = readProfileFile(config, 'key_file', req.homeDir);
    checkPrivateKey(key.text, passphrase, keyProblem(key.path));
    const provider = new sdk.common.SimpleAuthenticationDetailsProvider(tenancy, user, fingerprint, key.text, passphrase);
    return { signer: signerFor(sdk, provider, keyProblem(key.path)), region, describe: where, tenancy };
  }
  // security_token: a profile written by `oci session authenticate`; requests are signed with the
  // session key and carry "ST$<token>" as their key id.
  const token = readProfileFile(config, 'security_token_file', req.homeDir);
  const tokenText = token.text.trim();
  const expires = tokenExpiry(tokenText);
  if (expires !== undefined && expires <= Date.now()) {
    throw new UserError(
      `the session token in ${token.path} expired at ${new Date(expires).toISOString()}; run \`oci session refresh --profile ${config.profile}\` or \`oci session authenticate\``,
      where,
    );
  }
  const key = readProfileFile(config, 'key_file', req.homeDir);
  checkPrivateKey(key.text, passphrase, keyProblem(key.path));
  class SessionTokenProvider extends sdk.common.SimpleAuthenticationDetailsProvider {
    override async getKeyId(): Promise<string> {
      return `ST$${tokenText}`;
    }
  }
  const provider = new SessionTokenProvider(config.values.get('tenancy') ?? '', '', '', key.text, passphrase);
  return { signer: signerFor(sdk, provider, keyProblem(key.path)), region, describe: where, tenancy: config.values.get('tenancy') || undefined };
}

async function instancePrincipal(sdk: Sdk, req: AuthRequest): Promise<Credentials> {
  const base = req.instanceMetadataBaseUrl ?? INSTANCE_METADATA_BASE_URL;
  const where = '--auth instance_principal';
  const seconds = Math.min(req.timeoutSeconds, METADATA_PROBE_SECONDS);
  // The SDK's own metadata requests have no timeout: off OCI they hang for minutes. Probe first.
  try {
    const probe = await fetch(`${base}instance/region`, { headers: { Authorization: 'Bearer Oracle' }, signal: AbortSignal.timeout(seconds * 1000) });
    await probe.arrayBuffer();
    if (!probe.ok) throw new Error(`status ${probe.status}`);
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${seconds} s` : 'no answer';
    throw new UserError(`the OCI instance metadata service at ${base} gave ${reason}: instance principals work only on an OCI compute instance`, where);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const builder = new sdk.common.InstancePrincipalsAuthenticationDetailsProviderBuilder();
    builder.metadataBaseUrl = base;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UserError(`getting instance principal certificates took longer than ${req.timeoutSeconds} s`, where)), req.timeoutSeconds * 1000);
    });
    const provider = await Promise.race([builder.build(), timeout]);
    const region = (provider.getRegion() as { regionId?: string } | undefined)?.regionId;
    return {
      signer: signerFor(sdk, provider, () => new UserError('the instance principal key from the metadata service is unusable', where)),
      region,
      describe: 'the instance principal (dynamic group and policies)',
    };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError('the metadata service answered, but the instance principal certificates could not be read', where);
  } finally {
    clearTimeout(timer);
  }
}

const RP_VARIABLES = ['OCI_RESOURCE_PRINCIPAL_VERSION', 'OCI_RESOURCE_PRINCIPAL_RPST', 'OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM', 'OCI_RESOURCE_PRINCIPAL_REGION'] as const;
/** The only resource principal version the SDK (2.139.1) builds: the RPST and the key are given, nothing is fetched. */
const RP_VERSION = '2.2';

function resourcePrincipal(sdk: Sdk, req: AuthRequest): Credentials {
  const where = '--auth resource_principal';
  const missing = RP_VARIABLES.filter((name) => !req.env[name]);
  if (missing.length) {
    throw new UserError(
      `missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (OCI sets them inside Functions, Data Flow and other resource-principal runtimes)`,
      where,
    );
  }
  if (req.env.OCI_RESOURCE_PRINCIPAL_VERSION !== RP_VERSION) {
    throw new UserError(`OCI_RESOURCE_PRINCIPAL_VERSION is "${req.env.OCI_RESOURCE_PRINCIPAL_VERSION}"; the OCI SDK supports ${RP_VERSION}`, where);
  }
  const pemProblem = () =>
    new UserError('OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM is not a private key oke-cni can read, or OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE does not decrypt it', where);
  // Both may be values or absolute paths to files holding them (the SDK's convention).
  const valueOrFile = (name: string): string | undefined => {
    const value = req.env[name];
    if (value === undefined || !isAbsolute(value)) return value;
    try {
      return readCredentialFile(value);
    } catch (err) {
      throw new UserError(`cannot read ${name} file ${value} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, where);
    }
  };
  checkPrivateKey(valueOrFile('OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM') as string, valueOrFile('OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE')?.trim(), pemProblem);
  let provider;
  try {
    // The SDK reads the variables from process.env itself.
    provider = sdk.common.ResourcePrincipalAuthenticationDetailsProvider.builder();
  } catch {
    throw new UserError(
      'OCI_RESOURCE_PRINCIPAL_RPST or OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM (or its passphrase) is unusable: give a session token and a PEM private key, inline or as absolute file paths',
      where,
    );
  }
  const region = (provider.getRegion() as { regionId?: string } | undefined)?.regionId ?? req.env.OCI_RESOURCE_PRINCIPAL_REGION;
  return {
    signer: signerFor(sdk, provider, pemProblem),
    region,
    describe: 'the resource principal (OCI_RESOURCE_PRINCIPAL_* variables, dynamic group and policies)',
  };
}

export async function authenticate(sdk: Sdk, req: AuthRequest): Promise<Credentials> {
  switch (req.auth) {
    case 'api_key':
    case 'security_token':
      return fromConfigFile(sdk, req);
    case 'instance_principal':
      return instancePrincipal(sdk, req);
    case 'resource_principal':
      return resourcePrincipal(sdk, req);
  }
}
