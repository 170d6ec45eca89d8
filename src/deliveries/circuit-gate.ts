import { Injectable, Logger } from '@nestjs/common';
import { observation, WAKE_SPREAD_MS } from '../webhooks/circuit-breaker';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import type { SentAttempt } from './attempt-recorder.service';
import { CircuitBreaker } from './circuit-breaker.service';
import { DeliveryClaims } from './delivery-claims';
import type { Delivery } from './delivery.entity';

/**
 * The runner's side of a webhook's circuit: which claimed rows may go now, what a wave of attempts
 * tells the circuit, and holding rows back (their claims given back, no attempt used). The
 * circuit's state and rules are CircuitBreaker's.
 */
@Injectable()
export class CircuitGate {
  private readonly logger = new Logger(CircuitGate.name);

  constructor(
    private readonly circuits: CircuitBreaker,
    private readonly claims: DeliveryClaims,
  ) {}

  /**
   * An open circuit holds the rows back (pending, no attempt used) until its cool-down ends; a
   * half-open one lets one row through as the probe and holds the rest until the probe's answer
   * (a success wakes them at once). Redis failing lets everything through.
   */
  async admit(rows: Delivery[], webhook: WebhookWithSecrets): Promise<{ send: Delivery[]; waiting: Delivery[]; probing: boolean }> {
    const admission = await this.circuits.admit(webhook).catch((error) => {
      this.logger.warn(`webhook ${webhook.id}: circuit unknown (${(error as Error).message}); sending`);
      return { kind: 'send' as const };
    });
    if (admission.kind === 'send') return { send: rows, waiting: [], probing: false };
    const [probe, ...rest] = rows;
    const send = admission.kind === 'probe' ? [probe] : [];
    const waiting = admission.kind === 'probe' ? rest : rows;
    await this.holdBack(waiting, admission.kind === 'probe' ? admission.next.probeUntil! : admission.until);
    return { send, waiting, probing: admission.kind === 'probe' };
  }

  /** Tells the circuit how a wave went; returns until when the rest must wait (null: go on). */
  async after(webhook: WebhookWithSecrets, wave: SentAttempt[]): Promise<number | null> {
    if (!webhook.circuitBreakerThreshold) return null;
    return this.circuits
      .afterAttempts(
        webhook,
        wave.map((s) => observation(s.result)),
      )
      .catch((error) => {
        this.logger.error(`webhook ${webhook.id}: circuit not updated: ${(error as Error).message}`);
        return null;
      });
  }

  /** Until when the circuit holds this webhook's messages now (null: not held; unknown counts as not held). */
  heldUntil(webhook: WebhookWithSecrets): Promise<number | null> {
    return this.circuits.heldUntil(webhook).catch(() => null);
  }

  /** Rows the circuit holds back: pending again, no attempt used, due when it may let them go (spread out). */
  async holdBack(rows: Delivery[], until: number): Promise<void> {
    if (rows.length)
      await this.claims.giveBack(rows, new Date(Date.now() + Math.max(0, until - Date.now()) + Math.floor(Math.random() * WAKE_SPREAD_MS)), false);
  }
}
