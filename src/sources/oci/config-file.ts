/**
 * The OCI CLI / SDK configuration file (~/.oci/config), read the way the OCI CLI reads it:
 * INI sections, `key=value` lines, `#` and `;` comments, and every profile inheriting the keys
 * of [DEFAULT] (Python configparser semantics, which the OCI CLI uses).
 * https://docs.oracle.com/en-us/iaas/Content/API/Concepts/sdkconfig.htm
 *
 * oke-cni reads the file itself instead of through oci-common's ConfigFileReader because the SDK
 * ignores OCI_CLI_PROFILE, prefers ~/.oci/config over OCI_CONFIG_FILE, demands a region even
 * when --region or --endpoint is given, and words its errors without the file and profile.
 */
import { readFileBounded } from '../file/read.js';
import { isAbsolute, join } from 'node:path';
import { UserError } from '../../core/errors.js';

export const DEFAULT_PROFILE = 'DEFAULT';

export interface ConfigProfile {
  file: string;
  profile: string;
  /** Keys of the profile, with [DEFAULT]'s filled in. */
  values: ReadonlyMap<string, string>;
}

/** Sections of an OCI config file; keys are lower-cased like configparser does. */
export function parseConfigText(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = (header[1] as string).trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || current === undefined) continue;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

/** `~/x` -> `<home>/x`; relative paths stay relative to the working directory, as in the OCI CLI. */
export function expandHome(path: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homeDir, path.slice(2));
  return path;
}

const where = (file: string, profile: string): string => `${file} [${profile}]`;

/**
 * The named profile of an OCI config file. Errors name the file and the profile, never a value
 * from the file (it may hold a pass_phrase).
 */
export function readConfigProfile(file: string, profile: string): ConfigProfile {
  let text: string;
  try {
    text = readCredentialFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such OCI config file (give --config-file or set OCI_CLI_CONFIG_FILE; create one with `oci setup config`)'
        : code === 'EISDIR'
          ? 'the OCI config file path is a directory'
          : `cannot read the OCI config file (${code ?? (err as Error).message})`;
    throw new UserError(reason, file);
  }
  const sections = parseConfigText(text);
  const own = sections.get(profile);
  if (own === undefined) {
    const names = [...sections.keys()];
    const known = names.length ? `profiles in the file: ${names.join(', ')}` : 'the file has no [PROFILE] sections';
    throw new UserError(`no profile [${profile}] (${known}; choose one with --profile or OCI_CLI_PROFILE)`, file);
  }
  const values = new Map([...(sections.get(DEFAULT_PROFILE) ?? new Map<string, string>()), ...own]);
  return { file, profile, values };
}

/** A key the chosen authentication needs; a missing one is named with file and profile. */
export function requireKey(config: ConfigProfile, key: string, why: string): string {
  const value = config.values.get(key);
  if (value === undefined || value === '') {
    throw new UserError(`missing "${key}" (${why})`, where(config.file, config.profile));
  }
  return value;
}

/** Config, key and token files are a few KiB: at most this much of one is read (key_file=/dev/zero stops here). */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;

/** A credential file's text, bounded while reading; failures keep the system error code. */
export function readCredentialFile(path: string): string {
  const read = readFileBounded(path, MAX_CREDENTIAL_FILE_BYTES);
  if (!read.ok) throw Object.assign(new Error(read.reason), { code: read.code });
  const text = read.bytes.toString('utf8');
  // A config saved by a Windows editor starts with a byte-order mark: "[DEFAULT]" must still match.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a file the profile points at (key_file, security_token_file), naming the path on failure, never the contents. */
export function readProfileFile(config: ConfigProfile, key: string, homeDir: string): { path: string; text: string } {
  const raw = requireKey(config, key, key === 'key_file' ? 'the API signing key' : 'the session token of `oci session authenticate`');
  const path = expandHome(raw, homeDir);
  try {
    return { path, text: readCredentialFile(path) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
    throw new UserError(`cannot read ${key} ${path}${isAbsolute(path) ? '' : ' (relative to the working directory)'}: ${reason}`, where(config.file, config.profile));
  }
}

export { where as profileWhere };
