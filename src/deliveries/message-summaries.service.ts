import { Injectable } from '@nestjs/common';
import { CustomerLookup } from '../customers/customer-lookup.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { Delivery, DeliverySource } from './delivery.entity';
import { originKey, type MessageRefs } from './delivery-view';
import type { OriginName, OriginNames } from './message-origins.types';

/**
 * The names a page of messages refers to: its webhooks, customers and origins, one query per kind
 * whatever the page's size. Mass sends, journeys and forms sit above this module (they make
 * messages): their modules register how to name their records as they start.
 */
@Injectable()
export class MessageSummaries {
  private readonly origins = new Map<DeliverySource, OriginNames>();

  constructor(
    private readonly webhooks: WebhooksService,
    private readonly customers: CustomerLookup,
  ) {}

  registerOrigin(source: DeliverySource, names: OriginNames): void {
    this.origins.set(source, names);
  }

  async refs(tenantId: number, rows: Delivery[]): Promise<MessageRefs> {
    const [webhooks, customers, origins] = await Promise.all([
      this.webhooks.names(
        tenantId,
        rows.map((d) => d.webhookId),
      ),
      this.customers.summaries(
        tenantId,
        rows.map((d) => d.customerId),
      ),
      this.originNames(tenantId, rows),
    ]);
    return { webhooks, customers, origins };
  }

  private async originNames(tenantId: number, rows: Delivery[]): Promise<Map<string, OriginName>> {
    const out = new Map<string, OriginName>();
    await Promise.all(
      [...this.origins].map(async ([source, names]) => {
        const ids = [...new Set(rows.filter((d) => d.source === source && d.sourceId !== null).map((d) => Number(d.sourceId)))];
        if (!ids.length) return;
        for (const [id, name] of await names(tenantId, ids)) out.set(originKey(source, id), name);
      }),
    );
    return out;
  }
}
