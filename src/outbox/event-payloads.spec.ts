import {
  canonicalPayload,
  dispatchCouponEvent,
  drawCouponEvent,
  levelChangeEvent,
  PAYLOAD_FIELDS,
  redeemCouponEvent,
  validateLoyaltyPayload,
} from './event-payloads';

const date = new Date('2026-11-23T08:00:00.000Z');
const coupon = { id: 7, name: '满100减20', startDate: new Date('2026-11-01T00:00:00.000Z'), endDate: new Date('2026-12-31T23:59:59.000Z') };

describe('fixed event payloads (seed 7.2)', () => {
  it('level up and down by rank, with the seed keys in order and numeric level ids', () => {
    const silver = { id: 11, name: '银卡', rank: 1 };
    const gold = { id: 12, name: '金卡', rank: 2 };
    const up = levelChangeEvent({ tenantId: 3, membershipId: 42, date, oldLevel: silver, newLevel: gold })!;
    expect(up).toEqual({
      tenantId: 3,
      event: 'loyalty/membership_level_up',
      membershipId: '42',
      date: '2026-11-23T08:00:00.000Z',
      oldLevelId: 11,
      newLevelId: 12,
      oldLevel: '银卡',
      newLevel: '金卡',
    });
    expect(Object.keys(up)).toEqual(Object.keys(PAYLOAD_FIELDS['loyalty/membership_level_up']));
    expect(levelChangeEvent({ tenantId: 3, membershipId: 42, date, oldLevel: gold, newLevel: silver })!.event).toBe('loyalty/membership_level_down');
    expect(levelChangeEvent({ tenantId: 3, membershipId: 42, date, oldLevel: gold, newLevel: { ...gold, id: 99 } })).toBeNull();
  });

  it('coupon events carry string ids, the code and ISO dates exactly as the seed lists them', () => {
    const facts = { tenantId: 3, membershipId: 42, date, coupon, code: 'ABCD2345WXYZ' };
    const dispatch = dispatchCouponEvent({ ...facts, batchId: 'b-1' });
    expect(Object.keys(dispatch)).toEqual([
      'tenantId',
      'event',
      'membershipId',
      'date',
      'couponId',
      'couponName',
      'batchId',
      'couponCode',
      'startDate',
      'endDate',
    ]);
    expect(dispatch).toMatchObject({ couponId: '7', batchId: 'b-1', couponCode: 'ABCD2345WXYZ', startDate: '2026-11-01T00:00:00.000Z' });
    expect(Object.keys(drawCouponEvent(facts))).toEqual([
      'tenantId',
      'event',
      'membershipId',
      'date',
      'couponId',
      'couponName',
      'couponCode',
      'startDate',
      'endDate',
    ]);
    expect(Object.keys(redeemCouponEvent(facts))).toEqual(['tenantId', 'event', 'membershipId', 'date', 'couponId', 'couponName', 'couponCode']);
    for (const payload of [dispatch, drawCouponEvent(facts), redeemCouponEvent(facts)]) {
      expect(validateLoyaltyPayload(payload, 3)).toEqual([]);
    }
  });
});

describe('validateLoyaltyPayload (POST /api/events)', () => {
  const valid = {
    tenantId: 3,
    event: 'loyalty/membership_level_down',
    membershipId: '42',
    date: '2026-11-23T08:00:00Z',
    oldLevelId: 12,
    newLevelId: 11,
    oldLevel: '金卡',
    newLevel: '银卡',
  };

  it('accepts the seed payload and puts keys in the seed order', () => {
    expect(validateLoyaltyPayload(valid, 3)).toEqual([]);
    const shuffled = Object.fromEntries(Object.entries(valid).reverse());
    expect(Object.keys(canonicalPayload(shuffled))).toEqual(Object.keys(valid));
  });

  it.each([
    [{ ...valid, event: 'loyalty/unknown' }, 'event', 'is_in'],
    [{ ...valid, oldLevelId: '12' }, 'oldLevelId', 'is_int'],
    [{ ...valid, tenantId: '3' }, 'tenantId', 'is_int'],
    [{ ...valid, tenantId: 4 }, 'tenantId', 'tenant_mismatch'],
    [{ ...valid, membershipId: 42 }, 'membershipId', 'is_string'],
    [{ ...valid, membershipId: ' ' }, 'membershipId', 'is_not_empty'],
    [{ ...valid, oldLevel: 'x'.repeat(201) }, 'oldLevel', 'max_length'],
    [{ ...valid, date: '23/11/2026' }, 'date', 'is_date_string'],
    [{ ...valid, date: '2026-11-23T08:00:00' }, 'date', 'is_date_string'],
    [{ ...valid, newLevel: undefined }, 'newLevel', 'required'],
    [{ ...valid, extra: 1 }, 'extra', 'unknown_field'],
  ])('refuses %j naming %s with code %s', (body, field, code) => {
    const problems = validateLoyaltyPayload(body, 3);
    expect(problems.map((p) => [p.path, p.code])).toContainEqual([field, code]);
  });

  it('gives the params a client words the problem with', () => {
    expect(validateLoyaltyPayload({ ...valid, tenantId: 4 }, 3)).toEqual([
      { path: 'tenantId', code: 'tenant_mismatch', params: { tenantId: 3 }, message: "tenantId must be your tenant's id (3)" },
    ]);
    expect(validateLoyaltyPayload({ ...valid, event: 'x' }, 3)[0].params).toEqual({ values: expect.arrayContaining(['loyalty/membership_level_up']) });
  });

  it('refuses non-objects', () => {
    expect(validateLoyaltyPayload([valid], 3)).toEqual([{ path: 'body', code: 'is_object', message: 'body must be a JSON object' }]);
    expect(validateLoyaltyPayload(null, 3)[0]).toMatchObject({ path: 'body', code: 'is_object' });
  });
});
