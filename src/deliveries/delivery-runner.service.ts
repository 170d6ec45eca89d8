import { Injectable, Logger } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { signatureHeaders, SigningKeys } from '../signing/sign';
import { WebhooksService, WebhookWithSecrets } from '../webhooks/webhooks.service';
import { baseHeaders } from './deliveries.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryQueue } from './delivery-queue.service';
import { Delivery, DeliveryStatus } from './delivery.entity';
import { AttemptResult, HttpSender } from './http-sender.service';
import { maskHeaders } from './mask';
import { nextAttemptDelay, verdict, Verdict } from './retry-policy';
import { ThrottleService } from './throttle.service';

/** A job may fire this early (timer granularity) and still claim its delivery. */
const EARLY_TOLERANCE_MS = 50;
/** Beyond the request timeout, how long a claim lasts before the sweeper may take it back. */
const LEASE_SLACK_MS = 15_000;
const WEBHOOK_CACHE_MS = 1_000;

export type RunOutcome = Verdict | 'skipped' | 'deferred' | 'cancelled';

/**
 * Runs one attempt of one delivery. Every step is guarded by the row's status, so duplicate jobs,
 * concurrent workers and the sweeper can all call it: only the one that claims the row sends.
 */
@Injectable()
export class DeliveryRunner {
  private readonly logger = new Logger(DeliveryRunner.name);
  private readonly webhookCache = new Map<string, { at: number; webhook: WebhookWithSecrets | null }>();

  constructor(
    private readonly db: DataSource,
    private readonly webhooks: WebhooksService,
    private readonly sender: HttpSender,
    private readonly throttle: ThrottleService,
    private readonly queue: DeliveryQueue,
    private readonly metrics: MetricsService,
  ) {}

  async run(deliveryId: string, options: { bypassThrottle?: boolean } = {}): Promise<RunOutcome> {
    const delivery = await this.claim(deliveryId);
    if (!delivery) return 'skipped';
    const webhook = await this.webhook(delivery.tenantId, delivery.webhookId);
    if (!webhook || !webhook.enabled) {
      await this.finish(delivery, 'cancelled', { lastError: `webhook ${webhook ? 'disabled' : 'deleted'}: not sent` });
      this.metrics.deliveries.inc({ outcome: 'cancelled' });
      return 'cancelled';
    }
    const leaseId = `${delivery.id}:${delivery.attempts}`;
    if (!options.bypassThrottle) {
      // A reserved rate slot is exact: a job that woke early waits out the rest, never sends early.
      const untilSlot = (delivery.throttledUntil?.getTime() ?? 0) - Date.now();
      if (untilSlot > 0) {
        await this.defer(delivery, untilSlot, true);
        return 'deferred';
      }
      const slotReserved = !!delivery.throttledUntil;
      const acquired = await this.throttle.acquire(
        { webhookId: webhook.id, concurrency: webhook.concurrency, rateLimitPerMinute: webhook.rateLimitPerMinute },
        leaseId, webhook.timeoutMs + LEASE_SLACK_MS, slotReserved,
      );
      if (!acquired.ok) {
        // Busy: try again shortly. Rate limited: wake exactly at the reserved slot.
        const waitMs = acquired.busy ? 50 + Math.floor(Math.random() * 200) : acquired.waitMs;
        await this.defer(delivery, waitMs, !acquired.busy);
        return 'deferred';
      }
    }
    let result: AttemptResult;
    let sentHeaders: Record<string, string>;
    try {
      ({ result, sentHeaders } = await this.send(delivery, webhook));
    } finally {
      if (!options.bypassThrottle) await this.throttle.release(webhook.id, leaseId).catch(() => undefined);
    }
    return this.record(delivery, webhook, result, sentHeaders);
  }

  /** Atomically takes a due, pending delivery. */
  private async claim(id: string): Promise<Delivery | null> {
    const now = Date.now();
    const result = await this.db.getRepository(Delivery).update(
      { id, status: 'pending', nextAttemptAt: LessThanOrEqual(new Date(now + EARLY_TOLERANCE_MS)) },
      { status: 'sending', lockedUntil: new Date(now + 60_000 + LEASE_SLACK_MS) },
    );
    if (!result.affected) return null;
    return this.db.getRepository(Delivery).findOneBy({ id });
  }

