import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

/** A membership level; a higher rank is a higher level (level up / down is decided by rank). */
@Entity('loyalty_levels')
@Index('UQ_loyalty_levels_tenant_rank', ['tenantId', 'rank'], { unique: true })
@Index('UQ_loyalty_levels_tenant_name', ['tenantId', 'name'], { unique: true })
export class LoyaltyLevel {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ length: 100 })
  name: string;

  @Column()
  rank: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
