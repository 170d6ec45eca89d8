import { childEnv, runEntrypoint, Spawned } from './support/processes';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, testEnv, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const CAP = 2;
const CUSTOMERS = 1200;
/** Four overlapping audiences (customer index ranges): a customer is in 1 to 4 of them. */
const AUDIENCES: [number, number][] = [
  [0, 800],
  [400, 1200],
  [0, 1200],
  [200, 1000],
];

/** The built worker as deployed, twice: two processes fan out overlapping mass sends at once, and no customer goes over the cap. */
describe('frequency caps hold across two worker processes', () => {
  let t: TestApp;
  let a: TestTenant;
  let receiver: Receiver;
  const workers: Spawned[] = [];

  const startWorker = async () => {
    const w = runEntrypoint('worker.js', childEnv(t.env, { ALLOW_PRIVATE_TARGETS: 'true', METRICS_PORT: '0' }));
    workers.push(w);
    await w.waitFor(/worker started/);
    return w;
  };

  beforeAll(async () => {
    t = await createTestApp(await testEnv());
    a = await createTenant(t);
    receiver = await Receiver.start();
  });

  afterAll(async () => {
    for (const w of workers)
      if (w.child.exitCode === null && !w.child.killed) {
        w.child.kill('SIGTERM');
        await w.exited;
      }
    await receiver.close();
    await t.close();
  });

  it(`${AUDIENCES.length} sends to overlapping groups, fanned out by two workers at once: each customer gets exactly min(groups, ${CAP})`, async () => {
    const api = () => t.http();
    const rows = Array.from({ length: CUSTOMERS }, (_, i) => ({ name: `c${i}`, mobile: `1370${String(i).padStart(7, '0')}` }));
    await api().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const ids: number[] = (await t.db.query('SELECT id FROM customers WHERE tenantId = ? ORDER BY id', [a.id])).map((r: { id: number }) => r.id);
    expect(ids).toHaveLength(CUSTOMERS);
    const groups: number[] = [];
    for (const [from, to] of AUDIENCES) {
      const g = (
        await api()
          .post('/api/groups')
          .set(a.auth)
          .send({ name: `${from}-${to}`, type: 'static' })
          .expect(201)
      ).body.id;
      for (let i = from; i < to; i += 500)
        await api()
          .post(`/api/groups/${g}/members`)
          .set(a.auth)
          .send({ customerIds: ids.slice(i, Math.min(i + 500, to)) })
          .expect(200);
      groups.push(g);
    }
    const webhook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'sms', url: receiver.url('/sms'), concurrency: 50 })
        .expect(201)
    ).body.id;
    await api().put('/api/frequency-caps').set(a.auth).send({ enabled: true, maxMessages: CAP, windowHours: 24 }).expect(200);

    const [w1, w2] = [await startWorker(), await startWorker()];
    const sends: number[] = (
      await Promise.all(groups.map((groupId) => api().post('/api/broadcasts').set(a.auth).send({ webhookId: webhook, groupId }).expect(201)))
    ).map((r) => r.body.id);
    await until(
      async () => (await t.db.query('SELECT COUNT(*) AS n FROM broadcasts WHERE tenantId = ? AND fanoutDone = 1', [a.id]))[0].n,
      (n) => Number(n) === sends.length,
      60_000,
      'every fan-out done',
    );
    // Both processes fanned out (each takes two sends at a time, so four at once spread over both).
    for (const w of [w1, w2]) expect(w.output()).toMatch(/mass send \d+ started/);

    const counted: { customerId: number; sent: string; skipped: string }[] = await t.db.query(
      "SELECT customerId, SUM(status <> 'skipped') AS sent, SUM(status = 'skipped') AS skipped FROM deliveries WHERE tenantId = ? AND source = 'broadcast' GROUP BY customerId",
      [a.id],
    );
    expect(counted).toHaveLength(CUSTOMERS);
    const byCustomer = new Map(counted.map((c) => [c.customerId, { sent: Number(c.sent), skipped: Number(c.skipped) }]));
    ids.forEach((id, i) => {
      const memberships = AUDIENCES.filter(([from, to]) => i >= from && i < to).length;
      expect({ i, ...byCustomer.get(id) }).toEqual({ i, sent: Math.min(memberships, CAP), skipped: Math.max(0, memberships - CAP) });
    });
    // The sends' counters add up to the rows.
    const views = await Promise.all(sends.map(async (id) => (await api().get(`/api/broadcasts/${id}`).set(a.auth).expect(200)).body));
    const skippedRows = counted.reduce((sum, c) => sum + Number(c.skipped), 0);
    await until(
      async () =>
        (await Promise.all(sends.map(async (id) => (await api().get(`/api/broadcasts/${id}`).set(a.auth).expect(200)).body.skipped))).reduce(
          (x, y) => x + y,
          0,
        ),
      (total) => total === skippedRows,
      20_000,
      'skipped counters',
    );
    expect(views.map((v) => v.total)).toEqual(AUDIENCES.map(([from, to]) => to - from));
  }, 180_000);
});
