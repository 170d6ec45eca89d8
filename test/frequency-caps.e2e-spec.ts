import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

interface BroadcastView {
  id: number;
  status: string;
  total: number;
  pending: number;
  delivered: number;
  failed: number;
  cancelled: number;
  skipped: number;
}

const FINAL = ['completed', 'completed_with_failures', 'cancelled'];

describe('frequency caps (频次上限)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;
  let customers: { id: number; mobile: string }[];
  let group: number;
  let marketing: number;
  let transactional: number;

  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
    const rows = Array.from({ length: 12 }, (_, i) => ({ name: `客户${i}`, mobile: `1380000${String(i).padStart(4, '0')}` }));
    await api().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    customers = (await api().get('/api/customers').query({ limit: 100 }).set(a.auth).expect(200)).body.items;
    group = (await api().post('/api/groups').set(a.auth).send({ name: '老客', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect(200);
    marketing = await webhook('/m');
    transactional = await webhook('/t', { transactional: true });
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  async function webhook(path: string, extra: object = {}): Promise<number> {
    const body = { name: path, url: receiver.url(path), bodyTemplate: { mobile: '{{ customer.mobile }}' }, concurrency: 20, ...extra };
    return (await api().post('/api/webhooks').set(a.auth).send(body).expect(201)).body.id;
  }

  async function massSend(webhookId: number, groupId = group): Promise<BroadcastView> {
    const created = await api().post('/api/broadcasts').set(a.auth).send({ webhookId, groupId }).expect(201);
    const done = await until(
      async () => (await api().get(`/api/broadcasts/${created.body.id}`).set(a.auth).expect(200)).body as BroadcastView,
      (b) => FINAL.includes(b.status),
      30_000,
      `mass send ${created.body.id} finished`,
    );
    return done;
  }

  const perMobile = (path: string) => {
    const counts = new Map<string, number>();
    for (const r of receiver.at(path)) {
      const mobile = JSON.parse(r.raw.toString('utf8')).mobile as string;
      counts.set(mobile, (counts.get(mobile) ?? 0) + 1);
    }
    return counts;
  };

  it('is off by default; bad settings are 400s naming the field; a webhook that does not exist is a 404', async () => {
    expect((await api().get('/api/frequency-caps').set(a.auth).expect(200)).body).toEqual({
      enabled: false,
      maxMessages: 3,
      windowHours: 24,
      webhookId: null,
      updatedAt: null,
    });
    for (const [body, field] of [
      [{ enabled: true, maxMessages: 0, windowHours: 24 }, 'maxMessages'],
      [{ enabled: true, maxMessages: 2, windowHours: 721 }, 'windowHours'],
      [{ enabled: 'yes', maxMessages: 2, windowHours: 24 }, 'enabled'],
      [{ enabled: true, maxMessages: 2.5, windowHours: 24 }, 'maxMessages'],
    ] as const) {
      const res = await api().put('/api/frequency-caps').set(a.auth).send(body).expect(400);
      expect(Object.keys(res.body.fields)).toEqual([field]);
    }
    await api().get('/api/webhooks/999999/frequency-cap').set(a.auth).expect(404);
    await api().put('/api/webhooks/999999/frequency-cap').set(a.auth).send({ enabled: true, maxMessages: 1, windowHours: 1 }).expect(404);
    const other = await createTenant(t, 'B');
    await api().get(`/api/webhooks/${marketing}/frequency-cap`).set(other.auth).expect(404);
  });

  it('cap 2 a day: three mass sends to the same group → each customer gets exactly 2, the third send is all skipped; test sends and transactional webhooks do not count', async () => {
    const first = customers[0];
    // A test send before the cap: exempt, and not counted.
    await api().post(`/api/webhooks/${marketing}/test`).set(a.auth).send({ customerId: first.id }).expect(200);
    const put = await api().put('/api/frequency-caps').set(a.auth).send({ enabled: true, maxMessages: 2, windowHours: 24 }).expect(200);
    expect(put.body).toMatchObject({ enabled: true, maxMessages: 2, windowHours: 24, webhookId: null, updatedAt: expect.any(String) });
    // A transactional send first: it does not count either.
    expect(await massSend(transactional)).toMatchObject({ status: 'completed', total: 12, delivered: 12, skipped: 0 });

    const n = customers.length;
    expect(await massSend(marketing)).toMatchObject({ status: 'completed', total: n, delivered: n, skipped: 0, pending: 0 });
    expect(await massSend(marketing)).toMatchObject({ status: 'completed', total: n, delivered: n, skipped: 0, pending: 0 });
    const third = await massSend(marketing);
    expect(third).toMatchObject({ status: 'completed', total: n, delivered: 0, failed: 0, skipped: n, pending: 0 });

    // The marketing webhook's receiver: the test send plus exactly two per customer.
    const got = perMobile('/m');
    for (const c of customers) expect(got.get(c.mobile)).toBe(c.id === first.id ? 3 : 2);
    // Transactional messages still go over the cap.
    expect(await massSend(transactional)).toMatchObject({ status: 'completed', delivered: n, skipped: 0 });
    expect(perMobile('/t').get(first.mobile)).toBe(2);
    // And so do test sends.
    const test = await api().post(`/api/webhooks/${marketing}/test`).set(a.auth).send({ customerId: first.id }).expect(200);
    expect(test.body).toMatchObject({ status: 'delivered', source: 'test' });

    // Skipped messages are in the API: the status filter, their reason, never attempted.
    const skipped = await api().get(`/api/broadcasts/${third.id}/deliveries`).query({ status: 'skipped', limit: 100 }).set(a.auth).expect(200);
    expect(skipped.body.items).toHaveLength(n);
    expect(skipped.body.items[0]).toMatchObject({ status: 'skipped', skipReason: 'frequency_cap', attempts: 0 });
    const all = await api().get('/api/deliveries').query({ status: 'skipped', customerId: first.id }).set(a.auth).expect(200);
    expect(all.body.items).toHaveLength(1);
    const detail = await api().get(`/api/deliveries/${skipped.body.items[0].id}`).set(a.auth).expect(200);
    expect(detail.body).toMatchObject({ status: 'skipped', skipReason: 'frequency_cap', attemptLog: [] });

    // The hourly counters hold the skips apart from the messages made.
    // Each process writes its counts at most a second late: waited for, bounded (a read at once raced the flush).
    const stats = await until(
      async () => {
        const [row] = await t.db.query(
          "SELECT SUM(created) AS created, SUM(skipped) AS skipped FROM delivery_stats_hourly WHERE tenantId = ? AND webhookId = ? AND source = 'broadcast'",
          [a.id, marketing],
        );
        return { created: Number(row.created), skipped: Number(row.skipped) };
      },
      (x) => x.skipped === n,
      10_000,
      'the hourly counters',
    );
    expect(stats).toEqual({ created: 2 * n, skipped: n });
    await until(
      async () => (await api().get('/api/overview').query({ range: 'today' }).set(a.auth).expect(200)).body.totals,
      (totals) => totals.skipped === n,
      10_000,
      'the overview counts the skips',
    );
    // The customer's timeline: the skipped message, its reason as the note.
    const timeline = await api().get(`/api/customers/${first.id}/timeline`).set(a.auth).expect(200);
    const messages = timeline.body.items.filter((i: { kind: string }) => i.kind === 'message');
    expect(messages.find((i: { status: string }) => i.status === 'skipped')).toMatchObject({ status: 'skipped', note: 'frequency_cap' });
  });

  it("a webhook's own cap applies in addition to the tenant's", async () => {
    const fresh = await api()
      .post('/api/customers/import')
      .set(a.auth)
      .send([{ name: '新客', mobile: '13900000001' }])
      .expect(200);
    expect(fresh.body).toBeDefined();
    const [newcomer] = (await api().get('/api/customers').query({ q: '13900000001' }).set(a.auth).expect(200)).body.items;
    const solo = (await api().post('/api/groups').set(a.auth).send({ name: '新客群', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${solo}/members`)
      .set(a.auth)
      .send({ customerIds: [newcomer.id] })
      .expect(200);
    const sms = await webhook('/sms');
    const own = await api().put(`/api/webhooks/${sms}/frequency-cap`).set(a.auth).send({ enabled: true, maxMessages: 1, windowHours: 168 }).expect(200);
    expect(own.body).toMatchObject({ enabled: true, maxMessages: 1, windowHours: 168, webhookId: sms });
    expect((await api().get(`/api/webhooks/${sms}/frequency-cap`).set(a.auth).expect(200)).body).toEqual(own.body);

    expect(await massSend(sms, solo)).toMatchObject({ delivered: 1, skipped: 0 });
    expect(await massSend(sms, solo)).toMatchObject({ delivered: 0, skipped: 1 });
    // The tenant's cap (2) still has room through another webhook: one more, then none.
    expect(await massSend(marketing, solo)).toMatchObject({ delivered: 1, skipped: 0 });
    expect(await massSend(marketing, solo)).toMatchObject({ delivered: 0, skipped: 1 });
  });

  it('a journey: the capped message is skipped, the step log says so and the run goes on', async () => {
    const entry = (await api().post('/api/groups').set(a.auth).send({ name: '旅程入口', type: 'static' }).expect(201)).body.id;
    const after = (await api().post('/api/groups').set(a.auth).send({ name: '旅程之后', type: 'static' }).expect(201)).body.id;
    const created = await api()
      .post('/api/journeys')
      .set(a.auth)
      .send({
        name: '频次上限旅程',
        reentry: 'once',
        trigger: { type: 'group_entry', groupId: entry },
        start: 'send',
        nodes: [
          { id: 'send', type: 'webhook', webhookId: marketing, next: 'tag' },
          { id: 'tag', type: 'update_customer', addToGroupId: after, next: 'done' },
          { id: 'done', type: 'end' },
        ],
      })
      .expect(201);
    const capped = customers[1];
    await api()
      .post(`/api/groups/${entry}/members`)
      .set(a.auth)
      .send({ customerIds: [capped.id] })
      .expect(200);
    await api().post(`/api/journeys/${created.body.id}/activate`).set(a.auth).expect(200);
    const runs = await until(
      async () => (await api().get(`/api/journeys/${created.body.id}/runs`).set(a.auth).expect(200)).body.items as { id: string; status: string }[],
      (items) => items.length === 1 && items[0].status === 'completed',
      20_000,
      'the run completed',
    );
    const run = (await api().get(`/api/journey-runs/${runs[0].id}`).set(a.auth).expect(200)).body;
    expect(run.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual(['send:skipped', 'tag:done', 'done:done']);
    expect(run.stepLog[0].detail).toMatchObject({ skipReason: 'frequency_cap' });
    expect(run.context.nodes.send).toMatchObject({ outcome: 'skipped', skipReason: 'frequency_cap' });
    const message = await api().get(`/api/deliveries/${run.stepLog[0].deliveryId}`).set(a.auth).expect(200);
    expect(message.body).toMatchObject({ status: 'skipped', skipReason: 'frequency_cap', source: 'journey' });
    expect(perMobile('/m').get(capped.mobile)).toBe(2);
  });
});
