import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { QUEUES } from '../../src/queues/queues';
import type { TestApp } from './test-app';
import { sleep, until } from './until';

/**
 * Waits until nothing more can be sent or stepped: every outbox event relayed, no message pending
 * or on the wire, no delivery or journey job waiting, delayed or running. A test asserting that
 * nothing more arrives (no duplicate, no extra run) waits for this instead of sleeping a guess.
 */
export async function untilIdle(t: TestApp, timeoutMs = 20_000): Promise<void> {
  const queues = [QUEUES.deliveries, QUEUES.deliveryRetries, QUEUES.journeys].map((name) => t.app.get<Queue>(getQueueToken(name)));
  await until(
    async () => {
      const [{ n }] = await t.db.query(
        "SELECT (SELECT COUNT(*) FROM event_outbox WHERE relayedAt IS NULL) + (SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'sending')) AS n",
      );
      let jobs = 0;
      for (const q of queues) {
        const c = await q.getJobCounts();
        jobs += c.waiting + c.active + c.delayed;
      }
      return { open: Number(n), jobs };
    },
    (s) => s.open === 0 && s.jobs === 0,
    timeoutMs,
    'nothing left to relay, send or step',
  );
}

/**
 * Waits until a query on `table` in this test's database is blocked on a row lock: the call under
 * test has queued behind the lock the test holds (a fixed sleep may end before it gets there).
 * InnoDB refreshes INNODB_TRX only when nobody read it for 100 ms: poll slower than that, at
 * random intervals so that two suites polling at once leave it such gaps.
 */
export async function untilLockWait(db: TestApp['db'], table: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sleep(150 + Math.random() * 250);
    const [{ n }] = await db.query(
      'SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX x JOIN information_schema.PROCESSLIST p ON p.ID = x.trx_mysql_thread_id ' +
        "WHERE x.trx_state = 'LOCK WAIT' AND p.DB = DATABASE() AND x.trx_query LIKE ?",
      [`%${table}%`],
    );
    if (Number(n) > 0) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for a query on ${table} to wait for the held row lock`);
  }
}
