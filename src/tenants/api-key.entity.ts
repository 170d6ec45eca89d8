import { ApiHideProperty } from '@nestjs/swagger';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { Tenant } from './tenant.entity';
import type { Scope } from '../common/permissions';

/** Only the SHA-256 of a key is stored; `prefix` lets a user tell keys apart. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  tenantId: number;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenantId' })
  tenant?: Tenant;

  @Column({ length: 100 })
  name: string;

  @Column({ length: 16 })
  prefix: string;

  /** Never selected, never answered: kept out of the OpenAPI document too. */
  @ApiHideProperty()
  @Index({ unique: true })
  @Column({ type: 'char', length: 64, select: false })
  hash: string;

  /** Space-separated in the row, like OAuth scopes; `admin` is every permission (what keys had before scopes). */
  @Column({
    type: 'varchar',
    length: 700,
    default: 'admin',
    transformer: { to: (v?: Scope[]) => v?.join(' '), from: (s: string) => s.split(' ') as Scope[] },
  })
  scopes: Scope[];

  /** After this the key no longer authenticates; null: never expires. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
