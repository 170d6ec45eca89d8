/**
 * An in-process cache of credential lookups (API keys, console sessions) that a revocation on any
 * api instance invalidates at once: every entry carries the tenant's credential epoch it was read
 * under (a token in Redis that every revocation in the tenant replaces), and a hit counts only when
 * the tenant's epoch, read for this request, is still the same. `ttlMs` is the safety net for a change
 * made behind the api's back (SQL by hand); `max` bounds memory (the oldest entry goes first). Pure.
 */
export class CredentialCache<V extends { tenantId: number }> {
  private readonly entries = new Map<string, { value: V; epoch: string; storedAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value, whatever its epoch: the caller reads its tenant's epoch, then `valid()`. */
  peek(key: string): { value: V; epoch: string } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /**
   * The value for `key`: the cached one while its tenant's epoch (`epochOf`, read for this request)
   * is unchanged; else read — twice, around the epoch's read, so a revocation committed meanwhile
   * is never cached as valid — and cached under that epoch.
   */
  async resolve(key: string, read: () => Promise<V | null>, epochOf: (tenantId: number) => Promise<string | null>): Promise<V | null> {
    const cached = this.peek(key);
    if (cached && (await epochOf(cached.value.tenantId)) === cached.epoch) return cached.value;
    this.delete(key);
    let found = await read();
    const epoch = found && (await epochOf(found.tenantId));
    if (found && epoch) {
      found = await read();
      if (found) this.set(key, found, epoch);
    }
    return found;
  }

  set(key: string, value: V, epoch: string): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, epoch, storedAt: this.now() });
  }

  /** Keeps the entry's epoch and age: for a value this instance changed itself (a renewed expiry). */
  update(key: string, value: V): void {
    const entry = this.entries.get(key);
    if (entry) entry.value = value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
