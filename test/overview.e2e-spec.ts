import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

interface Overview {
  range: string;
  granularity: string;
  totals: { created: number; delivered: number; failed: number; cancelled: number; successRate: number | null; pending: number; sending: number };
  series: { at: string; created: number; delivered: number; failed: number }[];
  bySource: { source: string; created: number }[];
  webhooks: { webhookId: number; name: string; created: number; delivered: number; failed: number; successRate: number | null; p95Ms: number | null }[];
  attention: { kind: string; webhookId: number; name: string; recentFailureRate: number | null }[];
  running: { id: number }[];
  upcoming: { id: number; name: string; scheduledAt: string }[];
  journeys: { id: number; name: string; counters: { entered: number } }[];
  latestFailures: { id: string; webhookId: number; webhookName: string; statusCode: number | null }[];
}

describe('overview (概览): GET /api/overview', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let group: number;
  const hooks: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    receiver.on('/ok', () => ({ status: 200, body: '{"ok":true}', delayMs: 30 }));
    receiver.on('/bad', () => ({ status: 500, body: 'down for maintenance' }));
    receiver.on('/down', () => ({ status: 503 }));
    const rows = Array.from({ length: 25 }, (_, i) => ({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}` }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const customers: { id: number }[] = (await t.http().get('/api/customers').query({ limit: 100 }).set(a.auth).expect(200)).body.items;
    group = (await t.http().post('/api/groups').set(a.auth).send({ name: '全部客户', type: 'static' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect(200);
    for (const [name, extra] of [
      ['ok', {}],
      ['bad', { maxAttempts: 1, circuitBreakerThreshold: 0 }],
      ['down', { maxAttempts: 1, circuitBreakerThreshold: 3, concurrency: 1 }],
    ] as const) {
      const res = await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: `会员通知-${name}`, url: receiver.url(`/${name}`), ...extra })
        .expect(201);
      hooks[name] = res.body.id;
    }
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  const overview = async (tenant: TestTenant, query: Record<string, string> = {}): Promise<Overview> =>
    (
      await t
        .http()
        .get('/api/overview')
        .query({ tz: 'Asia/Shanghai', ...query })
        .set(tenant.auth)
        .expect(200)
    ).body;

  it('an empty tenant answers zeros and empty lists, not an error', async () => {
    const o = await overview(b);
    expect(o).toMatchObject({ range: 'today', granularity: 'hour', totals: { created: 0, delivered: 0, failed: 0, successRate: null, pending: 0 } });
    expect(o.webhooks).toEqual([]);
    expect(o.latestFailures).toEqual([]);
    expect(o.series.every((p) => p.created === 0)).toBe(true);
    expect((await overview(b, { range: '7d' })).series).toHaveLength(7);
  });

  it('counts mass sends by status and source, per webhook success rate and p95, flags the failing webhooks, lists the failures', async () => {
    const sends: Record<string, number> = {};
    for (const name of ['ok', 'bad', 'down']) {
      const res = await t
        .http()
        .post('/api/broadcasts')
        .set(a.auth)
        .send({ name: `双十一-${name}`, webhookId: hooks[name], groupId: group })
        .expect(201);
      sends[name] = res.body.id;
    }
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = (
      await t.http().post('/api/broadcasts').set(a.auth).send({ name: '周末预告', webhookId: hooks.ok, groupId: group, scheduledAt: later }).expect(201)
    ).body;
    // The down webhook's circuit opens after 3 failures; its other messages wait for it.
    const settled = async () => {
      const [row]: { delivered: string; failed: string; n: string }[] = await t.db.query(
        "SELECT SUM(status = 'delivered') AS delivered, SUM(status = 'failed') AS failed, COUNT(*) AS n FROM deliveries WHERE tenantId = ?",
        [a.id],
      );
      return { delivered: Number(row.delivered), failed: Number(row.failed), n: Number(row.n) };
    };
    const truth = await until(settled, (s) => s.n === 75 && s.delivered === 25 && s.failed >= 28, 30_000, 'ok delivered, bad failed, down opened');
    const o = await until(
      () => overview(a),
      (x) => x.totals.created === 75 && x.totals.delivered === truth.delivered && x.totals.failed === (truth.failed as number),
      10_000,
      'the counters to catch up',
    );
    expect(o.totals.successRate).toBeCloseTo(truth.delivered / (truth.delivered + truth.failed), 5);
    expect(o.bySource).toEqual([expect.objectContaining({ source: 'broadcast', created: 75 })]);
    expect(o.series.reduce((n, p) => n + p.created, 0)).toBe(75);

    const ok = o.webhooks.find((w) => w.webhookId === hooks.ok)!;
    const bad = o.webhooks.find((w) => w.webhookId === hooks.bad)!;
    expect(ok).toMatchObject({ name: '会员通知-ok', created: 25, delivered: 25, failed: 0, successRate: 1 });
    // The receiver waits 30 ms: no attempt is faster (how much slower depends on the machine's load).
    expect(ok.p95Ms).toBeGreaterThanOrEqual(25);
    expect(ok.p95Ms).toBeLessThan(10_000);
    expect(bad).toMatchObject({ created: 25, delivered: 0, failed: 25, successRate: 0 });

    expect(o.attention).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'rising_failures', webhookId: hooks.bad, name: '会员通知-bad', recentFailureRate: 1 }),
        expect.objectContaining({ kind: 'circuit_open', webhookId: hooks.down }),
      ]),
    );
    expect(o.attention.find((x) => x.webhookId === hooks.ok)).toBeUndefined();
    expect(o.upcoming).toEqual([expect.objectContaining({ id: scheduled.id, name: '周末预告' })]);

    expect(o.latestFailures.length).toBe(10);
    const failure = o.latestFailures[0];
    expect([hooks.bad, hooks.down]).toContain(failure.webhookId);
    expect(failure.webhookName).toMatch(/^会员通知-/);
    // The link target: the message itself.
    const message = (await t.http().get(`/api/deliveries/${failure.id}`).set(a.auth).expect(200)).body;
    expect(message).toMatchObject({ id: failure.id, status: 'failed', webhookId: failure.webhookId });

    // Tenant-scoped: B still sees nothing.
    expect((await overview(b)).totals.created).toBe(0);
    const week = await overview(a, { range: '7d' });
    expect(week).toMatchObject({ granularity: 'day', totals: { created: 75 } });
    expect(week.series[6].created).toBe(75);

    // Cancelling the send held by the open circuit: its waiting messages count as cancelled, exactly.
    await t.http().post(`/api/broadcasts/${sends.down}/cancel`).set(a.auth).expect(200);
    const cancelled = async () =>
      Number(((await t.db.query("SELECT COUNT(*) AS n FROM deliveries WHERE tenantId = ? AND status = 'cancelled'", [a.id])) as { n: string }[])[0].n);
    const n = await until(cancelled, (x) => x > 0, 10_000, 'the held messages to be cancelled');
    const after = await until(
      () => overview(a),
      (x) => x.totals.cancelled === n,
      10_000,
      'the cancelled counter',
    );
    expect(after.totals.created).toBe(75);
    expect(after.totals.pending + after.totals.sending).toBe(75 - truth.delivered - truth.failed - n);
  });

  it('lists active journeys with their counters', async () => {
    const flow = (
      await t
        .http()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: '新客欢迎', trigger: { type: 'event', event: 'customer/created' }, start: 'end', nodes: [{ id: 'end', type: 'end' }] })
        .expect(201)
    ).body;
    await t.http().post(`/api/journeys/${flow.id}/activate`).set(a.auth).expect(200);
    const o = await overview(a);
    expect(o.journeys).toEqual([expect.objectContaining({ id: flow.id, name: '新客欢迎', counters: expect.objectContaining({ entered: 0 }) })]);
  });

  it('400 names the field for a time zone or range it does not know', async () => {
    const tz = await t.http().get('/api/overview').query({ tz: 'Mars/Olympus' }).set(a.auth).expect(400);
    expect(tz.body.problems).toEqual([expect.objectContaining({ path: 'tz', code: 'is_time_zone' })]);
    const range = await t.http().get('/api/overview').query({ range: 'month' }).set(a.auth).expect(400);
    expect(range.body.problems).toEqual([expect.objectContaining({ path: 'range', code: 'is_in' })]);
    await t.http().get('/api/overview').expect(401);
  });
});
