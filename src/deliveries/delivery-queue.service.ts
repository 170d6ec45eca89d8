import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QUEUES } from '../queues/queues';
import type { DeliveryJob } from '../queues/queues';
import { deliveryJobOptions, deliveryQueueFor } from './delivery-jobs';
import type { Delivery } from './delivery.entity';

type Enqueueable = Pick<Delivery, 'id' | 'tenantId' | 'attempts' | 'nextAttemptAt'>;

/** Puts delivery jobs on the right queue, in bulk (one Redis round trip per call, not per message). */
@Injectable()
export class DeliveryQueue {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly first: Queue<DeliveryJob>,
    @InjectQueue(QUEUES.deliveryRetries) private readonly retries: Queue<DeliveryJob>,
  ) {}

  async enqueue(deliveries: Enqueueable[]): Promise<void> {
    const now = Date.now();
    const byQueue = new Map<Queue<DeliveryJob>, Enqueueable[]>();
    for (const d of deliveries) {
      const queue = deliveryQueueFor(d) === QUEUES.deliveries ? this.first : this.retries;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), d]);
    }
    for (const [queue, items] of byQueue) {
      await queue.addBulk(items.map((d) => ({ data: { deliveryId: d.id, tenantId: d.tenantId }, opts: deliveryJobOptions(d, now) })));
    }
  }
}
