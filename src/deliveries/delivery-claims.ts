import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, In } from 'typeorm';
import { Env } from '../config/env';
import { retryOnDeadlock } from '../database/deadlock-retry';
import { hydrate } from '../database/entity-sql';
import { MetricsService } from '../metrics/metrics.service';
import { DeliveryEvents } from './delivery-events';
import { StatsTally } from './delivery-stats';
import { DeliveryStatsBuffer } from './delivery-stats-buffer.service';
import { DeliveryQueue } from './delivery-queue.service';
import { Delivery } from './delivery.entity';

/** A job may fire this early (timer granularity) and still claim its delivery. */
const EARLY_TOLERANCE_MS = 50;

/**
 * The claim on delivery rows, in SQL: who may send a row now. A claim is (`sending`, a token,
 * `lockedUntil`); every write below is guarded by it, so duplicate jobs, concurrent workers and
 * the sweeper never send a row twice. The attempt itself is recorded by AttemptRecorder.
 */
@Injectable()
export class DeliveryClaims {
  constructor(
    private readonly db: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly events: DeliveryEvents,
    private readonly metrics: MetricsService,
    private readonly env: Env,
    private readonly stats: DeliveryStatsBuffer,
  ) {}

  /** Atomically takes the given rows that are pending and due. */
  async claim(ids: string[]): Promise<Delivery[]> {
    if (!ids.length) return [];
    const now = Date.now();
    const token = randomUUID();
    // Raw SQL: this runs once per 100 messages of a mass send, and the builder + find cost showed in profiles.
    // One statement: a deadlock victim changed nothing and may simply run again.
    const result = await retryOnDeadlock(() =>
      this.db.query(
        "UPDATE `deliveries` SET `status` = 'sending', `lockedUntil` = ?, `claimToken` = ? " +
          "WHERE `id` IN (?) AND `status` = 'pending' AND `nextAttemptAt` <= ?",
        [new Date(now + this.env.DELIVERY_CLAIM_MS), token, ids, new Date(now + EARLY_TOLERANCE_MS)],
      ),
    );
    if (!result.affectedRows) return [];
    return hydrate(this.db.manager, Delivery, await this.db.query('SELECT * FROM `deliveries` WHERE `id` IN (?) AND `claimToken` = ?', [ids, token]));
  }

  /** Extends the rows' claim to `until`; returns the ids still held (the others were taken over). */
  async renew(rows: Delivery[], until: Date): Promise<Set<string>> {
    const ids = rows.map((r) => r.id);
    await retryOnDeadlock(() =>
      this.db.query("UPDATE `deliveries` SET `lockedUntil` = ? WHERE `id` IN (?) AND `claimToken` = ? AND `status` = 'sending'", [
        until,
        ids,
        rows[0].claimToken,
      ]),
    );
    const held: { id: string }[] = await this.db.query('SELECT `id` FROM `deliveries` WHERE `id` IN (?) AND `claimToken` = ?', [ids, rows[0].claimToken]);
    return new Set(held.map((r) => r.id));
  }

  /** Gives claims back without an attempt, due at `nextAttemptAt` (with a reserved rate-limit slot when told). */
  async giveBack(rows: Delivery[], nextAttemptAt: Date, slotReserved: boolean): Promise<void> {
    await this.db.getRepository(Delivery).update(held(rows), {
      status: 'pending',
      lockedUntil: null,
      claimToken: null,
      nextAttemptAt,
      ...(slotReserved ? { throttledUntil: nextAttemptAt } : {}),
    });
    await this.queue.enqueue(
      rows.map((r) => ({ ...r, nextAttemptAt })),
      { batch: rows.length > 1 },
    );
  }

  /** Held rows that must not go out: cancelled with the reason, and reported settled. */
  async cancel(rows: Delivery[], reason: string): Promise<void> {
    if (!rows.length) return;
    // The rows still held are locked first, so the hourly counters count exactly the ones cancelled.
    const cancelled = await retryOnDeadlock(() =>
      this.db.transaction(async (m) => {
        const still = await m.getRepository(Delivery).find({ select: { id: true }, where: held(rows), lock: { mode: 'pessimistic_write' } });
        const ids = new Set(still.map((r) => r.id));
        const mine = rows.filter((r) => ids.has(r.id));
        if (!mine.length) return mine;
        await m
          .getRepository(Delivery)
          .update(held(mine), { status: 'cancelled', lockedUntil: null, claimToken: null, nextAttemptAt: null, lastError: reason });
        return mine;
      }),
    );
    const stats = new StatsTally();
    for (const r of cancelled) stats.count(r, 'cancelled');
    this.stats.add(stats);
    this.metrics.deliveries.inc({ outcome: 'cancelled', error_class: '' }, cancelled.length);
    this.events.settled(cancelled.map((r) => ({ deliveryId: r.id, tenantId: r.tenantId, source: r.source, sourceId: r.sourceId, status: 'cancelled' })));
  }
}

/**
 * Rows still under this process's claim: a row whose claim was taken over (the sweeper after an
 * expiry, then another worker) is that worker's now — deferring or cancelling it here would pull
 * it from under a send in flight, whose record would then find it pending.
 */
function held(rows: Delivery[]) {
  return { id: In(rows.map((r) => r.id)), status: 'sending' as const, claimToken: In([...new Set(rows.map((r) => r.claimToken))]) };
}
