import type { CouponCode } from './coupon-code.entity';
import type { Coupon } from './coupon.entity';
import type { CouponCodeView, CouponView, LevelView, MembershipView } from './dto/loyalty-view.dto';
import type { LoyaltyLevel } from './loyalty-level.entity';
import type { Membership } from './membership.entity';

/** What the API shows of loyalty rows: everything but the tenant. */
export const toLevelView = (l: LoyaltyLevel): LevelView => ({ id: l.id, name: l.name, rank: l.rank, createdAt: l.createdAt, updatedAt: l.updatedAt });

export const toMembershipView = (m: Membership): MembershipView => ({
  id: m.id,
  customerId: m.customerId,
  levelId: m.levelId,
  points: m.points,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

export const toCouponView = (c: Coupon): CouponView => ({
  id: c.id,
  name: c.name,
  startDate: c.startDate,
  endDate: c.endDate,
  stock: c.stock,
  issued: c.issued,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const toCouponCodeView = (k: CouponCode): CouponCodeView => ({
  id: k.id,
  couponId: k.couponId,
  membershipId: k.membershipId,
  code: k.code,
  origin: k.origin,
  batchId: k.batchId,
  redeemedAt: k.redeemedAt,
  createdAt: k.createdAt,
});
