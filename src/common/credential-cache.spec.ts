import { CredentialCache } from './credential-cache';

describe('CredentialCache', () => {
  let now = 0;
  const cache = () => new CredentialCache<{ tenantId: number; n: number }>(1000, 2, () => now);

  beforeEach(() => (now = 0));

  it('answers an entry with the epoch it was stored under, until its time runs out', () => {
    const c = cache();
    c.set('k', { tenantId: 1, n: 1 }, 'e1');
    expect(c.peek('k')).toEqual({ value: { tenantId: 1, n: 1 }, epoch: 'e1', storedAt: 0 });
    now = 999;
    expect(c.peek('k')?.epoch).toBe('e1');
    now = 1000;
    expect(c.peek('k')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('update keeps the epoch and age; delete and clear forget', () => {
    const c = cache();
    c.set('k', { tenantId: 1, n: 1 }, 'e1');
    now = 500;
    c.update('k', { tenantId: 1, n: 2 });
    c.update('missing', { tenantId: 1, n: 3 });
    expect(c.peek('k')).toEqual({ value: { tenantId: 1, n: 2 }, epoch: 'e1', storedAt: 0 });
    expect(c.peek('missing')).toBeUndefined();
    c.delete('k');
    expect(c.peek('k')).toBeUndefined();
    c.set('x', { tenantId: 1, n: 1 }, 'e');
    c.clear();
    expect(c.size).toBe(0);
  });

  it('holds at most max entries, dropping the oldest stored', () => {
    const c = cache();
    c.set('a', { tenantId: 1, n: 1 }, 'e');
    c.set('b', { tenantId: 1, n: 2 }, 'e');
    c.set('a', { tenantId: 1, n: 3 }, 'e'); // stored again: now the newest
    c.set('c', { tenantId: 1, n: 4 }, 'e');
    expect(c.peek('b')).toBeUndefined();
    expect(c.peek('a')?.value.n).toBe(3);
    expect(c.peek('c')?.value.n).toBe(4);
  });

  it('resolve: a hit while the epoch holds, a read (twice, around the epoch) when it changed, nothing cached for a credential revoked between the reads', async () => {
    const c = cache();
    let epoch = 'e1';
    const rows: ({ tenantId: number; n: number } | null)[] = [];
    let reads = 0;
    const read = () => Promise.resolve(rows[reads++] ?? null);
    const epochOf = () => Promise.resolve(epoch);

    rows.push({ tenantId: 1, n: 1 }, { tenantId: 1, n: 1 });
    expect(await c.resolve('k', read, epochOf)).toEqual({ tenantId: 1, n: 1 });
    expect(reads).toBe(2);
    expect(await c.resolve('k', read, epochOf)).toEqual({ tenantId: 1, n: 1 });
    expect(reads).toBe(2); // served from the cache

    epoch = 'e2'; // a revocation somewhere in the tenant
    rows.push({ tenantId: 1, n: 1 }, null); // revoked between the two reads
    expect(await c.resolve('k', read, epochOf)).toBeNull();
    expect(reads).toBe(4);
    expect(c.peek('k')).toBeUndefined();
  });
});
