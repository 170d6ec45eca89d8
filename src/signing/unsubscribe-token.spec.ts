import { randomBytes } from 'crypto';
import { UnsubscribeTokens, unsubscribeUrl } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const key = randomBytes(32);
  const tokens = new UnsubscribeTokens([key]);

  it('round-trips tenant and customer in a short URL-safe token', () => {
    const token = tokens.sign({ tenantId: 7, customerId: 123456 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokens.verify(token)).toEqual({ tenantId: 7, customerId: 123456 });
  });

  it('refuses a token with a changed id, a token of another key, and junk', () => {
    const token = tokens.sign({ tenantId: 7, customerId: 8 });
    const raw = Buffer.from(token, 'base64url');
    raw[7] ^= 1; // customer 8 → 9, MAC unchanged
    expect(tokens.verify(raw.toString('base64url'))).toBeNull();
    expect(tokens.verify(new UnsubscribeTokens([randomBytes(32)]).sign({ tenantId: 7, customerId: 8 }))).toBeNull();
    for (const junk of ['', 'x', 'a'.repeat(32), `${token}=`, token.slice(1), '../../etc/passwd'.padEnd(32, 'a')]) {
      expect(tokens.verify(junk)).toBeNull();
    }
  });

  it('keeps links made with a previous key working after a rotation', () => {
    const old = tokens.sign({ tenantId: 1, customerId: 2 });
    const rotated = new UnsubscribeTokens([randomBytes(32), key]);
    expect(rotated.verify(old)).toEqual({ tenantId: 1, customerId: 2 });
  });

  it('builds the URL behind PUBLIC_URL, relative without one', () => {
    expect(unsubscribeUrl('https://h.example/', 'abc')).toBe('https://h.example/u/abc');
    expect(unsubscribeUrl('', 'abc')).toBe('/u/abc');
  });
});
