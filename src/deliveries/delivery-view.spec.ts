import type { DeliveryAttempt } from './delivery-attempt.entity';
import type { Delivery } from './delivery.entity';
import { toDeliveryDetail, toDeliveryView } from './delivery-view';

const at = new Date('2026-11-23T08:00:00.000Z');
const delivery = (over: Partial<Delivery> = {}) =>
  ({
    id: '0190f0e0-0000-7000-8000-000000000001',
    tenantId: 1,
    webhookId: 2,
    source: 'test',
    event: 'webhook/test',
    customerId: 3,
    sourceId: null,
    dedupeKey: null,
    status: 'failed',
    attempts: 2,
    maxAttempts: 2,
    nextAttemptAt: null,
    lockedUntil: null,
    claimToken: null,
    throttledUntil: null,
    requestMethod: 'POST',
    requestUrl: 'https://example.com/hook',
    requestHeaders: { 'X-Herald-Event': 'webhook/test' },
    requestBody: '{"a":1}',
    lastStatusCode: null,
    lastErrorClass: 'timeout',
    lastError: 'no answer',
    deliveredAt: null,
    createdAt: at,
    updatedAt: at,
    ...over,
  }) as Delivery;
const attempt = (number: number, over: Partial<DeliveryAttempt>) =>
  ({
    id: number,
    deliveryId: 'x',
    tenantId: 1,
    number,
    startedAt: at,
    durationMs: 5,
    requestHeaders: { 'X-Herald-Attempt': String(number) },
    statusCode: null,
    responseHeaders: null,
    responseBody: null,
    responseTruncated: false,
    errorClass: null,
    error: null,
    verdict: 'retry',
    ...over,
  }) as DeliveryAttempt;

describe('the message detail', () => {
  it("answers the last attempt's response at the top, and every attempt with its full request headers", () => {
    const d = toDeliveryDetail(delivery(), [
      attempt(1, { statusCode: 503, responseHeaders: { 'retry-after': '1' }, responseBody: 'busy' }),
      attempt(2, { errorClass: 'timeout', error: 'no answer', verdict: 'failed' }),
    ]);
    expect(d.response).toBeNull();
    expect(d.attemptLog[0].response).toEqual({ status: 503, headers: { 'retry-after': '1' }, body: 'busy', truncated: false });
    expect(d.attemptLog[1]).toMatchObject({ response: null, error: { class: 'timeout', message: 'no answer' } });
    expect(d.attemptLog[1].request.headers).toEqual({ 'X-Herald-Event': 'webhook/test', 'X-Herald-Attempt': '2' });
    expect(d.request).toEqual({ method: 'POST', url: 'https://example.com/hook', headers: { 'X-Herald-Event': 'webhook/test' }, body: { a: 1 } });

    const ok = toDeliveryDetail(delivery({ status: 'delivered' }), [
      attempt(1, { statusCode: 200, responseHeaders: null, responseBody: '{}', verdict: 'delivered' }),
    ]);
    expect(ok.response).toEqual({ status: 200, headers: {}, body: '{}', truncated: false });
  });

  it('a body that is not JSON (never rendered) stays text', () => {
    expect(toDeliveryDetail(delivery({ requestBody: '', lastErrorClass: 'template' }), []).request.body).toBe('');
  });
});

describe('where a message came from', () => {
  it('is (source, sourceId), with the older per-source fields filled from it', () => {
    expect(toDeliveryView(delivery({ source: 'broadcast', sourceId: 5, dedupeKey: 3 }))).toMatchObject({
      source: 'broadcast',
      sourceId: '5',
      broadcastId: 5,
      eventId: null,
      journeyRunId: null,
    });
    expect(toDeliveryView(delivery({ source: 'event', sourceId: 9007199254740991 }))).toMatchObject({
      sourceId: '9007199254740991',
      broadcastId: null,
      eventId: '9007199254740991',
      journeyRunId: null,
    });
    expect(toDeliveryView(delivery({ source: 'journey', sourceId: 77 }))).toMatchObject({
      sourceId: '77',
      broadcastId: null,
      eventId: null,
      journeyRunId: '77',
    });
    // A form's message names its submission; a test send has no source id.
    expect(toDeliveryView(delivery({ source: 'form', sourceId: 12 }))).toMatchObject({ sourceId: '12', broadcastId: null, eventId: null, journeyRunId: null });
    expect(toDeliveryView(delivery())).toMatchObject({ source: 'test', sourceId: null });
  });
});
