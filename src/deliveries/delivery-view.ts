import type { HttpMethod } from '../webhooks/webhook.types';
import type { DeliveryAttempt } from './delivery-attempt.entity';
import type { Delivery } from './delivery.entity';
import { customerRef } from '../customers/customer-lookup.service';
import type { CustomerSummaryView } from '../openapi/summary.dto';
import type { AttemptView, DeliveryDetail, DeliveryView, MessageOriginView } from './dto/delivery-view.dto';
import type { ErrorClass, Verdict } from './retry-policy';
import type { OriginName } from './message-origins.types';

// The entity keeps these as plain strings (varchar columns); only the engine writes them, from these types.
const errorClass = (value: string | null) => value as ErrorClass | null;

/** The names a page of messages refers to, looked up once per page (see MessageSummaries). */
export interface MessageRefs {
  webhooks: Map<number, string>;
  customers: Map<number, CustomerSummaryView>;
  /** By `<source>:<sourceId>`. */
  origins: Map<string, OriginName>;
}

const NO_REFS: MessageRefs = { webhooks: new Map(), customers: new Map(), origins: new Map() };

export const originKey = (source: string, sourceId: number | string) => `${source}:${sourceId}`;

function originOf(d: Delivery, refs: MessageRefs): MessageOriginView {
  const id = d.sourceId === null ? null : String(d.sourceId);
  const found = id === null ? undefined : refs.origins.get(originKey(d.source, id));
  // A fixed event's message is named by its event type; the others by their record.
  const name = d.source === 'event' ? d.event : (found?.name ?? null);
  return { source: d.source, id, name, parentId: found?.parentId ?? null };
}

export function toDeliveryView(d: Delivery, refs: MessageRefs = NO_REFS): DeliveryView {
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
    nextAttemptAt: d.status === 'pending' || d.status === 'deferred' ? d.nextAttemptAt : null,
    lastStatusCode: d.lastStatusCode,
    lastErrorClass: errorClass(d.lastErrorClass),
    lastError: d.lastError,
    skipReason: d.skipReason,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    webhook: { id: d.webhookId, name: refs.webhooks.get(d.webhookId) ?? null },
    customer: customerRef(refs.customers, d.customerId),
    origin: originOf(d, refs),
  };
}

/** An attempt as sent: its delivery's headers with the attempt's own (stored alone) on top. */
export function toAttemptView(a: DeliveryAttempt, d: Pick<Delivery, 'requestHeaders' | 'requestUrl'>): AttemptView {
  return {
    number: a.number,
    startedAt: a.startedAt,
    durationMs: a.durationMs,
    verdict: a.verdict as Verdict,
    request: {
      headers: { ...d.requestHeaders, ...a.requestHeaders },
      url: a.requestUrl ?? d.requestUrl,
      body: a.requestBody === null ? null : jsonOrText(a.requestBody),
    },
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
export function toDeliveryDetail(d: Delivery, attempts: DeliveryAttempt[], refs: MessageRefs = NO_REFS): DeliveryDetail {
  const attemptLog = attempts.map((a) => toAttemptView(a, d));
  return {
    ...toDeliveryView(d, refs),
    request: { method: d.requestMethod as HttpMethod, url: d.requestUrl, headers: d.requestHeaders, body: jsonOrText(d.requestBody) },
    response: attemptLog.at(-1)?.response ?? null,
    attemptLog,
  };
}

/** A stored body as JSON, or its raw text when it is not JSON. */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
