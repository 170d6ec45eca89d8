import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { WebhookLookup } from '../webhooks/webhook-lookup.service';
import { judgeAnswer } from '../webhooks/success-rule';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import { AttemptRecorder, SentAttempt } from './attempt-recorder.service';
import { CircuitGate } from './circuit-gate';
import { DeliveryClaims } from './delivery-claims';
import { attemptRequest } from './attempt-request';
import { DeliveryEvents } from './delivery-events';
import { Delivery } from './delivery.entity';
import { HttpSender, type AttemptResult } from './http-sender.service';
import type { Verdict } from './retry-policy';
import { ThrottleService } from './throttle.service';
import { QuietHold } from './quiet-hold';

/** Rate-limit waits up to this long are slept in the job instead of a delayed job's round trip. */
const IN_PROCESS_WAIT_MS = 1_000;
/** Past a request's timeout, how long its claim must still last (recording the attempt). */
const LEASE_SLACK_MS = 15_000;
/** How long a batch waits for concurrency leases before handing the rest back to the queue. */
const LEASE_WAIT_MS = 5_000;
/** Messages whose webhook could not be loaded (database error, a secret that does not open) wait this long. */
const RELOAD_RETRY_MS = 5_000;
/** Sends at once when the throttle is bypassed (test sends). */
const BYPASS_PARALLELISM = 50;

export type RunOutcome = Verdict | 'skipped' | 'deferred' | 'cancelled';

/**
 * Runs one attempt of each given delivery. Every step is guarded by the row's status and claim
 * token, so duplicate jobs, concurrent workers and the sweeper can all call it: only the caller
 * that claims a row sends it.
 */
@Injectable()
export class DeliveryRunner {
  private readonly logger = new Logger(DeliveryRunner.name);

  constructor(
    private readonly claims: DeliveryClaims,
    private readonly webhooks: WebhookLookup,
    private readonly sender: HttpSender,
    private readonly throttle: ThrottleService,
    private readonly recorder: AttemptRecorder,
    private readonly events: DeliveryEvents,
    private readonly gate: CircuitGate,
    private readonly quiet: QuietHold,
  ) {}

  async run(deliveryId: string, options: { bypassThrottle?: boolean } = {}): Promise<RunOutcome> {
    const [outcome] = await this.runMany([deliveryId], options);
    return outcome ?? 'skipped';
  }

  /** Outcomes of the rows this call claimed (rows claimed elsewhere or not due are left alone). */
  async runMany(ids: string[], options: { bypassThrottle?: boolean } = {}): Promise<RunOutcome[]> {
    return this.runClaimed(await this.claims.claim(ids), options);
  }

