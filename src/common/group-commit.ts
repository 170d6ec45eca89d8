/**
 * Group commit: items added while a flush is running wait for the next one, so a burst of N
 * concurrent requests costs a few transactions, not N — and a lone request waits for nothing (its
 * flush starts on the next turn of the event loop). At most `concurrency` flushes run at once, each
 * with at most `maxBatch` items. Each add() settles with its own result from the flush (a
 * GroupFailure there rejects that item alone), or with the flush's error.
 */
export class GroupFailure {
  constructor(readonly error: unknown) {}
}

export class GroupCommit<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly flush: (items: I[]) => Promise<(O | GroupFailure)[]>,
    private readonly maxBatch = 200,
    private readonly concurrency = 2,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency || !this.queue.length) return;
    this.scheduled = true;
    // The rest of this turn's requests join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.next();
    });
  }

  private async next(): Promise<void> {
    if (this.running >= this.concurrency || !this.queue.length) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.running++;
    // More than a batch waiting: the next flush may start beside this one.
    this.schedule();
    try {
      const out = await this.flush(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const o = out[i];
        if (o instanceof GroupFailure) b.reject(o.error);
        else b.resolve(o);
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    } finally {
      this.running--;
      this.schedule();
    }
  }
}
