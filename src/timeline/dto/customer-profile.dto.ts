import { ApiProperty } from '@nestjs/swagger';
import { CustomerView } from '../../customers/dto/customer-view.dto';
import type { CustomerGroup } from '../../groups/customer-groups.service';

export class CustomerGroupView {
  id!: number;
  name!: string;
  @ApiProperty({ enum: ['static', 'dynamic'] })
  type!: CustomerGroup['type'];
  /** When a static group got the customer; null for a dynamic group (its rule matches them now). */
  since!: Date | null;
}

export class HeldCouponView {
  /** The code's id (64-bit, as a string). */
  codeId!: string;
  couponId!: number;
  /** The coupon's name. */
  name!: string;
  code!: string;
  @ApiProperty({ enum: ['dispatch', 'draw'], description: 'dispatch: issued by a 系统发放 batch; draw: drawn by the member.' })
  origin!: 'dispatch' | 'draw';
  /** The coupon's last valid day. */
  endDate!: Date;
  redeemedAt!: Date | null;
  issuedAt!: Date;
}

export class CustomerLoyaltyView {
  membershipId!: number;
  levelId!: number;
  levelName!: string;
  points!: number;
  memberSince!: Date;
  /** The newest 100 codes the member holds. */
  @ApiProperty({ type: [HeldCouponView] })
  coupons!: HeldCouponView[];
}

/** A customer with the groups they are in now and their loyalty membership. */
export class CustomerProfileView {
  customer!: CustomerView;
  @ApiProperty({ type: [CustomerGroupView] })
  groups!: CustomerGroupView[];
  @ApiProperty({ type: CustomerLoyaltyView, nullable: true, description: 'null when the customer is not a member.' })
  loyalty!: CustomerLoyaltyView | null;
}
