import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { BroadcastCounters } from './broadcasts/broadcast-counters.service';
import { DeliverySweeper } from './deliveries/delivery-sweeper.service';
import { EventRelay } from './outbox/event-relay.service';
import { JourneySweeper } from './journeys/journey-sweeper.service';
import { QUEUES } from './queues/queues';

/**
 * The worker's graceful stop, in an order that loses nothing: first no new jobs and the active
 * ones finish (their messages sent and recorded, claims released) — while the HTTP agents, Redis
 * and the database are still up —, then the relay and sweepers stop, then counters are flushed.
 * Connections close after this (onApplicationShutdown). Before, HTTP agents were destroyed first,
 * so in-flight messages were cut off, recorded as failed attempts and sent again after a restart.
 */
@Injectable()
export class WorkerShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerShutdown.name);

  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly deliveries: Queue,
    @InjectQueue(QUEUES.deliveryRetries) private readonly retries: Queue,
    @InjectQueue(QUEUES.broadcasts) private readonly broadcasts: Queue,
    @InjectQueue(QUEUES.journeys) private readonly journeys: Queue,
    private readonly relay: EventRelay,
    private readonly deliverySweeper: DeliverySweeper,
    private readonly journeySweeper: JourneySweeper,
    private readonly counters: BroadcastCounters,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const started = Date.now();
    // A local pause takes no more jobs and resolves when the active ones have finished.
    await Promise.all([this.deliveries, this.retries, this.broadcasts, this.journeys].map((q) => q.pause(true).catch(() => undefined)));
    await Promise.all([this.relay.stop(), this.deliverySweeper.stop(), this.journeySweeper.stop()]);
    await this.counters.stop();
    this.logger.log(`active jobs finished and loops stopped in ${Date.now() - started} ms`);
  }
}
