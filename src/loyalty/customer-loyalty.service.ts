import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CouponCode } from './coupon-code.entity';
import { Coupon } from './coupon.entity';
import { LoyaltyLevel } from './loyalty-level.entity';
import { Membership } from './membership.entity';

export interface HeldCoupon {
  codeId: string;
  couponId: number;
  name: string;
  code: string;
  origin: CouponCode['origin'];
  endDate: Date;
  redeemedAt: Date | null;
  issuedAt: Date;
}

export interface CustomerLoyalty {
  membershipId: number;
  levelId: number;
  levelName: string;
  points: number;
  memberSince: Date;
  coupons: HeldCoupon[];
}

/** Coupons a member holds, newest first, at most this many (a profile, not a ledger). */
const MAX_COUPONS = 100;

/** A customer's place in the loyalty program: level, points and the coupon codes they hold (null when not a member). */
@Injectable()
export class CustomerLoyaltyService {
  constructor(private readonly db: DataSource) {}

  async of(tenantId: number, customerId: number): Promise<CustomerLoyalty | null> {
    const m = await this.db.getRepository(Membership).findOneBy({ tenantId, customerId });
    if (!m) return null;
    const level = await this.db.getRepository(LoyaltyLevel).findOneBy({ id: m.levelId });
    const codes = await this.db.getRepository(CouponCode).find({ where: { tenantId, membershipId: m.id }, order: { id: 'DESC' }, take: MAX_COUPONS });
    const coupons = codes.length ? await this.db.getRepository(Coupon).findBy({ id: In([...new Set(codes.map((c) => c.couponId))]) }) : [];
    const byId = new Map(coupons.map((c) => [c.id, c]));
    return {
      membershipId: m.id,
      levelId: m.levelId,
      levelName: level?.name ?? '',
      points: m.points,
      memberSince: m.createdAt,
      coupons: codes.flatMap((k) => {
        const c = byId.get(k.couponId);
        if (!c) return [];
        return [
          {
            codeId: String(k.id),
            couponId: c.id,
            name: c.name,
            code: k.code,
            origin: k.origin,
            endDate: c.endDate,
            redeemedAt: k.redeemedAt,
            issuedAt: k.createdAt,
          },
        ];
      }),
    };
  }
}
