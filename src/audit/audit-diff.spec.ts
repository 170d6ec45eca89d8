import { auditDiff, isSecretField, MASK } from './audit-diff';

describe('auditDiff', () => {
  it('keeps only the fields that changed', () => {
    expect(auditDiff({ name: 'a', url: 'http://x', enabled: true }, { name: 'b', url: 'http://x', enabled: true })).toEqual({ name: { from: 'a', to: 'b' } });
  });

  it('with both sides, compares only the fields `after` names (before may be the whole row)', () => {
    expect(auditDiff({ name: 'a', url: 'u', other: 1 }, { name: 'b' })).toEqual({ name: { from: 'a', to: 'b' } });
  });

  it('answers null when nothing changed', () => {
    expect(auditDiff({ name: 'a', tags: [1, 2] }, { name: 'a', tags: [1, 2] })).toBeNull();
    expect(auditDiff(undefined, undefined)).toBeNull();
  });

  it('a creation has only `to`, a deletion only `from`', () => {
    expect(auditDiff(null, { name: 'n', limit: 3 })).toEqual({ name: { to: 'n' }, limit: { to: 3 } });
    expect(auditDiff({ name: 'n' }, null)).toEqual({ name: { from: 'n' } });
  });

  it('leaves out bookkeeping (tenantId, createdAt, updatedAt) and writes dates as ISO strings', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(auditDiff(null, { tenantId: 1, createdAt: at, updatedAt: at, scheduledAt: at })).toEqual({ scheduledAt: { to: '2026-01-02T03:04:05.678Z' } });
  });

  it('masks secrets by field name, never showing the value or its length', () => {
    const diff = auditDiff(
      { secret: 'old-secret-123', passwordHash: '$2b$abc', key: 'k1', hmacSecret: null },
      { secret: 'a-much-longer-new-secret-value', passwordHash: '$2b$def', key: 'k2', hmacSecret: 'hm' },
    );
    expect(diff).toEqual({
      secret: { from: MASK, to: MASK },
      passwordHash: { from: MASK, to: MASK },
      key: { from: MASK, to: MASK },
      hmacSecret: { from: null, to: MASK },
    });
    expect(JSON.stringify(diff)).not.toMatch(/old-secret|longer|\$2b|k1|k2|hm"/);
  });

  it('masks secrets nested in an object (basic auth password, a token) and keeps the rest', () => {
    const diff = auditDiff({ basicAuth: null }, { basicAuth: { username: 'crm', password: 'p@ssw0rd-long' } });
    expect(diff).toEqual({ basicAuth: { from: null, to: { username: 'crm', password: MASK } } });
    expect(JSON.stringify(auditDiff(null, { checks: { token: 'tok-value' } }))).not.toContain('tok-value');
  });

  it('a secret that did not change is not listed', () => {
    expect(auditDiff({ secret: 's', name: 'a' }, { secret: 's', name: 'b' })).toEqual({ name: { from: 'a', to: 'b' } });
  });

  it('names that describe a secret are not secrets', () => {
    expect(isSecretField('previousSecretExpiresAt')).toBe(false);
    expect(isSecretField('tokenHeader')).toBe(false);
    expect(isSecretField('basicAuthPassword')).toBe(true);
    expect(isSecretField('signingKey')).toBe(true);
    expect(isSecretField('secretHint')).toBe(true);
    expect(isSecretField('hint')).toBe(true);
  });

  it('caps long values and the number of fields', () => {
    const diff = auditDiff(null, { body: 'x'.repeat(5000), blob: { text: 'y'.repeat(5000) } })!;
    expect((diff.body.to as string).length).toBeLessThanOrEqual(501);
    expect(typeof diff.blob.to).toBe('string');
    expect((diff.blob.to as string).length).toBeLessThanOrEqual(2001);
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i]));
    expect(Object.keys(auditDiff(null, many)!).length).toBeLessThanOrEqual(61);
  });
});
