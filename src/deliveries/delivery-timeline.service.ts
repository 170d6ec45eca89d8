import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TimelineEntry, TimelineLink, TimelineQuery, customerRowsAfter } from '../common/timeline';
import { Delivery } from './delivery.entity';

/** What made a message, as a link (names are filled in by whoever asks: other modules own them). */
function viaOf(d: Delivery): TimelineLink | null {
  if (d.sourceId === null) return null;
  if (d.source === 'broadcast') return { type: 'broadcast', id: String(d.sourceId), name: null };
  if (d.source === 'journey') return { type: 'journey_run', id: String(d.sourceId), name: null };
  // The submission's form is the forms module's to say: the timeline turns this into a form link.
  if (d.source === 'form') return { type: 'form_submission', id: String(d.sourceId), name: null };
  return null;
}

/** A customer's messages for their timeline (IDX_deliveries_tenant_customer_time). */
@Injectable()
export class DeliveryTimeline {
  constructor(private readonly db: DataSource) {}

  async of(q: TimelineQuery): Promise<TimelineEntry[]> {
    const rows = await customerRowsAfter(
      this.db
        .getRepository(Delivery)
        .createQueryBuilder('d')
        .select(['d.id', 'd.webhookId', 'd.source', 'd.sourceId', 'd.event', 'd.status', 'd.skipReason', 'd.lastStatusCode', 'd.nextAttemptAt', 'd.createdAt']),
      'message',
      q,
    ).getMany();
    return rows.map((d) => ({
      kind: 'message',
      id: d.id,
      at: d.createdAt,
      title: null,
      status: d.status,
      link: { type: 'delivery', id: d.id, name: d.event },
      via: viaOf(d),
      target: { type: 'webhook', id: String(d.webhookId), name: null },
      // A skipped message's note is its reason (`frequency_cap`, `unsubscribed`), which the console names.
      note: d.status === 'skipped' ? d.skipReason : d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null,
      ...(d.status === 'deferred' ? { dueAt: d.nextAttemptAt } : {}),
    }));
  }
}
