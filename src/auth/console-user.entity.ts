import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import type { TenantView } from '../tenants/dto/tenant-view.dto';
import type { Role } from '../common/permissions';

/**
 * A person who signs in to the console. Email is unique across tenants: the sign-in form asks
 * only for email and password, so the email alone must find the tenant.
 */
@Entity('console_users')
export class ConsoleUser {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  tenantId: number;

  // By entity name, not class: the foreign key stays in the schema while auth never imports tenants' entity.
  @ManyToOne('Tenant', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenantId' })
  tenant?: TenantView;

  /** Stored lower-cased. */
  @Index('UQ_console_users_email', { unique: true })
  @Column({ length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  /** bcrypt hash (cost 12); never selected unless asked for. */
  @Column({ length: 100, select: false })
  passwordHash: string;

  /** What the user may do (see common/permissions.ts); a tenant always keeps at least one owner. */
  @Column({ type: 'varchar', length: 16, default: 'admin' })
  role: Role;

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;
}
