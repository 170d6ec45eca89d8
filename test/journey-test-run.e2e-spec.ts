import type { INestApplicationContext } from '@nestjs/common';
import { Receiver, Received } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';
import { javaDmhubSignature } from './support/verify';

const SECRET = 'journey-test-secret-01';
const json = (r: Received) => JSON.parse(r.raw.toString('utf8')) as Record<string, unknown>;
type Step = { nodeId: string; outcome: string; deliveryId: string | null; detail: Record<string, unknown> };
const path = (steps: Step[]) => steps.map((s) => `${s.nodeId}:${s.outcome}`);

describe('journey test runs (测试运行) and per-node counts', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let crm: number;
  let after: number;
  let shanghai: { id: number; mobile: string; attributes: Record<string, unknown> };
  let beijing: { id: number; mobile: string };
  let group: number;
  const api = () => t.http();

  /** wait (an hour) → condition on the city → two webhook nodes (the second reads the first's response), with a customer update between. */
  const nodes = (crmId: number, afterId: number) => [
    { id: 'pause', type: 'wait', seconds: 3600, next: 'city' },
    { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'skip' },
    { id: 'crm', type: 'webhook', webhookId: crmId, next: 'tag' },
    { id: 'tag', type: 'update_customer', set: { 'attributes.crmId': '{{ nodes.crm.response.body.id }}' }, activityDelta: 5, next: 'after' },
    { id: 'after', type: 'webhook', webhookId: afterId, next: 'done' },
    { id: 'done', type: 'end' },
    { id: 'skip', type: 'end' },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    receiver.on('/crm', (req) => ({ status: 200, body: JSON.stringify({ ok: true, id: `CRM-${json(req).mobile as string}` }) }));
    receiver.on('/after', () => ({ status: 202, body: 'thanks' }));
    await api()
      .post('/api/customers/import')
      .set(a.auth)
      .send([
        { name: '上海客户', mobile: '13900000001', attributes: { city: 'Shanghai' } },
        { name: '北京客户', mobile: '13900000002', attributes: { city: 'Beijing' } },
      ])
      .expect(200);
    const customers = (await api().get('/api/customers').set(a.auth).expect(200)).body.items;
    shanghai = customers.find((c: { mobile: string }) => c.mobile === '13900000001');
    beijing = customers.find((c: { mobile: string }) => c.mobile === '13900000002');
    group = (await api().post('/api/groups').set(a.auth).send({ name: 'test-run members', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: [shanghai.id, beijing.id] })
      .expect(200);
    const webhook = async (name: string, path: string, bodyTemplate: object) =>
      (
        await api()
          .post('/api/webhooks')
          .set(a.auth)
          .send({ name, url: receiver.url(path), secret: SECRET, bodyTemplate })
          .expect(201)
      ).body.id as number;
    crm = await webhook('CRM', '/crm', { mobile: '{{ customer.mobile }}', run: '{{ journey.runId }}' });
    after = await webhook('After', '/after', { crmId: '{{ nodes.crm.response.body.id }}' });
  });

  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it("runs a draft for one customer now: waits skipped, webhooks sent as signed test sends, the customer unchanged, the journey's counters untouched", async () => {
    const j = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: '测试运行草稿', reentry: 'once', trigger: { type: 'event', event: 'customer/created' }, start: 'pause', nodes: nodes(crm, after) })
        .expect(201)
    ).body;
    const started = Date.now();
    const res = await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: shanghai.id }).expect(201);
    expect(Date.now() - started).toBeLessThan(10_000);
    const run = res.body;
    expect(run).toMatchObject({ test: true, status: 'completed', customerId: shanghai.id, journeyId: j.id, error: null });
    expect(path(run.stepLog)).toEqual(['pause:done', 'city:then', 'crm:delivered', 'tag:done', 'after:delivered', 'done:done']);
    expect(run.stepLog[0].detail).toMatchObject({ skipped: true, until: expect.any(String) });
    expect(run.stepLog[3].detail).toMatchObject({ applied: false, set: { 'attributes.crmId': 'CRM-13900000001' }, activityDelta: 5 });
    expect(run.stepLog[2].detail.response).toMatchObject({ status: 200, body: { ok: true, id: 'CRM-13900000001' } });
    expect(run.stepLog[4].detail.response).toMatchObject({ status: 202, body: 'thanks' });

    // The receiver got both, signed as a real send, the second reading the first's response.
    const [crmCall] = await receiver.waitFor('/crm', 1);
    const [afterCall] = await receiver.waitFor('/after', 1);
    for (const c of [crmCall, afterCall]) {
      expect(c.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature(SECRET, c.raw));
      expect(c.headers['x-herald-event']).toBe('journey/webhook');
    }
    expect(json(crmCall)).toEqual({ mobile: '13900000001', run: run.id });
    expect(json(afterCall)).toEqual({ crmId: 'CRM-13900000001' });

    // The messages are test sends of the run, one attempt each, with their request and response.
    const delivery = (await api().get(`/api/deliveries/${run.stepLog[2].deliveryId}`).set(a.auth).expect(200)).body;
    expect(delivery).toMatchObject({ source: 'test', status: 'delivered', attempts: 1, maxAttempts: 1 });

    // The customer is as before; the journey counts nothing; the run list shows it only when asked.
    const customer = (await api().get(`/api/customers/${shanghai.id}`).set(a.auth).expect(200)).body;
    expect(customer.attributes).toEqual({ city: 'Shanghai' });
    expect(customer.activityScore).toBe(0);
    expect((await api().get(`/api/journeys/${j.id}`).set(a.auth).expect(200)).body.counters).toMatchObject({ entered: 0, completed: 0 });
    expect((await api().get(`/api/journeys/${j.id}/runs`).set(a.auth).expect(200)).body.items).toEqual([]);
    const tests = (await api().get(`/api/journeys/${j.id}/runs?test=true`).set(a.auth).expect(200)).body.items;
    expect(tests.map((r: { id: string }) => r.id)).toEqual([run.id]);
    expect((await api().get(`/api/journey-runs/${run.id}`).set(a.auth).expect(200)).body.stepLog).toHaveLength(6);

    // The other branch, for real: a Beijing customer ends at `skip`, nothing sent.
    const other = (await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: beijing.id }).expect(201)).body;
    expect(path(other.stepLog)).toEqual(['pause:done', 'city:else', 'skip:done']);
    expect(receiver.at('/crm')).toHaveLength(1);
  });

  it('a definition that no longer validates, a bad body, an unknown version and another tenant’s customer are refused', async () => {
    const spare = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'Spare', url: receiver.url('/after'), secret: SECRET })
        .expect(201)
    ).body.id;
    const j = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: '坏草稿', reentry: 'always', trigger: { type: 'event', event: 'customer/created' }, start: 'pause', nodes: nodes(crm, spare) })
        .expect(201)
    ).body;
    await api().patch(`/api/webhooks/${spare}`).set(a.auth).send({ enabled: false }).expect(200);
    const bad = await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: shanghai.id }).expect(400);
    expect(bad.body.problems.map((p: { path: string }) => p.path)).toContain('nodes[4].webhookId');

    const noCustomer = await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({}).expect(400);
    expect(JSON.stringify(noCustomer.body)).toContain('customerId');
    await api().patch(`/api/webhooks/${spare}`).set(a.auth).send({ enabled: true }).expect(200);
    const otherTenant = (await api().post('/api/customers').set(b.auth).send({ name: '别家客户', mobile: '13700000009' }).expect(201)).body.id;
    await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: otherTenant }).expect(404);
    await api().post(`/api/journeys/${j.id}/test-runs`).set(b.auth).send({ customerId: otherTenant }).expect(404);
    const noVersion = await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: shanghai.id, version: 3 }).expect(404);
    expect(noVersion.body.code).toBe('journey_version_not_found');

    // A draft with test runs can still be deleted; its test runs go with it.
    const run = (await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: beijing.id }).expect(201)).body;
    await api().delete(`/api/journeys/${j.id}`).set(a.auth).expect(204);
    await api().get(`/api/journey-runs/${run.id}`).set(a.auth).expect(404);
  });

  it('counts each node of an active version (entered, waiting, done, failed, branches) and leaves test runs out; a test run never blocks a real one', async () => {
    const j = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({
          name: '节点计数',
          reentry: 'once',
          trigger: { type: 'group_entry', groupId: group },
          start: 'city',
          nodes: [
            { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'hold' },
            { id: 'crm', type: 'webhook', webhookId: crm, next: 'done' },
            { id: 'hold', type: 'wait', seconds: 3600, next: 'done' },
            { id: 'done', type: 'end' },
          ],
        })
        .expect(201)
    ).body;
    expect((await api().get(`/api/journeys/${j.id}/node-counts`).set(a.auth).expect(200)).body).toEqual({ journeyId: j.id, version: null, nodes: [] });
    // A test run before activation (reentry once) does not keep the customer out of the real one.
    await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: shanghai.id }).expect(201);
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    const counts = async () => (await api().get(`/api/journeys/${j.id}/node-counts`).set(a.auth).expect(200)).body;
    const byNode = (body: { nodes: { nodeId: string; done: number; waiting: number }[] }): Record<string, { done: number; waiting: number }> =>
      Object.fromEntries(body.nodes.map((n) => [n.nodeId, n]));
    const settled = await until(counts, (c) => byNode(c).done?.done === 1 && byNode(c).hold?.waiting === 1, 20_000, 'one run done, one waiting');
    expect(settled.version).toBe(1);
    expect(byNode(settled)).toEqual({
      city: { nodeId: 'city', entered: 2, waiting: 0, done: 2, failed: 0, then: 1, else: 1, branches: [] },
      crm: { nodeId: 'crm', entered: 1, waiting: 0, done: 1, failed: 0, then: 0, else: 0, branches: [] },
      hold: { nodeId: 'hold', entered: 1, waiting: 1, done: 0, failed: 0, then: 0, else: 0, branches: [] },
      done: { nodeId: 'done', entered: 1, waiting: 0, done: 1, failed: 0, then: 0, else: 0, branches: [] },
    });

    // A test run of version 1 for the customer already in it: runs, and the counts stay as they were.
    const test = (await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: beijing.id, version: 1 }).expect(201)).body;
    expect(path(test.stepLog)).toEqual(['city:else', 'hold:done', 'done:done']);
    expect(byNode(await counts())).toEqual(byNode(settled));
    expect((await api().get(`/api/journeys/${j.id}`).set(a.auth).expect(200)).body.counters).toMatchObject({ entered: 2, completed: 1, waiting: 1 });
    await api().get(`/api/journeys/${j.id}/node-counts?version=0`).set(a.auth).expect(400);
    await api().get(`/api/journeys/${j.id}/node-counts`).set(b.auth).expect(404);
  });
});
