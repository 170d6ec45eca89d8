import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { bulkInsert } from '../database/entity-sql';
import { MetricsService } from '../metrics/metrics.service';
import { WebhooksService, WebhookWithSecrets } from '../webhooks/webhooks.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryEvents, DeliverySettled } from './delivery-events';
import { DeliveryQueue } from './delivery-queue.service';
import { Delivery, DeliveryStatus } from './delivery.entity';
import type { AttemptResult } from './http-sender.service';
import { maskHeaders, ownHeaders } from './mask';
import { nextAttemptDelay, verdict, Verdict } from './retry-policy';

export interface SentAttempt {
  delivery: Delivery;
  webhook: WebhookWithSecrets;
  result: AttemptResult;
  sentHeaders: Record<string, string>;
}

interface Decided extends SentAttempt {
  verdict: Verdict;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  lastError: string | null;
}

/**
 * Records attempts in bulk: one multi-row INSERT for the attempts, and one UPDATE per group of
 * deliveries with the same outcome (a mass send's 200s are one statement), then schedules retries.
 */
@Injectable()
export class AttemptRecorder {
  private readonly logger = new Logger(AttemptRecorder.name);

  constructor(
    private readonly db: DataSource,
    private readonly webhooks: WebhooksService,
    private readonly queue: DeliveryQueue,
    private readonly metrics: MetricsService,
    private readonly events: DeliveryEvents,
  ) {}

  async record(sent: SentAttempt[]): Promise<Verdict[]> {
    if (!sent.length) return [];
    const now = Date.now();
    const decided: Decided[] = sent.map((s) => {
      const v = verdict({ status: s.result.status, errorClass: s.result.errorClass });
      const attempt = s.delivery.attempts + 1;
      const delay = v === 'retry'
        ? nextAttemptDelay(attempt, { maxAttempts: s.delivery.maxAttempts, backoffBaseMs: s.webhook.backoffBaseMs }, s.result.retryAfterMs)
        : undefined;
      const status: DeliveryStatus = v === 'delivered' ? 'delivered' : delay !== undefined ? 'pending' : 'failed';
      const lastError = s.result.error ?? (v === 'delivered' ? null : `HTTP ${s.result.status}`);
      return { ...s, verdict: v, status, nextAttemptAt: delay !== undefined ? new Date(now + delay) : null, lastError: lastError?.slice(0, 500) ?? null };
    });

    await this.db.transaction(async (m) => {
      await bulkInsert(m, DeliveryAttempt, decided.map((d) => ({
        deliveryId: d.delivery.id, tenantId: d.delivery.tenantId, number: d.delivery.attempts + 1,
        startedAt: d.result.startedAt, durationMs: d.result.durationMs, requestHeaders: ownHeaders(maskHeaders(d.sentHeaders), d.delivery.requestHeaders),
        statusCode: d.result.status ?? null, responseHeaders: d.result.responseHeaders ?? null,
        responseBody: d.result.responseBody ?? null, responseTruncated: d.result.truncated ?? false,
        errorClass: d.result.errorClass ?? null, error: d.result.error ?? null, verdict: d.verdict,
      })));
      await this.updateDeliveries(m, decided);
    });

    for (const d of decided) {
      this.metrics.attempts.inc({ verdict: d.verdict, error_class: d.result.errorClass ?? '' });
      this.metrics.attemptDuration.observe({ verdict: d.verdict }, d.result.durationMs / 1000);
      if (d.status !== 'pending') this.metrics.deliveries.inc({ outcome: d.status, error_class: d.status === 'failed' ? d.result.errorClass ?? '' : '' });
    }
    const settled: DeliverySettled[] = decided
      .filter((d) => d.status === 'delivered' || d.status === 'failed')
      .map((d) => ({ deliveryId: d.delivery.id, tenantId: d.delivery.tenantId, broadcastId: d.delivery.broadcastId, journeyRunId: d.delivery.journeyRunId, status: d.status as 'delivered' | 'failed' }));
    this.events.settled(settled);
    for (const d of decided.filter((x) => x.verdict === 'gone')) {
      this.logger.warn(`webhook ${d.webhook.id} answered 410 Gone: disabled`);
      await this.webhooks.disable(d.webhook.tenantId, d.webhook.id, `receiver answered 410 Gone at ${new Date().toISOString()}`);
    }
    const retries = decided.filter((d) => d.status === 'pending');
    if (retries.length) {
      await this.queue.enqueue(retries.map((d) => ({ ...d.delivery, attempts: d.delivery.attempts + 1, nextAttemptAt: d.nextAttemptAt })));
    }
    return decided.map((d) => d.verdict);
  }

  /** Rows with the same outcome share one UPDATE; retries (each its own due time) go one by one. */
  private async updateDeliveries(m: EntityManager, decided: Decided[]): Promise<void> {
    const groups = new Map<string, Decided[]>();
    for (const d of decided) {
      const key = d.status === 'pending'
        ? `retry:${d.delivery.id}`
        : JSON.stringify([d.status, d.result.status ?? null, d.result.errorClass ?? null, d.lastError, d.delivery.attempts]);
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    for (const rows of groups.values()) {
      const [first] = rows;
      await m.update(
        Delivery,
        { id: In(rows.map((r) => r.delivery.id)), status: 'sending' },
        {
          status: first.status, attempts: first.delivery.attempts + 1, nextAttemptAt: first.nextAttemptAt,
          lockedUntil: null, throttledUntil: null, claimToken: null, lastStatusCode: first.result.status ?? null,
          lastErrorClass: first.result.errorClass ?? null, lastError: first.lastError,
          deliveredAt: first.status === 'delivered' ? new Date() : null,
        },
      );
    }
  }
}