  /**
   * One attempt of rows this process already holds (`sending`, its claim token): claimed by
   * runMany, or created claimed by a test send (which skips the claim's round trips). A webhook
   * the caller has just loaded saves its lookup.
   */
  async runClaimed(rows: Delivery[], options: { bypassThrottle?: boolean; webhook?: WebhookWithSecrets } = {}): Promise<RunOutcome[]> {
    const blocked = await this.events.blocked(rows);
    const outcomes: RunOutcome[] = [];
    if (blocked.size) {
      await this.finish(
        rows.filter((r) => blocked.has(r.id)),
        'its mass send was cancelled: not sent',
      );
      outcomes.push(...[...blocked].map(() => 'cancelled' as const));
    }
    const byWebhook = new Map<string, Delivery[]>();
    for (const row of rows) {
      if (blocked.has(row.id)) continue;
      const key = `${row.tenantId}:${row.webhookId}`;
      // Pushed, not copied: a copy per row made a batch of 100 allocate 100 growing arrays.
      const group = byWebhook.get(key);
      if (group) group.push(row);
      else byWebhook.set(key, [row]);
    }
    for (let group of byWebhook.values()) {
      const given = options.webhook?.id === group[0].webhookId && options.webhook.tenantId === group[0].tenantId ? options.webhook : undefined;
      const webhook =
        given ??
        (await this.webhooks.get(group[0].tenantId, group[0].webhookId).catch(async (error) => {
          // Not "deleted": the database or a secret failed us. Hand the rows back for later, never cancel them.
          this.logger.error(
            `webhook ${group[0].webhookId} could not be loaded (${(error as Error).message}); retrying its messages in ${RELOAD_RETRY_MS / 1000} s`,
          );
          await this.defer(group, RELOAD_RETRY_MS + Math.floor(Math.random() * 1_000), false);
          return undefined;
        }));
      if (webhook === undefined) {
        outcomes.push(...group.map(() => 'deferred' as const));
        continue;
      }
      if (!webhook || !webhook.enabled) {
        await this.finish(group, `webhook ${webhook ? 'disabled' : 'deleted'}: not sent`);
        outcomes.push(...group.map(() => 'cancelled' as const));
        continue;
      }
      // Quiet hours: marketing messages due in a closed window wait for it to open (no attempt counted).
      const { go, held: quiet } = await this.quiet.holdClaimed(group, webhook);
      outcomes.push(...quiet.map(() => 'deferred' as const));
      if (!go.length) continue;
      group = go;
      // Test sends bypass the circuit: a marketer testing a sick endpoint wants its answer.
      let probe = false;
      if (!options.bypassThrottle) {
        const { send, waiting, probing } = await this.gate.admit(group, webhook);
        outcomes.push(...waiting.map(() => 'deferred' as const));
        if (!send.length) continue;
        group = send;
        probe = probing;
      }
      const sent: SentAttempt[] = [];
      if (options.bypassThrottle) {
        for (let i = 0; i < group.length; i += BYPASS_PARALLELISM) {
          const part = await this.stillHeld(group.slice(i, i + BYPASS_PARALLELISM), webhook);
          sent.push(...(await Promise.all(part.map((d) => this.send(d, webhook)))));
        }
      } else if (webhook.rateLimitPerMinute) {
        for (let i = 0; i < group.length; i++) {
          const attempt = await this.sendRateLimited(group[i], webhook);
          if (!attempt) {
            outcomes.push('deferred');
            continue;
          }
          sent.push(attempt);
          const held = await this.gate.after(webhook, [attempt]);
          if (held !== null) {
            const rest = group.slice(i + 1);
            await this.gate.holdBack(rest, held);
            outcomes.push(...rest.map(() => 'deferred' as const));
            break;
          }
        }
      } else {
        const { done, deferred, cancelled } = await this.sendWithLeases(group, webhook, probe);
        sent.push(...done);
        outcomes.push(...deferred.map(() => 'deferred' as const), ...cancelled.map(() => 'cancelled' as const));
      }
      outcomes.push(...(await this.recorder.record(sent)));
    }
    return outcomes;
  }

