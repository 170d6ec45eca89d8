import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { Tenant } from '../tenants/tenant.entity';

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

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenantId' })
  tenant?: Tenant;

  /** Stored lower-cased. */
  @Index('UQ_console_users_email', { unique: true })
  @Column({ length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  /** bcrypt hash (cost 12); never selected unless asked for. */
  @Column({ length: 100, select: false })
  passwordHash: string;

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;
}
