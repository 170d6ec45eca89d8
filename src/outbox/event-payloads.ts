/**
 * The fixed events' payloads, field for field as DM Hub documents them (seed 7.2): builders for
 * Herald's own loyalty module and a validator for outside producers (POST /api/events). Pure.
 */
import type { ErrorParams, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';
import { LOYALTY_EVENTS } from './event-catalog';

export type LoyaltyEvent = (typeof LOYALTY_EVENTS)[number];

type FieldType = 'number' | 'string' | 'date';

const BASE: Record<string, FieldType> = { tenantId: 'number', event: 'string', membershipId: 'string', date: 'date' };
const LEVEL: Record<string, FieldType> = { ...BASE, oldLevelId: 'number', newLevelId: 'number', oldLevel: 'string', newLevel: 'string' };
const COUPON: Record<string, FieldType> = { ...BASE, couponId: 'string', couponName: 'string' };

/** Every key of each payload, in the seed's order, with its JSON type. */
export const PAYLOAD_FIELDS: Record<LoyaltyEvent, Record<string, FieldType>> = {
  'loyalty/membership_level_up': LEVEL,
  'loyalty/membership_level_down': LEVEL,
  'loyalty/loyalty_dispatch_coupon': { ...COUPON, batchId: 'string', couponCode: 'string', startDate: 'date', endDate: 'date' },
  'loyalty/membership_draw_coupon': { ...COUPON, couponCode: 'string', startDate: 'date', endDate: 'date' },
  'loyalty/membership_redeem_coupon': { ...COUPON, couponCode: 'string' },
};

export interface LevelChange {
  tenantId: number;
  membershipId: number;
  date: Date;
  oldLevel: { id: number; name: string; rank: number };
  newLevel: { id: number; name: string; rank: number };
}

/** Up or down by rank; null when the rank is the same (no event). */
export function levelChangeEvent(c: LevelChange): Record<string, unknown> | null {
  if (c.newLevel.rank === c.oldLevel.rank) return null;
  return {
    tenantId: c.tenantId,
    event: c.newLevel.rank > c.oldLevel.rank ? 'loyalty/membership_level_up' : 'loyalty/membership_level_down',
    membershipId: String(c.membershipId),
    date: c.date.toISOString(),
    oldLevelId: c.oldLevel.id,
    newLevelId: c.newLevel.id,
    oldLevel: c.oldLevel.name,
    newLevel: c.newLevel.name,
  };
}

export interface CouponFacts {
  tenantId: number;
  membershipId: number;
  date: Date;
  coupon: { id: number; name: string; startDate: Date; endDate: Date };
  code: string;
}

export function dispatchCouponEvent(f: CouponFacts & { batchId: string }): Record<string, unknown> {
  return {
    ...couponBase('loyalty/loyalty_dispatch_coupon', f),
    batchId: f.batchId,
    couponCode: f.code,
    startDate: f.coupon.startDate.toISOString(),
    endDate: f.coupon.endDate.toISOString(),
  };
}

export function drawCouponEvent(f: CouponFacts): Record<string, unknown> {
  return {
    ...couponBase('loyalty/membership_draw_coupon', f),
    couponCode: f.code,
    startDate: f.coupon.startDate.toISOString(),
    endDate: f.coupon.endDate.toISOString(),
  };
}

export function redeemCouponEvent(f: CouponFacts): Record<string, unknown> {
  return { ...couponBase('loyalty/membership_redeem_coupon', f), couponCode: f.code };
}

function couponBase(event: LoyaltyEvent, f: CouponFacts) {
  return {
    tenantId: f.tenantId,
    event,
    membershipId: String(f.membershipId),
    date: f.date.toISOString(),
    couponId: String(f.coupon.id),
    couponName: f.coupon.name,
  };
}

/** Customer lifecycle events (DCE 5.0's user events): our own shape, documented in the README. */
export function customerEvent(
  event: 'customer/created' | 'customer/updated' | 'customer/deleted',
  tenantId: number,
  customer: { id: number },
  date: Date,
  changed?: string[],
): Record<string, unknown> {
  return {
    tenantId,
    event,
    customerId: String(customer.id),
    date: date.toISOString(),
    customer,
    ...(changed ? { changed } : {}),
  };
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Checks an outside producer's payload against the seed: the event is one of the five, every key
 * is present with its JSON type, no unknown keys, and tenantId is the caller's tenant.
 * Returns one problem per bad field, with a code and params (empty when valid).
 */
export function validateLoyaltyPayload(body: unknown, tenantId: number): FieldProblem[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [{ path: 'body', code: 'is_object', message: 'body must be a JSON object' }];
  const b = body as Record<string, unknown>;
  if (typeof b.event !== 'string' || !(LOYALTY_EVENTS as readonly string[]).includes(b.event)) {
    return [{ path: 'event', code: 'is_in', params: { values: [...LOYALTY_EVENTS] }, message: `event must be one of ${LOYALTY_EVENTS.join(', ')}` }];
  }
  const event = b.event;
  const fields = PAYLOAD_FIELDS[event as LoyaltyEvent];
  const problems: FieldProblem[] = [];
  const add = (path: string, code: FieldCode, message: string, params?: ErrorParams) =>
    void problems.push({ path, code, ...(params ? { params } : {}), message });
  for (const [key, type] of Object.entries(fields)) {
    const v = b[key];
    if (v === undefined || v === null) add(key, 'required', `${key} is required for ${event}`, { event });
    else if (type === 'number' && (typeof v !== 'number' || !Number.isSafeInteger(v))) add(key, 'is_int', `${key} must be an integer number`);
    else if (type === 'string' && (typeof v !== 'string' || !v.trim()))
      add(key, typeof v === 'string' ? 'is_not_empty' : 'is_string', `${key} must be a non-empty string`);
    else if (type === 'string' && (v as string).length > 200) add(key, 'max_length', `${key} must be at most 200 characters`, { max: 200 });
    else if (type === 'date' && (typeof v !== 'string' || !ISO_8601.test(v) || Number.isNaN(Date.parse(v)))) {
      add(key, 'is_date_string', `${key} must be an ISO-8601 date-time string with a time zone`);
    }
  }
  for (const key of Object.keys(b)) if (!(key in fields)) add(key, 'unknown_field', `${key} is not a field of ${event}`, { event });
  if (!problems.some((p) => p.path === 'tenantId') && b.tenantId !== tenantId) {
    add('tenantId', 'tenant_mismatch', `tenantId must be your tenant's id (${tenantId})`, { tenantId });
  }
  return problems;
}

/** The payload with the seed's key order (outside producers may send keys in any order). */
export function canonicalPayload(body: Record<string, unknown>): Record<string, unknown> {
  const fields = PAYLOAD_FIELDS[body.event as LoyaltyEvent];
  return Object.fromEntries(Object.keys(fields).map((k) => [k, body[k]]));
}
