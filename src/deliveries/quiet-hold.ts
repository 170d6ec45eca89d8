import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { QuietClock } from '../quiet-hours/quiet-clock.service';
import { QUIET_CACHE_MS, QuietHoursPolicy } from '../quiet-hours/quiet-hours-policy.service';
import { Delivery } from './delivery.entity';
import { isMarketingMessage } from './marketing-message';

interface Item {
  webhook: { tenantId: number; id: number; transactional: boolean };
  source: Delivery['source'];
  journeyId?: number;
}

/**
 * Quiet hours in the engine: a marketing message due while its window is closed is `deferred` until
 * the opening (not queued, no attempt counted). Asked at creation (rows stored deferred) and again
 * right before an attempt (a retry or a message that waited past the window's end goes back).
 */
@Injectable()
export class QuietHold implements OnModuleInit {
  private readonly logger = new Logger(QuietHold.name);

  constructor(
    private readonly db: DataSource,
    private readonly policy: QuietHoursPolicy,
    private readonly clock: QuietClock,
  ) {}

  /**
   * Quiet hours changed (turned off, other windows): the tenant's held messages are due again once every
   * process has read the change (its cache expired), and the attempt decides anew — send, or defer to the new opening.
   */
  onModuleInit(): void {
    this.policy.onChange(async (tenantId) => {
      const due = new Date(this.clock.now().getTime() + QUIET_CACHE_MS + 1_000);
      await this.db
        .query("UPDATE `deliveries` SET `nextAttemptAt` = ? WHERE `tenantId` = ? AND `status` = 'deferred'", [due, tenantId])
        .catch((error: Error) => this.logger.error(`held messages of tenant ${tenantId} were not re-decided: ${error.message}`));
    });
  }

  /** Loads the settings the items' holds need (once per tenant per few seconds). */
  async prepare(items: Item[]): Promise<void> {
    const tenants = items.filter((i) => isMarketingMessage(i.source, i.webhook)).map((i) => i.webhook.tenantId);
    if (tenants.length) await this.policy.prepare(tenants);
  }

  /** At creation: until when a new message waits (null: it goes now; unprepared tenants are left to the attempt). */
  holdAtCreation(item: Item): Date | null {
    if (!isMarketingMessage(item.source, item.webhook)) return null;
    return this.policy.holdUntil({ tenantId: item.webhook.tenantId, webhookId: item.webhook.id, journeyId: item.journeyId }, this.clock.now()) ?? null;
  }

  /**
   * Before an attempt: the claimed rows of one webhook whose window is closed go back to `deferred`
   * (under this claim only, so a row another worker took over is left alone). Returns the rows that may go.
   */
  async holdClaimed(rows: Delivery[], webhook: { tenantId: number; id: number; transactional: boolean }): Promise<{ go: Delivery[]; held: Delivery[] }> {
    const marketing = rows.filter((r) => isMarketingMessage(r.source, webhook));
    if (!marketing.length) return { go: rows, held: [] };
    await this.policy.prepare([webhook.tenantId]);
    const runs = this.policy.hasJourneyOverrides(webhook.tenantId)
      ? await this.policy.journeysOf(marketing.filter((r) => r.source === 'journey' && r.sourceId).map((r) => Number(r.sourceId)))
      : new Map<number, number | null>();
    const now = this.clock.now();
    const until = new Map<number, Delivery[]>();
    for (const r of marketing) {
      const journeyId = r.source === 'journey' && r.sourceId ? runs.get(Number(r.sourceId)) : null;
      const hold = this.policy.holdUntil({ tenantId: webhook.tenantId, webhookId: webhook.id, journeyId }, now);
      if (hold) until.set(hold.getTime(), [...(until.get(hold.getTime()) ?? []), r]);
    }
    if (!until.size) return { go: rows, held: [] };
    for (const [at, group] of until) {
      await this.db
        .getRepository(Delivery)
        .update(
          { id: In(group.map((r) => r.id)), status: 'sending', claimToken: In([...new Set(group.map((r) => r.claimToken))]) },
          { status: 'deferred', nextAttemptAt: new Date(at), lockedUntil: null, claimToken: null, throttledUntil: null },
        );
    }
    const held = new Set([...until.values()].flat().map((r) => r.id));
    return { go: rows.filter((r) => !held.has(r.id)), held: rows.filter((r) => held.has(r.id)) };
  }
}
