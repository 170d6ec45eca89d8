import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TimelineEntry, TimelineQuery, customerRowsAfter } from '../common/timeline';
import { OutboxEvent } from './outbox-event.entity';

/** The fixed events recorded about a customer (loyalty, coupon, customer changes) for their timeline. */
@Injectable()
export class EventTimeline {
  constructor(private readonly db: DataSource) {}

  async of(q: TimelineQuery): Promise<TimelineEntry[]> {
    const rows = await customerRowsAfter(
      this.db
        .getRepository(OutboxEvent)
        .createQueryBuilder('e')
        .select(['e.id', 'e.type', 'e.origin', 'e.silent', 'e.relayedAt', 'e.deliveries', 'e.createdAt']),
      'event',
      q,
    ).getMany();
    return rows.map((e) => ({
      kind: 'event',
      id: String(e.id),
      at: e.createdAt,
      title: e.type,
      // relayed: the webhooks subscribed to it got their messages; silent: offered to journeys only.
      status: e.silent ? 'silent' : e.relayedAt ? 'relayed' : 'pending',
      link: null,
      via: null,
      // How many messages it made, when it made any (no subscribed webhook: nothing to say).
      note: e.relayedAt && !e.silent && e.deliveries > 0 ? String(e.deliveries) : null,
    }));
  }
}
