import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';

/** Set on a transaction's query runner by recordEvents: the commit must wake a relay. */
export const OUTBOX_WRITTEN = 'heraldOutboxWritten';

/**
 * Wakes the worker's outbox relay the moment a transaction that recorded events commits (a Redis
 * message), instead of waiting for its next poll; the poll stays as the safety net. A TypeORM
 * subscriber sees every commit: it publishes only for transactions marked by recordEvents.
 */
@Injectable()
export class OutboxSignal implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly logger = new Logger(OutboxSignal.name);
  private subscriber?: Redis;
  private sending = false;
  private again = false;

  constructor(
    db: DataSource,
    private readonly env: Env,
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
  ) {
    db.subscribers.push(this);
  }

  get channel(): string {
    return `${this.env.REDIS_PREFIX}:outbox`;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data?.[OUTBOX_WRITTEN]) return;
    event.queryRunner.data[OUTBOX_WRITTEN] = false;
    this.notify();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.data) event.queryRunner.data[OUTBOX_WRITTEN] = false;
  }

  /**
   * Fire and forget: a lost message only means the relay's poll finds the events. Coalesced: while
   * one message is on its way, further commits ask for one more after it (a burst of 200 commits
   * costs two or three Redis messages, not 200), so every commit is still followed by a message
   * sent after it.
   */
  notify(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    this.queue.client
      .publish(this.channel, '1')
      .catch((error: Error) => this.logger.warn(`outbox signal not sent: ${error.message}`))
      .finally(() => {
        this.sending = false;
        if (!this.again) return;
        this.again = false;
        this.notify();
      });
  }

  /** The worker's side: `wake` on every signal. */
  async listen(wake: () => void): Promise<void> {
    this.subscriber = this.queue.client.duplicate();
    this.subscriber.on('message', () => wake());
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }
}
