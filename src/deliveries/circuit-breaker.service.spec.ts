import { ConflictException } from '@nestjs/common';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import type { MetricsService } from '../metrics/metrics.service';
import type { WebhooksService } from '../webhooks/webhooks.service';
import type { AuditService } from '../audit/audit.service';
import { afterAttempts, CLOSED } from '../webhooks/circuit-breaker';
import { CircuitBreaker } from './circuit-breaker.service';
import type { DeliveryQueue } from './delivery-queue.service';

describe('CircuitBreaker.closeByHand', () => {
  it('answers 409 circuit_busy (not a 500) when the circuit keeps changing under every compare-and-set', async () => {
    const open = afterAttempts(
      CLOSED,
      [1, 2, 3].map(() => ({ signal: 'down' as const, detail: 'HTTP 503' })),
      3,
      Date.now(),
    );
    // Another process wins every compare-and-set: EVAL always answers 0.
    const redis = { get: jest.fn(async () => JSON.stringify(open)), eval: jest.fn(async () => 0) };
    const breaker = new CircuitBreaker(
      { client: redis } as unknown as Queue,
      {} as DataSource,
      {} as DeliveryQueue,
      {} as MetricsService,
      { REDIS_PREFIX: 'test' } as Env,
      {} as WebhooksService,
      {} as AuditService,
    );
    const webhook = {
      id: 7,
      tenantId: 1,
      timeoutMs: 1_000,
      circuitBreakerThreshold: 3,
      circuitState: 'open' as const,
      circuitFailures: 3,
      circuitOpenedAt: new Date(),
      circuitReason: 'x',
      circuitEpoch: 0,
    };
    const error = await breaker.closeByHand(webhook).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).getResponse()).toMatchObject({ code: 'circuit_busy', params: { id: 7 } });
    expect(redis.eval).toHaveBeenCalledTimes(5);
  });
});
