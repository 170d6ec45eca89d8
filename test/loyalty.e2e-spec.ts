import type { INestApplicationContext } from '@nestjs/common';
import { untilIdle } from './support/idle';
import { Receiver, Received } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';
import { javaDmhubSignature } from './support/verify';

const SECRET = 'loyalty-secret-000001';
const LOYALTY = [
  'loyalty/membership_level_up',
  'loyalty/membership_level_down',
  'loyalty/loyalty_dispatch_coupon',
  'loyalty/membership_draw_coupon',
  'loyalty/membership_redeem_coupon',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The seed's key set, in order, with each value's JSON type. */
const SEED_SHAPES: Record<string, [string, string][]> = {
  'loyalty/membership_level_up': [
    ['tenantId', 'number'],
    ['event', 'string'],
    ['membershipId', 'string'],
    ['date', 'string'],
    ['oldLevelId', 'number'],
    ['newLevelId', 'number'],
    ['oldLevel', 'string'],
    ['newLevel', 'string'],
  ],
  'loyalty/loyalty_dispatch_coupon': [
    ['tenantId', 'number'],
    ['event', 'string'],
    ['membershipId', 'string'],
    ['date', 'string'],
    ['couponId', 'string'],
    ['couponName', 'string'],
    ['batchId', 'string'],
    ['couponCode', 'string'],
    ['startDate', 'string'],
    ['endDate', 'string'],
  ],
  'loyalty/membership_draw_coupon': [
    ['tenantId', 'number'],
    ['event', 'string'],
    ['membershipId', 'string'],
    ['date', 'string'],
    ['couponId', 'string'],
    ['couponName', 'string'],
    ['couponCode', 'string'],
    ['startDate', 'string'],
    ['endDate', 'string'],
  ],
  'loyalty/membership_redeem_coupon': [
    ['tenantId', 'number'],
    ['event', 'string'],
    ['membershipId', 'string'],
    ['date', 'string'],
    ['couponId', 'string'],
    ['couponName', 'string'],
    ['couponCode', 'string'],
  ],
};
SEED_SHAPES['loyalty/membership_level_down'] = SEED_SHAPES['loyalty/membership_level_up'];

function expectSeedShape(body: Record<string, unknown>): void {
  const shape = SEED_SHAPES[String(body.event)];
  expect(shape).toBeDefined();
  expect(Object.keys(body)).toEqual(shape.map(([k]) => k));
  for (const [key, type] of shape) expect([key, typeof body[key]]).toEqual([key, type]);
  for (const key of ['date', 'startDate', 'endDate']) if (key in body) expect(body[key]).toMatch(ISO);
}

const json = (r: Received) => JSON.parse(r.raw.toString('utf8')) as Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('loyalty fixed events through the outbox', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let customers: { id: number; name: string }[];
  let silver: number;
  let gold: number;
  let memberships: { id: number; customerId: number }[];

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    const rows = Array.from({ length: 6 }, (_, i) => ({ name: `会员 "${i}"`, mobile: `1390000${String(i).padStart(4, '0')}` }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    customers = (await t.http().get('/api/customers').set(a.auth).expect(200)).body.items;
    silver = (await t.http().post('/api/loyalty/levels').set(a.auth).send({ name: '银卡', rank: 1 }).expect(201)).body.id;
    gold = (await t.http().post('/api/loyalty/levels').set(a.auth).send({ name: '金卡', rank: 2 }).expect(201)).body.id;
    memberships = [];
    for (const c of customers) {
      memberships.push((await t.http().post('/api/loyalty/memberships').set(a.auth).send({ customerId: c.id }).expect(201)).body);
    }
    const hook = (name: string, extra: object, tenant = a) =>
      t
        .http()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({
          name,
          url: receiver.url(`/${name}`),
          secret: SECRET,
          triggerType: 'event',
          backoffBaseMs: 50,
          ...extra,
        })
        .expect(201);
    await hook('all', { events: LOYALTY });
    await hook('templated', {
      events: ['loyalty/membership_level_up'],
      bodyTemplate: { text: '{{ customer.name }} 升级为 {{ event.newLevel }}', level: '{{ event.newLevelId }}', membership: '{{ event.membershipId }}' },
    });
    await hook('disabled', { events: LOYALTY, enabled: false });
    await hook('customers', { events: ['customer/created', 'customer/updated', 'customer/deleted'] });
    await hook('other-tenant', { events: LOYALTY }, b);
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  const receivedEvents = (path: string, event: string) =>
    receiver
      .at(path)
      .map(json)
      .filter((x) => x.event === event);

  it('a level change emits up or down by rank (none for the same level), signed, with the seed payload', async () => {
    const m = memberships[0];
    expect(m).toMatchObject({ levelId: silver, points: 0 });
    const up = await t.http().patch(`/api/loyalty/memberships/${m.id}`).set(a.auth).send({ levelId: gold }).expect(200);
    expect(up.body).toMatchObject({ event: 'loyalty/membership_level_up', membership: { levelId: gold } });
    const down = await t.http().patch(`/api/loyalty/memberships/${m.id}`).set(a.auth).send({ levelId: silver }).expect(200);
    expect(down.body.event).toBe('loyalty/membership_level_down');
    const same = await t.http().patch(`/api/loyalty/memberships/${m.id}`).set(a.auth).send({ levelId: silver, points: 10 }).expect(200);
    expect(same.body).toMatchObject({ event: null, membership: { points: 10 } });

    // Webhooks promise no order across messages: find each by its event.
    const both = await receiver.waitFor('/all', 2);
    const upMsg = both.find((r) => json(r).event === 'loyalty/membership_level_up')!;
    const downMsg = both.find((r) => json(r).event === 'loyalty/membership_level_down')!;
    for (const r of [upMsg, downMsg]) {
      expect(r.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature(SECRET, r.raw));
      expectSeedShape(json(r));
    }
    expect(json(upMsg)).toMatchObject({
      tenantId: a.id,
      event: 'loyalty/membership_level_up',
      membershipId: String(m.id),
      oldLevelId: silver,
      newLevelId: gold,
      oldLevel: '银卡',
      newLevel: '金卡',
    });
    expect(upMsg.headers['x-herald-event']).toBe('loyalty/membership_level_up');
    expect(json(downMsg)).toMatchObject({ event: 'loyalty/membership_level_down', oldLevelId: gold, newLevelId: silver });

    // With a template: event.* and the membership's customer.*.
    const [templated] = await receiver.waitFor('/templated', 1);
    const customer = customers.find((c) => c.id === m.customerId)!;
    expect(json(templated)).toEqual({ text: `${customer.name} 升级为 金卡`, level: gold, membership: String(m.id) });

    await untilIdle(t); // was a 300 ms sleep: another message can only come from an event, message or job still open
    expect(receiver.at('/all')).toHaveLength(2);
    expect(receiver.at('/templated')).toHaveLength(1);
  });

  it('an unknown level is refused and writes no event', async () => {
    const before = (await t.http().get('/api/events').set(a.auth).expect(200)).body.items.length;
    const res = await t.http().patch(`/api/loyalty/memberships/${memberships[1].id}`).set(a.auth).send({ levelId: 999999 }).expect(400);
    expect(res.body.message).toContain('levelId');
    expect((await t.http().get('/api/events').set(a.auth).expect(200)).body.items.length).toBe(before);
  });

  it('dispatches a coupon in one batch, draws within stock, redeems once', async () => {
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const end = new Date(Date.now() + 86_400_000).toISOString();
    const coupon = (await t.http().post('/api/loyalty/coupons').set(a.auth).send({ name: '满100减20', startDate: start, endDate: end, stock: 4 }).expect(201))
      .body;
    const targets = memberships.slice(0, 3).map((m) => m.id);
    const dispatched = await t
      .http()
      .post(`/api/loyalty/coupons/${coupon.id}/dispatch`)
      .set(a.auth)
      .send({ membershipIds: [...targets, 999999] })
      .expect(200);
    expect(dispatched.body).toMatchObject({ dispatched: 3, alreadyHolding: 0, outOfStock: 0, notFound: [999999] });
    const again = await t.http().post(`/api/loyalty/coupons/${coupon.id}/dispatch`).set(a.auth).send({ membershipIds: targets }).expect(200);
    expect(again.body).toMatchObject({ dispatched: 0, alreadyHolding: 3 });

    const drawn = await t.http().post(`/api/loyalty/coupons/${coupon.id}/draw`).set(a.auth).send({ membershipId: memberships[3].id }).expect(201);
    expect(drawn.body).toMatchObject({ origin: 'draw', membershipId: memberships[3].id, redeemedAt: null });
    const twice = await t.http().post(`/api/loyalty/coupons/${coupon.id}/draw`).set(a.auth).send({ membershipId: memberships[3].id }).expect(409);
    expect(twice.body.message).toContain('holds a code');
    const empty = await t.http().post(`/api/loyalty/coupons/${coupon.id}/draw`).set(a.auth).send({ membershipId: memberships[4].id }).expect(409);
    expect(empty.body.message).toContain('out of stock');

    const code = drawn.body.code as string;
    const redeemed = await t.http().post(`/api/loyalty/codes/${code.toLowerCase()}/redeem`).set(a.auth).expect(200);
    expect(redeemed.body.redeemedAt).toEqual(expect.any(String));
    const second = await t.http().post(`/api/loyalty/codes/${code}/redeem`).set(a.auth).expect(409);
    expect(second.body.message).toContain('redeemed already');
    await t.http().post('/api/loyalty/codes/NOSUCHCODE00/redeem').set(a.auth).expect(404);
    await t.http().post(`/api/loyalty/codes/${code}/redeem`).set(b.auth).expect(404);

    await receiver.waitFor('/all', 2 + 3 + 1 + 1);
    const dispatch = receivedEvents('/all', 'loyalty/loyalty_dispatch_coupon');
    expect(dispatch).toHaveLength(3);
    for (const d of dispatch) expectSeedShape(d);
    expect(new Set(dispatch.map((d) => d.batchId))).toEqual(new Set([dispatched.body.batchId]));
    expect(new Set(dispatch.map((d) => d.couponCode)).size).toBe(3);
    expect(dispatch.map((d) => d.membershipId).sort()).toEqual(targets.map(String).sort());
    expect(dispatch[0]).toMatchObject({
      couponId: String(coupon.id),
      couponName: '满100减20',
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
    });

    const [draw] = receivedEvents('/all', 'loyalty/membership_draw_coupon');
    expectSeedShape(draw);
    expect(draw).toMatchObject({ membershipId: String(memberships[3].id), couponCode: code });
    await untilIdle(t); // was a 300 ms sleep: another message can only come from an event, message or job still open
    const redeems = receivedEvents('/all', 'loyalty/membership_redeem_coupon');
    expect(redeems).toHaveLength(1);
    expectSeedShape(redeems[0]);
    expect(redeems[0]).toMatchObject({ couponCode: code, membershipId: String(memberships[3].id), couponId: String(coupon.id) });
  });

  it('refuses expired codes and coupons, and codes not yet valid', async () => {
    const coupon = (
      await t
        .http()
        .post('/api/loyalty/coupons')
        .set(a.auth)
        .send({
          name: '限时',
          startDate: new Date(Date.now() - 60_000).toISOString(),
          endDate: new Date(Date.now() + 60_000).toISOString(),
        })
        .expect(201)
    ).body;
    const drawn = (await t.http().post(`/api/loyalty/coupons/${coupon.id}/draw`).set(a.auth).send({ membershipId: memberships[5].id }).expect(201)).body;
    await t.db.query('UPDATE loyalty_coupons SET endDate = ? WHERE id = ?', [new Date(Date.now() - 1000), coupon.id]);
    expect((await t.http().post(`/api/loyalty/codes/${drawn.code}/redeem`).set(a.auth).expect(409)).body.message).toContain('expired');
    expect(
      (await t.http().post(`/api/loyalty/coupons/${coupon.id}/draw`).set(a.auth).send({ membershipId: memberships[4].id }).expect(409)).body.message,
    ).toContain('expired');
    await t.db.query('UPDATE loyalty_coupons SET startDate = ?, endDate = ? WHERE id = ?', [
      new Date(Date.now() + 60_000),
      new Date(Date.now() + 120_000),
      coupon.id,
    ]);
    expect((await t.http().post(`/api/loyalty/codes/${drawn.code}/redeem`).set(a.auth).expect(409)).body.message).toContain('not valid before');
    const bad = await t
      .http()
      .post('/api/loyalty/coupons')
      .set(a.auth)
      .send({ name: 'x', startDate: '2026-12-02T00:00:00Z', endDate: '2026-12-01T00:00:00Z' })
      .expect(400);
    expect(bad.body.message).toContain('endDate');
  });

  it('accepts the five payloads from an outside system and refuses bad ones naming the field', async () => {
    const body = {
      tenantId: a.id,
      event: 'loyalty/membership_redeem_coupon',
      membershipId: 'EXT-77',
      date: '2026-11-23T08:00:00+08:00',
      couponId: 'C-1',
      couponName: '外部券',
      couponCode: 'EXTCODE',
    };
    const before = receivedEvents('/all', 'loyalty/membership_redeem_coupon').length;
    const res = await t
      .http()
      .post('/api/events')
      .set(a.auth)
      .send(Object.fromEntries(Object.entries(body).reverse()))
      .expect(202);
    expect(res.body).toMatchObject({ type: body.event, origin: 'api', status: 'pending' });
    const got = (
      await until(
        () => receivedEvents('/all', 'loyalty/membership_redeem_coupon'),
        (x) => x.length > before,
      )
    ).slice(before);
    expect(got).toEqual([body]);
    expect(Object.keys(got[0])).toEqual(Object.keys(body));

    for (const [bad, field] of [
      [{ ...body, tenantId: String(a.id) }, 'tenantId'],
      [{ ...body, tenantId: b.id }, 'tenantId'],
      [{ ...body, event: 'loyalty/nope' }, 'event'],
      [{ ...body, couponCode: 5 }, 'couponCode'],
      [{ ...body, date: 'yesterday' }, 'date'],
      [{ ...body, unexpected: true }, 'unexpected'],
      [{ ...body, event: 'loyalty/membership_level_up' }, 'oldLevelId'],
    ] as const) {
      const r = await t.http().post('/api/events').set(a.auth).send(bad).expect(400);
      expect(r.body.message).toContain(field);
    }
    await t.http().post('/api/events').set(a.auth).set('Content-Type', 'application/json').send('[1]').expect(400);
    const events = (await t.http().get('/api/events').query({ type: 'loyalty/membership_redeem_coupon' }).set(a.auth).expect(200)).body.items;
    expect(events.every((e: { type: string }) => e.type === 'loyalty/membership_redeem_coupon')).toBe(true);
  });

  it('customer lifecycle events reach their subscribers', async () => {
    const created = (await t.http().post('/api/customers').set(a.auth).send({ name: '新客户', mobile: '13900009999' }).expect(201)).body;
    await t.http().patch(`/api/customers/${created.id}`).set(a.auth).send({ name: '新客户2' }).expect(200);
    await t.http().patch(`/api/customers/${created.id}`).set(a.auth).send({ name: '新客户2' }).expect(200); // no change, no event
    await t.http().delete(`/api/customers/${created.id}`).set(a.auth).expect(204);
    // Webhooks promise no order across messages: compare by event.
    const got = new Map((await receiver.waitFor('/customers', 3)).map(json).map((x) => [x.event, x]));
    expect([...got.keys()].sort()).toEqual(['customer/created', 'customer/deleted', 'customer/updated']);
    expect(got.get('customer/created')).toMatchObject({ tenantId: a.id, customerId: String(created.id), customer: { id: created.id, name: '新客户' } });
    expect(got.get('customer/updated')).toMatchObject({ changed: ['name'], customer: { name: '新客户2' } });
    expect(got.get('customer/deleted')).toMatchObject({ customerId: String(created.id), customer: { name: '新客户2' } });
    await untilIdle(t); // was a 300 ms sleep: another message can only come from an event, message or job still open
    expect(receiver.at('/customers')).toHaveLength(3);
  });

  it('unsubscribed and disabled webhooks and other tenants receive nothing; deliveries are logged', async () => {
    expect(receiver.at('/disabled')).toHaveLength(0);
    expect(receiver.at('/other-tenant')).toHaveLength(0);
    expect(receiver.at('/customers').every((r) => String(json(r).event).startsWith('customer/'))).toBe(true);
    const list = (await t.http().get('/api/deliveries').query({ source: 'event' }).set(a.auth).expect(200)).body.items;
    expect(list.length).toBe(receiver.at('/all').length + receiver.at('/templated').length + receiver.at('/customers').length);
    const detail = (await t.http().get(`/api/deliveries/${list[0].id}`).set(a.auth).expect(200)).body;
    expect(detail).toMatchObject({ status: 'delivered', source: 'event', eventId: expect.any(String) });
    expect(detail.attemptLog).toHaveLength(1);
    const event = (await t.http().get(`/api/events/${detail.eventId}`).set(a.auth).expect(200)).body;
    expect(event).toMatchObject({ status: 'relayed', type: detail.event });
    await t.http().get(`/api/events/${detail.eventId}`).set(b.auth).expect(404);
  });

  it('dispatches to a whole group by streaming it: one event and one delivery per member', async () => {
    const n = 1_500; // more than one page of 1,000
    const rows = Array.from({ length: n }, (_, i) => ({ name: `群成员 ${i}`, mobile: `1360${String(i).padStart(7, '0')}` }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const group = (
      await t
        .http()
        .post('/api/groups')
        .set(a.auth)
        .send({ name: 'group-dispatch', type: 'dynamic', rule: { field: 'name', op: 'contains', value: '群成员' } })
        .expect(201)
    ).body;
    const enrolled = await t.http().post('/api/loyalty/memberships').set(a.auth).send({ groupId: group.id, levelId: gold }).expect(201);
    expect(enrolled.body).toMatchObject({ enrolled: n, alreadyMembers: 0 });
    const coupon = (
      await t
        .http()
        .post('/api/loyalty/coupons')
        .set(a.auth)
        .send({
          name: '群发券',
          startDate: new Date(Date.now() - 1000).toISOString(),
          endDate: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .expect(201)
    ).body;
    const path = '/group-coupon';
    await t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({
        name: 'group-coupon',
        url: receiver.url(path),
        secret: SECRET,
        triggerType: 'event',
        events: ['loyalty/loyalty_dispatch_coupon'],
        concurrency: 50,
      })
      .expect(201);
    const res = await t.http().post(`/api/loyalty/coupons/${coupon.id}/dispatch`).set(a.auth).send({ groupId: group.id }).expect(200);
    expect(res.body).toMatchObject({ dispatched: n, alreadyHolding: 0, notMembers: 0 });
    const got = (await receiver.waitFor(path, n, 60_000)).map(json);
    expect(new Set(got.map((x) => x.membershipId)).size).toBe(n);
    expect(new Set(got.map((x) => x.couponCode)).size).toBe(n);
    expect(got.every((x) => x.batchId === res.body.batchId)).toBe(true);
    const [{ rows: deliveryRows }] = await t.db.query(
      "SELECT COUNT(*) AS `rows` FROM deliveries d JOIN event_outbox e ON d.source = 'event' AND e.id = d.sourceId WHERE e.type = 'loyalty/loyalty_dispatch_coupon' AND d.requestUrl = ?",
      [receiver.url(path)],
    );
    expect(Number(deliveryRows)).toBe(n);
  });
});

describe('outbox: nothing lost between commit and relay', () => {
  let t: TestApp;
  let a: TestTenant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('an event committed while no relay runs is delivered once when one starts, and once even if relayed twice', async () => {
    const customer = (await t.http().post('/api/customers').set(a.auth).send({ name: '王小明', mobile: '13800000001' }).expect(201)).body;
    const silver = (await t.http().post('/api/loyalty/levels').set(a.auth).send({ name: '银卡', rank: 1 }).expect(201)).body.id;
    const gold = (await t.http().post('/api/loyalty/levels').set(a.auth).send({ name: '金卡', rank: 2 }).expect(201)).body.id;
    const m = (await t.http().post('/api/loyalty/memberships').set(a.auth).send({ customerId: customer.id, levelId: silver }).expect(201)).body;
    await t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({
        name: 'up',
        url: receiver.url('/up'),
        secret: SECRET,
        triggerType: 'event',
        events: ['loyalty/membership_level_up'],
      })
      .expect(201);

    // The api commits the change and its event; no worker (relay) is running: the "crash".
    await t.http().patch(`/api/loyalty/memberships/${m.id}`).set(a.auth).send({ levelId: gold }).expect(200);
    const [pending] = (await t.http().get('/api/events').query({ type: 'loyalty/membership_level_up' }).set(a.auth).expect(200)).body.items;
    expect(pending.status).toBe('pending');
    await sleep(500);
    expect(receiver.at('/up')).toHaveLength(0);

    const worker = await createTestWorker(t.env);
    try {
      const [msg] = await receiver.waitFor('/up', 1);
      expect(json(msg)).toMatchObject({ event: 'loyalty/membership_level_up', membershipId: String(m.id), newLevelId: gold });
      // The relay marks the event after enqueueing its message, so the message can arrive first.
      const relayed = await until(
        async () => (await t.http().get(`/api/events/${pending.id}`).set(a.auth).expect(200)).body as { status: string },
        (event) => event.status === 'relayed',
        10_000,
        'the event to read relayed',
      );
      expect(relayed).toMatchObject({ status: 'relayed', deliveries: 1 });

      // A relay that died after creating the deliveries but before marking the event: it is relayed again.
      await t.db.query('UPDATE event_outbox SET relayedAt = NULL WHERE id = ?', [pending.id]);
      const deadline = Date.now() + 10_000;
      while ((await t.http().get(`/api/events/${pending.id}`).set(a.auth).expect(200)).body.status !== 'relayed') {
        if (Date.now() > deadline) throw new Error('event was not relayed again');
        await sleep(50);
      }
      await untilIdle(t); // was a 500 ms sleep: a second copy can only come from an event, message or job still open
      expect(receiver.at('/up')).toHaveLength(1);
      const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM deliveries WHERE source = 'event' AND sourceId = ?", [pending.id]);
      expect(Number(n)).toBe(1);
    } finally {
      await worker.close();
    }
  });
});
