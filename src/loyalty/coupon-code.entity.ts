import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

export type CouponCodeOrigin = 'dispatch' | 'draw';

/** One member's code of a coupon: a member holds at most one code per coupon; a code redeems once. */
@Entity('loyalty_coupon_codes')
@Index('UQ_loyalty_coupon_codes_tenant_code', ['tenantId', 'code'], { unique: true })
@Index('UQ_loyalty_coupon_codes_coupon_membership', ['couponId', 'membershipId'], { unique: true })
@Index('IDX_loyalty_coupon_codes_batch', ['batchId'])
@Index('IDX_loyalty_coupon_codes_membership', ['membershipId', 'id'])
export class CouponCode {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column()
  tenantId: number;

  @Column()
  couponId: number;

  @Column()
  membershipId: number;

  @Column({ length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  origin: CouponCodeOrigin;

  /** The dispatch (系统发放) batch that issued it; null when drawn. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  batchId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  redeemedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
