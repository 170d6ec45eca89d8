import { childEnv, runEntrypoint, Spawned } from './support/processes';
import { DAYTIME, offsetTo, shanghai } from './support/quiet-clock';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, testEnv, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const N = 200;

/**
 * The built worker as deployed, with its quiet-hours clock set through HERALD_CLOCK_OFFSET_MS (honoured
 * under NODE_ENV=test only): a mass send deferred at "22:00" survives a killed worker, and two workers
 * started after "09:00" promote the same rows with each message sent once.
 */
describe('quiet hours across worker processes', () => {
  let t: TestApp;
  let a: TestTenant;
  let receiver: Receiver;
  const workers: Spawned[] = [];

  const startWorker = async (at: Date) => {
    const w = runEntrypoint(
      'worker.js',
      childEnv(t.env, {
        ALLOW_PRIVATE_TARGETS: 'true',
        METRICS_PORT: '0',
        SWEEP_INTERVAL_MS: '200',
        SWEEP_GRACE_MS: '300',
        HERALD_CLOCK_OFFSET_MS: String(offsetTo(at)),
      }),
    );
    workers.push(w);
    await w.waitFor(/worker started/);
    return w;
  };
  const broadcast = async (id: number) => (await t.http().get(`/api/broadcasts/${id}`).set(a.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp(await testEnv());
    a = await createTenant(t);
    receiver = await Receiver.start();
    receiver.on('/crm', () => ({ status: 200, delayMs: 5 }));
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

  it('deferred messages outlive a killed worker; two workers after 09:00 send each once', async () => {
    await t.http().put('/api/quiet-hours').set(a.auth).send(DAYTIME).expect(200);
    const rows = Array.from({ length: N }, (_, i) => ({ name: `Q${i}`, mobile: `1360000${String(i).padStart(4, '0')}` }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const customers = (await t.http().get('/api/customers').query({ limit: 1000 }).set(a.auth).expect(200)).body.items as { id: number }[];
    const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'night', type: 'static' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect(200);
    const hook = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'crm', url: receiver.url('/crm'), bodyTemplate: { mobile: '{{ customer.mobile }}' }, concurrency: 10 })
        .expect(201)
    ).body.id;

    const night = await startWorker(shanghai(1, '22:00'));
    const sent = (await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: hook, groupId: group }).expect(201)).body;
    await until(
      () => broadcast(sent.id),
      (b) => b.fanoutDone && b.deferred === N,
      30_000,
      `all ${N} deferred`,
    );
    night.child.kill('SIGKILL');
    await night.exited;
    expect(receiver.at('/crm')).toHaveLength(0);

    const morning = shanghai(2, '09:00');
    const [w1, w2] = await Promise.all([startWorker(new Date(morning.getTime() + 5_000)), startWorker(new Date(morning.getTime() + 5_000))]);
    const done = await until(
      () => broadcast(sent.id),
      (b) => b.status === 'completed',
      60_000,
      'the send completed',
    );
    expect(done).toMatchObject({ total: N, delivered: N, deferred: 0, pending: 0, failed: 0 });
    const got = receiver.at('/crm');
    expect(got).toHaveLength(N);
    expect(new Set(got.map((r) => r.headers['x-herald-message-id'])).size).toBe(N);
    const attempts: { n: number }[] = await t.db.query('SELECT MAX(attempts) AS n FROM deliveries WHERE sourceId = ?', [sent.id]);
    expect(Number(attempts[0].n)).toBe(1);
    expect(w1.output() + w2.output()).toMatch(/deferred message\(s\) released/);
  });
});
