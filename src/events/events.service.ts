import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/api-error';
import { FieldValidationException } from '../common/validation';
import { Membership } from '../loyalty/membership.entity';
import type { TenantRef } from '../common/tenant-ref';
import type { EventQueryDto } from './dto/event-query.dto';
import type { EventPage, EventView } from './dto/event-view.dto';
import { canonicalPayload, validateLoyaltyPayload } from '../outbox/event-payloads';
import { NewEvent, recordEvents } from '../outbox/outbox';
import { OutboxSignal } from '../outbox/outbox-signal';
import { OutboxEvent } from '../outbox/outbox-event.entity';

export function toEventView(e: OutboxEvent): EventView {
  return {
    id: String(e.id), type: e.type, origin: e.origin, customerId: e.customerId, payload: e.payload, silent: e.silent,
    status: e.relayedAt ? 'relayed' : 'pending', relayedAt: e.relayedAt, deliveries: e.deliveries, createdAt: e.createdAt,
  };
}

@Injectable()
export class EventsService {
  constructor(
    private readonly db: DataSource,
    private readonly signal: OutboxSignal,
  ) {}

  /** An outside loyalty system's event: validated against the seed payload, then into the outbox. */
  async publish(tenant: TenantRef, body: unknown): Promise<EventView> {
    const problems = validateLoyaltyPayload(body, tenant.id);
    if (problems.length) throw new FieldValidationException(problems);
    const payload = canonicalPayload(body as Record<string, unknown>) as NewEvent['payload'];
    // A membership id of ours links the event to its customer (templates can then use customer.*).
    const membershipId = Number(payload.membershipId);
    const membership = Number.isSafeInteger(membershipId) && membershipId > 0
      ? await this.db.getRepository(Membership).findOneBy({ id: membershipId, tenantId: tenant.id })
      : null;
    const id = await recordEvents(this.db.manager, [{ tenantId: tenant.id, payload, customerId: membership?.customerId ?? null, origin: 'api' }]);
    this.signal.notify(); // no transaction here: the insert is committed already
    return toEventView(await this.db.getRepository(OutboxEvent).findOneByOrFail({ id }));
  }

  async list(tenant: TenantRef, q: EventQueryDto): Promise<EventPage> {
    const qb = this.db.getRepository(OutboxEvent).createQueryBuilder('e')
      .where('e.tenantId = :tenantId', { tenantId: tenant.id }).orderBy('e.id', 'DESC').take(q.limit + 1);
    if (q.type) qb.andWhere('e.type = :type', { type: q.type });
    if (q.after) qb.andWhere('e.id < :after', { after: q.after });
    const rows = await qb.getMany();
    const items = rows.slice(0, q.limit).map(toEventView);
    return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
  }

  async get(tenant: TenantRef, id: number): Promise<EventView> {
    const e = await this.db.getRepository(OutboxEvent).findOneBy({ id, tenantId: tenant.id });
    if (!e) throw notFound('event_not_found', `Event ${id} not found`, { id });
    return toEventView(e);
  }
}
