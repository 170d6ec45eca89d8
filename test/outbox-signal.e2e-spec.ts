import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, testEnv, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

/**
 * The relay is woken by the commit, not by its poll: with the poll set to a minute, events still
 * arrive at once — from a transaction (customer created) and from POST /api/events (no transaction).
 */
describe('outbox signal', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await createTestApp(await testEnv({ RELAY_INTERVAL_MS: '60000' }));
    a = await createTenant(t);
    // Was a 500 ms sleep for "the relay's first poll has run": on a busy machine it may not have, and the poll would
    // then deliver what the signal should. An event nobody subscribes to, recorded before the worker starts (so only
    // the poll can relay it), shows when it has.
    const seed = await createTenant(t, 'seed');
    await t.http().post('/api/customers').set(seed.auth).send({ name: 'Seed', mobile: '13900000066' }).expect(201);
    worker = await createTestWorker(t.env);
    receiver = await Receiver.start();
    await t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({
        name: 'events',
        url: receiver.url('/events'),
        triggerType: 'event',
        events: ['customer/created', 'loyalty/membership_redeem_coupon'],
      })
      .expect(201);
    await until(
      async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM event_outbox WHERE relayedAt IS NULL'))[0].n),
      (n) => n === 0,
      20_000,
      "the relay's first poll",
    ); // the next is a minute away
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('delivers an event recorded in a transaction without waiting for the poll', async () => {
    await t.http().post('/api/customers').set(a.auth).send({ name: 'Signal', mobile: '13900000077' }).expect(201);
    const [msg] = await receiver.waitFor('/events', 1, 20_000); // generous for a busy machine, still well within the minute's poll
    expect(JSON.parse(msg.raw.toString())).toMatchObject({ event: 'customer/created' });
  });

  it('delivers an event posted by an outside system without waiting for the poll', async () => {
    await t
      .http()
      .post('/api/events')
      .set(a.auth)
      .send({
        tenantId: a.id,
        event: 'loyalty/membership_redeem_coupon',
        membershipId: 'EXT-1',
        date: new Date().toISOString(),
        couponId: 'C-1',
        couponName: 'x',
        couponCode: 'CODE1',
      })
      .expect(202);
    const msgs = await receiver.waitFor('/events', 2, 20_000);
    expect(JSON.parse(msgs[1].raw.toString())).toMatchObject({ event: 'loyalty/membership_redeem_coupon' });
  });
});
