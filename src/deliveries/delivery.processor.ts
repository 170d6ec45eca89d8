import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';
import type { DeliveryJob } from '../queues/queues';
import { DeliveryRunner } from './delivery-runner.service';

/**
 * Worker only. First attempts and retries have their own queues and concurrency, so a backlog of
 * retries to a dead endpoint cannot hold up fresh messages to healthy ones.
 */
@Injectable()
export class DeliveryProcessor implements OnModuleInit {
  private readonly logger = new Logger(DeliveryProcessor.name);

  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly first: Queue<DeliveryJob>,
    @InjectQueue(QUEUES.deliveryRetries) private readonly retries: Queue<DeliveryJob>,
    private readonly runner: DeliveryRunner,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    // A job that throws leaves its claimed rows for the sweeper (after DELIVERY_CLAIM_MS): never
    // lost, but late — so it is said, not left to bull's silent failed set.
    const handle = async (job: { id: unknown; data: DeliveryJob }) =>
      this.runner.runMany(job.data.deliveryIds).catch((error: Error) => {
        this.logger.error(`delivery job ${String(job.id)} failed (${job.data.deliveryIds.length} message(s) wait for the sweeper): ${error.message}`);
        throw error;
      });
    void this.first.process(this.env.DELIVERY_CONCURRENCY, handle);
    void this.retries.process(this.env.RETRY_CONCURRENCY, handle);
  }
}
