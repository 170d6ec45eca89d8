import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NewEvent, recordEvents } from './outbox';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxSignal } from './outbox-signal';
import type { RecordedEvent } from './outbox.types';

/** The outbox for other modules: record an event outside any transaction, read a tenant's events. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly db: DataSource,
    private readonly signal: OutboxSignal,
  ) {}

  /** Records one event on its own (committed at once, so the relay is woken here) and returns it as stored. */
  async recordNow(event: NewEvent): Promise<RecordedEvent> {
    const id = await recordEvents(this.db.manager, [event]);
    this.signal.notify();
    return this.db.getRepository(OutboxEvent).findOneByOrFail({ id });
  }

  /** A tenant's events, newest first: `limit + 1` of them, so the caller can tell whether another page follows. */
  newestFirst(tenantId: number, q: { type?: string; after?: number; limit: number }): Promise<RecordedEvent[]> {
    const qb = this.db
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .where('e.tenantId = :tenantId', { tenantId })
      .orderBy('e.id', 'DESC')
      .take(q.limit + 1);
    if (q.type) qb.andWhere('e.type = :type', { type: q.type });
    if (q.after) qb.andWhere('e.id < :after', { after: q.after });
    return qb.getMany();
  }

  find(tenantId: number, id: number): Promise<RecordedEvent | null> {
    return this.db.getRepository(OutboxEvent).findOneBy({ id, tenantId });
  }
}
