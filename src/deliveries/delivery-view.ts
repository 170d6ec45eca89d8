import type { HttpMethod } from '../webhooks/webhook.types';
import type { DeliveryAttempt } from './delivery-attempt.entity';
import type { Delivery } from './delivery.entity';
import type { AttemptView, DeliveryDetail, DeliveryView } from './dto/delivery-view.dto';
import type { ErrorClass, Verdict } from './retry-policy';

// The entity keeps these as plain strings (varchar columns); only the engine writes them, from these types.
const errorClass = (value: string | null) => value as ErrorClass | null;

export function toDeliveryView(d: Delivery): DeliveryView {
  return {
    id: d.id,
    webhookId: d.webhookId,
    source: d.source,
    event: d.event,
    customerId: d.customerId,
    sourceId: d.sourceId === null ? null : String(d.sourceId),
    // The per-source links the API had before sourceId: kept, so integrations keep working.
    broadcastId: d.source === 'broadcast' ? d.sourceId : null,
    eventId: d.source === 'event' && d.sourceId !== null ? String(d.sourceId) : null,
    journeyRunId: d.source === 'journey' && d.sourceId !== null ? String(d.sourceId) : null,
    status: d.status,
    attempts: d.attempts,
    maxAttempts: d.maxAttempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    lastStatusCode: d.lastStatusCode,
    lastErrorClass: errorClass(d.lastErrorClass),
    lastError: d.lastError,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** An attempt as sent: its delivery's headers with the attempt's own (stored alone) on top. */
export function toAttemptView(a: DeliveryAttempt, deliveryHeaders: Record<string, string> = {}): AttemptView {
  return {
    number: a.number,
    startedAt: a.startedAt,
    durationMs: a.durationMs,
    verdict: a.verdict as Verdict,
    request: { headers: { ...deliveryHeaders, ...a.requestHeaders } },
    response:
      a.statusCode === null
        ? null
        : {
            status: a.statusCode,
            headers: a.responseHeaders ?? {},
            body: a.responseBody,
            truncated: a.responseTruncated,
          },
    error: a.errorClass ? { class: errorClass(a.errorClass)!, message: a.error } : null,
  };
}

/** A delivery with its request and every attempt: the detail a marketer opens (and a test send answers). */
export function toDeliveryDetail(d: Delivery, attempts: DeliveryAttempt[]): DeliveryDetail {
  let body: unknown = d.requestBody;
  try {
    body = JSON.parse(d.requestBody);
  } catch {
    // keep the raw text
  }
  const attemptLog = attempts.map((a) => toAttemptView(a, d.requestHeaders));
  return {
    ...toDeliveryView(d),
    request: { method: d.requestMethod as HttpMethod, url: d.requestUrl, headers: d.requestHeaders, body },
    response: attemptLog.at(-1)?.response ?? null,
    attemptLog,
  };
}
