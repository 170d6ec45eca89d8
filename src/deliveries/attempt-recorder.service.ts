import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { retryOnDeadlock } from '../database/deadlock-retry';
import { bulkInsert } from '../database/entity-sql';
import { MetricsService } from '../metrics/metrics.service';
import { WebhooksService, WebhookWithSecrets } from '../webhooks/webhooks.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryEvents, DeliverySettled } from './delivery-events';
import { DeliveryQueue } from './delivery-queue.service';
import { Delivery, DeliveryStatus } from './delivery.entity';
import type { AttemptResult } from './http-sender.service';
import { type AttemptRequest, shownRequest } from './attempt-request';
import { ownHeaders } from '../common/credential-mask';
import { StatsTally } from './delivery-stats';
import { DeliveryStatsBuffer } from './delivery-stats-buffer.service';
import { nextAttemptDelay, verdict, Verdict } from './retry-policy';

export interface SentAttempt {
  delivery: Delivery;
  webhook: WebhookWithSecrets;
  result: AttemptResult;
  /** The request as it went out, unmasked (masked here before it is stored). */
  sent: AttemptRequest;
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
    private readonly stats: DeliveryStatsBuffer,
  ) {}

  async record(sent: SentAttempt[]): Promise<Verdict[]> {
    if (!sent.length) return [];
    const now = Date.now();
    const decided: Decided[] = sent.map((s) => {
      const v = verdict({ status: s.result.status, errorClass: s.result.errorClass }, { retryRejected: s.webhook.retryRejected });
      const attempt = s.delivery.attempts + 1;
      const delay =
        v === 'retry'
          ? nextAttemptDelay(attempt, { maxAttempts: s.delivery.maxAttempts, backoffBaseMs: s.webhook.backoffBaseMs }, s.result.retryAfterMs)
          : undefined;
      const status: DeliveryStatus = v === 'delivered' ? 'delivered' : delay !== undefined ? 'pending' : 'failed';
      const lastError = s.result.error ?? (v === 'delivered' ? null : `HTTP ${s.result.status}`);
      return { ...s, verdict: v, status, nextAttemptAt: delay !== undefined ? new Date(now + delay) : null, lastError: lastError?.slice(0, 500) ?? null };
    });

    // Normally every row is still this attempt's; when a claim was taken over meanwhile (a
    // sweeper after an expired claim, another worker's defer), only rows whose attempt number is
    // still free are recorded, so one stale row cannot fail the whole batch's record.
    // Either transaction may be a deadlock victim (beside a range cancel or a sweeper): it wrote
    // nothing then, and running it again is safe — the attempt count keys the write.
    const recorded = await retryOnDeadlock(() => this.db.transaction((m) => this.updateDeliveries(m, decided, false))).catch(async (error) => {
      if (!(error instanceof AttemptTaken)) throw error;
      return retryOnDeadlock(() => this.db.transaction((m) => this.updateDeliveries(m, decided, true)));
    });
    const verdicts = decided.map((d) => d.verdict);
    const stats = new StatsTally();
    for (const d of recorded) {
      stats.attempt(d.delivery, d.result.durationMs, d.verdict !== 'delivered');
      if (d.status === 'delivered' || d.status === 'failed') stats.count(d.delivery, d.status);
    }
    this.stats.add(stats);
    if (recorded.length < decided.length) {
      const again = decided.filter((d) => !recorded.includes(d));
      this.metrics.attempts.inc({ verdict: 'duplicate', error_class: '' }, again.length);
      this.logger.warn(
        `${again.length} message(s) sent again after that attempt was recorded elsewhere (at-least-once after a claim takeover), not recorded twice: ${again.map((d) => d.delivery.id).join(', ')}`,
      );
    }
    for (const d of recorded) {
      this.metrics.attempts.inc({ verdict: d.verdict, error_class: d.result.errorClass ?? '' });
      this.metrics.attemptDuration.observe({ verdict: d.verdict }, d.result.durationMs / 1000);
      if (d.status !== 'pending') this.metrics.deliveries.inc({ outcome: d.status, error_class: d.status === 'failed' ? (d.result.errorClass ?? '') : '' });
    }
    const settled: DeliverySettled[] = recorded
      .filter((d) => d.status === 'delivered' || d.status === 'failed')
      .map((d) => ({
        deliveryId: d.delivery.id,
        tenantId: d.delivery.tenantId,
        source: d.delivery.source,
        sourceId: d.delivery.sourceId,
        status: d.status as 'delivered' | 'failed',
      }));
    this.events.settled(settled);
    for (const d of recorded.filter((x) => x.verdict === 'gone')) {
      this.logger.warn(`webhook ${d.webhook.id} answered 410 Gone: disabled`);
      await this.webhooks.disable(d.webhook.tenantId, d.webhook.id, `receiver answered 410 Gone at ${new Date().toISOString()}`);
    }
    const retries = recorded.filter((d) => d.status === 'pending');
    if (retries.length) {
      await this.queue.enqueue(retries.map((d) => ({ ...d.delivery, attempts: d.delivery.attempts + 1, nextAttemptAt: d.nextAttemptAt })));
    }
    return verdicts;
  }

  /**
   * Rows with the same outcome share one UPDATE; retries (each its own due time) go one by one.
   * A row is this attempt's while its `attempts` is still the count it was sent with and it is
   * not settled — still `sending`, or `pending` if its claim was taken back meanwhile (recording
   * it then spares the receiver another copy). `careful` first locks the rows and keeps those;
   * otherwise a group that does not match whole throws AttemptTaken (the transaction rolls back).
   * The attempts are inserted after, only for the rows kept. Returns them.
   */
  private async updateDeliveries(m: EntityManager, decided: Decided[], careful: boolean): Promise<Decided[]> {
    let rows = decided;
    if (careful) {
      const current: { id: string; attempts: number; status: string }[] = await m.query(
        'SELECT `id`, `attempts`, `status` FROM `deliveries` WHERE `id` IN (?) FOR UPDATE',
        [decided.map((d) => d.delivery.id)],
      );
      const free = new Set(current.filter((c) => c.status === 'sending' || c.status === 'pending').map((c) => `${c.id}:${c.attempts}`));
      rows = decided.filter((d) => free.has(`${d.delivery.id}:${d.delivery.attempts}`));
    }
    const groups = new Map<string, Decided[]>();
    for (const d of rows) {
      const key =
        d.status === 'pending'
          ? `retry:${d.delivery.id}`
          : JSON.stringify([d.status, d.result.status ?? null, d.result.errorClass ?? null, d.lastError, d.delivery.attempts]);
      const group = groups.get(key);
      if (group) group.push(d);
      else groups.set(key, [d]);
    }
    for (const group of groups.values()) {
      const [first] = group;
      const result = await m.update(
        Delivery,
        { id: In(group.map((r) => r.delivery.id)), attempts: first.delivery.attempts, status: In(['sending', 'pending']) },
        {
          status: first.status,
          attempts: first.delivery.attempts + 1,
          nextAttemptAt: first.nextAttemptAt,
          lockedUntil: null,
          throttledUntil: null,
          claimToken: null,
          lastStatusCode: first.result.status ?? null,
          lastErrorClass: first.result.errorClass ?? null,
          lastError: first.lastError,
          deliveredAt: first.status === 'delivered' ? new Date() : null,
        },
      );
      if (result.affected !== group.length) throw new AttemptTaken();
    }
    if (rows.length) {
      await bulkInsert(
        m,
        DeliveryAttempt,
        rows.map((d) => {
          const shown = shownRequest(d.sent, d.webhook.signatureScheme);
          return {
            deliveryId: d.delivery.id,
            tenantId: d.delivery.tenantId,
            number: d.delivery.attempts + 1,
            startedAt: d.result.startedAt,
            durationMs: d.result.durationMs,
            requestHeaders: ownHeaders(shown.headers, d.delivery.requestHeaders),
            // Only what differs from the message's own (a robot's signed URL or body; a URL changed since).
            requestUrl: shown.url !== d.delivery.requestUrl ? shown.url : null,
            requestBody: shown.body !== undefined && shown.body !== d.delivery.requestBody ? shown.body : null,
            statusCode: d.result.status ?? null,
            responseHeaders: d.result.responseHeaders ?? null,
            responseBody: d.result.responseBody ?? null,
            responseTruncated: d.result.truncated ?? false,
            errorClass: d.result.errorClass ?? null,
            error: d.result.error ?? null,
            verdict: d.verdict,
          };
        }),
      );
    }
    return rows;
  }
}

/** A row of the batch was recorded by someone else meanwhile: record again, row by row. */
class AttemptTaken extends Error {}
