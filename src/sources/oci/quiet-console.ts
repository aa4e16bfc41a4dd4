/**
 * oci-common writes to the console on its own: console.warn on every failed request (even a
 * 404, and even with retries off), console.info for a config file without [DEFAULT], console.log
 * from the instance-principal federation client. None of it may reach the user's screen: while
 * a live session is open those calls go to the session's --verbose log, or nowhere.
 *
 * The console is process-wide, so the replacement is reference-counted across sessions and the
 * original methods come back when the last session closes. Lines go to the newest open session.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
type Method = (typeof METHODS)[number];

const sinks: Array<{ log: ((line: string) => void) | undefined }> = [];
let saved: Record<Method, (...args: unknown[]) => void> | undefined;

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * oci-common builds some warnings with a template string around a plain object (a network error
 * as `{code, message, ...}`): "Exception occurred : [object Object]". The object is gone by then;
 * the transport's own `oci:` line just before says what failed.
 */
const LOST_OBJECT = /\[object Object\]/g;
const LOST_OBJECT_TEXT = 'a request error (the oci: line above says which)';

function route(method: Method, args: unknown[]): void {
  const sink = sinks[sinks.length - 1];
  if (!sink?.log) return;
  const text = args.map(describe).join(' ').replace(LOST_OBJECT, LOST_OBJECT_TEXT);
  for (const line of text.split(/\r?\n/)) if (line.trim()) sink.log(`oci-sdk ${method}: ${line}`);
}

export interface QuietConsole {
  /** From now on this capture's lines are dropped (the session is over, its log too). */
  mute(): void;
  /** Stops this capture (idempotent); the console comes back with the last one. */
  release(): void;
}

/** Starts capturing into `log` (dropping the lines when it is undefined). */
export function quietConsole(log: ((line: string) => void) | undefined): QuietConsole {
  const sink: { log: ((line: string) => void) | undefined } = { log };
  sinks.push(sink);
  if (!saved) {
    saved = Object.fromEntries(METHODS.map((m) => [m, console[m]])) as Record<Method, (...args: unknown[]) => void>;
    for (const m of METHODS) console[m] = (...args: unknown[]) => route(m, args);
  }
  let done = false;
  return {
    mute() {
      sink.log = undefined;
    },
    release() {
      if (done) return;
      done = true;
      sinks.splice(sinks.indexOf(sink), 1);
      if (sinks.length === 0 && saved) {
        for (const m of METHODS) console[m] = saved[m];
        saved = undefined;
      }
    },
  };
}
