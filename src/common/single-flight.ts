/**
 * Concurrent calls with the same key share the one call in flight; nothing is kept once it has
 * answered (no cache, so no staleness beyond the call's own: a burst of requests for the same key
 * costs one lookup instead of one each).
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, call: () => Promise<T>): Promise<T> {
    const current = this.inFlight.get(key);
    if (current) return current;
    const started = call().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}
