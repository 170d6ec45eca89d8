import { signatureHeaders } from '../signing/sign';
import { attemptHeaders, baseHeaders, signingKeys } from './attempt-headers';

const now = new Date('2026-12-04T08:00:00.000Z');
const webhook = {
  headers: { 'X-Team': 'crm' },
  basicAuthUsername: null,
  basicAuthPassword: null,
  signatureScheme: 'dmhub' as const,
  secret: 'new-secret',
  previousSecret: 'old-secret',
  previousSecretExpiresAt: new Date(now.getTime() + 60_000),
};
const message = { id: '0190a0b0-0000-7000-8000-000000000001', event: 'webhook/test' };

describe('attemptHeaders', () => {
  it('is the base headers, the attempt number and the signatures of both keys during a rotation', () => {
    const h = attemptHeaders(message, webhook, 3, '{"a":1}', now);
    expect(h).toEqual({
      ...baseHeaders(message, webhook),
      'X-Herald-Attempt': '3',
      ...signatureHeaders('dmhub', { current: 'new-secret', previous: 'old-secret' }, message.id, '{"a":1}', now),
    });
    expect(h['X-Team']).toBe('crm');
    expect(h['X-Herald-Message-Id']).toBe(message.id);
  });

  it('signs with the current key alone once the grace period is over, and not at all without a secret', () => {
    expect(signingKeys(webhook, new Date(now.getTime() + 61_000))).toEqual({ current: 'new-secret', previous: undefined });
    expect(signingKeys({ ...webhook, secret: null }, now)).toBeUndefined();
    const unsigned = attemptHeaders(message, { ...webhook, secret: null }, 1, '', now);
    expect(Object.keys(unsigned).filter((k) => /signature/i.test(k))).toEqual([]);
  });

  it('adds Basic auth from the webhook credentials', () => {
    const h = baseHeaders(message, { headers: {}, basicAuthUsername: 'u', basicAuthPassword: 'p' });
    expect(h.Authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });
});
