import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

export const BROADCAST_STATUSES = ['scheduled', 'sending', 'completed', 'completed_with_failures', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/**
 * 群发: one message per member of a group through a manual webhook, now or at `scheduledAt`.
 * Counters move while it runs (pending = total − delivered − failed − cancelled − skipped).
 */
@Entity('broadcasts')
@Index('IDX_broadcasts_tenant_id', ['tenantId', 'id'])
@Index('IDX_broadcasts_tenant_webhook', ['tenantId', 'webhookId', 'id'])
@Index('IDX_broadcasts_due', ['status', 'scheduledAt'])
export class Broadcast {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column()
  webhookId: number;

  @Column()
  groupId: number;

  @Column({ length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  status: BroadcastStatus;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  /** Which dispatcher claim started it (the atomic UPDATE marks its rows with this). */
  @Column({ type: 'char', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ default: 0 })
  total: number;

  @Column({ default: 0 })
  delivered: number;

  @Column({ default: 0 })
  failed: number;

  @Column({ default: 0 })
  cancelled: number;

  /** Messages stored `skipped` (a frequency cap): counted as the fan-out makes them. */
  @Column({ default: 0 })
  skipped: number;

  /** Fan-out progress: the last customer id whose delivery rows exist; a resumed fan-out starts after it. */
  @Column({ default: 0 })
  fanoutCursor: number;

  @Column({ default: false })
  fanoutDone: boolean;

  /** The recipient set is the group at start time: customers created later are left out. */
  @Column({ type: 'int', nullable: true })
  recipientMaxCustomerId: number | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
