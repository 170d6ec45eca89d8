import { Injectable } from '@nestjs/common';
import { notFound } from '../common/api-error';
import { FieldValidationException } from '../common/validation';
import { MembershipsService } from '../loyalty/memberships.service';
import type { TenantRef } from '../common/tenant-ref';
import type { EventQueryDto } from './dto/event-query.dto';
import type { EventPage, EventView } from './dto/event-view.dto';
import { canonicalPayload, validateLoyaltyPayload } from '../outbox/event-payloads';
import type { NewEvent } from '../outbox/outbox';
import { OutboxService } from '../outbox/outbox.service';
import type { RecordedEvent } from '../outbox/outbox.types';
import { mapPage, toPage } from '../common/pagination';

export function toEventView(e: RecordedEvent): EventView {
  return {
    id: String(e.id),
    type: e.type,
    origin: e.origin,
    customerId: e.customerId,
    payload: e.payload,
    silent: e.silent,
    status: e.relayedAt ? 'relayed' : 'pending',
    relayedAt: e.relayedAt,
    deliveries: e.deliveries,
    createdAt: e.createdAt,
  };
}

@Injectable()
export class EventsService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly memberships: MembershipsService,
  ) {}

  /** An outside loyalty system's event: validated against the seed payload, then into the outbox. */
  async publish(tenant: TenantRef, body: unknown): Promise<EventView> {
    const problems = validateLoyaltyPayload(body, tenant.id);
    if (problems.length) throw new FieldValidationException(problems);
    const payload = canonicalPayload(body as Record<string, unknown>) as NewEvent['payload'];
    // A membership id of ours links the event to its customer (templates can then use customer.*).
    const membershipId = Number(payload.membershipId);
    const customerId = Number.isSafeInteger(membershipId) && membershipId > 0 ? await this.memberships.customerIdOf(tenant.id, membershipId) : null;
    return toEventView(await this.outbox.recordNow({ tenantId: tenant.id, payload, customerId, origin: 'api' }));
  }

  async list(tenant: TenantRef, q: EventQueryDto): Promise<EventPage> {
    return mapPage(toPage(await this.outbox.newestFirst(tenant.id, q), q.limit), toEventView);
  }

  async get(tenant: TenantRef, id: number): Promise<EventView> {
    const e = await this.outbox.find(tenant.id, id);
    if (!e) throw notFound('event_not_found', `Event ${id} not found`, { id });
    return toEventView(e);
  }
}
