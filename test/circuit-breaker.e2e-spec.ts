import type { INestApplicationContext } from '@nestjs/common';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, testEnv, TestApp, TestTenant } from './support/test-app';

const FINAL = ['completed', 'completed_with_failures', 'cancelled'];

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A cool-down long enough that polling sees the circuit as it opened before the first probe changes it (500 ms raced
 * the poll on a busy machine), short enough for the tests to wait it out.
 */
const COOLDOWN_MS = 1500;

/** Circuits with a short cool-down, two worker processes' modules sharing Redis and the database. */
describe('circuit breaker', () => {
  let t: TestApp;
  let workers: INestApplicationContext[];
  let a: TestTenant;
  let receiver: Receiver;
  let group: number;
  let bigGroup: number;

  beforeAll(async () => {
    t = await createTestApp(await testEnv({ CIRCUIT_COOLDOWN_MS: String(COOLDOWN_MS) }));
    workers = [await createTestWorker(t.env), await createTestWorker(t.env)];
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
    const rows = Array.from({ length: 150 }, (_, i) => ({ name: `C${i}`, mobile: `1360000${String(i).padStart(4, '0')}` }));
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    const customers: { id: number }[] = (await t.http().get('/api/customers').query({ limit: 1000 }).set(a.auth).expect(200)).body.items;
    group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'ten', type: 'static' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: customers.slice(0, 10).map((c) => c.id) })
      .expect(200);
    bigGroup = (await t.http().post('/api/groups').set(a.auth).send({ name: 'all', type: 'static' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/groups/${bigGroup}/members`)
      .set(a.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect(200);
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await receiver.close();
    await t.close();
  });

  const webhook = (path: string, extra: object = {}) =>
    t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({ name: path, url: receiver.url(path), backoffBaseMs: 20, maxAttempts: 5, concurrency: 1, circuitBreakerThreshold: 3, ...extra })
      .expect(201)
      .then((r) => r.body);
  const getWebhook = (id: number) =>
    t
      .http()
      .get(`/api/webhooks/${id}`)
      .set(a.auth)
      .expect(200)
      .then((r) => r.body);
  const broadcast = (webhookId: number, groupId = group) =>
    t
      .http()
      .post('/api/broadcasts')
      .set(a.auth)
      .send({ webhookId, groupId })
      .expect(201)
      .then((r) => r.body.id as number);
  const broadcastView = (id: number) =>
    t
      .http()
      .get(`/api/broadcasts/${id}`)
      .set(a.auth)
      .expect(200)
      .then((r) => r.body);
  const attempts = async (webhookId: number) => {
    const [row] = await t.db.query("SELECT COALESCE(SUM(attempts), 0) AS n, SUM(status = 'failed') AS failed FROM deliveries WHERE webhookId = ?", [webhookId]);
    return { attempts: Number(row.n), failed: Number(row.failed ?? 0) };
  };

  it('opens after N consecutive failures; messages wait without using attempts; a probe after the cool-down closes it and they flow', async () => {
    let healthy = false;
    receiver.on('/flaky', () => (healthy ? { status: 200 } : { status: 503, body: 'down' }));
    const w = await webhook('/flaky');
    expect(w).toMatchObject({ circuitBreakerThreshold: 3, circuit: { state: 'closed', openedAt: null, reason: null, failures: 0 } });
    const sent = Date.now();
    const b = await broadcast(w.id);

    const opened = await until(
      'the circuit to open',
      () => getWebhook(w.id),
      (v) => v.circuit.state !== 'closed',
    );
    expect(opened.circuit).toMatchObject({ failures: 3, reason: '3 consecutive failed attempts; last: HTTP 503' });
    // Was "within the last 10 s" (an upper bound on the poll's lag): it opened after the send and before now.
    expect(Date.parse(opened.circuit.openedAt)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(opened.circuit.openedAt)).toBeLessThanOrEqual(Date.now());
    const [row] = await t.db.query('SELECT circuitState, circuitFailures FROM webhooks WHERE id = ?', [w.id]);
    expect(row.circuitState).not.toBe('closed');

    // While open: a probe now and then (each after a cool-down), nothing else reaches the receiver.
    await until(
      'a failed probe',
      () => getWebhook(w.id),
      (v) => String(v.circuit.reason).startsWith('probe failed'),
    );
    // Raced: the receiver counts a probe when it arrives, the row when its answer is recorded (and the next probe may come
    // meanwhile): wait for a moment where every request reached is an attempt recorded.
    await until(
      'the attempts to match the requests',
      async () => {
        const before = receiver.at('/flaky').length;
        const n = (await attempts(w.id)).attempts;
        return n === before && receiver.at('/flaky').length === before ? n : -1;
      },
      (n) => n >= 0,
    );
    expect((await broadcastView(b)).status).toBe('sending');
    expect(await attempts(w.id)).toMatchObject({ failed: 0 });

    // Counted from here, not from whileOpen: a probe failing between the two (more likely the slower the machine) is no message's.
    const healed = receiver.at('/flaky').length;
    healthy = true;
    const done = await until(
      'the broadcast to complete',
      () => broadcastView(b),
      (v) => FINAL.includes(v.status),
    );
    expect(done).toMatchObject({ status: 'completed', delivered: 10, failed: 0 });
    expect((await getWebhook(w.id)).circuit).toEqual({ state: 'closed', openedAt: null, reason: null, failures: 0 });
    // Every message had its attempts left: the failures were the first three and the probes.
    expect(receiver.at('/flaky').length - healed).toBeLessThanOrEqual(10 + 2);
  });

  it('a healthy webhook keeps flowing while a sick one is open; the sick one is barely attempted', async () => {
    receiver.on('/hangs', () => ({ status: 200, delayMs: 3_000 }));
    const sick = await webhook('/hangs', { timeoutMs: 300, concurrency: 20, circuitBreakerThreshold: 5 });
    const fine = await webhook('/fine', { concurrency: 20 });
    const sent = Date.now();
    const [sickSend, fineSend] = [await broadcast(sick.id, bigGroup), await broadcast(fine.id, bigGroup)];
    const done = await until(
      'the healthy send to complete',
      () => broadcastView(fineSend),
      (v) => FINAL.includes(v.status),
      30_000,
    );
    expect(done).toMatchObject({ status: 'completed', delivered: 150 });
    expect((await getWebhook(sick.id)).circuit.state).not.toBe('closed');
    // 150 messages, 5 failures to open, at most 20 (its concurrency) per worker on the wire then, and a probe at most
    // once per cool-down (was a fixed 10 probes: a busy machine's slower healthy send left time for more).
    const probes = Math.ceil((Date.now() - sent) / COOLDOWN_MS) + 1;
    expect(receiver.at('/hangs').length).toBeLessThanOrEqual(5 + 2 * 20 + probes);
    expect((await attempts(sick.id)).failed).toBe(0);
    expect((await broadcastView(sickSend)).status).toBe('sending');
    await t.http().post(`/api/broadcasts/${sickSend}/cancel`).set(a.auth).expect(200);
  });

  it('4xx answers neither open nor hold anything; threshold 0 turns the breaker off', async () => {
    receiver.on('/refuses', () => ({ status: 400, body: 'bad' }));
    const refuses = await webhook('/refuses');
    const b = await broadcast(refuses.id);
    expect(
      await until(
        'the broadcast',
        () => broadcastView(b),
        (v) => FINAL.includes(v.status),
      ),
    ).toMatchObject({ failed: 10 });
    expect((await getWebhook(refuses.id)).circuit.state).toBe('closed');

    receiver.on('/off', () => ({ status: 503 }));
    const off = await webhook('/off', { circuitBreakerThreshold: 0, maxAttempts: 1 });
    const b2 = await broadcast(off.id);
    expect(
      await until(
        'the broadcast',
        () => broadcastView(b2),
        (v) => FINAL.includes(v.status),
      ),
    ).toMatchObject({ failed: 10 });
    expect((await getWebhook(off.id)).circuit.state).toBe('closed');
    expect(receiver.at('/off')).toHaveLength(10);
  });

  it('test sends bypass an open circuit and do not count', async () => {
    receiver.on('/bypass', () => ({ status: 503 }));
    const w = await webhook('/bypass', { circuitBreakerThreshold: 2 });
    const customer = (await t.http().get('/api/customers').query({ limit: 1 }).set(a.auth).expect(200)).body.items[0].id;
    for (let i = 0; i < 3; i++) {
      const res = await t.http().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: customer }).expect(200);
      expect(res.body).toMatchObject({ status: 'failed', lastStatusCode: 503 });
    }
    expect((await getWebhook(w.id)).circuit).toMatchObject({ state: 'closed', failures: 0 });
    await broadcast(w.id);
    await until(
      'the circuit to open',
      () => getWebhook(w.id),
      (v) => v.circuit.state === 'open',
    );
    receiver.on('/bypass', () => ({ status: 200, body: 'ok now' }));
    const res = await t.http().post(`/api/webhooks/${w.id}/test`).set(a.auth).send({ customerId: customer }).expect(200);
    expect(res.body).toMatchObject({ status: 'delivered', attemptLog: [expect.objectContaining({ response: expect.objectContaining({ body: 'ok now' }) })] });
  });

  it('turning the breaker off closes an open circuit', async () => {
    receiver.on('/switch', () => ({ status: 500 }));
    const w = await webhook('/switch', { circuitBreakerThreshold: 2 });
    await broadcast(w.id);
    await until(
      'the circuit to open',
      () => getWebhook(w.id),
      (v) => v.circuit.state !== 'closed',
    );
    const patched = await t.http().patch(`/api/webhooks/${w.id}`).set(a.auth).send({ circuitBreakerThreshold: 0 }).expect(200);
    expect(patched.body).toMatchObject({ circuitBreakerThreshold: 0, circuit: { state: 'closed', failures: 0 } });
  });

  it('validates the threshold', async () => {
    const res = await t.http().post('/api/webhooks').set(a.auth).send({ name: 'x', url: 'https://x.example.com', circuitBreakerThreshold: -1 });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields)).toEqual(['circuitBreakerThreshold']);
  });
});

describe('circuit breaker: closing by hand', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;

  beforeAll(async () => {
    // A cool-down far longer than the test: only the marketer's close can let the messages go.
    t = await createTestApp(await testEnv({ CIRCUIT_COOLDOWN_MS: '600000' }));
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('closes at once and the waiting messages go without waiting out the cool-down', async () => {
    let up = false;
    receiver.on('/manual', () => ({ status: up ? 200 : 502 }));
    const w = (
      await t
        .http()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'm', url: receiver.url('/manual'), circuitBreakerThreshold: 2, concurrency: 1, backoffBaseMs: 20 })
        .expect(201)
    ).body;
    const customers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        t
          .http()
          .post('/api/customers')
          .set(a.auth)
          .send({ name: `M${i}`, mobile: `1350000000${i}` })
          .expect(201)
          .then((r) => r.body.id),
      ),
    );
    const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'g', type: 'static' }).expect(201)).body.id;
    await t.http().post(`/api/groups/${group}/members`).set(a.auth).send({ customerIds: customers }).expect(200);
    const send = (await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: w.id, groupId: group }).expect(201)).body.id;
    await until(
      'the circuit to open',
      () =>
        t
          .http()
          .get(`/api/webhooks/${w.id}`)
          .set(a.auth)
          .then((r) => r.body),
      (v) => v.circuit.state === 'open',
    );

    await t.http().post(`/api/webhooks/${w.id}/circuit/close`).set(b.auth).expect(404);
    up = true;
    const closed = await t.http().post(`/api/webhooks/${w.id}/circuit/close`).set(a.auth).expect(200);
    expect(closed.body.circuit).toEqual({ state: 'closed', openedAt: null, reason: null, failures: 0 });
    const done = await until(
      'the broadcast',
      () =>
        t
          .http()
          .get(`/api/broadcasts/${send}`)
          .set(a.auth)
          .then((r) => r.body),
      (v) => FINAL.includes(v.status),
    );
    expect(done).toMatchObject({ status: 'completed', delivered: 5 });
    // Closing a closed circuit is harmless.
    await t.http().post(`/api/webhooks/${w.id}/circuit/close`).set(a.auth).expect(200);
  });
});
