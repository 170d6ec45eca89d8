import type { INestApplicationContext } from '@nestjs/common';
import { RetentionService } from '../src/retention/retention.service';
import { untilIdle } from './support/idle';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);

describe('retention', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t);
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('purges finished messages, attempts, relayed events, step logs and request logs older than RETENTION_DAYS; counters stay', async () => {
    const api = () => t.http();
    await api()
      .post('/api/customers/import')
      .set(a.auth)
      .send(Array.from({ length: 5 }, (_, i) => ({ name: `R${i}`, mobile: `1360000000${i}` })))
      .expect(200);
    const ids = (await api().get('/api/customers').set(a.auth).expect(200)).body.items.map((c: { id: number }) => c.id);
    const group = (await api().post('/api/groups').set(a.auth).send({ name: 'old', type: 'static' }).expect(201)).body.id;
    await api().post(`/api/groups/${group}/members`).set(a.auth).send({ customerIds: ids }).expect(200);
    const hook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'old', url: receiver.url('/old') })
        .expect(201)
    ).body.id;
    await api()
      .post('/api/webhooks')
      .set(a.auth)
      .send({ name: 'events', url: receiver.url('/events'), triggerType: 'event', events: ['customer/updated'] })
      .expect(201);
    const b = (await api().post('/api/broadcasts').set(a.auth).send({ webhookId: hook, groupId: group }).expect(201)).body.id;
    const journey = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: 'old', trigger: { type: 'group_entry', groupId: group }, start: 'e', nodes: [{ id: 'e', type: 'end' }] })
        .expect(201)
    ).body.id;
    await api().post(`/api/journeys/${journey}/activate`).set(a.auth).expect(200);
    await api().patch(`/api/customers/${ids[0]}`).set(a.auth).send({ name: 'R0 renamed' }).expect(200);
    const trigger = (await api().post('/api/inbound-triggers').set(a.auth).send({ name: 'old' }).expect(201)).body;
    await api().post(`/hooks/${trigger.key}`).send({ a: 1 }).expect(202);
    await until(
      () =>
        api()
          .get(`/api/broadcasts/${b}`)
          .set(a.auth)
          .then((r) => r.body),
      (x) => x.status === 'completed',
      20_000,
      'the send',
    );
    await until(
      () =>
        api()
          .get(`/api/journeys/${journey}`)
          .set(a.auth)
          .then((r) => r.body.counters),
      (c) => c.completed === 5,
      20_000,
      'the runs',
    );
    await receiver.waitFor('/events', 1);
    // Was "events relayed" only: the event's message, at the receiver, may not be recorded yet (still 'sending', so not
    // purged, and its attempt not counted in `before`) on a busy machine. Wait until every message is settled too.
    await untilIdle(t);

    // Everything so far becomes 40 days old; one old message is still waiting (never purged).
    const old = new Date(Date.now() - 40 * 86_400_000);
    await t.db.query('UPDATE deliveries SET createdAt = ?', [old]);
    await t.db.query('UPDATE event_outbox SET createdAt = ?, relayedAt = ?', [old, old]);
    await t.db.query('UPDATE journey_steps SET startedAt = ?, finishedAt = ?', [old, old]);
    await t.db.query('UPDATE inbound_requests SET createdAt = ?', [old]);
    const [waiting] = await t.db.query("SELECT id FROM deliveries WHERE source = 'broadcast' AND sourceId = ? ORDER BY id LIMIT 1", [b]);
    await t.db.query("UPDATE deliveries SET status = 'pending', nextAttemptAt = ? WHERE id = ?", [new Date(Date.now() + 86_400_000), waiting.id]);
    const before = {
      deliveries: await count(t, 'SELECT COUNT(*) AS n FROM deliveries'),
      attempts: await count(t, 'SELECT COUNT(*) AS n FROM delivery_attempts'),
      events: await count(t, 'SELECT COUNT(*) AS n FROM event_outbox'),
      steps: await count(t, 'SELECT COUNT(*) AS n FROM journey_steps'),
      requests: await count(t, 'SELECT COUNT(*) AS n FROM inbound_requests'),
    };
    expect(before.deliveries).toBeGreaterThanOrEqual(6);

    // New data, young: stays.
    const fresh = (await api().post(`/api/webhooks/${hook}/test`).set(a.auth).send({ customerId: ids[1] }).expect(200)).body.id;

    const report = await worker.get(RetentionService).purge();
    expect(report).toEqual({
      deliveries: before.deliveries - 1,
      attempts: before.attempts - 1,
      events: before.events,
      journeySteps: before.steps,
      inboundRequests: before.requests,
      auditEntries: 0,
    });
    await api().get(`/api/deliveries/${fresh}`).set(a.auth).expect(200);
    await api().get(`/api/deliveries/${waiting.id}`).set(a.auth).expect(200);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM deliveries')).toBe(2);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM delivery_attempts WHERE deliveryId = ?', [fresh])).toBe(1);
    // Counters are kept on the broadcast and counted from the runs, which stay.
    expect((await api().get(`/api/broadcasts/${b}`).set(a.auth).expect(200)).body).toMatchObject({ total: 5, delivered: 5 });
    expect((await api().get(`/api/journeys/${journey}`).set(a.auth).expect(200)).body.counters).toMatchObject({ entered: 5, completed: 5 });
    // A second pass finds nothing more.
    expect(await worker.get(RetentionService).purge()).toEqual({ deliveries: 0, attempts: 0, events: 0, journeySteps: 0, inboundRequests: 0, auditEntries: 0 });
  });

  it('one worker purges at a time (a Redis lock)', async () => {
    const retention = worker.get(RetentionService);
    const [x, y] = await Promise.all([retention.purge(), retention.purge()]);
    expect([x, y].filter((r) => r === null)).toHaveLength(1);
  });
});
