import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
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
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly first: Queue<DeliveryJob>,
    @InjectQueue(QUEUES.deliveryRetries) private readonly retries: Queue<DeliveryJob>,
    private readonly runner: DeliveryRunner,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    const handle = async (job: { data: DeliveryJob }) => this.runner.runMany(job.data.deliveryIds);
    void this.first.process(this.env.DELIVERY_CONCURRENCY, handle);
    void this.retries.process(this.env.RETRY_CONCURRENCY, handle);
  }
}
