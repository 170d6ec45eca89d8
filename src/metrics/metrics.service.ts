import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUES } from '../queues/queues';

/** This process's Prometheus metrics (the api serves /metrics, the worker METRICS_PORT). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly attempts = new Counter({
    name: 'herald_delivery_attempts_total',
    help: 'Delivery attempts by verdict (delivered, retry, failed, gone) and error class (timeout, refused, reset, dns, tls, blocked, network)',
    labelNames: ['verdict', 'error_class'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'herald_deliveries_total',
    help: 'Deliveries that reached a final status (delivered, failed, cancelled); failed ones by the error class of their last attempt, or template (never rendered, never sent)',
    labelNames: ['outcome', 'error_class'] as const,
    registers: [this.registry],
  });

  readonly circuitTransitions = new Counter({
    name: 'herald_circuit_transitions_total',
    help: 'Webhook circuit breaker changes of state, by the state entered (open, half_open, closed)',
    labelNames: ['to'] as const,
    registers: [this.registry],
  });

  readonly broadcastsStarted = new Counter({
    name: 'herald_broadcasts_started_total',
    help: 'Scheduled broadcasts this process claimed and started',
    registers: [this.registry],
  });

  readonly journeyRuns = new Counter({
    name: 'herald_journey_runs_total',
    help: 'Journey runs started, and runs that ended (completed, failed, cancelled)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly journeySteps = new Counter({
    name: 'herald_journey_steps_total',
    help: 'Journey nodes run, by node type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly attemptDuration = new Histogram({
    name: 'herald_delivery_attempt_duration_seconds',
    help: 'Time from sending a request to its complete answer or error',
    labelNames: ['verdict'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(
    @InjectQueue(QUEUES.deliveries) deliveries: Queue,
    @InjectQueue(QUEUES.deliveryRetries) retries: Queue,
    @InjectQueue(QUEUES.journeys) journeys: Queue,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'herald_' });
    new Gauge({
      name: 'herald_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const queue of [deliveries, retries, journeys]) {
          const counts = await queue.getJobCounts();
          for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
        }
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
