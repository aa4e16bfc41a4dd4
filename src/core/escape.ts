/**
 * Text from input (file names, keys, values, flag values, OCI answers) shown to a person: every
 * control character is written as an escape, so no input can move the cursor, recolour or clear
 * the terminal (ESC sequences), hide text (bidirectional overrides, "Trojan Source"), or split
 * one message over two lines (CR, LF, U+2028/2029).
 */

/** C0 controls, DEL, C1 controls, line/paragraph separators, bidi embeddings/overrides/isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `s` with every control character shown as `\n`, `\t`, `\r` or `\uXXXX`. */
export function showControls(s: string): string {
  return s.replace(CONTROL, escapeOne);
}

/** The same, but line breaks stay: for multi-line report text whose lines we lay out ourselves. */
export function showControlsKeepingLines(s: string): string {
  return s.replace(CONTROL_BUT_NEWLINE, escapeOne);
}

/** True when `s` holds a character that showControls would escape. */
export function hasControls(s: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(s);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * Request-signing secrets an OCI answer may echo back (a proxy or a broken server returning the
 * request's headers): the keyId and signature of `Authorization: Signature keyId="...",
 * signature="..."`, quoted plainly or inside a JSON string (`keyId=\"...\"`), and Bearer or
 * Basic credentials. They are replaced wherever they appear in text we print.
 */
const QUOTED_PARAM = /\b(keyId|signature)(\s*=\s*)(\\?")[^"\\]*(\\?")/gi;
const BARE_PARAM = /\b(keyId|signature)(\s*=\s*)(?![\\"\s])[^\s,"\\]+/gi;
const BEARER = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/g;

export function redactSecrets(s: string): string {
  return s
    .replace(QUOTED_PARAM, (_m, name: string, eq: string, open: string, close: string) => `${name}${eq}${open}[redacted]${close}`)
    .replace(BARE_PARAM, (_m, name: string, eq: string) => `${name}${eq}[redacted]`)
    .replace(BEARER, (_m, scheme: string, space: string) => `${scheme}${space}[redacted]`);
}

/** What every stderr line of ours goes through: secrets redacted, control characters escaped. */
export function safeLine(s: string): string {
  return showControls(redactSecrets(s));
}
