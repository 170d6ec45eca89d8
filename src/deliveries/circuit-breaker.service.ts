import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { conflict } from '../common/api-error';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Env } from '../config/env';
import { MetricsService } from '../metrics/metrics.service';
import { QUEUES } from '../queues/queues';
import type { TenantRef } from '../common/tenant-ref';
import type { WebhookView } from '../webhooks/webhook-view';
import { WebhooksService, WebhookWithSecrets } from '../webhooks/webhooks.service';
import {
  admit,
  Admission,
  afterAttempts,
  Circuit,
  closedByHand,
  currentCircuit,
  heldUntil,
  Observation,
  toColumns,
  waitingUntil,
} from '../webhooks/circuit-breaker';
import { DeliveryQueue } from './delivery-queue.service';

/** Set the key to ARGV[2] only if it still holds ARGV[1] ('' = missing): one state change wins, the others re-read. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;
const CAS_TRIES = 5;
/** A probe may take its request timeout plus this before another message probes. */
const PROBE_SLACK_MS = 15_000;
const RELEASE_PAGE = 1_000;

type CircuitWebhook = Pick<
  WebhookWithSecrets,
  'id' | 'tenantId' | 'timeoutMs' | 'circuitBreakerThreshold' | 'circuitState' | 'circuitFailures' | 'circuitOpenedAt' | 'circuitReason' | 'circuitEpoch'
>;

/**
 * The circuit of each webhook, shared by every worker and api process: state in Redis (one JSON
 * value per webhook, changed by compare-and-set), each change of state mirrored onto the webhook
 * row (what the API shows, and what restores the state if Redis loses it). The hot path of a
 * healthy webhook costs one GET before a batch and one after it.
 */
