import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { JourneyDefinition, Reentry, TriggerType } from './journey-definition';

export const JOURNEY_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

/**
 * 自动流程. The row holds the latest definition; `versionId` is the immutable version new runs
 * start on (set on activation, and again on every edit after it). `triggerType`/`triggerRef`
 * copy the trigger so triggers find their journeys by index.
 */
@Entity('journeys')
@Index('IDX_journeys_tenant_id', ['tenantId', 'id'])
@Index('IDX_journeys_trigger', ['tenantId', 'status', 'triggerType', 'triggerRef'])
export class Journey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  status: JourneyStatus;

  @Column({ type: 'varchar', length: 8 })
  reentry: Reentry;

  @Column({ type: 'json' })
  definition: JourneyDefinition;

  @Column({ type: 'varchar', length: 32 })
  triggerType: TriggerType;

  /** The event name, group, form or inbound trigger id; null for thresholds. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  triggerRef: string | null;

  @Column({ type: 'int', nullable: true })
  versionId: number | null;

  /** The latest version number (0: never activated). */
  @Column({ default: 0 })
  version: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  activatedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  archivedAt: Date | null;

  /** group_entry: the last customer id whose run exists; a resumed entry starts after it. */
  @Column({ default: 0 })
  entryCursor: number;

  @Column({ default: false })
  entryDone: boolean;

  /** group_entry: the members as they were at activation (customers created later are left out). */
  @Column({ type: 'int', nullable: true })
  entryMaxCustomerId: number | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
