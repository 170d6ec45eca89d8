import { PageOf } from '../../openapi/page.dto';
import type { CouponCodeOrigin } from '../coupon-code.entity';

/** A membership level; a higher rank is a higher level. */
export class LevelView {
  id!: number;
  name!: string;
  /** Higher rank = higher level (level up / down is decided by rank). */
  rank!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

/** Every level, lowest rank first (one page: nextCursor is always null). */
export class LevelPage extends PageOf(LevelView) {}

/** A customer in the loyalty program, at a level. */
export class MembershipView {
  id!: number;
  customerId!: number;
  levelId!: number;
  points!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

/** The member's name and mobile, so a list reads without a lookup per row. */
export class MemberCustomerView {
  id!: number;
  name!: string | null;
  mobile!: string | null;
}

export class MembershipListItem extends MembershipView {
  /** null when the customer was deleted. */
  customer!: MemberCustomerView | null;
}

export class MembershipPage extends PageOf(MembershipListItem) {}

/** Enrolling a group: how many became members; customers who were members already are left as they are. */
export class EnrolReport {
  enrolled!: number;
  alreadyMembers!: number;
  /** The level the new members start at. */
  levelId!: number;
}

/** A membership after a change, and the event the change emitted. */
export class MembershipChange {
  membership!: MembershipView;
  /** loyalty/membership_level_up or _down when the level's rank changed; null otherwise. */
  event!: 'loyalty/membership_level_up' | 'loyalty/membership_level_down' | null;
}

/** A coupon: valid from startDate to endDate; `stock` caps the codes issued. */
export class CouponView {
  id!: number;
  name!: string;
  startDate!: Date;
  endDate!: Date;
  /** Codes that may be issued in all; null: unlimited. */
  stock!: number | null;
  /** Codes handed out so far (dispatched and drawn). */
  issued!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

export class CouponPage extends PageOf(CouponView) {}

/** One member's code of a coupon: a member holds at most one code per coupon; a code redeems once. */
export class CouponCodeView {
  id!: number;
  couponId!: number;
  membershipId!: number;
  /** 12 characters of Crockford base32; matched without case, spaces or dashes. */
  code!: string;
  /** dispatch (系统发放) or draw (领取). */
  origin!: CouponCodeOrigin;
  /** The dispatch batch that issued it; null when drawn. */
  batchId!: string | null;
  redeemedAt!: Date | null;
  createdAt!: Date;
}

export class CouponCodePage extends PageOf(CouponCodeView) {}

/** What a dispatch (系统发放) did: one batchId, one code and event per membership that got one. */
export class DispatchReport {
  batchId!: string;
  dispatched!: number;
  /** Memberships that held a code of this coupon already (skipped). */
  alreadyHolding!: number;
  /** Memberships left without a code: the stock ran out. */
  outOfStock!: number;
  /** Listed membership ids that are not members of this tenant. */
  notFound!: number[];
  /** Group customers who are not enrolled in the program. */
  notMembers!: number;
}
