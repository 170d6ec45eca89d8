import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { Env } from '../config/env';
import { retryOnDeadlock } from '../database/deadlock-retry';
import { QuietClock } from '../quiet-hours/quiet-clock.service';
import { DeliveryQueue } from './delivery-queue.service';

const BATCH = 1000;

interface Promoted {
  id: string;
  tenantId: number;
  webhookId: number;
  attempts: number;
}

/**
 * Moves `deferred` messages whose time has come (quiet hours over) to `pending` and enqueues them.
 * The state lives in the rows, so a restart loses nothing; each row is taken by one conditional
 * UPDATE (tagged with this round's token), so two workers never both promote it. A crash between
 * the UPDATE and the enqueue leaves pending rows the sweeper re-enqueues.
 */
@Injectable()
export class DeferredPromoter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeferredPromoter.name);
  private task?: PeriodicTask;

  constructor(
    private readonly db: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly clock: QuietClock,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    this.task = new PeriodicTask(
      this.env.SWEEP_INTERVAL_MS,
      () => this.promote(),
      (error) => this.logger.error(`promoting deferred messages failed: ${(error as Error).message}`),
    );
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns how many messages it promoted. */
  async promote(): Promise<number> {
    let total = 0;
    for (;;) {
      const due: { id: string }[] = await this.db.query(
        "SELECT `id` FROM `deliveries` WHERE `status` = 'deferred' AND `nextAttemptAt` <= ? ORDER BY `nextAttemptAt` LIMIT ?",
        [this.clock.now(), BATCH],
      );
      if (!due.length) break;
      const { rows, nextAttemptAt } = await this.take(due.map((r) => r.id));
      // Per webhook, so each job of up to 100 goes to one webhook (as a mass send's do).
      const byWebhook = new Map<number, Promoted[]>();
      for (const r of rows) byWebhook.set(r.webhookId, [...(byWebhook.get(r.webhookId) ?? []), r]);
      for (const group of byWebhook.values())
        await this.queue.enqueue(
          group.map((r) => ({ ...r, nextAttemptAt })),
          { batch: true },
        );
      total += rows.length;
      if (due.length < BATCH) break;
    }
    if (total) this.logger.log(`${total} deferred message(s) released: quiet hours are over`);
    return total;
  }

  /** The rows of `ids` this call moved from deferred to pending (another worker may have taken some). */
  private async take(ids: string[]): Promise<{ rows: Promoted[]; nextAttemptAt: Date }> {
    const token = randomUUID();
    const now = new Date();
    await retryOnDeadlock(() =>
      this.db.query("UPDATE `deliveries` SET `status` = 'pending', `nextAttemptAt` = ?, `claimToken` = ? WHERE `id` IN (?) AND `status` = 'deferred'", [
        now,
        token,
        ids,
      ]),
    );
    const rows: Promoted[] = await this.db.query('SELECT `id`, `tenantId`, `webhookId`, `attempts` FROM `deliveries` WHERE `id` IN (?) AND `claimToken` = ?', [
      ids,
      token,
    ]);
    if (rows.length) {
      await this.db.query("UPDATE `deliveries` SET `claimToken` = NULL WHERE `id` IN (?) AND `claimToken` = ? AND `status` = 'pending'", [
        rows.map((r) => r.id),
        token,
      ]);
    }
    return { rows, nextAttemptAt: now };
  }
}
