/**
 * Every queue and job payload in one place. Processors and producers import names from here,
 * never string literals. Jobs carry ids only: MySQL is the source of truth.
 */
export const QUEUES = {
  /** First attempts (and their throttling deferrals). */
  deliveries: 'deliveries',
  /** Retries after a failed attempt: a separate queue, so a dead endpoint's backlog never delays fresh messages. */
  deliveryRetries: 'delivery-retries',
  broadcasts: 'broadcasts',
  /** Journey runs: steps, group entry on activation, resume after a pause (named jobs). */
  journeys: 'journeys',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

/** Send (or retry) delivery rows: one, or a batch of a mass send's messages to the same webhook. */
export interface DeliveryJob {
  deliveryIds: string[];
  tenantId: number;
}

/** Fan a broadcast out to its recipients. */
export interface BroadcastFanoutJob {
  broadcastId: number;
  tenantId: number;
}

/** Step these journey runs (each as far as it can go now). */
export interface JourneyStepsJob {
  runIds: number[];
}

/** Enter a group_entry journey's members, or resume a journey's due runs after a pause. */
export interface JourneyJob {
  journeyId: number;
}

export const JOURNEY_JOBS = { steps: 'steps', entry: 'entry', resume: 'resume' } as const;
