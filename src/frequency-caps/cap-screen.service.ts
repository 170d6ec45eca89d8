import { Injectable, OnModuleInit } from '@nestjs/common';
import { DeliveryEvents } from '../deliveries/delivery-events';
import type { SkipReason } from '../deliveries/delivery-events';
import { WebhookLookup } from '../webhooks/webhook-lookup.service';
import { CapReservations } from './cap-reservations.service';
import { FrequencyCapsService } from './frequency-caps.service';
import { CandidateMessage, isMarketing, mayBeMarketing, reservationOf } from './marketing';

/**
 * Applies the caps as messages are created: each batch the engine is about to store (a fan-out
 * page, a journey round) is reserved in one Redis call, and the messages over a cap are stored
 * `skipped` (frequency_cap) and never queued. A message counts from its creation: sent, failed,
 * deferred by quiet hours or cancelled later, it took one of the customer's slots.
 */
@Injectable()
export class CapScreen implements OnModuleInit {
  constructor(
    private readonly events: DeliveryEvents,
    private readonly settings: FrequencyCapsService,
    private readonly webhooks: WebhookLookup,
    private readonly reservations: CapReservations,
  ) {}

  onModuleInit(): void {
    this.events.addScreen((rows) => this.screen(rows));
  }

  async screen(rows: CandidateMessage[], now = Date.now()): Promise<Map<string, SkipReason>> {
    const over = new Map<string, SkipReason>();
    // Events, forms and test sends never count: no settings read, no Redis call for them.
    for (const [tenantId, mine] of byTenant(rows.filter(mayBeMarketing))) {
      const caps = await this.settings.inForce(tenantId);
      if (!caps.tenant && !caps.webhooks.size) continue;
      const marketing: CandidateMessage[] = [];
      for (const [webhookId, messages] of byWebhook(mine)) {
        const webhook = await this.webhooks.get(tenantId, webhookId);
        for (const m of messages) if (isMarketing(m, webhook)) marketing.push(m);
      }
      if (!marketing.length) continue;
      const allowed = await this.reservations.reserve(
        marketing.map((m) => reservationOf(m, caps, (customerId, webhookId) => this.reservations.key(tenantId, customerId, webhookId))),
        now,
      );
      marketing.forEach((m, i) => allowed[i] || over.set(m.id, 'frequency_cap'));
    }
    return over;
  }
}

function byTenant(rows: CandidateMessage[]): Map<number, CandidateMessage[]> {
  return groupBy(rows, (r) => r.tenantId);
}

function byWebhook(rows: CandidateMessage[]): Map<number, CandidateMessage[]> {
  return groupBy(rows, (r) => r.webhookId);
}

function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
