import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { StatsTally } from './delivery-stats';

const FLUSH_MS = 1_000;

/**
 * The hourly counters' write path: each committed batch adds its counts here, and once a second
 * (and at shutdown) one statement adds them all to delivery_stats_hourly. Keeping the write out of
 * the batches' transactions matters: the counter row of a mass send (one tenant, hour, webhook,
 * source) is the same for every batch, and holding its lock until each commit serialised them.
 * A crash loses at most the last second's counts; the messages themselves are the truth.
 */
@Injectable()
export class DeliveryStatsBuffer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryStatsBuffer.name);
  private pending = new StatsTally();
  private task?: PeriodicTask;

  constructor(private readonly db: DataSource) {}

  onModuleInit(): void {
    this.task = new PeriodicTask(
      FLUSH_MS,
      () => this.flush(),
      (error) => this.logger.error(`stats flush failed (kept for the next one): ${error.message}`),
    );
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.flush().catch((error: Error) => this.logger.error(`stats flush at shutdown failed: ${error.message}`));
  }

  add(tally: StatsTally): void {
    if (tally.size) this.pending.merge(tally);
  }

  /** Writes what was counted; on failure the counts go back for the next flush. */
  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new StatsTally();
    try {
      await batch.write(this.db.manager);
    } catch (error) {
      this.pending = batch.merge(this.pending);
      throw error;
    }
  }
}
