/** What recorded a fixed event: the loyalty module, the customers API, an import, a journey, or POST /api/events. */
export type EventOrigin = 'loyalty' | 'customers' | 'import' | 'journey' | 'api';

/** A fixed event as the outbox shows it to other modules (the event log, the bus's listeners): no relay bookkeeping. */
export interface RecordedEvent {
  id: number;
  tenantId: number;
  /** e.g. loyalty/membership_level_up, customer/created */
  type: string;
  payload: Record<string, unknown>;
  customerId: number | null;
  origin: EventOrigin;
  /** customer/updated: the changed fields' values before the change. */
  previous: Record<string, unknown> | null;
  /** For journeys only, never sent to webhooks. */
  silent: boolean;
  relayedAt: Date | null;
  /** How many deliveries the relay created. */
  deliveries: number;
  createdAt: Date;
}
