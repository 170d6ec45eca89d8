import type { IncomingHttpHeaders } from 'http';
import { apiError, codeForStatus } from '../common/api-error';
import { maskHeaders } from '../common/credential-mask';
import { errorBody } from '../common/http-exception.filter';
import type { InboundRequest, InboundVerdict } from './inbound-request.entity';
import type { InboundTrigger } from './inbound-trigger.entity';

/** A request to `/hooks/:key` and its answer, as the hook service takes and gives them. Pure. */

/** Bodies are logged up to this size. */
export const LOGGED_BODY_BYTES = 16 * 1024;
/** Headers that name a delivery, after the trigger's own idHeader: duplicates start one run. */
const DELIVERY_ID_HEADERS = ['webhook-id', 'x-github-delivery'];

export interface HookRequest {
  key: string;
  method: string;
  raw: Buffer;
  headers: IncomingHttpHeaders;
  query: Record<string, unknown>;
  ip: string;
  /** Set when the body was over the limit (not read). */
  tooLarge?: boolean;
}

export interface HookAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The API's error shape; `code` defaults to the status's (`not_found`, `unauthorized` …). */
export function error(status: number, message: string, extra: Record<string, unknown> = {}): HookAnswer {
  return { status, headers: {}, body: { ...errorBody(apiError(status, codeForStatus(status), message)), ...extra } };
}

/** Thrown while handling a request: it ends with this verdict and answer. */
export class Refused extends Error {
  constructor(
    readonly verdict: InboundVerdict,
    readonly answer: HookAnswer,
  ) {
    super(String((answer.body as { message?: string }).message));
  }
}

/** The request as the log keeps it: credentials masked, the body cut at LOGGED_BODY_BYTES, its delivery id as the duplicate key. */
export function requestLogRow(trigger: InboundTrigger, req: HookRequest): Partial<InboundRequest> {
  const masked = maskHeaders(Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])));
  for (const name of [trigger.checks.token?.header, trigger.checks.hmac?.header, 'webhook-signature']) {
    if (name && masked[name.toLowerCase()] !== undefined) masked[name.toLowerCase()] = '••••••';
  }
  const idHeader = [trigger.idHeader?.toLowerCase(), ...DELIVERY_ID_HEADERS].find((h) => h && req.headers[h]);
  const deliveryId = idHeader ? String(req.headers[idHeader]) : null;
  return {
    tenantId: trigger.tenantId,
    triggerId: trigger.id,
    method: req.method.slice(0, 8),
    clientIp: req.ip.slice(0, 45),
    headers: masked,
    query: req.query,
    body: req.raw.subarray(0, LOGGED_BODY_BYTES).toString('utf8'),
    bodyTruncated: req.raw.length > LOGGED_BODY_BYTES,
    deliveryKey: deliveryId ? `${idHeader}:${deliveryId}`.slice(0, 200) : null,
    runId: null,
    response: null,
  };
}
