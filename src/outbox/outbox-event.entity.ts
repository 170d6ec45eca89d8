import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import type { EventOrigin, RecordedEvent } from './outbox.types';

/**
 * A fixed event, written in the same transaction as the change that caused it (transactional
 * outbox). The relay creates its deliveries and marks it relayed; until then it is pending,
 * so a process that dies between the commit and the send loses nothing.
 */
@Entity('event_outbox')
@Index('IDX_event_outbox_pending', ['relayedAt', 'id'])
@Index('IDX_event_outbox_tenant_id', ['tenantId', 'id'])
@Index('IDX_event_outbox_tenant_type', ['tenantId', 'type', 'id'])
@Index('IDX_event_outbox_tenant_customer_time', ['tenantId', 'customerId', 'createdAt'])
export class OutboxEvent implements RecordedEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column()
  tenantId: number;

  /** e.g. loyalty/membership_level_up, customer/created */
  @Column({ length: 64 })
  type: string;

  /** The exact payload (the seed's for loyalty events): the default body of every delivery. */
  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  /** The customer it is about, when known: templates may then read `customer.*`. */
  @Column({ type: 'int', nullable: true })
  customerId: number | null;

  @Column({ type: 'varchar', length: 16 })
  origin: EventOrigin;

  /** customer/updated: the changed fields' values before the change (journeys detect threshold crossings). Not sent. */
  @Column({ type: 'json', nullable: true })
  previous: Record<string, unknown> | null;

  /** Offered to journeys only, never sent to webhooks (bulk imports: a data load must not flood receivers). */
  @Column({ default: false })
  silent: boolean;

  /** While a relay works on it: which one, and until when (then another may take it over). */
  @Column({ type: 'char', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  relayedAt: Date | null;

  /** How many deliveries the relay created (subscribed, enabled webhooks at relay time). */
  @Column({ default: 0 })
  deliveries: number;

  @CreatedAt()
  createdAt: Date;
}
