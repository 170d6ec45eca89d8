import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { QuietWindow } from './quiet-window';

export const QUIET_SCOPES = ['tenant', 'webhook', 'journey'] as const;
export type QuietScope = (typeof QUIET_SCOPES)[number];

/**
 * Quiet hours of a tenant (scope `tenant`, scopeId 0) or an override of one webhook or journey.
 * Tenant: `enabled` turns the windows on (off by default: no row). Override: `enabled` true = its
 * own windows (in the tenant's zone), false = no quiet hours; no row = the tenant's setting.
 */
@Entity('quiet_hours_settings')
@Index('UQ_quiet_hours_scope', ['tenantId', 'scope', 'scopeId'], { unique: true })
export class QuietHoursSetting {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ type: 'varchar', length: 16 })
  scope: QuietScope;

  @Column({ default: 0 })
  scopeId: number;

  @Column()
  enabled: boolean;

  /** IANA zone, tenant rows only (overrides use the tenant's). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone: string | null;

  @Column({ type: 'json' })
  windows: QuietWindow[];

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
