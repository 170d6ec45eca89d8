import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

/** A customer in the loyalty program, at a level. */
@Entity('loyalty_memberships')
@Index('UQ_loyalty_memberships_tenant_customer', ['tenantId', 'customerId'], { unique: true })
export class Membership {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column()
  customerId: number;

  @Column()
  levelId: number;

  @Column({ default: 0 })
  points: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
