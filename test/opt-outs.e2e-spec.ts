import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

interface Customer {
  id: number;
  name: string;
  mobile: string;
  unsubscribedAt: string | null;
  unsubscribedVia: string | null;
}

const json = (raw: Buffer) => JSON.parse(raw.toString('utf8'));
const token = (url: string) => /\/u\/([A-Za-z0-9_-]{32})$/.exec(url)![1];

describe('opt-outs (退订)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let people: Customer[];
  let group: number;
  let promo: number;
  let notice: number;

  const api = () => t.http();
  const customer = async (id: number, tenant = a): Promise<Customer> => (await api().get(`/api/customers/${id}`).set(tenant.auth).expect(200)).body;
  const updates = async (customerId: number) => {
    const res = await api().get('/api/events').query({ type: 'customer/updated', limit: 100 }).set(a.auth).expect(200);
    return (res.body.items as { customerId: number; origin: string; payload: { changed: string[]; customer: { unsubscribedAt: string | null } } }[]).filter(
      (e) => e.customerId === customerId,
    );
  };
  /** The link a message to this customer carries (the preview renders it as a send would). */
  const linkFor = async (customerId: number): Promise<string> => {
    const preview = await api().post(`/api/webhooks/${promo}/preview`).set(a.auth).send({ customerId }).expect(200);
    expect(preview.body.body.note).toBe(`退订请点 ${preview.body.body.unsubscribe}`);
    return preview.body.body.unsubscribe as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    await api()
      .post('/api/customers/import')
      .set(a.auth)
      .send(['张三', '李四', '王五', '赵六', '钱七'].map((name, i) => ({ name, mobile: `1390000${String(i).padStart(4, '0')}` })))
      .expect(200);
    people = (await api().get('/api/customers').set(a.auth).expect(200)).body.items;
    group = (await api().post('/api/groups').set(a.auth).send({ name: '三人', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: people.slice(0, 3).map((c) => c.id) })
      .expect(200);
    const hook = (name: string, transactional: boolean) =>
      api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({
          name,
          url: receiver.url(`/${name}`),
          transactional,
          backoffBaseMs: 50,
          bodyTemplate: { mobile: '{{ customer.mobile }}', unsubscribe: '{{ unsubscribe_url }}', note: '退订请点 {{ unsubscribe_url }}' },
        })
        .expect(201);
    promo = (await hook('promo', false)).body.id;
    notice = (await hook('notice', true)).body.id;
  });

  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('renders {{ unsubscribe_url }} per customer; the link page asks first (GET changes nothing) and the POST unsubscribes, idempotently', async () => {
    const [zhang] = people;
    const url = await linkFor(zhang.id);
    expect(url).toMatch(/^\/u\/[A-Za-z0-9_-]{32}$/);
    expect(await linkFor(people[1].id)).not.toBe(url);
    // The sample customer's preview shows a link that unsubscribes nobody.
    const sample = await api().post(`/api/webhooks/${promo}/preview`).set(a.auth).send({}).expect(200);
    expect(sample.body.body.unsubscribe).toBe('https://herald.example/u/sample');

    const page = await api().get(url).expect(200).expect('Content-Type', /html/);
    expect(page.text).toContain('确认退订');
    expect(page.text).toContain('<form method="post"');
    expect((await customer(zhang.id)).unsubscribedAt).toBeNull();
    const en = await api().get(url).set('Accept-Language', 'en-US,en;q=0.9').expect(200);
    expect(en.text).toContain('Unsubscribe from marketing messages');
    expect((await api().get(`${url}?lang=zh`).set('Accept-Language', 'en').expect(200)).text).toContain('确认退订');

    const done = await api().post(url).type('form').send('').expect(200);
    expect(done.text).toContain('你已成功退订');
    const after = await customer(zhang.id);
    expect(after).toMatchObject({ unsubscribedVia: 'link' });
    expect(Date.parse(after.unsubscribedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // Again: the same answer, the first time kept, one event only.
    await api().post(url).type('form').send('').expect(200);
    expect((await customer(zhang.id)).unsubscribedAt).toBe(after.unsubscribedAt);
    expect((await api().get(url).expect(200)).text).toContain('已退订');
    const events = await updates(zhang.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ origin: 'customers', payload: { changed: ['unsubscribedAt'], customer: { unsubscribedAt: after.unsubscribedAt } } });
  });

  it('answers a forged, altered or foreign token with the friendly 404 page, never a 500', async () => {
    const url = await linkFor(people[4].id);
    const raw = Buffer.from(token(url), 'base64url');
    raw[7] ^= 1; // another customer id, the same MAC
    for (const bad of [`/u/${raw.toString('base64url')}`, '/u/not-a-token', `/u/${'A'.repeat(32)}`, `${url}x`]) {
      const res = await api().get(bad).expect(404);
      expect(res.text).toContain('链接无效');
      await api().post(bad).type('form').send('').expect(404);
    }
    expect((await customer(people[4].id)).unsubscribedAt).toBeNull();
    // Deleted since the message went: the link no longer works.
    await api().delete(`/api/customers/${people[4].id}`).set(a.auth).expect(204);
    await api().get(url).expect(404);
  });

  it('sets and clears the opt-out through the API (console users are told apart) and filters the list by it', async () => {
    const li = people[1];
    const out = await api().post(`/api/customers/${li.id}/unsubscribe`).set(a.auth).expect(200);
    expect(out.body).toMatchObject({ id: li.id, unsubscribedVia: 'api' });
    expect((await api().post(`/api/customers/${li.id}/unsubscribe`).set(a.auth).expect(200)).body.unsubscribedAt).toBe(out.body.unsubscribedAt);
    const unsubscribed = (await api().get('/api/customers').query({ subscribed: false }).set(a.auth).expect(200)).body.items.map((c: Customer) => c.id);
    expect(unsubscribed.sort()).toEqual([people[0].id, li.id].sort());
    const subscribed = (await api().get('/api/customers').query({ subscribed: 'true' }).set(a.auth).expect(200)).body.items.map((c: Customer) => c.id);
    expect(subscribed).not.toContain(li.id);
    expect(subscribed).toContain(people[2].id);
    // Group rules can tell them apart too (a dynamic group of the unsubscribed, or of everyone else).
    const count = async (exists: boolean) =>
      (
        await api()
          .post('/api/groups/preview-count')
          .set(a.auth)
          .send({ rule: { field: 'unsubscribedAt', op: 'exists', value: exists } })
          .expect(200)
      ).body.count;
    expect(await count(true)).toBe(2);
    expect(await count(false)).toBe(2); // the 4 live customers (people[4] was deleted) less the 2 unsubscribed
    const bad = await api().get('/api/customers').query({ subscribed: 'maybe' }).set(a.auth).expect(400);
    expect(bad.body.fields).toHaveProperty('subscribed');

    const back = await api().post(`/api/customers/${li.id}/resubscribe`).set(a.auth).expect(200);
    expect(back.body).toMatchObject({ unsubscribedAt: null, unsubscribedVia: null });
    expect((await updates(li.id)).map((e) => e.payload.changed)).toEqual([['unsubscribedAt'], ['unsubscribedAt']]);
    // Another tenant's customer is not found.
    await api().post(`/api/customers/${li.id}/unsubscribe`).set(b.auth).expect(404);
  });

  it('imports the opt-out from a CSV column (true/false and 是/否), telling journeys with customer/updated', async () => {
    const csv = 'mobile,unsubscribed\n13900000003,是\n13900000004,\n13900000099,true\n';
    const report = await api().post('/api/customers/import').set(a.auth).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(report.body).toMatchObject({ created: 2, updated: 1, failed: 0 });
    const zhao = people[3];
    expect(await customer(zhao.id)).toMatchObject({ unsubscribedVia: 'import' });
    const listed = (await api().get('/api/customers').query({ subscribed: false, q: '13900000099' }).set(a.auth).expect(200)).body.items;
    expect(listed).toHaveLength(1);
    expect((await updates(zhao.id)).map((e) => e.payload.changed)).toEqual([['unsubscribedAt']]);
    const undo = await api()
      .post('/api/customers/import')
      .set(a.auth)
      .send([{ mobile: '13900000003', unsubscribed: false }])
      .expect(200);
    expect(undo.body).toMatchObject({ updated: 1, failed: 0 });
    expect((await customer(zhao.id)).unsubscribedAt).toBeNull();
    const wrong = await api()
      .post('/api/customers/import')
      .set(a.auth)
      .set('Content-Type', 'text/csv')
      .send('mobile,unsubscribed\n13900000003,也许\n')
      .expect(200);
    expect(wrong.body.errors[0].fields).toHaveProperty('unsubscribed');
  });

  it('a mass send skips the unsubscribed member (skipped: unsubscribed, never sent); a transactional webhook still reaches them', async () => {
    // people[0] unsubscribed through the link above; people[1] resubscribed; people[2] never opted out.
    const send = await api().post('/api/broadcasts').set(a.auth).send({ webhookId: promo, groupId: group, name: '促销' }).expect(201);
    const done = await until(
      async () => (await api().get(`/api/broadcasts/${send.body.id}`).set(a.auth).expect(200)).body,
      (b) => b.status === 'completed',
      30_000,
      'the mass send to complete',
    );
    expect(done).toMatchObject({ total: 3, delivered: 2, failed: 0 });
    const got = receiver.at('/promo').map((r) => json(r.raw).mobile);
    expect(got.sort()).toEqual([people[1].mobile, people[2].mobile].sort());
    const skipped = (await api().get(`/api/broadcasts/${send.body.id}/deliveries`).query({ status: 'skipped' }).set(a.auth).expect(200)).body.items;
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ customerId: people[0].id, status: 'skipped', skipReason: 'unsubscribed', attempts: 0 });

    const order = await api().post('/api/broadcasts').set(a.auth).send({ webhookId: notice, groupId: group, name: '订单通知' }).expect(201);
    await until(
      async () => (await api().get(`/api/broadcasts/${order.body.id}`).set(a.auth).expect(200)).body,
      (b) => b.status === 'completed' && b.delivered === 3,
      30_000,
      'the transactional send to reach all three',
    );
    expect(receiver.at('/notice').map((r) => json(r.raw).mobile)).toContain(people[0].mobile);
  });

  it('a journey run goes on past a skipped marketing step, and the step log says why', async () => {
    // A group_entry journey: its group's members enter when it is activated.
    const joined = (await api().post('/api/groups').set(a.auth).send({ name: '旅程', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${joined}/members`)
      .set(a.auth)
      .send({ customerIds: [people[0].id] })
      .expect(200);
    const flow = await api()
      .post('/api/journeys')
      .set(a.auth)
      .send({
        name: '退订旅程',
        reentry: 'once',
        trigger: { type: 'group_entry', groupId: joined },
        start: 'promo',
        nodes: [
          { id: 'promo', type: 'webhook', webhookId: promo, next: 'notice' },
          { id: 'notice', type: 'webhook', webhookId: notice, next: 'end' },
          { id: 'end', type: 'end' },
        ],
      })
      .expect(201);
    const before = receiver.at('/notice').length;
    await api().post(`/api/journeys/${flow.body.id}/activate`).set(a.auth).expect(200);
    const [run] = await until(
      async () => (await api().get(`/api/journeys/${flow.body.id}/runs`).set(a.auth).expect(200)).body.items,
      (runs: { id: string; status: string }[]) => runs.length === 1 && runs[0].status === 'completed',
      30_000,
      'the run to complete',
    );
    const detail = (await api().get(`/api/journey-runs/${run.id}`).set(a.auth).expect(200)).body;
    const steps = detail.stepLog.map((s: { nodeId: string; outcome: string }) => [s.nodeId, s.outcome]);
    expect(steps).toEqual([
      ['promo', 'skipped'],
      ['notice', 'delivered'],
      ['end', 'done'],
    ]);
    expect(detail.stepLog[0].detail).toMatchObject({ skipReason: 'unsubscribed' });
    expect(detail.context.nodes.promo).toMatchObject({ outcome: 'skipped', skipReason: 'unsubscribed' });
    expect(receiver.at('/notice').length).toBe(before + 1);
  });

  it('rate-limits confirmations per address like the public forms (FORM_RATE_LIMIT_PER_MINUTE), with a page and Retry-After', async () => {
    const url = await linkFor(people[2].id);
    let res;
    for (let i = 0; i <= t.env.FORM_RATE_LIMIT_PER_MINUTE; i++) {
      res = await api().post(url).type('form').send('');
      if (res.status === 429) break;
    }
    expect(res!.status).toBe(429);
    expect(Number(res!.headers['retry-after'])).toBeGreaterThan(0);
    expect(res!.text).toContain('操作太频繁');
    // Reading the page is not limited.
    await api().get(url).expect(200);
  });
});
