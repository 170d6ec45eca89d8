/** InnoDB's advice for a deadlock victim is to run the transaction again: its work was rolled back. */
export function isDeadlock(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return e?.code === 'ER_LOCK_DEADLOCK' || e?.driverError?.code === 'ER_LOCK_DEADLOCK';
}

/**
 * Runs `work` (a whole transaction) again when it was chosen as a deadlock victim, up to
 * `attempts` times, after a short random pause so the two sides do not meet again in step.
 * Only for work that is safe to repeat from the start.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts || !isDeadlock(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 20 * i)));
    }
  }
}
