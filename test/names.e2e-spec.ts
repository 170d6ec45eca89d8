import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

/** Issue 21 "names everywhere": every view names what it refers to, and never another tenant's. */
describe('names in API views', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let webhook: number;
  let group: number;
  let customer: { id: number; name: string; mobile: string };
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    receiver.on('/wecom', () => ({ status: 200, body: '{"errcode":0}' }));
    customer = (await api().post('/api/customers').set(a.auth).send({ name: '王小明', mobile: '13900000021' }).expect(201)).body;
    webhook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: '企业微信群机器人', url: receiver.url('/wecom') })
        .expect(201)
    ).body.id;
    group = (await api().post('/api/groups').set(a.auth).send({ name: '高活跃会员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: [customer.id] })
      .expect(200);
  });

  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  const named = { webhook: { id: expect.any(Number), name: '企业微信群机器人' } };
  const who = () => ({ id: customer.id, name: '王小明', mobile: '13900000021' });

  it('a test send answers with the webhook and customer by name', async () => {
    const res = await api().post(`/api/webhooks/${webhook}/test`).set(a.auth).send({ customerId: customer.id }).expect(200);
    expect(res.body).toMatchObject({ ...named, customer: who(), origin: { source: 'test', id: null, name: null, parentId: null } });
    const detail = await api().get(`/api/deliveries/${res.body.id}`).set(a.auth).expect(200);
    expect(detail.body.customer).toEqual(who());
  });

  it('a mass send has a readable default name, its audience while scheduled, and its messages name it', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = (await api().post('/api/broadcasts').set(a.auth).send({ webhookId: webhook, groupId: group, scheduledAt: at }).expect(201)).body;
    expect(scheduled.name).toMatch(/^企业微信群机器人 → 高活跃会员 · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(scheduled).toMatchObject({
      status: 'scheduled',
      audience: 1,
      webhook: { id: webhook, name: '企业微信群机器人' },
      group: { id: group, name: '高活跃会员' },
    });
    const list = (await api().get('/api/broadcasts').set(a.auth).expect(200)).body.items;
    expect(list.find((x: { id: number }) => x.id === scheduled.id)).toMatchObject({ audience: 1, group: { name: '高活跃会员' } });
    const renamed = await api().patch(`/api/broadcasts/${scheduled.id}`).set(a.auth).send({ name: '双十二预热' }).expect(200);
    expect(renamed.body.name).toBe('双十二预热');

    const now = (await api().post('/api/broadcasts').set(a.auth).send({ webhookId: webhook, groupId: group, name: '十二月会员日' }).expect(201)).body;
    expect(now.audience).toBeNull();
    const done = await until(
      async () => (await api().get(`/api/broadcasts/${now.id}`).set(a.auth).expect(200)).body,
      (x) => x.status === 'completed',
      20_000,
      'the send completed',
    );
    expect(done).toMatchObject({ name: '十二月会员日', delivered: 1 });
    const [message] = (await api().get('/api/deliveries').query({ source: 'broadcast', sourceId: now.id }).set(a.auth).expect(200)).body.items;
    expect(message).toMatchObject({ ...named, customer: who(), origin: { source: 'broadcast', id: String(now.id), name: '十二月会员日', parentId: null } });
    const own = (await api().get(`/api/broadcasts/${now.id}/deliveries`).query({ status: 'delivered' }).set(a.auth).expect(200)).body.items;
    expect(own.map((d: { id: string }) => d.id)).toEqual([message.id]);
    await api().post(`/api/broadcasts/${scheduled.id}/cancel`).set(a.auth).expect(200);
  });

  it('a form submission names its customer; its journey run names journey, trigger and steps; their messages name their origin', async () => {
    const form = (
      await api()
        .post('/api/forms')
        .set(a.auth)
        .send({
          name: '双十一报名表',
          fields: [
            { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' },
            { name: 'mobile', label: '手机号码', type: 'tel', required: true, maps: 'mobile' },
          ],
          webhookIds: [webhook],
        })
        .expect(201)
    ).body;
    const journey = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({
          name: '报名欢迎',
          reentry: 'always',
          trigger: { type: 'form_submitted', formId: form.id },
          start: 'push',
          nodes: [
            { id: 'push', type: 'webhook', label: '推送企业微信', webhookId: webhook, next: 'done' },
            { id: 'done', type: 'end' },
          ],
        })
        .expect(201)
    ).body;
    await api().post(`/api/journeys/${journey.id}/activate`).set(a.auth).expect(200);
    await api().post(`/f/${form.key}`).send({ name: '王小明', mobile: '13900000021' }).expect(201);

    const [submission] = await until(
      async () => (await api().get(`/api/forms/${form.id}/submissions`).set(a.auth).expect(200)).body.items,
      (items) => items.length === 1 && items[0].runs.length === 1,
      10_000,
      'the submission',
    );
    expect(submission.customer).toEqual(who());

    const runId = submission.runs[0].id;
    const run = await until(
      async () => (await api().get(`/api/journey-runs/${runId}`).set(a.auth).expect(200)).body,
      (r) => r.status === 'completed',
      20_000,
      'the run completed',
    );
    expect(run).toMatchObject({
      customer: who(),
      journey: { id: journey.id, name: '报名欢迎' },
      trigger: { type: 'form_submitted', id: form.id, name: '双十一报名表' },
    });
    expect(run.stepLog.map((s: { nodeId: string; nodeLabel: string | null }) => [s.nodeId, s.nodeLabel])).toEqual([
      ['push', '推送企业微信'],
      ['done', null],
    ]);
    const runs = (await api().get(`/api/journeys/${journey.id}/runs`).set(a.auth).expect(200)).body.items;
    expect(runs[0]).toMatchObject({ customer: who(), journey: { name: '报名欢迎' }, trigger: { name: '双十一报名表' } });

    const fromRun = await api().get(`/api/deliveries/${run.stepLog[0].deliveryId}`).set(a.auth).expect(200);
    expect(fromRun.body.origin).toEqual({ source: 'journey', id: runId, name: '报名欢迎', parentId: journey.id });
    const [fromForm] = (await api().get('/api/deliveries').query({ source: 'form' }).set(a.auth).expect(200)).body.items;
    expect(fromForm).toMatchObject({ ...named, customer: who(), origin: { source: 'form', id: submission.id, name: '双十一报名表', parentId: form.id } });
  });

  it("never names another tenant's records", async () => {
    // Tenant B's webhook and group get the same ids' neighbours; B's views name only B's records.
    const other = (
      await api()
        .post('/api/webhooks')
        .set(b.auth)
        .send({ name: 'B 的机器人', url: receiver.url('/wecom') })
        .expect(201)
    ).body.id;
    const bCustomer = (await api().post('/api/customers').set(b.auth).send({ name: 'B 客户', mobile: '13900000099' }).expect(201)).body.id;
    const sent = await api().post(`/api/webhooks/${other}/test`).set(b.auth).send({ customerId: bCustomer }).expect(200);
    expect(sent.body).toMatchObject({ webhook: { name: 'B 的机器人' }, customer: { name: 'B 客户' } });
    const all = JSON.stringify((await api().get('/api/deliveries').set(b.auth).expect(200)).body);
    for (const secret of ['王小明', '企业微信群机器人', '十二月会员日', '报名欢迎', '双十一报名表']) expect(all).not.toContain(secret);
    // A's message read by B: not found, names and all.
    const [aMessage] = (await api().get('/api/deliveries').set(a.auth).expect(200)).body.items;
    await api().get(`/api/deliveries/${aMessage.id}`).set(b.auth).expect(404);
  });
});
