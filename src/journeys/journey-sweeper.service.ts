import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { Env } from '../config/env';
import { JOURNEY_JOBS, QUEUES } from '../queues/queues';
import { RunStarter } from './run-starter.service';

const BATCH = 1000;
/** A group entry that has not moved for this long is enqueued again (its worker died). */
const STALLED_ENTRY_MS = 30_000;

/**
 * Worker only. The database is the truth for journeys too: runs that are due but whose job Redis
 * lost, runs whose message settled without the notice reaching a worker, runs whose worker died
 * holding them (the claim expired), and group entries that stopped are picked up again.
 * Re-enqueuing is harmless: a slice only steps runs it can claim.
 */
@Injectable()
export class JourneySweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JourneySweeper.name);
  private task?: PeriodicTask;

  constructor(
    private readonly db: DataSource,
    private readonly starter: RunStarter,
    private readonly env: Env,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.task = new PeriodicTask(this.env.SWEEP_INTERVAL_MS, () => this.sweep(), (error) => this.logger.error(`journey sweep failed: ${(error as Error).message}`));
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns how many runs it enqueued. */
  async sweep(): Promise<number> {
    const now = Date.now();
    const grace = new Date(now - this.env.SWEEP_GRACE_MS);
    // Messages settled, notice lost: make those runs due.
    const settled: { id: number }[] = await this.db.query(
      'SELECT r.id FROM journey_runs r JOIN deliveries d ON d.id = r.waitingDeliveryId '
      + 'WHERE r.status = \'waiting\' AND r.dueAt IS NULL AND d.status IN (\'delivered\', \'failed\', \'cancelled\') AND d.updatedAt < ? LIMIT ?',
      [grace, BATCH],
    );
    if (settled.length) {
      await this.db.query('UPDATE journey_runs SET dueAt = NOW(3) WHERE id IN (?) AND status = \'waiting\' AND dueAt IS NULL', [settled.map((r) => r.id)]);
    }
    await this.resumeStalledEntries();
    // Jobs still waiting mean a backlog, not a loss.
    if ((await this.queue.getWaitingCount()) > 0) return 0;
    const due: { id: number | string }[] = await this.db.query(
      'SELECT r.id FROM journey_runs r JOIN journeys j ON j.id = r.journeyId '
      + 'WHERE r.status IN (\'active\', \'waiting\') AND r.dueAt < ? AND (r.lockedUntil IS NULL OR r.lockedUntil < ?) AND j.status = \'active\' '
      + 'ORDER BY r.dueAt LIMIT ?',
      [grace, new Date(now), BATCH],
    );
    if (due.length) {
      await this.starter.enqueue(due.map((r) => Number(r.id)));
      this.logger.log(`re-enqueued ${due.length} due journey runs`);
    }
    return due.length;
  }

  private async resumeStalledEntries(): Promise<void> {
    const stalled: { id: number }[] = await this.db.query(
      'SELECT id FROM journeys WHERE status = \'active\' AND triggerType = \'group_entry\' AND entryDone = 0 AND updatedAt < ? LIMIT 100',
      [new Date(Date.now() - STALLED_ENTRY_MS)],
    );
    for (const j of stalled) {
      await this.queue.add(JOURNEY_JOBS.entry, { journeyId: j.id }, { jobId: `entry:${j.id}:${Math.floor(Date.now() / STALLED_ENTRY_MS)}`, removeOnComplete: true });
    }
  }
}
