import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { Env } from '../config/env';
import { DeliveryOutcomes } from '../deliveries/delivery-outcomes.service';
import { JOURNEY_JOBS, QUEUES } from '../queues/queues';
import { RunStarter } from './run-starter.service';
import { RunStore } from './run-store';

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
    private readonly runs: RunStore,
    private readonly outcomes: DeliveryOutcomes,
    private readonly starter: RunStarter,
    private readonly env: Env,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.task = new PeriodicTask(
      this.env.SWEEP_INTERVAL_MS,
      () => this.sweep(),
      (error) => this.logger.error(`journey sweep failed: ${(error as Error).message}`),
    );
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns how many runs it enqueued (a run woken here may be counted again as due: enqueuing twice is harmless). */
  async sweep(): Promise<number> {
    const now = Date.now();
    const grace = new Date(now - this.env.SWEEP_GRACE_MS);
    // Their message settled a grace period ago already: enqueued now, not left for due() a second grace later.
    const woken = await this.settledWhileWaiting(grace);
    await this.runs.makeDue(woken);
    await this.starter.enqueue(woken);
    await this.resumeStalledEntries();
    // Jobs still waiting mean a backlog, not a loss.
    if ((await this.queue.getWaitingCount()) > 0) return woken.length;
    const due = await this.runs.due(grace, new Date(now), BATCH);
    if (due.length) {
      await this.starter.enqueue(due);
      this.logger.log(`re-enqueued ${due.length} due journey runs`);
    }
    return woken.length + due.length;
  }

  /**
   * Runs waiting for a message that settled before `grace` without the notice reaching a worker
   * (at most BATCH): the waiting runs page by page, each page's messages asked of the deliveries.
   */
  private async settledWhileWaiting(grace: Date): Promise<number[]> {
    const out: number[] = [];
    for (let after = 0; out.length < BATCH;) {
      const page = await this.runs.waitingOnMessages(after, BATCH);
      if (!page.length) break;
      const settled = await this.outcomes.settledBefore(
        page.map((r) => r.waitingDeliveryId),
        grace,
      );
      out.push(...page.filter((r) => settled.has(r.waitingDeliveryId)).map((r) => r.id));
      if (page.length < BATCH) break;
      after = page[page.length - 1].id;
    }
    return out.slice(0, BATCH);
  }

  private async resumeStalledEntries(): Promise<void> {
    const stalled: { id: number }[] = await this.db.query(
      "SELECT id FROM journeys WHERE status = 'active' AND triggerType = 'group_entry' AND entryDone = 0 AND updatedAt < ? LIMIT 100",
      [new Date(Date.now() - STALLED_ENTRY_MS)],
    );
    for (const j of stalled) {
      await this.queue.add(
        JOURNEY_JOBS.entry,
        { journeyId: j.id },
        { jobId: `entry:${j.id}:${Math.floor(Date.now() / STALLED_ENTRY_MS)}`, removeOnComplete: true },
      );
    }
  }
}
