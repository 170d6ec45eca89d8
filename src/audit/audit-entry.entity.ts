import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorType } from './audit.types';

/**
 * One change made through the API or the console, written in the change's own transaction. The actor's
 * label is a snapshot (a removed user or key still reads); `diff` is JSON text of the changed fields with
 * secrets masked (null when there is none). Owned by the audit module: nobody else queries it.
 */
@Entity('audit_log')
@Index('IDX_audit_tenant_id', ['tenantId', 'id'])
@Index('IDX_audit_actor', ['tenantId', 'actorType', 'actorId', 'id'])
@Index('IDX_audit_resource', ['tenantId', 'resource', 'resourceId', 'id'])
@Index('IDX_audit_action', ['tenantId', 'action', 'id'])
@Index('IDX_audit_at', ['tenantId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column()
  tenantId: number;

  @Column({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  actorType: AuditActorType;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  actorLabel: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 32 })
  resource: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  resourceId: string | null;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'mediumtext', nullable: true })
  diff: string | null;
}
