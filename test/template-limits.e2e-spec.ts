import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';

/** The loop from issue 11: accepted on save, then an 83 s preview answering a 100 MB body. */
const HUGE_LOOP = '{% for i in (1..100000000) %}x{% endfor %}';
/** Fine for a sample customer (two tags), past the limits for one with thousands of tags. */
const TAG_SQUARE = '{% for a in customer.attributes.tags %}{% for b in customer.attributes.tags %}{{ a }}{{ b }}{% endfor %}{% endfor %}';
const FINAL = ['completed', 'completed_with_failures', 'cancelled'];

describe('template limits', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;
  let plain: number;
  let hostile: number;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
    plain = (
      await t
        .http()
        .post('/api/customers')
        .set(a.auth)
        .send({ name: 'Plain', mobile: '13800000001', attributes: { tags: ['vip'] } })
        .expect(201)
    ).body.id;
    const tags = Array.from({ length: 1500 }, (_, i) => `t${i}`);
    hostile = (await t.http().post('/api/customers').set(a.auth).send({ name: 'Many tags', mobile: '13800000002', attributes: { tags } }).expect(201)).body.id;
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  const createWebhook = (body: object) =>
    t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({ name: 'w', ...body });

  it('refuses on save a template that loops past the limits, naming the leaf', async () => {
    const res = await createWebhook({ url: receiver.url('/loop'), bodyTemplate: { msgtype: 'text', text: HUGE_LOOP } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields)).toEqual(['bodyTemplate.text']);
    expect(res.body.message).toContain('template memory units');
    const output = await createWebhook({ url: receiver.url('/loop'), bodyTemplate: { a: { b: '{% for i in (1..300000) %}xx{% endfor %}' } } });
    expect(output.status).toBe(400);
    expect(Object.keys(output.body.fields)).toEqual(['bodyTemplate.a.b']);
  });

  it('a stored template past the limits: preview answers 400 naming the leaf, test send a failed delivery', async () => {
    // As a webhook saved before the limits existed: the row is changed behind the API's back.
    const w = (await createWebhook({ url: receiver.url('/old'), bodyTemplate: { text: 'ok' } }).expect(201)).body;
    await t.db.query('UPDATE webhooks SET bodyTemplate = ? WHERE id = ?', [JSON.stringify({ msgtype: 'text', text: HUGE_LOOP }), w.id]);
    const preview = await t.http().post(`/api/webhooks/${w.id}/preview`).set(a.auth).send({ customerId: plain });
    expect(preview.status).toBe(400);
    expect(Object.keys(preview.body.fields)).toEqual(['bodyTemplate.text']);
    const sent = await t.http().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: plain }).expect(200);
    expect(sent.body).toMatchObject({ status: 'failed', attempts: 0, lastErrorClass: 'template', attemptLog: [] });
    expect(sent.body.lastError).toMatch(/^bodyTemplate\.text: allocates more than/);
    expect(receiver.at('/old')).toHaveLength(0);
  });

  it('fails only the message whose data goes past the limits (test send, preview)', async () => {
    const w = (await createWebhook({ url: receiver.url('/tags'), bodyTemplate: { tags: TAG_SQUARE } }).expect(201)).body;
    const ok = await t.http().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: plain }).expect(200);
    expect(ok.body).toMatchObject({ status: 'delivered', request: { body: { tags: 'vipvip' } } });
    const bad = await t.http().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: hostile }).expect(200);
    expect(bad.body).toMatchObject({ status: 'failed', attempts: 0, lastErrorClass: 'template', request: { body: '' } });
    expect(bad.body.lastError).toMatch(/^bodyTemplate\.tags: (took longer than 50 ms|renders more than 262144 characters|allocates more)/);
    expect(receiver.at('/tags')).toHaveLength(1);
    const preview = await t.http().post(`/api/webhooks/${w.id}/preview`).set(a.auth).send({ customerId: hostile });
    expect(preview.status).toBe(400);
    expect(Object.keys(preview.body.fields)).toEqual(['bodyTemplate.tags']);
    const retry = await t.http().post(`/api/deliveries/${bad.body.id}/retry`).set(a.auth);
    expect(retry.status).toBe(409);
    expect(retry.body.message).toContain('fix the template');
  });

  it('caps the whole body: exact variables can add up past the limit without Liquid output', async () => {
    const big = { blob: 'x'.repeat(15_000) };
    const fat = (await t.http().post('/api/customers').set(a.auth).send({ name: 'Fat', mobile: '13800000003', attributes: big }).expect(201)).body.id;
    const template = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`copy${i}`, '{{ customer.attributes }}']));
    const w = (await createWebhook({ url: receiver.url('/fat'), bodyTemplate: template }).expect(201)).body;
    const res = await t.http().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: fat }).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', lastErrorClass: 'template' });
    expect(res.body.lastError).toMatch(/^bodyTemplate: renders to \d+ bytes, over the 262144-byte limit/);
    await t
      .http()
      .post(`/api/webhooks/${w.id}/test`)
      .set(a.auth)
      .send({ customerId: plain })
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('delivered'));
  });

  it('a mass send fails the one hostile message and delivers the rest', async () => {
    const others = await Promise.all(
      [4, 5, 6].map((i) =>
        t
          .http()
          .post('/api/customers')
          .set(a.auth)
          .send({ name: `C${i}`, mobile: `1380000000${i}`, attributes: { tags: ['x'] } })
          .expect(201)
          .then((r) => r.body.id),
      ),
    );
    const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'mixed', type: 'static' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: [plain, hostile, ...others] })
      .expect(200);
    const w = (await createWebhook({ url: receiver.url('/mass'), bodyTemplate: { tags: TAG_SQUARE } }).expect(201)).body;
    const created = await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: w.id, groupId: group }).expect(201);
    let b = created.body;
    for (const deadline = Date.now() + 30_000; !FINAL.includes(b.status) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      b = (await t.http().get(`/api/broadcasts/${b.id}`).set(a.auth).expect(200)).body;
    }
    expect(b).toMatchObject({ status: 'completed_with_failures', total: 5, delivered: 4, failed: 1 });
    await receiver.waitFor('/mass', 4);
    const failed = await t.http().get(`/api/broadcasts/${b.id}/deliveries`).query({ status: 'failed' }).set(a.auth).expect(200);
    expect(failed.body.items).toEqual([expect.objectContaining({ customerId: hostile, lastErrorClass: 'template', attempts: 0 })]);
    // Retrying the failures has nothing to send for a message that was never rendered.
    await t.http().post(`/api/broadcasts/${b.id}/retry-failed`).set(a.auth).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at('/mass')).toHaveLength(4);
  });

  it('a fixed event fails only for the webhook whose template goes past the limits', async () => {
    const heavy = (
      await createWebhook({ url: receiver.url('/ev-heavy'), triggerType: 'event', events: ['customer/updated'], bodyTemplate: { tags: TAG_SQUARE } }).expect(
        201,
      )
    ).body;
    await createWebhook({ url: receiver.url('/ev-plain'), triggerType: 'event', events: ['customer/updated'] }).expect(201);
    await t.http().patch(`/api/customers/${hostile}`).set(a.auth).send({ name: 'Many tags, renamed' }).expect(200);
    await receiver.waitFor('/ev-plain', 1);
    const rows: { status: string; lastErrorClass: string | null }[] = await t.db.query('SELECT status, lastErrorClass FROM deliveries WHERE webhookId = ?', [
      heavy.id,
    ]);
    expect(rows).toEqual([{ status: 'failed', lastErrorClass: 'template' }]);
    expect(receiver.at('/ev-heavy')).toHaveLength(0);
  });

  it('a mass send of bodies near the limit is stored in statements that fit max_allowed_packet', async () => {
    const [{ packet }] = await t.db.query('SELECT @@max_allowed_packet AS packet');
    const blob = 'y'.repeat(14_000);
    const template = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`copy${i}`, '{{ customer.attributes }}']));
    const perBody = JSON.stringify(template).length + 14 * (blob.length + 20);
    const count = Math.ceil((Number(packet) * 1.2) / perBody);
    const rows = Array.from({ length: count }, (_, i) => ({ name: `Big ${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, attributes: { blob } }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const group = (
      await t
        .http()
        .post('/api/groups')
        .set(a.auth)
        .send({ name: 'big', type: 'dynamic', rule: { field: 'name', op: 'contains', value: 'Big ' } })
        .expect(201)
    ).body.id;
    const w = (await createWebhook({ url: receiver.url('/big'), bodyTemplate: template }).expect(201)).body;
    const created = await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: w.id, groupId: group }).expect(201);
    let b = created.body;
    for (const deadline = Date.now() + 45_000; !FINAL.includes(b.status) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      b = (await t.http().get(`/api/broadcasts/${b.id}`).set(a.auth).expect(200)).body;
    }
    expect(b).toMatchObject({ status: 'completed', total: count, delivered: count });
  });
});
