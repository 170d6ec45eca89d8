import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, testEnv, TestApp, TestTenant } from './support/test-app';
import { untilIdle } from './support/idle';
import { until } from './support/until';

/**
 * A claim lasts DELIVERY_CLAIM_MS (here 4 s) and is renewed before each send: a batch sent in
 * waves slower than the claim (6 × 1.2 s) keeps its rows, and rows the sweeper gave away are not sent twice.
 * One send must still fit in one claim: at 2 s, a 1.2 s answer on a machine at load 17 outlived its claim and
 * was (rightly, at least once) sent again.
 */
describe('delivery claims outlast slow batches', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await createTestApp(await testEnv({ DELIVERY_CLAIM_MS: '4000' }));
    worker = await createTestWorker(t.env);
    a = await createTenant(t);
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('a mass send in one-at-a-time waves of 1.2 s each reaches every recipient exactly once', async () => {
    receiver.on('/slow', () => ({ status: 200, delayMs: 1200 }));
    const rows = Array.from({ length: 6 }, (_, i) => ({ name: `C${i}`, mobile: `1350000000${i}` }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const ids = (await t.http().get('/api/customers').set(a.auth).expect(200)).body.items.map((c: { id: number }) => c.id);
    const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'slow', type: 'static' }).expect(201)).body.id;
    await t.http().post(`/api/groups/${group}/members`).set(a.auth).send({ customerIds: ids }).expect(200);
    const hook = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'slow', url: receiver.url('/slow'), concurrency: 1, timeoutMs: 2000 })
        .expect(201)
    ).body.id;
    const b = (await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: hook, groupId: group }).expect(201)).body.id;
    const done = await until(
      () =>
        t
          .http()
          .get(`/api/broadcasts/${b}`)
          .set(a.auth)
          .then((r) => r.body),
      (x) => x.status === 'completed',
      30_000,
      'the send',
    );
    await untilIdle(t); // was a 1.5 s sleep: a duplicate can only come from a job still queued or running, so wait for none
    const messageIds = receiver.at('/slow').map((r) => String(r.headers['x-herald-message-id']));
    expect(done.delivered).toBe(6);
    expect(messageIds).toHaveLength(6);
    expect(new Set(messageIds).size).toBe(6);
  });
});
