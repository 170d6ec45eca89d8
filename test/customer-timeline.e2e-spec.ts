import type { INestApplicationContext } from '@nestjs/common';
import { seedCustomerActivity, SeededActivity } from './support/customer-activity';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

interface Item {
  kind: string;
  id: string;
  at: string;
  title: string | null;
  status: string;
  link: { type: string; id: string; name: string | null } | null;
  via: { type: string; id: string; name: string | null } | null;
  target?: { type: string; id: string; name: string | null } | null;
  path?: { nodeId: string; type: string; label: string | null; outcome: string }[];
}

describe('customer 360: profile and timeline (/api/customers/:id/profile, /timeline)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let customer: { id: number; mobile: string };
  let other: { id: number; mobile: string };
  let seeded: SeededActivity;

  const timeline = async (query: Record<string, string | number> = {}, tenant = a, id = customer.id) =>
    (await t.http().get(`/api/customers/${id}/timeline`).query(query).set(tenant.auth).expect(200)).body as { items: Item[]; nextCursor: string | null };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    const mobile = '13800138000';
    customer = (
      await t
        .http()
        .post('/api/customers')
        .set(a.auth)
        .send({ name: '李雷', mobile, attributes: { city: '上海' } })
        .expect(201)
    ).body;
    // Tenant B: the same mobile, its own activity — never to show on A's page.
    other = (await t.http().post('/api/customers').set(b.auth).send({ name: '李雷', mobile }).expect(201)).body;
    await seedCustomerActivity(t, b, other, receiver);
    seeded = await seedCustomerActivity(t, a, customer, receiver);
  });

  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('lists what Herald did and saw, newest first, by name, with outcomes and link targets', async () => {
    // Settled: three messages delivered (mass send, journey, form) and the run completed.
    const { items } = await until(
      () => timeline({ limit: 200 }),
      (p) =>
        p.items.filter((i) => i.kind === 'message' && i.status === 'delivered').length === 3 &&
        p.items.some((i) => i.kind === 'journey_run' && i.status === 'completed'),
      30_000,
      'the messages delivered and the run completed',
    );
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const messages = items.filter((i) => i.kind === 'message');
    expect(messages.map((m) => m.title)).toEqual([seeded.webhook.name, seeded.webhook.name, seeded.webhook.name]);
    expect(messages.every((m) => m.link?.type === 'delivery' && m.link.id === m.id)).toBe(true);
    expect(messages.map((m) => m.via?.name).sort()).toEqual([seeded.broadcast.name, seeded.journey.name, seeded.form.name].sort());
    expect(messages.find((m) => m.via?.type === 'form')?.via).toEqual({ type: 'form', id: String(seeded.form.id), name: seeded.form.name });
    expect(messages.find((m) => m.via?.type === 'broadcast')).toMatchObject({
      via: { id: String(seeded.broadcast.id) },
      target: { type: 'webhook', id: String(seeded.webhook.id) },
    });

    const run = items.find((i) => i.kind === 'journey_run') as Item;
    expect(run).toMatchObject({
      title: seeded.journey.name,
      status: 'completed',
      link: { type: 'journey_run', id: run.id },
      via: { type: 'journey', id: String(seeded.journey.id) },
    });
    expect(run.path).toEqual([expect.objectContaining({ nodeId: 'crm', type: 'webhook', label: '同步到 CRM', outcome: 'delivered' })]);
    const journeyMessage = messages.find((m) => m.via?.type === 'journey_run') as Item;
    expect(journeyMessage.via).toEqual({ type: 'journey_run', id: run.id, name: seeded.journey.name });

    expect(items.find((i) => i.kind === 'form_submission')).toMatchObject({
      title: seeded.form.name,
      status: 'submitted',
      link: { type: 'form', id: String(seeded.form.id) },
    });
    expect(items.find((i) => i.kind === 'inbound_request')).toMatchObject({
      title: seeded.trigger.name,
      status: 'accepted',
      link: { type: 'inbound_trigger', id: String(seeded.trigger.id) },
      via: { type: 'journey_run', id: run.id, name: seeded.journey.name },
    });
    const events = items.filter((i) => i.kind === 'event').map((i) => i.title);
    expect(events).toEqual(expect.arrayContaining(['customer/created', 'loyalty/loyalty_dispatch_coupon']));
    // The coupon was dispatched last: the newest of the customer's events.
    expect(events[0]).toBe('loyalty/loyalty_dispatch_coupon');
  });

  it('pages with the cursor without gaps or repeats, even at a page size of 1', async () => {
    const all = (await timeline({ limit: 200 })).items.map((i) => `${i.kind}:${i.id}`);
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await timeline(after ? { limit, after } : { limit });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((i) => `${i.kind}:${i.id}`));
        after = page.nextCursor;
      } while (after);
      expect(seen).toEqual(all);
    }
  });

  it("never shows another tenant's data; a bad cursor is a 400 naming the field", async () => {
    const mine = await timeline({ limit: 200 });
    const theirs = await timeline({ limit: 200 }, b, other.id);
    const ids = new Set(mine.items.map((i) => `${i.kind}:${i.id}`));
    expect(theirs.items.length).toBeGreaterThan(3);
    expect(theirs.items.some((i) => ids.has(`${i.kind}:${i.id}`))).toBe(false);
    await t.http().get(`/api/customers/${other.id}/timeline`).set(a.auth).expect(404);
    await t.http().get(`/api/customers/${other.id}/profile`).set(a.auth).expect(404);
    const bad = await t.http().get(`/api/customers/${customer.id}/timeline`).query({ after: 'yesterday' }).set(a.auth).expect(400);
    expect(JSON.stringify(bad.body)).toContain('after');
  });

  it('the profile shows the groups the customer is in now and their loyalty level, points and coupons', async () => {
    const profile = (await t.http().get(`/api/customers/${customer.id}/profile`).set(a.auth).expect(200)).body;
    expect(profile.customer).toMatchObject({ id: customer.id, name: '李雷', attributes: { city: '上海' } });
    expect(profile.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: seeded.group.id, name: seeded.group.name, type: 'static', since: expect.any(String) }),
        expect.objectContaining({ id: seeded.dynamicGroup.id, name: seeded.dynamicGroup.name, type: 'dynamic', since: null }),
      ]),
    );
    expect(profile.loyalty).toMatchObject({ levelId: seeded.level.id, levelName: seeded.level.name, points: 0 });
    expect(profile.loyalty.coupons).toEqual([
      expect.objectContaining({ couponId: seeded.coupon.id, name: seeded.coupon.name, origin: 'dispatch', redeemedAt: null }),
    ]);
    // Moved out of 上海: the dynamic group no longer matches.
    await t
      .http()
      .patch(`/api/customers/${customer.id}`)
      .set(a.auth)
      .send({ attributes: { city: '北京' } })
      .expect(200);
    const moved = (await t.http().get(`/api/customers/${customer.id}/profile`).set(a.auth).expect(200)).body;
    expect(moved.groups.map((g: { id: number }) => g.id)).toEqual([seeded.group.id]);
  });
});
