import { optOutSkip, UnsubscribeLinks } from './opt-out';

describe('opt-out skip', () => {
  const out = { id: 1, unsubscribedAt: '2026-12-01T00:00:00.000Z' };
  const marketing = { transactional: false };

  it('skips mass sends and journeys on marketing webhooks to an unsubscribed customer', () => {
    expect(optOutSkip({ source: 'broadcast', webhook: marketing, customer: out })).toBe('unsubscribed');
    expect(optOutSkip({ source: 'journey', webhook: marketing, customer: out })).toBe('unsubscribed');
  });

  it('lets transactional webhooks, other sources and subscribed customers through', () => {
    expect(optOutSkip({ source: 'broadcast', webhook: { transactional: true }, customer: out })).toBeNull();
    for (const source of ['test', 'event', 'form'] as const) expect(optOutSkip({ source, webhook: marketing, customer: out })).toBeNull();
    expect(optOutSkip({ source: 'broadcast', webhook: marketing, customer: { id: 1, unsubscribedAt: null } })).toBeNull();
    expect(optOutSkip({ source: 'journey', webhook: marketing })).toBeNull();
  });

  it('makes links under PUBLIC_URL with a key from SECRETS_KEY', () => {
    const links = new UnsubscribeLinks({ PUBLIC_URL: 'https://h.example', SECRETS_KEY: 'ab'.repeat(32) });
    expect(links.forCustomer(1, 2)).toMatch(/^https:\/\/h\.example\/u\/[A-Za-z0-9_-]{32}$/);
    expect(links.forCustomer(1, 2)).not.toBe(links.forCustomer(1, 3));
  });
});