  private async webhook(tenantId: number, id: number): Promise<WebhookWithSecrets | null> {
    const key = `${tenantId}:${id}`;
    const cached = this.webhookCache.get(key);
    if (cached && Date.now() - cached.at < WEBHOOK_CACHE_MS) return cached.webhook;
    const webhook = await this.webhooks.findWithSecrets(tenantId, id).catch(() => null);
    this.webhookCache.set(key, { at: Date.now(), webhook });
    return webhook;
  }

  private async send(d: Delivery, webhook: WebhookWithSecrets) {
    const now = new Date();
    const keys: SigningKeys | undefined = webhook.secret
      ? {
          current: webhook.secret,
          previous: webhook.previousSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now
            ? webhook.previousSecret : undefined,
        }
      : undefined;
    const body = d.requestMethod === 'GET' ? undefined : d.requestBody;
    const headers = {
      ...baseHeaders(d, webhook),
      'X-Herald-Attempt': String(d.attempts + 1),
      ...signatureHeaders(webhook.signatureScheme, keys, d.id, body ?? '', now),
    };
    const result = await this.sender.send({ method: d.requestMethod, url: webhook.url, headers, body, timeoutMs: webhook.timeoutMs });
    return { result, sentHeaders: headers };
  }

  private async record(d: Delivery, webhook: WebhookWithSecrets, result: AttemptResult, sentHeaders: Record<string, string>): Promise<Verdict> {
    const v = verdict({ status: result.status, errorClass: result.errorClass });
    const attemptNumber = d.attempts + 1;
    const delay = v === 'retry' ? nextAttemptDelay(attemptNumber, { maxAttempts: d.maxAttempts, backoffBaseMs: webhook.backoffBaseMs }, result.retryAfterMs) : undefined;
    const status: DeliveryStatus = v === 'delivered' ? 'delivered' : delay !== undefined ? 'pending' : 'failed';
    const nextAttemptAt = delay !== undefined ? new Date(Date.now() + delay) : null;
    const lastError = result.error ?? (v === 'delivered' ? null : `HTTP ${result.status}`);

    await this.db.transaction(async (m) => {
      await m.insert(DeliveryAttempt, {
        deliveryId: d.id, tenantId: d.tenantId, number: attemptNumber, startedAt: result.startedAt, durationMs: result.durationMs,
        requestHeaders: maskHeaders(sentHeaders), statusCode: result.status ?? null, responseHeaders: result.responseHeaders ?? null,
        responseBody: result.responseBody ?? null, responseTruncated: result.truncated ?? false,
        errorClass: result.errorClass ?? null, error: result.error ?? null, verdict: v,
      });
      await m.update(Delivery, { id: d.id, status: 'sending' }, {
        status, attempts: attemptNumber, nextAttemptAt, lockedUntil: null, throttledUntil: null,
        lastStatusCode: result.status ?? null, lastErrorClass: result.errorClass ?? null, lastError: lastError?.slice(0, 500) ?? null,
        deliveredAt: v === 'delivered' ? new Date() : null,
      });
    });

    this.metrics.attempts.inc({ verdict: v, error_class: result.errorClass ?? '' });
    this.metrics.attemptDuration.observe({ verdict: v }, result.durationMs / 1000);
    if (status !== 'pending') this.metrics.deliveries.inc({ outcome: status });
    if (v === 'gone') {
      this.logger.warn(`webhook ${webhook.id} answered 410 Gone: disabled`);
      await this.webhooks.disable(webhook.tenantId, webhook.id, `receiver answered 410 Gone at ${new Date().toISOString()}`);
      this.webhookCache.delete(`${webhook.tenantId}:${webhook.id}`);
    }
    if (status === 'pending') await this.queue.enqueue([{ ...d, attempts: attemptNumber, nextAttemptAt }]);
    return v;
  }

  /** Gives the claim back without an attempt: the delivery waits for its throttle slot. */
  private async defer(d: Delivery, waitMs: number, slotReserved: boolean): Promise<void> {
    const nextAttemptAt = new Date(Date.now() + waitMs);
    await this.db.getRepository(Delivery).update(
      { id: d.id, status: 'sending' },
      { status: 'pending', lockedUntil: null, nextAttemptAt, throttledUntil: slotReserved ? nextAttemptAt : d.throttledUntil },
    );
    await this.queue.enqueue([{ ...d, nextAttemptAt }]);
  }

  private async finish(d: Delivery, status: DeliveryStatus, fields: Partial<Delivery>): Promise<void> {
    await this.db.getRepository(Delivery).update({ id: d.id, status: 'sending' }, { status, lockedUntil: null, nextAttemptAt: null, ...fields });
  }
}
