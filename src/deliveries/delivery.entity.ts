import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

export const DELIVERY_SOURCES = ['test', 'broadcast', 'event', 'journey', 'form'] as const;
export type DeliverySource = (typeof DELIVERY_SOURCES)[number];
/**
 * `deferred`: held by quiet hours until `nextAttemptAt` (then pending); `skipped`: never sent, for `skipReason`
 * (an opt-out, a frequency cap). Neither is a failure.
 */
export const DELIVERY_STATUSES = ['pending', 'deferred', 'sending', 'delivered', 'failed', 'skipped', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const SKIP_REASONS = ['unsubscribed', 'frequency_cap'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

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
@Index('IDX_deliveries_tenant_customer_time', ['tenantId', 'customerId', 'createdAt'])
@Index('IDX_deliveries_due', ['status', 'nextAttemptAt'])
// One message per (source, its id, dedupe key): a resumed fan-out or a relay that runs twice cannot
// duplicate rows. A source that may send twice leaves the key NULL (NULLs repeat freely).
@Index('UQ_deliveries_source_dedupe', ['source', 'sourceId', 'dedupeKey'], { unique: true })
// A source's messages by status: a mass send's counters, an event's pending rows, a run's messages.
@Index('IDX_deliveries_source_status', ['source', 'sourceId', 'status'])
export class Delivery {
  /**
   * ASCII, compared byte by byte (ascii_bin), like the other key columns below: ids, tokens and
   * enum values are ASCII, and a UCA collation (utf8mb4_unicode_ci) made every B-tree comparison
   * of the primary key and of the status indexes walk collation weights — the largest item of
   * MariaDB's profile during a mass send. Lowercase ids (the API lowercases what it is given).
   */
  @PrimaryColumn({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  id: string;

  @Column()
  tenantId: number;

  @Column()
  webhookId: number;

  /** What kind of thing made the message (the API's `source`). */
  @Column({ type: 'varchar', length: 16, charset: 'ascii', collation: 'ascii_bin' })
  source: DeliverySource;

  @Column({ length: 64 })
  event: string;

  @Column({ type: 'int', nullable: true })
  customerId: number | null;

  /**
   * Which one of its source made it (the mass send, the outbox event, the journey run, the form
   * submission). The engine does not interpret it: a new source brings its own ids.
   */
  @Column({ type: 'bigint', nullable: true })
  sourceId: number | null;

  /** Set by a source that must not make the same message twice (see the unique index above). */
  @Column({ type: 'bigint', nullable: true })
  dedupeKey: number | null;

  @Column({ type: 'varchar', length: 16, default: 'pending', charset: 'ascii', collation: 'ascii_bin' })
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
  @Column({ type: 'char', length: 36, nullable: true, charset: 'ascii', collation: 'ascii_bin' })
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

  /** Why a `skipped` message was not sent; null otherwise. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  skipReason: SkipReason | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
