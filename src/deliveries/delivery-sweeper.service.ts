import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { Env } from '../config/env';
import { DeliveryQueue } from './delivery-queue.service';
import { Delivery } from './delivery.entity';

const BATCH = 1000;

/**
 * MySQL is the source of truth, Redis only carries jobs. Periodically: take back claims whose
 * worker died, and, when the queues have nothing waiting, re-enqueue pending deliveries that are
 * overdue (their job was lost, e.g. Redis was flushed). Job ids follow from the row, so re-enqueuing one that still exists is a no-op,
 * and the runner's claim makes any duplicate harmless. Safe with any number of workers.
 */
@Injectable()
export class DeliverySweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySweeper.name);
  private task?: PeriodicTask;

  constructor(
    private readonly db: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    this.task = new PeriodicTask(
      this.env.SWEEP_INTERVAL_MS,
      () => this.sweep(),
      (error) => this.logger.error(`sweep failed: ${(error as Error).message}`),
    );
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns how many deliveries it re-enqueued. */
  async sweep(): Promise<number> {
    const repo = this.db.getRepository(Delivery);
    const now = new Date();
    // Plain reads, then updates by primary key: a range UPDATE here deadlocked with batch claims.
    const stale = await repo.find({ select: { id: true }, where: { status: 'sending', lockedUntil: LessThan(now) }, take: BATCH });
    if (stale.length) {
      await repo.update(
        { id: In(stale.map((d) => d.id)), status: 'sending', lockedUntil: LessThan(now) },
        { status: 'pending', lockedUntil: null, claimToken: null },
      );
    }
    // Jobs still waiting mean a backlog, not a loss: those rows are overdue only because the queue is busy.
    if ((await this.queue.waitingJobs()) > 0) return 0;
    const overdue = await repo.find({
      select: { id: true, tenantId: true, attempts: true, nextAttemptAt: true },
      where: { status: 'pending', nextAttemptAt: LessThan(new Date(now.getTime() - this.env.SWEEP_GRACE_MS)) },
      order: { nextAttemptAt: 'ASC' },
      take: BATCH,
    });
    if (overdue.length) {
      await this.queue.enqueue(overdue);
      this.logger.log(`re-enqueued ${overdue.length} overdue deliveries`);
    }
    return overdue.length;
  }
}
