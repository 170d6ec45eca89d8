import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

/** The API additions the console needs: last outcome per webhook, unsaved-template preview, send timeline, rule count, member names. */
describe('console API additions', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let customers: { id: number; name: string; mobile: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    receiver.on('/fail', () => ({ status: 400, body: '{"error":"no"}' }));
    const rows = Array.from({ length: 6 }, (_, i) => ({
      name: `客户${i}`,
      mobile: `1390000000${i}`,
      activityScore: i * 100,
      attributes: { city: i % 2 ? 'Shanghai' : 'Beijing' },
    }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    customers = (await t.http().get('/api/customers').set(a.auth).expect(200)).body.items;
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('lists webhooks with the last delivery of each (null before any)', async () => {
    const ok = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'ok', url: receiver.url('/ok') })
        .expect(201)
    ).body.id;
    const fail = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'fail', url: receiver.url('/fail') })
        .expect(201)
    ).body.id;
    const idle = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'idle', url: receiver.url('/idle') })
        .expect(201)
    ).body.id;
    await t.http().post(`/api/webhooks/${fail}/test`).set(a.auth).send({ customerId: customers[0].id }).expect(200);
    await t.http().post(`/api/webhooks/${ok}/test`).set(a.auth).send({ customerId: customers[0].id }).expect(200);
    await t.http().post(`/api/webhooks/${ok}/test`).set(a.auth).send({ customerId: customers[1].id }).expect(200);
    const list = (await t.http().get('/api/webhooks').set(a.auth).expect(200)).body.items;
    const by = (id: number) => list.find((w: { id: number }) => w.id === id).lastDelivery;
    expect(by(ok)).toEqual(expect.objectContaining({ status: 'delivered', statusCode: 200 }));
    const okDeliveries = (await t.http().get('/api/deliveries').query({ webhookId: ok }).set(a.auth).expect(200)).body.items;
    expect(by(ok).id).toBe(okDeliveries[0].id);
    expect(by(fail)).toEqual(expect.objectContaining({ status: 'failed', statusCode: 400 }));
    expect(by(idle)).toBeNull();
    expect((await t.http().get('/api/webhooks').set(b.auth).expect(200)).body.items).toEqual([]);
  });

  it('previews an unsaved template, and names the bad part of a bad one', async () => {
    const id = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'p', url: receiver.url('/p'), bodyTemplate: { saved: true } })
        .expect(201)
    ).body.id;
    const saved = await t.http().post(`/api/webhooks/${id}/preview`).set(a.auth).send({ customerId: customers[2].id }).expect(200);
    expect(saved.body.body).toEqual({ saved: true });
    const draft = await t
      .http()
      .post(`/api/webhooks/${id}/preview`)
      .set(a.auth)
      .send({ customerId: customers[2].id, bodyTemplate: { text: '{{ customer.name }} {{$$.Name$$}}', score: '{{ customer.activityScore }}' } })
      .expect(200);
    expect(draft.body.body).toEqual({ text: '客户2 客户2', score: 200 });
    const text = await t
      .http()
      .post(`/api/webhooks/${id}/preview`)
      .set(a.auth)
      .send({ customerId: customers[2].id, bodyTemplate: '{"a": "{{ message.id }}"}' })
      .expect(200);
    expect(text.body.body.a).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await t
      .http()
      .post(`/api/webhooks/${id}/preview`)
      .set(a.auth)
      .send({ customerId: customers[2].id, bodyTemplate: { x: { y: '{{ nope.field }}' } } })
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['bodyTemplate.x.y']);
    await t.http().post(`/api/webhooks/${id}/preview`).set(a.auth).send({ customerId: customers[2].id, bodyTemplate: '{not json' }).expect(400);
    const stored = (await t.http().get(`/api/webhooks/${id}`).set(a.auth).expect(200)).body;
    expect(stored.bodyTemplate).toEqual({ saved: true });
  });

  it('answers a send timeline: finished messages per minute by outcome, computed in SQL', async () => {
    const group = (
      await t
        .http()
        .post('/api/groups')
        .set(a.auth)
        .send({ name: 'all', type: 'dynamic', rule: { field: 'activityScore', op: '>=', value: 0 } })
        .expect(201)
    ).body.id;
    const hook = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'half', url: receiver.url('/half'), maxAttempts: 1 })
        .expect(201)
    ).body.id;
    receiver.on('/half', (req) => (JSON.parse(req.raw.toString()).customer.activityScore % 200 ? { status: 422 } : { status: 200 }));
    const created = (await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: hook, groupId: group }).expect(201)).body;
    const bc = await until(
      async () => (await t.http().get(`/api/broadcasts/${created.id}`).set(a.auth).expect(200)).body,
      (b) => b.status !== 'sending',
      30_000,
      'the send to finish',
    );
    expect(bc).toEqual(expect.objectContaining({ status: 'completed_with_failures', delivered: 3, failed: 3 }));
    const timeline = (await t.http().get(`/api/broadcasts/${created.id}/timeline`).set(a.auth).expect(200)).body.items;
    expect(timeline.length).toBeGreaterThanOrEqual(1);
    for (const p of timeline) expect(p.minute).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
    const sum = (k: string) => timeline.reduce((n: number, p: Record<string, number>) => n + p[k], 0);
    expect([sum('delivered'), sum('failed'), sum('cancelled')]).toEqual([3, 3, 0]);
    await t.http().get(`/api/broadcasts/${created.id}/timeline`).set(b.auth).expect(404);
  });

  it('counts the members a dynamic rule would have, with errors at the rule part', async () => {
    const count = await t
      .http()
      .post('/api/groups/preview-count')
      .set(a.auth)
      .send({
        rule: {
          and: [
            { field: 'activityScore', op: '>=', value: 200 },
            { field: 'attributes.city', op: '=', value: 'shanghai' },
          ],
        },
      })
      .expect(200);
    expect(count.body).toEqual({ count: 2 }); // 300 and 500
    expect(
      (
        await t
          .http()
          .post('/api/groups/preview-count')
          .set(b.auth)
          .send({ rule: { field: 'id', op: '>', value: 0 } })
          .expect(200)
      ).body,
    ).toEqual({ count: 0 });
    const bad = await t
      .http()
      .post('/api/groups/preview-count')
      .set(a.auth)
      .send({
        rule: {
          or: [
            { field: 'activityScore', op: '>=', value: 1 },
            { field: 'name', op: '>', value: 'x' },
          ],
        },
      })
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['rule.or[1].op']);
    const missing = await t.http().post('/api/groups/preview-count').set(a.auth).send({}).expect(400);
    expect(missing.body.fields).toHaveProperty('rule');
  });

  it('lists memberships with the member name and mobile', async () => {
    await t.http().post('/api/loyalty/levels').set(a.auth).send({ name: '银卡', rank: 1 }).expect(201);
    await t.http().post('/api/loyalty/memberships').set(a.auth).send({ customerId: customers[3].id }).expect(201);
    const list = (await t.http().get('/api/loyalty/memberships').set(a.auth).expect(200)).body.items;
    expect(list[0].customer).toEqual({ id: customers[3].id, name: '客户3', mobile: customers[3].mobile });
  });
});
