import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { randomUUID } from 'crypto';
import { DataSource, LessThan } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { Broadcast } from './broadcast.entity';
import { BroadcastsService } from './broadcasts.service';

const CLAIM_BATCH = 100;
/** How often due schedules are claimed: a send starts at most this late (one indexed UPDATE per tick). */
const DISPATCH_INTERVAL_MS = 250;
/** A fan-out that has not moved for this long is enqueued again (its worker died). */
const STALLED_MS = 30_000;

/**
 * 定时发送. Every 250 ms, claims due scheduled broadcasts with one atomic UPDATE (marked with this
 * tick's token) and enqueues their fan-out. Any number of api instances can run it: a row is
 * claimed by exactly one UPDATE. It only claims and enqueues; the worker sends.
 */
@Injectable()
export class BroadcastDispatcher {
  private readonly logger = new Logger(BroadcastDispatcher.name);
  private running = false;
  private ticks = 0;

  constructor(
    private readonly db: DataSource,
    private readonly broadcasts: BroadcastsService,
    private readonly metrics: MetricsService,
  ) {}

  @Interval('broadcast-dispatch', DISPATCH_INTERVAL_MS)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.dispatchDue();
      if (++this.ticks % Math.round(10_000 / DISPATCH_INTERVAL_MS) === 0) await this.resumeStalled();
    } catch (error) {
      this.logger.error(`dispatch failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Returns the broadcasts this call started. */
  async dispatchDue(now = new Date()): Promise<Broadcast[]> {
    const token = randomUUID();
    const claimed = await this.db
      .createQueryBuilder()
      .update(Broadcast)
      .set({ status: 'sending', startedAt: now, claimToken: token })
      .where('status = :scheduled AND scheduledAt <= :now', { scheduled: 'scheduled', now })
      .orderBy('scheduledAt', 'ASC')
      .limit(CLAIM_BATCH)
      .execute();
    if (!claimed.affected) return [];
    const rows = await this.db.getRepository(Broadcast).findBy({ claimToken: token, status: 'sending' });
    for (const b of rows) {
      await this.db.getRepository(Broadcast).update({ id: b.id }, { recipientMaxCustomerId: await this.broadcasts.maxCustomerId(b.tenantId) });
    }
    await this.broadcasts.startFanout(rows);
    this.metrics.broadcastsStarted.inc(rows.length);
    // The worker's fan-out logs each send's start at info.
    this.logger.debug(`started ${rows.length} scheduled broadcast(s): ${rows.map((b) => b.id).join(', ')}`);
    return rows;
  }

  private async resumeStalled(): Promise<void> {
    const stalled = await this.db.getRepository(Broadcast).find({
      select: { id: true, tenantId: true },
      where: { status: 'sending', fanoutDone: false, updatedAt: LessThan(new Date(Date.now() - STALLED_MS)) },
      take: CLAIM_BATCH,
    });
    await this.broadcasts.startFanout(stalled);
  }
}
