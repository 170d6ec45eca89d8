import type { JobOptions } from 'bull';
import { QUEUES } from '../queues/queues';
import type { Delivery } from './delivery.entity';

/**
 * A job's id follows from the delivery's state (attempt count and due time), so whoever enqueues
 * it — the creator, the runner after a failure, the sweeper after Redis lost it — names the same
 * job, and bull ignores the duplicate.
 */
export function deliveryJobId(d: Pick<Delivery, 'id' | 'attempts' | 'nextAttemptAt'>): string {
  return `${d.id}:${d.attempts}:${d.nextAttemptAt?.getTime() ?? 0}`;
}

/** First attempts and retries run on separate queues. */
export function deliveryQueueFor(d: Pick<Delivery, 'attempts'>): typeof QUEUES.deliveries | typeof QUEUES.deliveryRetries {
  return d.attempts === 0 ? QUEUES.deliveries : QUEUES.deliveryRetries;
}

export function deliveryJobOptions(d: Pick<Delivery, 'id' | 'attempts' | 'nextAttemptAt'>, now = Date.now()): JobOptions {
  return {
    jobId: deliveryJobId(d),
    delay: Math.max(0, (d.nextAttemptAt?.getTime() ?? now) - now),
    removeOnComplete: true,
    removeOnFail: 1000,
    attempts: 1,
  };
}
