import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QUEUES } from '../queues/queues';
import type { DeliveryJob } from '../queues/queues';
import { deliveryJobOptions, deliveryQueueFor } from './delivery-jobs';
import type { Delivery } from './delivery.entity';

type Enqueueable = Pick<Delivery, 'id' | 'tenantId' | 'attempts' | 'nextAttemptAt'>;

/** Messages of a mass send travel this many to a job. */
export const DELIVERY_BATCH = 100;

/** Puts delivery jobs on the right queue, in bulk (one Redis round trip per call, not per message). */
@Injectable()
export class DeliveryQueue {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly first: Queue<DeliveryJob>,
    @InjectQueue(QUEUES.deliveryRetries) private readonly retries: Queue<DeliveryJob>,
  ) {}

  /** One job per delivery, or with `batch` one job per DELIVERY_BATCH deliveries (same webhook, due together). */
  async enqueue(deliveries: Enqueueable[], options: { batch?: boolean } = {}): Promise<void> {
    const now = Date.now();
    const byQueue = new Map<Queue<DeliveryJob>, Enqueueable[]>();
    for (const d of deliveries) {
      const queue = deliveryQueueFor(d) === QUEUES.deliveries ? this.first : this.retries;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), d]);
    }
    for (const [queue, items] of byQueue) {
      const size = options.batch ? DELIVERY_BATCH : 1;
      const jobs = [];
      for (let i = 0; i < items.length; i += size) {
        const part = items.slice(i, i + size);
        const opts = deliveryJobOptions(part[0], now);
        if (part.length > 1) opts.jobId = `${opts.jobId}:x${part.length}`;
        jobs.push({ data: { deliveryIds: part.map((d) => d.id), tenantId: part[0].tenantId }, opts });
      }
      await queue.addBulk(jobs);
    }
  }

  /** Jobs waiting to run (not delayed) on both delivery queues. */
  async waitingJobs(): Promise<number> {
    const [a, b] = await Promise.all([this.first.getWaitingCount(), this.retries.getWaitingCount()]);
    return a + b;
  }
}
