import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TimelineEntry, TimelineQuery, customerRowsAfter } from '../common/timeline';
import { InboundRequest } from './inbound-request.entity';
import { InboundTrigger } from './inbound-trigger.entity';

/**
 * A customer's inbound requests for their timeline: the calls to /hooks/:key that matched them
 * (the request's customerId is set when its trigger's mapping found the customer).
 */
@Injectable()
export class InboundTimeline {
  constructor(private readonly db: DataSource) {}

  async of(q: TimelineQuery): Promise<TimelineEntry[]> {
    const rows = await customerRowsAfter(
      this.db
        .getRepository(InboundRequest)
        .createQueryBuilder('i')
        .select(['i.id', 'i.triggerId', 'i.method', 'i.verdict', 'i.status', 'i.runId', 'i.createdAt']),
      'inbound_request',
      q,
    ).getMany();
    if (!rows.length) return [];
    // Deleted triggers too: their log stays readable.
    const triggers = await this.db
      .getRepository(InboundTrigger)
      .find({ select: { id: true, name: true }, where: { id: In([...new Set(rows.map((r) => r.triggerId))]) } });
    const names = new Map(triggers.map((t) => [t.id, t.name]));
    return rows.map((r) => ({
      kind: 'inbound_request',
      id: String(r.id),
      at: r.createdAt,
      title: names.get(r.triggerId) ?? null,
      status: r.verdict,
      link: { type: 'inbound_trigger', id: String(r.triggerId), name: names.get(r.triggerId) ?? null },
      via: r.runId ? { type: 'journey_run', id: String(r.runId), name: null } : null,
      note: r.status ? `${r.method} · HTTP ${r.status}` : r.method,
    }));
  }
}
