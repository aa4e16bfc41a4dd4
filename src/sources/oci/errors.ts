/**
 * Every failure of a live call becomes one UserError line (exit 2) that names the operation,
 * the resource and, when OCI answered, the status, the service code and the opc-request-id
 * (what Oracle support asks for). Server messages are folded onto one line; nothing from
 * the request (headers, signature) is ever included.
 */
import { UserError } from '../../core/errors.js';
import { isRetryableStatus, TRANSPORT_CODES } from './transport.js';

/** What was being read: "GetSubnet" and the OCID, or "ListNodePools" and the cluster's OCID. */
export interface CallSite {
  operation: string;
  resource: string;
}

interface OciErrorLike {
  statusCode: number;
  serviceCode?: string;
  message?: string;
  opcRequestId?: string | null;
}

function isOciError(err: unknown): err is OciErrorLike {
  return typeof err === 'object' && err !== null && typeof (err as { statusCode?: unknown }).statusCode === 'number';
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface ErrorContext {
  /** Attempts per request, to say how hard oke-cni tried. */
  maxAttempts: number;
  /** "~/.oci/config [DEFAULT]" for key-based auth: where to look after a 401. */
  credentials: string;
}

export function liveError(err: unknown, site: CallSite, ctx: ErrorContext): Error {
  if (err instanceof UserError) return err;
  const where = `OCI ${site.operation} ${site.resource}`;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && (Object.values(TRANSPORT_CODES) as string[]).includes(code)) {
    return new UserError(oneLine(String((err as { message?: unknown }).message ?? code)), where);
  }
  if (isOciError(err)) {
    const status = err.statusCode;
    const service = err.serviceCode && err.serviceCode !== 'None' ? ` ${err.serviceCode}` : '';
    const requestId = err.opcRequestId ? ` (opc-request-id ${err.opcRequestId})` : '';
    const detail = err.message ? `: ${oneLine(err.message)}` : '';
    let text: string;
    if (status === 401) {
      text = `not authenticated (401${service})${detail}; check user, fingerprint, key_file and tenancy in ${ctx.credentials}, or renew the session token`;
    } else if (status === 404) {
      // OCI answers 404 NotAuthorizedOrNotFound both for a wrong OCID and for a missing IAM policy.
      text = `not found, or not authorized to read it (404${service})${detail}; check the OCID, the region and the IAM policies`;
    } else if (isRetryableStatus(status) && ctx.maxAttempts > 1) {
      text = `gave up after ${ctx.maxAttempts} attempts: ${status}${service}${detail}`;
    } else {
      text = `${status}${service}${detail}`;
    }
    // The status stays on the error, so a caller that degrades on 403/404 (Session.soft) still sees it
    // once a paged read (allPages) has turned the SDK's error into this one.
    return Object.assign(new UserError(`${text}${requestId}`, where), { statusCode: status });
  }
  if (err instanceof SyntaxError) return new UserError(`the answer is not valid JSON (${oneLine(err.message)})`, where);
  return err instanceof Error ? err : new Error(`${where}: ${oneLine(String((err as { message?: unknown })?.message ?? err))}`);
}
