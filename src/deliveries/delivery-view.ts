import type { DeliveryAttempt } from './delivery-attempt.entity';
import type { Delivery } from './delivery.entity';

export function toDeliveryView(d: Delivery) {
  return {
    id: d.id,
    webhookId: d.webhookId,
    source: d.source,
    event: d.event,
    customerId: d.customerId,
    broadcastId: d.broadcastId,
    eventId: d.eventId === null ? null : String(d.eventId),
    journeyRunId: d.journeyRunId === null ? null : String(d.journeyRunId),
    status: d.status,
    attempts: d.attempts,
    maxAttempts: d.maxAttempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    lastStatusCode: d.lastStatusCode,
    lastErrorClass: d.lastErrorClass,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** An attempt as sent: its delivery's headers with the attempt's own (stored alone) on top. */
export function toAttemptView(a: DeliveryAttempt, deliveryHeaders: Record<string, string> = {}) {
  return {
    number: a.number,
    startedAt: a.startedAt,
    durationMs: a.durationMs,
    verdict: a.verdict,
    request: { headers: { ...deliveryHeaders, ...a.requestHeaders } },
    response: a.statusCode === null ? null : {
      status: a.statusCode, headers: a.responseHeaders, body: a.responseBody, truncated: a.responseTruncated,
    },
    error: a.errorClass ? { class: a.errorClass, message: a.error } : null,
  };
}

/** A delivery with its request and every attempt: the detail a marketer opens (and a test send answers). */
export function toDeliveryDetail(d: Delivery, attempts: DeliveryAttempt[]) {
  let body: unknown = d.requestBody;
  try {
    body = JSON.parse(d.requestBody);
  } catch {
    // keep the raw text
  }
  return {
    ...toDeliveryView(d),
    request: { method: d.requestMethod, url: d.requestUrl, headers: d.requestHeaders, body },
    attemptLog: attempts.map((a) => toAttemptView(a, d.requestHeaders)),
  };
}