  /**
   * Concurrency only: takes as many leases as are free, sends that many at once, repeats. Gates
   * are asked again before each wave: a cancel reaches rows this batch has claimed but not sent;
   * and each wave's results go to the webhook's circuit, which may hold back the rest.
   */
  private async sendWithLeases(
    rows: Delivery[],
    webhook: WebhookWithSecrets,
    probe = false,
  ): Promise<{ done: SentAttempt[]; deferred: Delivery[]; cancelled: Delivery[] }> {
    const done: SentAttempt[] = [];
    const cancelled: Delivery[] = [];
    let waiting = rows;
    const giveUpAt = Date.now() + LEASE_WAIT_MS;
    let first = true;
    let waited = false;
    while (waiting.length) {
      if (!first) {
        const blocked = await this.events.blocked(waiting);
        if (blocked.size) {
          const stop = waiting.filter((r) => blocked.has(r.id));
          await this.finish(stop, 'its mass send was cancelled: not sent');
          cancelled.push(...stop);
          waiting = waiting.filter((r) => !blocked.has(r.id));
          if (!waiting.length) break;
        }
      }
      first = false;
      const leases = await this.throttle.acquireMany(webhook.id, webhook.concurrency, waiting.length, randomUUID(), webhook.timeoutMs + LEASE_SLACK_MS);
      if (!leases.length) {
        if (Date.now() > giveUpAt) {
          await this.defer(waiting, 100 + Math.floor(Math.random() * 400), false);
          return { done, deferred: waiting, cancelled };
        }
        waited = true;
        await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 30)));
        continue;
      }
      // After waiting for leases, others' waves have finished meanwhile: their results may have opened the circuit.
      if (waited && !probe && webhook.circuitBreakerThreshold) {
        waited = false;
        const held = await this.gate.heldUntil(webhook);
        if (held !== null) {
          await this.throttle.release(webhook.id, ...leases).catch(() => undefined);
          await this.gate.holdBack(waiting, held);
          return { done, deferred: waiting, cancelled };
        }
      }
      const next = waiting.slice(0, leases.length);
      waiting = waiting.slice(leases.length);
      let held: number | null;
      try {
        const wave = await this.stillHeld(next, webhook);
        const results = await Promise.all(wave.map((d) => this.send(d, webhook)));
        done.push(...results);
        // Told before the leases go back, so the batches waiting for them see the circuit as it is now.
        held = await this.gate.after(webhook, results);
      } finally {
        await this.throttle.release(webhook.id, ...leases).catch(() => undefined);
      }
      // The circuit opened on this wave (or elsewhere): the rest of the batch waits, attempts unused.
      if (held !== null && waiting.length) {
        await this.gate.holdBack(waiting, held);
        return { done, deferred: waiting, cancelled };
      }
    }
    return { done, deferred: [], cancelled };
  }

  /** Rate limited: each message takes a lease and its own rate slot, or waits for the slot it reserved. */
  private async sendRateLimited(d: Delivery, webhook: WebhookWithSecrets): Promise<SentAttempt | null> {
    // A reserved rate slot is exact: a job that woke early waits out the rest, never sends early.
    const untilSlot = (d.throttledUntil?.getTime() ?? 0) - Date.now();
    if (untilSlot > 0) {
      await this.defer([d], untilSlot, true);
      return null;
    }
    const leaseId = `${d.id}:${d.attempts}`;
    const limits = { webhookId: webhook.id, concurrency: webhook.concurrency, rateLimitPerMinute: webhook.rateLimitPerMinute };
    let reserved = !!d.throttledUntil;
    let acquired = await this.throttle.acquire(limits, leaseId, webhook.timeoutMs + LEASE_SLACK_MS, reserved);
    // A short wait (the slot just reserved, or the spacing after the last send) is slept here: a
    // round trip through a delayed job for a few milliseconds would cost more than the wait.
    for (let i = 0; i < 3 && !acquired.ok && !acquired.busy && acquired.waitMs <= IN_PROCESS_WAIT_MS; i++) {
      await new Promise((r) => setTimeout(r, acquired.ok || acquired.busy ? 0 : acquired.waitMs));
      reserved = true;
      acquired = await this.throttle.acquire(limits, leaseId, webhook.timeoutMs + LEASE_SLACK_MS, reserved);
    }
    if (!acquired.ok) {
      // Busy: try again shortly. Rate limited: wake exactly at the reserved slot.
      await this.defer([d], acquired.busy ? 50 + Math.floor(Math.random() * 200) : acquired.waitMs, !acquired.busy);
      return null;
    }
    try {
      return (await this.stillHeld([d], webhook)).length ? await this.send(d, webhook) : null;
    } finally {
      await this.throttle.release(webhook.id, leaseId).catch(() => undefined);
    }
  }

  /**
   * Before a send: the rows' claim must outlast the request (timeout + slack). A batch sent in
   * several waves, or one that waited for leases, renews it; rows whose claim expired meanwhile
   * (the sweeper gave them to another worker) are left to that worker, never sent twice here.
   */
  private async stillHeld(rows: Delivery[], webhook: WebhookWithSecrets): Promise<Delivery[]> {
    const needed = Date.now() + webhook.timeoutMs + LEASE_SLACK_MS;
    if (!rows.length || rows.every((r) => (r.lockedUntil?.getTime() ?? 0) >= needed)) return rows;
    const until = new Date(needed);
    const mine = await this.claims.renew(rows, until);
    if (mine.size < rows.length) this.logger.warn(`${rows.length - mine.size} claimed message(s) were taken over before being sent; not sending them here`);
    return rows.filter((r) => mine.has(r.id)).map((r) => Object.assign(r, { lockedUntil: until }));
  }

  private async send(d: Delivery, webhook: WebhookWithSecrets): Promise<SentAttempt> {
    const sent = attemptRequest(d, webhook, d.attempts + 1, new Date());
    const result = judged(webhook, await this.sender.send({ method: d.requestMethod, ...sent, timeoutMs: webhook.timeoutMs }));
    return { delivery: d, webhook, result, sent };
  }

  /** Gives claims back without an attempt: the rows wait for their throttle slot (or a free lease). */
  private defer(rows: Delivery[], waitMs: number, slotReserved: boolean): Promise<void> {
    return this.claims.giveBack(rows, new Date(Date.now() + waitMs), slotReserved);
  }

  private finish(rows: Delivery[], reason: string): Promise<void> {
    return this.claims.cancel(rows, reason);
  }
}

/**
 * A 2xx answer judged by the webhook's success rule: one the rule rejects becomes a `rejected` failure with the
 * receiver's message, its status and body kept for the log. The circuit does not count it (the receiver answered).
 */
function judged(webhook: WebhookWithSecrets, result: AttemptResult): AttemptResult {
  if (!webhook.successRule || result.status === undefined || result.status < 200 || result.status >= 300) return result;
  const judgement = judgeAnswer(webhook.successRule, { status: result.status, headers: result.responseHeaders ?? {}, body: result.responseBody });
  return judgement.accepted ? result : { ...result, errorClass: 'rejected', error: judgement.reason };
}
