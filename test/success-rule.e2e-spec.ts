import { Receiver } from './support/receiver';
import type { INestApplicationContext } from '@nestjs/common';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

/**
 * A receiver's "no" in a 2xx body: DMS answers `{"root": "error message", "success": false}` (the
 * dms-custom-webhook seed's failure example) and chat robots answer 200 with `{"errcode": ...}`. A
 * webhook's success rule turns such an answer into a failure of class `rejected` with the receiver's
 * message, retried only when the webhook says so; without a rule every 2xx is delivered, as before.
 */
describe('success rule: a receiver that says no in a 200', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;
  let good: number;
  let bad: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    // The worker runs the mass send's fan-out and its retries.
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
    // DMS: the customer named 坏 is refused, anyone else accepted, both with HTTP 200.
    receiver.on('/dms', (req) => {
      const refused = req.raw.toString().includes('坏');
      return { status: 200, body: JSON.stringify(refused ? { root: 'error message', success: false } : { root: 'ok', success: true }) };
    });
    // A robot over its rate limit once, then fine.
    receiver.on('/robot', (_req, nth) => ({
      status: 200,
      body: JSON.stringify(nth === 1 ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 0, errmsg: 'ok' }),
    }));
    receiver.on('/always-no', () => ({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' }));
    good = (await api().post('/api/customers').set(a.auth).send({ name: '好' }).expect(201)).body.id;
    bad = (await api().post('/api/customers').set(a.auth).send({ name: '坏' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await receiver.close();
    await worker.close();
    await t.close();
  });

  const webhook = async (body: object) => (await api().post('/api/webhooks').set(a.auth).send(body).expect(201)).body;

  it('DMS success:false fails the test send at once, class rejected, with the receiver`s message and answer', async () => {
    const w = await webhook({
      name: 'DMS',
      url: receiver.url('/dms'),
      bodyTemplate: { name: '{{ customer.name }}' },
      successRule: { field: 'response.body.success', op: '=', value: true },
    });
    expect(w).toMatchObject({ successRule: { field: 'response.body.success', op: '=', value: true }, retryRejected: false });

    const yes = await api().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: good }).expect(200);
    expect(yes.body).toMatchObject({ status: 'delivered', lastErrorClass: null, lastStatusCode: 200 });

    const no = await api().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: bad }).expect(200);
    expect(no.body).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: 200,
      lastErrorClass: 'rejected',
      lastError: 'error message',
      response: { status: 200, body: '{"root":"error message","success":false}' },
    });
    expect(no.body.attemptLog).toEqual([expect.objectContaining({ verdict: 'failed', error: { class: 'rejected', message: 'error message' } })]);
    // The message log shows it the same way.
    const log = await api().get('/api/deliveries').query({ webhookId: w.id, status: 'failed' }).set(a.auth).expect(200);
    expect(log.body.items).toEqual([expect.objectContaining({ id: no.body.id, lastErrorClass: 'rejected' })]);
  });

  it('a robot`s rate-limit errcode is retried when the webhook retries rejections, then delivered', async () => {
    const w = await webhook({
      name: 'robot',
      url: receiver.url('/robot'),
      backoffBaseMs: 10,
      successRule: { field: 'response.body.errcode', op: '=', value: 0 },
      retryRejected: true,
    });
    const group = (await api().post('/api/groups').set(a.auth).send({ name: 'one', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: [good] })
      .expect(200);
    const send = (await api().post('/api/broadcasts').set(a.auth).send({ webhookId: w.id, groupId: group }).expect(201)).body;
    const done = await until(
      async () => (await api().get(`/api/broadcasts/${send.id}`).set(a.auth).expect(200)).body,
      (b) => b.status === 'completed',
      20_000,
      'the send to complete',
    );
    expect(done).toMatchObject({ delivered: 1, failed: 0 });
    const [message] = (await api().get('/api/deliveries').query({ webhookId: w.id }).set(a.auth).expect(200)).body.items;
    const detail = (await api().get(`/api/deliveries/${message.id}`).set(a.auth).expect(200)).body;
    expect(detail.attemptLog.map((x: { verdict: string }) => x.verdict)).toEqual(['retry', 'delivered']);
    expect(detail.attemptLog[0].error).toEqual({ class: 'rejected', message: '45009: api freq out of limit' });
  });

  it('rejections do not open the circuit (the receiver answered); without a rule the same 200 is delivered', async () => {
    const w = await webhook({
      name: 'no',
      url: receiver.url('/always-no'),
      circuitBreakerThreshold: 2,
      successRule: { field: 'response.body.errcode', op: '=', value: 0 },
    });
    for (let i = 0; i < 3; i++) {
      const res = await api().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: good }).expect(200);
      expect(res.body).toMatchObject({ status: 'failed', lastErrorClass: 'rejected', lastError: '93000: invalid webhook url' });
    }
    expect((await api().get(`/api/webhooks/${w.id}`).set(a.auth).expect(200)).body.circuit).toMatchObject({ state: 'closed', failures: 0 });

    // Cleared: the status alone decides again.
    const cleared = await api().patch(`/api/webhooks/${w.id}`).set(a.auth).send({ successRule: null }).expect(200);
    expect(cleared.body.successRule).toBeNull();
    const res = await api().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: good }).expect(200);
    expect(res.body).toMatchObject({ status: 'delivered', lastErrorClass: null });
  });

  it('a rule that is not one gets a 400 naming its part', async () => {
    const res = await api()
      .post('/api/webhooks')
      .set(a.auth)
      .send({ name: 'x', url: receiver.url('/dms'), successRule: { and: [{ field: 'customer.name', op: '=', value: 'x' }] } })
      .expect(400);
    expect(res.body.problems).toEqual([expect.objectContaining({ path: 'successRule.and[0].field', code: 'rule_unknown_field' })]);
    const w = await webhook({ name: 'y', url: receiver.url('/dms') });
    const patch = await api()
      .patch(`/api/webhooks/${w.id}`)
      .set(a.auth)
      .send({ successRule: { field: 'response.status', op: 'contains', value: '2' } })
      .expect(400);
    expect(patch.body.problems).toEqual([expect.objectContaining({ path: 'successRule.op', code: 'rule_operator' })]);
    expect((await api().patch(`/api/webhooks/${w.id}`).set(a.auth).send({ retryRejected: 'yes' }).expect(400)).body.fields).toHaveProperty('retryRejected');
  });
});
