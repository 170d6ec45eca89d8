import { countsOf, isMarketing, messageIdentity, reservationOf, type CandidateMessage } from './marketing';

const message = (over: Partial<CandidateMessage> = {}): CandidateMessage => ({
  id: '0190-a',
  tenantId: 1,
  webhookId: 7,
  customerId: 42,
  source: 'broadcast',
  sourceId: 12,
  dedupeKey: 42,
  ...over,
});
const caps = { tenant: { maxMessages: 3, windowMs: 86_400_000 }, webhooks: new Map([[7, { maxMessages: 1, windowMs: 3_600_000 }]]) };
const key = (customerId: number, webhookId?: number) => `c${customerId}${webhookId ? `:w${webhookId}` : ''}`;

describe('marketing messages', () => {
  it('are mass sends and journeys to a customer through a webhook that is not transactional', () => {
    expect(isMarketing(message(), { transactional: false })).toBe(true);
    expect(isMarketing(message({ source: 'journey' }), { transactional: false })).toBe(true);
    expect(isMarketing(message(), { transactional: true })).toBe(false);
    for (const source of ['test', 'event', 'form'] as const) expect(isMarketing(message({ source }), { transactional: false })).toBe(false);
    expect(isMarketing(message({ customerId: null }), { transactional: false })).toBe(false);
    expect(isMarketing(message(), null)).toBe(false);
  });

  it("are known by their source's dedupe key when there is one (a resumed page reserves the same entry), else by their id", () => {
    expect(messageIdentity(message())).toBe('broadcast:12:42');
    expect(messageIdentity(message({ id: 'other' }))).toBe('broadcast:12:42');
    expect(messageIdentity(message({ source: 'journey', sourceId: 5, dedupeKey: null }))).toBe('journey:0190-a');
  });

  it("fall under the tenant's cap and their webhook's own", () => {
    expect(countsOf(message(), caps, (w) => key(42, w))).toEqual([
      { key: 'c42', maxMessages: 3, windowMs: 86_400_000 },
      { key: 'c42:w7', maxMessages: 1, windowMs: 3_600_000 },
    ]);
    expect(reservationOf(message({ webhookId: 8 }), caps, key)).toEqual({
      member: 'broadcast:12:42',
      counts: [{ key: 'c42', maxMessages: 3, windowMs: 86_400_000 }],
    });
    expect(reservationOf(message(), { tenant: null, webhooks: new Map() }, key).counts).toEqual([]);
  });
});
