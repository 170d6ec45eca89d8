import { ApiProperty } from '@nestjs/swagger';

/**
 * The five loyalty payloads an outside system may publish (POST /api/events), field for field as
 * DM Hub documents them; validateLoyaltyPayload (event-payloads.ts) checks them. Every field is required.
 */
export class LoyaltyEventBase {
  /** Your tenant's id. */
  tenantId!: number;
  /** The membership id (a string, as DM Hub sends it); one of ours links the event to its customer. */
  membershipId!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'ISO-8601 with a time zone.', example: '2026-11-23T10:00:00.000Z' })
  date!: string;
}

export class LevelChangeBase extends LoyaltyEventBase {
  oldLevelId!: number;
  newLevelId!: number;
  /** The old level's name. */
  oldLevel!: string;
  /** The new level's name. */
  newLevel!: string;
}

export class CouponBase extends LoyaltyEventBase {
  couponId!: string;
  couponName!: string;
  couponCode!: string;
}

export class MembershipLevelUpEvent extends LevelChangeBase {
  @ApiProperty({ enum: ['loyalty/membership_level_up'] })
  event!: 'loyalty/membership_level_up';
}

export class MembershipLevelDownEvent extends LevelChangeBase {
  @ApiProperty({ enum: ['loyalty/membership_level_down'] })
  event!: 'loyalty/membership_level_down';
}

export class DispatchCouponEvent extends CouponBase {
  @ApiProperty({ enum: ['loyalty/loyalty_dispatch_coupon'] })
  event!: 'loyalty/loyalty_dispatch_coupon';
  batchId!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  startDate!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  endDate!: string;
}

export class DrawCouponEvent extends CouponBase {
  @ApiProperty({ enum: ['loyalty/membership_draw_coupon'] })
  event!: 'loyalty/membership_draw_coupon';
  @ApiProperty({ type: String, format: 'date-time' })
  startDate!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  endDate!: string;
}

export class RedeemCouponEvent extends CouponBase {
  @ApiProperty({ enum: ['loyalty/membership_redeem_coupon'] })
  event!: 'loyalty/membership_redeem_coupon';
}

export const LOYALTY_EVENT_MODELS = [MembershipLevelUpEvent, MembershipLevelDownEvent, DispatchCouponEvent, DrawCouponEvent, RedeemCouponEvent];
