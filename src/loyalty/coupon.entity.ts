import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

/** A coupon: valid from startDate to endDate; `stock` caps the codes issued (null: unlimited). */
@Entity('loyalty_coupons')
@Index('IDX_loyalty_coupons_tenant_id', ['tenantId', 'id'])
export class Coupon {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ length: 200 })
  name: string;

  @Column({ type: 'datetime', precision: 3 })
  startDate: Date;

  @Column({ type: 'datetime', precision: 3 })
  endDate: Date;

  @Column({ type: 'int', nullable: true })
  stock: number | null;

  /** Codes handed out so far (dispatched and drawn). */
  @Column({ default: 0 })
  issued: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
