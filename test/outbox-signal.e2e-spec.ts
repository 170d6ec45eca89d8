import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, testEnv, TestApp, TestTenant } from './support/test-app';
import { sleep } from './support/until';

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
    worker = await createTestWorker(t.env);
    a = await createTenant(t);
    receiver = await Receiver.start();
    await t.http().post('/api/webhooks').set(a.auth).send({
      name: 'events', url: receiver.url('/events'), triggerType: 'event', events: ['customer/created', 'loyalty/membership_redeem_coupon'],
    }).expect(201);
    await sleep(500); // the relay's first poll has run; the next is a minute away
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('delivers an event recorded in a transaction without waiting for the poll', async () => {
    await t.http().post('/api/customers').set(a.auth).send({ name: 'Signal', mobile: '13900000077' }).expect(201);
    const [msg] = await receiver.waitFor('/events', 1, 5_000);
    expect(JSON.parse(msg.raw.toString())).toMatchObject({ event: 'customer/created' });
  });

  it('delivers an event posted by an outside system without waiting for the poll', async () => {
    await t.http().post('/api/events').set(a.auth).send({
      tenantId: a.id, event: 'loyalty/membership_redeem_coupon', membershipId: 'EXT-1', date: new Date().toISOString(),
      couponId: 'C-1', couponName: 'x', couponCode: 'CODE1',
    }).expect(202);
    const msgs = await receiver.waitFor('/events', 2, 5_000);
    expect(JSON.parse(msgs[1].raw.toString())).toMatchObject({ event: 'loyalty/membership_redeem_coupon' });
  });
});
