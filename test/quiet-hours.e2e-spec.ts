import type { INestApplicationContext } from '@nestjs/common';
import { QuietClock } from '../src/quiet-hours/quiet-clock.service';
import { Receiver } from './support/receiver';
import { DAYTIME, offsetTo, shanghai } from './support/quiet-clock';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

/** Quiet hours against real MariaDB/Redis/HTTP, with the engine's clock moved (22:00, then past 09:00 Shanghai). */
describe('quiet hours (免打扰时段)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let receiver: Receiver;
  const NIGHT = shanghai(1, '22:00');
  const MORNING = shanghai(2, '09:00');

  /** Both processes' engines read the same moved clock. */
  const setClock = (at: Date) => {
    for (const ctx of [t.app, worker]) ctx.get(QuietClock).setOffset(offsetTo(at) + 1_000);
  };

  async function tenantWith(name: string, customers: number): Promise<{ tenant: TestTenant; group: number }> {
    const tenant = await createTenant(t, name);
    await t.http().put('/api/quiet-hours').set(tenant.auth).send(DAYTIME).expect(200);
    const group = (await t.http().post('/api/groups').set(tenant.auth).send({ name: 'all', type: 'static' }).expect(201)).body.id;
    if (!customers) return { tenant, group };
    const rows = Array.from({ length: customers }, (_, i) => ({
      name: `${name} ${i}`,
      mobile: `139${String(name.length).padStart(2, '0')}00${String(i).padStart(4, '0')}`,
    }));
    await t.http().post('/api/customers/import').set(tenant.auth).send(rows).expect(200);
    const ids = (await t.http().get('/api/customers').query({ limit: 1000 }).set(tenant.auth).expect(200)).body.items.map((c: { id: number }) => c.id);
    await t.http().post(`/api/groups/${group}/members`).set(tenant.auth).send({ customerIds: ids }).expect(200);
    return { tenant, group };
  }

  async function webhook(tenant: TestTenant, path: string, extra: object = {}): Promise<number> {
    const body = { name: path, url: receiver.url(path), bodyTemplate: { mobile: '{{ customer.mobile }}' }, ...extra };
    return (await t.http().post('/api/webhooks').set(tenant.auth).send(body).expect(201)).body.id;
  }

  const broadcast = async (tenant: TestTenant, id: number) => (await t.http().get(`/api/broadcasts/${id}`).set(tenant.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });
  afterEach(() => setClock(new Date()));

  it('settings: off by default; bad input is a 400 naming the field; unknown webhooks and journeys 404', async () => {
    const a = await createTenant(t, 'settings');
    expect((await t.http().get('/api/quiet-hours').set(a.auth).expect(200)).body).toMatchObject({ enabled: false, timeZone: 'Asia/Shanghai', updatedAt: null });
    const badZone = await t
      .http()
      .put('/api/quiet-hours')
      .set(a.auth)
      .send({ ...DAYTIME, timeZone: 'Mars/Olympus' })
      .expect(400);
    expect(Object.keys(badZone.body.fields)).toEqual(['timeZone']);
    const badTime = await t
      .http()
      .put('/api/quiet-hours')
      .set(a.auth)
      .send({ ...DAYTIME, windows: [{ days: [1, 8], start: '25:00', end: '21:00' }] })
      .expect(400);
    expect(Object.keys(badTime.body.fields).sort()).toEqual(['windows[0].days', 'windows[0].start']);
    await t
      .http()
      .put('/api/quiet-hours')
      .set(a.auth)
      .send({ ...DAYTIME, windows: [] })
      .expect(400);
    // Over midnight is allowed: it runs into the next day.
    const night = await t
      .http()
      .put('/api/quiet-hours')
      .set(a.auth)
      .send({ ...DAYTIME, windows: [{ days: [5, 1], start: '21:00', end: '02:00' }] })
      .expect(200);
    expect(night.body).toMatchObject({ enabled: true, windows: [{ days: [1, 5], start: '21:00', end: '02:00' }] });
    await t.http().get('/api/quiet-hours/webhooks/999999').set(a.auth).expect(404);
    await t.http().put('/api/quiet-hours/journeys/999999').set(a.auth).send({ mode: 'unrestricted' }).expect(404);
    const w = await webhook(a, '/settings');
    expect((await t.http().get(`/api/quiet-hours/webhooks/${w}`).set(a.auth).expect(200)).body).toMatchObject({ mode: 'inherit', windows: [] });
    const noWindows = await t.http().put(`/api/quiet-hours/webhooks/${w}`).set(a.auth).send({ mode: 'custom' }).expect(400);
    expect(Object.keys(noWindows.body.fields)).toEqual(['windows']);
    // A window that is not an object (the fuzzer's `[[]]`) is a 400 naming it; it was a 500.
    const bodies: [string, object][] = [
      [`/api/quiet-hours/webhooks/${w}`, { mode: 'custom', windows: [[]] }],
      ['/api/quiet-hours', { ...DAYTIME, windows: [[]] }],
    ];
    for (const [path, body] of bodies) {
      const notObject = await t.http().put(path).set(a.auth).send(body).expect(400);
      expect(notObject.body.problems).toEqual([expect.objectContaining({ path: 'windows', code: 'is_object' })]);
    }
    await t.http().put(`/api/quiet-hours/webhooks/${w}`).set(a.auth).send({ mode: 'unrestricted' }).expect(200);
    expect((await t.http().get(`/api/quiet-hours/webhooks/${w}`).set(a.auth).expect(200)).body.mode).toBe('unrestricted');
    await t.http().delete(`/api/quiet-hours/webhooks/${w}`).set(a.auth).expect(204);
    expect((await t.http().get(`/api/quiet-hours/webhooks/${w}`).set(a.auth).expect(200)).body.mode).toBe('inherit');
    // Another tenant's webhook is not found.
    const b = await createTenant(t, 'other');
    await t.http().get(`/api/quiet-hours/webhooks/${w}`).set(b.auth).expect(404);
  });

  it('a mass send at 22:00 waits (deferred, counted), then goes after 09:00: none lost, none twice; transactional and test sends go at once', async () => {
    const { tenant, group } = await tenantWith('night', 30);
    const marketing = await webhook(tenant, '/night/marketing');
    const transactional = await webhook(tenant, '/night/transactional', { transactional: true });
    setClock(NIGHT);

    const sent = (await t.http().post('/api/broadcasts').set(tenant.auth).send({ webhookId: marketing, groupId: group, name: '夜间群发' }).expect(201)).body;
    const waiting = await until(
      () => broadcast(tenant, sent.id),
      (b) => b.fanoutDone && b.deferred === 30,
      20_000,
      'all 30 deferred',
    );
    expect(waiting).toMatchObject({ status: 'sending', total: 30, pending: 30, deferred: 30, delivered: 0 });
    expect((await t.http().get('/api/quiet-hours').set(tenant.auth).expect(200)).body.opensAt).toBe(MORNING.toISOString());
    expect((await t.http().get('/api/overview').set(tenant.auth).expect(200)).body.totals).toMatchObject({ deferred: 30, pending: 0 });
    const log = await t.http().get('/api/deliveries').query({ status: 'deferred', limit: 100 }).set(tenant.auth).expect(200);
    expect(log.body.items).toHaveLength(30);
    for (const d of log.body.items) expect(d).toMatchObject({ status: 'deferred', attempts: 0, nextAttemptAt: MORNING.toISOString() });

    // Not marketing: a transactional webhook's mass send and a test send go now.
    const tx = (await t.http().post('/api/broadcasts').set(tenant.auth).send({ webhookId: transactional, groupId: group }).expect(201)).body;
    await until(
      () => broadcast(tenant, tx.id),
      (b) => b.status === 'completed',
      20_000,
      'the transactional send',
    );
    const customer = log.body.items[0].customerId;
    const test = await t.http().post(`/api/webhooks/${marketing}/test`).set(tenant.auth).send({ customerId: customer }).expect(200);
    expect(test.body.status).toBe('delivered');
    expect(receiver.at('/night/marketing')).toHaveLength(1); // the test send only
    expect(receiver.at('/night/transactional')).toHaveLength(30);
    expect((await broadcast(tenant, sent.id)).deferred).toBe(30);

    setClock(new Date(MORNING.getTime() + 5_000));
    const done = await until(
      () => broadcast(tenant, sent.id),
      (b) => b.status === 'completed',
      30_000,
      'the morning send',
    );
    expect(done).toMatchObject({ total: 30, delivered: 30, pending: 0, deferred: 0, failed: 0 });
    const got = receiver.at('/night/marketing').filter((r) => r.headers['x-herald-event'] === 'webhook/broadcast');
    expect(got).toHaveLength(30);
    expect(new Set(got.map((r) => r.headers['x-herald-message-id'])).size).toBe(30);
    const attempts: { n: number }[] = await t.db.query("SELECT MAX(attempts) AS n FROM deliveries WHERE source = 'broadcast' AND sourceId = ?", [sent.id]);
    expect(Number(attempts[0].n)).toBe(1);
  });

  it('turning quiet hours off lets held messages go; cancelling a send cancels its held messages', async () => {
    const { tenant, group } = await tenantWith('off switch', 5);
    const w = await webhook(tenant, '/off');
    setClock(NIGHT);
    const held = (await t.http().post('/api/broadcasts').set(tenant.auth).send({ webhookId: w, groupId: group }).expect(201)).body;
    const cancelled = (await t.http().post('/api/broadcasts').set(tenant.auth).send({ webhookId: w, groupId: group }).expect(201)).body;
    for (const id of [held.id, cancelled.id])
      await until(
        () => broadcast(tenant, id),
        (b) => b.fanoutDone && b.deferred === 5,
        20_000,
        'five deferred',
      );
    const stopped = await t.http().post(`/api/broadcasts/${cancelled.id}/cancel`).set(tenant.auth).expect(200);
    expect(stopped.body).toMatchObject({ status: 'cancelled', cancelled: 5, deferred: 0 });

    await t
      .http()
      .put('/api/quiet-hours')
      .set(tenant.auth)
      .send({ ...DAYTIME, enabled: false })
      .expect(200);
    await until(
      () => broadcast(tenant, held.id),
      (b) => b.status === 'completed',
      30_000,
      'the held send once quiet hours are off',
    );
    expect(receiver.at('/off')).toHaveLength(5);
  });

  it('a retry that falls due in quiet hours is deferred without an attempt, then sent', async () => {
    const { tenant, group } = await tenantWith('retry', 1);
    receiver.on('/retry', (_, nth) => ({ status: nth === 1 ? 503 : 200 }));
    const w = await webhook(tenant, '/retry', { maxAttempts: 3, backoffBaseMs: 1_500 });
    // The first attempt goes at midday (open) whatever the wall clock says: from 21:00 Shanghai the send was held.
    setClock(shanghai(1, '12:00'));
    const sent = (await t.http().post('/api/broadcasts').set(tenant.auth).send({ webhookId: w, groupId: group }).expect(201)).body;
    await receiver.waitFor('/retry', 1);
    setClock(NIGHT); // the retry is due at "22:00"
    const [row] = await until(
      async () => (await t.http().get('/api/deliveries').query({ source: 'broadcast', sourceId: sent.id }).set(tenant.auth).expect(200)).body.items,
      (items) => items[0]?.status === 'deferred',
      20_000,
      'the retry deferred',
    );
    expect(row).toMatchObject({ attempts: 1, nextAttemptAt: MORNING.toISOString() });
    expect(receiver.at('/retry')).toHaveLength(1);
    setClock(new Date(MORNING.getTime() + 5_000));
    await until(
      () => broadcast(tenant, sent.id),
      (b) => b.status === 'completed',
      20_000,
      'the retry sent',
    );
    expect(receiver.at('/retry')).toHaveLength(2);
  });

  it("a journey's own setting wins: unrestricted goes at night, the tenant's quiet hours hold the other", async () => {
    const { tenant, group } = await tenantWith('journeys', 0);
    const crm = await webhook(tenant, '/journey/crm');
    const free = await webhook(tenant, '/journey/free');
    const make = async (name: string, webhookId: number) => {
      const body = {
        name,
        trigger: { type: 'group_entry', groupId: group },
        start: 'send',
        nodes: [
          { id: 'send', type: 'webhook', webhookId, next: 'end' },
          { id: 'end', type: 'end' },
        ],
      };
      return (await t.http().post('/api/journeys').set(tenant.auth).send(body).expect(201)).body.id as number;
    };
    const held = await make('守规矩', crm);
    const always = await make('不限制', free);
    await t.http().put(`/api/quiet-hours/journeys/${always}`).set(tenant.auth).send({ mode: 'unrestricted' }).expect(200);
    expect((await t.http().get(`/api/quiet-hours/journeys/${always}`).set(tenant.auth).expect(200)).body.mode).toBe('unrestricted');
    const customer = (await t.http().post('/api/customers').set(tenant.auth).send({ name: '夜猫子', mobile: '13912345678' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/groups/${group}/members`)
      .set(tenant.auth)
      .send({ customerIds: [customer] })
      .expect(200);
    setClock(NIGHT);
    for (const id of [held, always]) await t.http().post(`/api/journeys/${id}/activate`).set(tenant.auth).expect(200);

    await receiver.waitFor('/journey/free', 1);
    const deferred = await until(
      async () => (await t.http().get('/api/deliveries').query({ source: 'journey', status: 'deferred' }).set(tenant.auth).expect(200)).body.items,
      (items) => items.length === 1,
      20_000,
      "the held journey's message",
    );
    expect(deferred[0]).toMatchObject({ webhookId: crm, nextAttemptAt: MORNING.toISOString() });
    expect(receiver.at('/journey/crm')).toHaveLength(0);
    const runs = (await t.http().get(`/api/journeys/${held}/runs`).set(tenant.auth).expect(200)).body.items;
    expect(runs[0].status).not.toMatch(/completed|failed/);

    setClock(new Date(MORNING.getTime() + 5_000));
    await receiver.waitFor('/journey/crm', 1);
    await until(
      async () => (await t.http().get(`/api/journeys/${held}/runs`).set(tenant.auth).expect(200)).body.items,
      (items) => items[0]?.status === 'completed',
      20_000,
      'the held run completed',
    );
  });
});
