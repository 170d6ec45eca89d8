import { childEnv, runEntrypoint, Spawned } from './support/processes';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, testEnv, TestApp, TestTenant } from './support/test-app';
import { untilIdle } from './support/idle';
import { until } from './support/until';

/** The built worker as deployed, killed with SIGKILL while journey runs wait, then started again. */
describe('journeys survive a worker killed during a wait', () => {
  let t: TestApp;
  let a: TestTenant;
  let receiver: Receiver;
  const workers: Spawned[] = [];

  const startWorker = async () => {
    const w = runEntrypoint(
      'worker.js',
      childEnv(t.env, {
        ALLOW_PRIVATE_TARGETS: 'true',
        METRICS_PORT: '0',
        SWEEP_INTERVAL_MS: '200',
        SWEEP_GRACE_MS: '300',
      }),
    );
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

  it('every run completes exactly once after the restart', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ name: `K${i}`, mobile: `1370000${String(i).padStart(4, '0')}` }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const customers = (await t.http().get('/api/customers?limit=100').set(a.auth).expect(200)).body.items as { id: number }[];
    const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'killed', type: 'static' }).expect(201)).body.id;
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
        .send({ name: 'crm', url: receiver.url('/crm'), bodyTemplate: { id: '{{ customer.id }}' } })
        .expect(201)
    ).body.id;
    const j = (
      await t
        .http()
        .post('/api/journeys')
        .set(a.auth)
        .send({
          name: 'kill during wait',
          trigger: { type: 'group_entry', groupId: group },
          start: 'w',
          nodes: [
            { id: 'w', type: 'wait', seconds: 2, next: 'call' },
            { id: 'call', type: 'webhook', webhookId: hook, next: 'e' },
            { id: 'e', type: 'end' },
          ],
        })
        .expect(201)
    ).body;
    const counters = async () => (await t.http().get(`/api/journeys/${j.id}`).set(a.auth).expect(200)).body.counters;

    const first = await startWorker();
    await t.http().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    await until(counters, (c) => c.waiting === 20, 20_000, 'twenty runs in the wait');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // The waits end while no worker runs (was a 2.5 s sleep, which a busy machine could outrun: wait for their end).
    await until(
      async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM journey_runs WHERE journeyId = ? AND dueAt > ?', [j.id, new Date()]))[0].n),
      (n) => n === 0,
      20_000,
      'every wait over',
    );
    expect(receiver.requests).toHaveLength(0);

    await startWorker();
    await until(counters, (c) => c.completed === 20, 30_000, 'twenty completed runs after the restart');
    await untilIdle(t); // was a 500 ms sleep: a second copy can only come from a message or job still open
    const ids = receiver.at('/crm').map((r) => JSON.parse(r.raw.toString()).id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids)).toEqual(new Set(customers.map((c) => c.id)));
    expect(new Set(receiver.at('/crm').map((r) => r.headers['x-herald-message-id'])).size).toBe(20);
    const runs = (await t.http().get(`/api/journeys/${j.id}/runs?limit=100`).set(a.auth).expect(200)).body.items;
    const detail = (await t.http().get(`/api/journey-runs/${runs[0].id}`).set(a.auth).expect(200)).body;
    expect(detail.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual(['w:done', 'call:delivered', 'e:done']);
  });
});
