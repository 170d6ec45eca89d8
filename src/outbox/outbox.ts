import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../database/entity-sql';
import { OutboxEvent } from './outbox-event.entity';
import type { EventOrigin } from './outbox.types';
import { OUTBOX_WRITTEN } from './outbox-signal';

export interface NewEvent {
  tenantId: number;
  payload: Record<string, unknown> & { event: string };
  customerId: number | null;
  origin: EventOrigin;
  /** customer/updated: the changed fields' old values (journeys' threshold triggers compare before and after). */
  previous?: Record<string, unknown> | null;
  /** Journeys only, no webhook deliveries (bulk imports). */
  silent?: boolean;
}

/**
 * Writes events into the outbox with the caller's transaction manager, so they commit (or roll
 * back) with the change that caused them. The relay in the worker delivers them.
 */
/** Returns the first new event's id (the rest follow it). */
export async function recordEvents(manager: EntityManager, events: NewEvent[]): Promise<number> {
  if (!events.length) return 0;
  // The commit wakes the relay (OutboxSignal); outside a transaction the caller signals itself.
  const runner = manager.queryRunner;
  if (runner?.isTransactionActive) runner.data = { ...runner.data, [OUTBOX_WRITTEN]: true };
  const { insertId } = await bulkInsert(
    manager,
    OutboxEvent,
    events.map((e) => ({
      tenantId: e.tenantId,
      type: e.payload.event,
      payload: e.payload,
      customerId: e.customerId,
      origin: e.origin,
      previous: e.previous ?? null,
      silent: e.silent ?? false,
      claimToken: null,
      lockedUntil: null,
      relayedAt: null,
      deliveries: 0,
    })),
  );
  return insertId;
}
