/**
 * A sample message context, for rendering a template once when its webhook is saved: a template
 * that already goes past the render limits for an ordinary customer is refused there (400),
 * instead of failing every message at send time. Pure.
 */
import { LOYALTY_EVENTS } from './event-catalog';
import { PAYLOAD_FIELDS } from './event-payloads';

const AT = '2026-01-02T03:04:05.000Z';

export const SAMPLE_CUSTOMER = {
  id: 1,
  name: 'Sample Customer',
  wechatNickname: 'sample',
  mobile: '13800000000',
  email: 'sample@example.com',
  activityScore: 500,
  attributes: { city: 'Shanghai', tags: ['vip', 'new'] },
  createdAt: AT,
  updatedAt: AT,
  unsubscribedAt: null,
  firstName: 'Sample',
  lastName: 'Customer',
  enabled: true,
};

/** What `{{ unsubscribe_url }}` shows for the sample customer: a link that unsubscribes nobody. */
export const SAMPLE_UNSUBSCRIBE_URL = 'https://herald.example/u/sample';

/** A payload of the given fixed event with every documented field filled. */
function samplePayload(event: string): Record<string, unknown> {
  const fields = (PAYLOAD_FIELDS as Record<string, Record<string, string>>)[event];
  if (!fields) return { tenantId: 1, event, customerId: '1', date: AT, customer: SAMPLE_CUSTOMER, changed: ['name'] };
  return Object.fromEntries(
    Object.entries(fields).map(([key, type]) => [key, key === 'event' ? event : type === 'number' ? 1 : type === 'date' ? AT : `sample ${key}`]),
  );
}

/** Every namespace a template may read, filled with sample values. */
export function sampleContext(events: readonly string[] = []): Record<string, unknown> {
  return {
    customer: SAMPLE_CUSTOMER,
    event: samplePayload(events[0] ?? LOYALTY_EVENTS[0]),
    broadcast: { id: 1, name: 'Sample send', scheduledAt: AT },
    message: { id: '00000000-0000-7000-8000-000000000000', timestamp: AT },
    webhook: { id: 1, name: 'Sample webhook' },
    journey: { id: 1, name: 'Sample journey', runId: 1 },
    form: { id: 1, name: 'Sample form' },
    submission: { id: 1, data: {} },
    inbound: { data: {}, headers: {}, query: {}, params: {} },
    unsubscribe_url: SAMPLE_UNSUBSCRIBE_URL,
  };
}