@Injectable()
export class CircuitBreaker {
  private readonly logger = new Logger(CircuitBreaker.name);

  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly redisOwner: Queue,
    private readonly db: DataSource,
    private readonly deliveryQueue: DeliveryQueue,
    private readonly metrics: MetricsService,
    private readonly env: Env,
    private readonly webhooks: WebhooksService,
    private readonly audit: AuditService,
  ) {}

  /** May this webhook's messages go now? A failing Redis lets them go (the throttle needs Redis anyway). */
  async admit(webhook: CircuitWebhook): Promise<Admission> {
    if (!webhook.circuitBreakerThreshold) return { kind: 'send' };
    for (let i = 0; i < CAS_TRIES; i++) {
      const { raw, circuit } = await this.read(webhook);
      const admission = admit(circuit, Date.now(), this.env.CIRCUIT_COOLDOWN_MS, webhook.timeoutMs + PROBE_SLACK_MS);
      if (admission.kind !== 'probe') return admission;
      if (await this.write(webhook, raw, circuit, admission.next)) return admission;
    }
    // Others kept changing it: one of them is probing.
    return { kind: 'wait', until: Date.now() + 1_000 };
  }

  /** Until when the webhook's messages are held back now, or null. */
  async heldUntil(webhook: CircuitWebhook): Promise<number | null> {
    if (!webhook.circuitBreakerThreshold) return null;
    const { circuit } = await this.read(webhook);
    return heldUntil(circuit, this.env.CIRCUIT_COOLDOWN_MS, Date.now());
  }

  /**
   * Feeds attempts' results (in order: the engine calls it after each wave of a batch, so a batch
   * stops as soon as its webhook's circuit opens). Returns until when the webhook's other messages
   * are held back, or null when they may go. Test sends are not fed.
   */
  async afterAttempts(webhook: CircuitWebhook, seen: Observation[]): Promise<number | null> {
    if (!webhook.circuitBreakerThreshold) return null;
    for (let i = 0; i < CAS_TRIES; i++) {
      const { raw, circuit } = await this.read(webhook);
      const now = Date.now();
      const next = afterAttempts(circuit, seen, webhook.circuitBreakerThreshold, now);
      if (next === circuit || (await this.write(webhook, raw, circuit, next))) return heldUntil(next, this.env.CIRCUIT_COOLDOWN_MS, now);
    }
    this.logger.warn(`webhook ${webhook.id}: circuit changed under ${CAS_TRIES} tries; these results were not counted`);
    return null;
  }

  /** POST /api/webhooks/:id/circuit/close: closed, and the waiting messages go at once (404 for another tenant's). */
  async closeWebhook(tenant: TenantRef, id: number): Promise<WebhookView> {
    const from = await this.closeByHand(await this.webhooks.findRow(tenant.id, id));
    // The circuit lives in Redis (the row follows it): no transaction to join, the entry is written once it closed.
    if (from) {
      const change = { before: { circuitState: from }, after: { circuitState: 'closed' } };
      await this.audit.recordAlone({ tenantId: tenant.id, resource: 'webhook', resourceId: id, action: 'circuit_closed', ...change });
    }
    return this.webhooks.get(tenant, id);
  }

  /** Closes the circuit; answers the state it closed from, or null when it was closed already. */
  async closeByHand(webhook: CircuitWebhook): Promise<Circuit['state'] | null> {
    for (let i = 0; i < CAS_TRIES; i++) {
      const { raw, circuit } = await this.read(webhook);
      const next = closedByHand(circuit);
      if (next === circuit) return null;
      if (await this.write(webhook, raw, circuit, next)) return circuit.state;
    }
    // Workers kept changing it (a burst of results): the caller may simply try again, not a server error.
    throw conflict('circuit_busy', `Webhook ${webhook.id}: the circuit kept changing; try again`, { id: webhook.id });
  }

  private key(webhookId: number): string {
    return `${this.env.REDIS_PREFIX}:circuit:${webhookId}`;
  }

  private async read(webhook: CircuitWebhook): Promise<{ raw: string; circuit: Circuit }> {
    const raw = (await this.redisOwner.client.get(this.key(webhook.id))) ?? '';
    return { raw, circuit: currentCircuit(raw ? (JSON.parse(raw) as Circuit) : null, webhook) };
  }

  /** Compare-and-set; on a change of state also the row, the metric, and (on closing) the waiting messages. */
  private async write(webhook: CircuitWebhook, raw: string, before: Circuit, next: Circuit): Promise<boolean> {
    const set = Number(await this.redisOwner.client.eval(COMPARE_AND_SET, 1, this.key(webhook.id), raw, JSON.stringify(next)));
    if (!set) return false;
    if (next.epoch !== before.epoch) {
      await this.webhooks.recordCircuit(webhook.id, toColumns(next));
      this.metrics.circuitTransitions.inc({ to: next.state });
      if (next.state === 'open') this.logger.warn(`webhook ${webhook.id}: circuit open (${next.reason})`);
      else this.logger.log(`webhook ${webhook.id}: circuit ${next.state}`);
      if (next.state === 'closed') {
        await this.wake(webhook, before).catch((error) =>
          this.logger.error(`webhook ${webhook.id}: waking its waiting messages failed (they go at their due time): ${(error as Error).message}`),
        );
      }
    }
    return true;
  }

  /** Messages the circuit made wait are due now (they would otherwise sleep out the cool-down). */
  private async wake(webhook: CircuitWebhook, before: Circuit): Promise<void> {
    const until = new Date(waitingUntil(before, this.env.CIRCUIT_COOLDOWN_MS));
    for (;;) {
      const now = new Date();
      const rows: { id: string; tenantId: number; attempts: number }[] = await this.db.query(
        "SELECT `id`, `tenantId`, `attempts` FROM `deliveries` WHERE `status` = 'pending' AND `nextAttemptAt` > ? AND `nextAttemptAt` <= ? " +
          'AND `webhookId` = ? ORDER BY `nextAttemptAt` LIMIT ?',
        [now, until, webhook.id, RELEASE_PAGE],
      );
      if (!rows.length) return;
      await this.db.query("UPDATE `deliveries` SET `nextAttemptAt` = ? WHERE `id` IN (?) AND `status` = 'pending'", [now, rows.map((r) => r.id)]);
      await this.deliveryQueue.enqueue(
        rows.map((r) => ({ ...r, nextAttemptAt: now })),
        { batch: true },
      );
      if (rows.length < RELEASE_PAGE) return;
    }
  }
}
