import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

export const DELIVERY_SOURCES = ['test', 'broadcast', 'event', 'journey', 'form'] as const;
export type DeliverySource = (typeof DELIVERY_SOURCES)[number];
export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One outbound message. The row exists before its queue job; its id is the message id
 * (X-Herald-Message-Id, a time-ordered UUIDv7, so id order is creation order).
 * The request is rendered once at creation and stays the same across retries.
 */
@Entity('deliveries')
@Index('IDX_deliveries_tenant_id', ['tenantId', 'id'])
@Index('IDX_deliveries_tenant_webhook', ['tenantId', 'webhookId', 'id'])
@Index('IDX_deliveries_tenant_status', ['tenantId', 'status', 'id'])
@Index('IDX_deliveries_tenant_customer', ['tenantId', 'customerId', 'id'])
@Index('IDX_deliveries_due', ['status', 'nextAttemptAt'])
// One message per recipient of a mass send: a resumed fan-out cannot duplicate rows. (NULLs repeat freely.)
@Index('UQ_deliveries_broadcast_customer', ['broadcastId', 'customerId'], { unique: true })
@Index('IDX_deliveries_broadcast_status', ['broadcastId', 'status'])
// One message per (fixed event, webhook): a relay that runs twice cannot duplicate rows.
@Index('UQ_deliveries_event_webhook', ['eventId', 'webhookId'], { unique: true })
export class Delivery {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column()
  tenantId: number;

  @Column()
  webhookId: number;

  @Column({ type: 'varchar', length: 16 })
  source: DeliverySource;

  @Column({ length: 64 })
  event: string;

  @Column({ type: 'int', nullable: true })
  customerId: number | null;

  @Column({ type: 'int', nullable: true })
  broadcastId: number | null;

  /** The outbox event it delivers (fixed events). */
  @Column({ type: 'bigint', nullable: true })
  eventId: number | null;

  /** The journey run whose webhook node made it. */
  @Column({ type: 'bigint', nullable: true })
  journeyRunId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ default: 0 })
  attempts: number;

  @Column()
  maxAttempts: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  /** While `sending`: when the claim expires and the sweeper may take the delivery back. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  /** Which claim (one runner call) holds the row while `sending`. */
  @Column({ type: 'char', length: 36, nullable: true })
  claimToken: string | null;

  /** A reserved rate-limit slot: the attempt at this time may go without asking the limiter again. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  throttledUntil: Date | null;

  @Column({ length: 8 })
  requestMethod: string;

  @Column({ length: 2048 })
  requestUrl: string;

  /** Headers as sent, credentials masked; per-attempt headers are on the attempts. */
  @Column({ type: 'json' })
  requestHeaders: Record<string, string>;

  @Column({ type: 'mediumtext' })
  requestBody: string;

  @Column({ type: 'smallint', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  lastErrorClass: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
