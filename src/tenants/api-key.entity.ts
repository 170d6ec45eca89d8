import { ApiHideProperty } from '@nestjs/swagger';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { Tenant } from './tenant.entity';

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

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
