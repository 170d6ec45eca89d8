import type { INestApplicationContext } from '@nestjs/common';
import { DeliveriesService } from '../src/deliveries/deliveries.service';
import { DeliveryRunner } from '../src/deliveries/delivery-runner.service';
import { customerView } from '../src/customers/customer-template-view';
import { Customer } from '../src/customers/customer.entity';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { MetricsService } from '../src/metrics/metrics.service';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, flushRedisPrefix, TestApp, TestTenant } from './support/test-app';
import { untilIdle } from './support/idle';
import { until } from './support/until';
import { javaDmhubSignature } from './support/verify';

interface DeliveryDetail {
  id: string;
  status: string;
  attempts: number;
  lastErrorClass: string | null;
  attemptLog: {
    number: number;
    verdict: string;
    startedAt: string;
    response: { status: number; body: string; truncated: boolean } | null;
    error: { class: string } | null;
  }[];
}

describe('delivery engine (worker, real receivers)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;
  let customer: Customer;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
    const c = await t.http().post('/api/customers').set(a.auth).send({ name: '李雷', mobile: '13800000001' }).expect(201);
    customer = await t.db.getRepository(Customer).findOneByOrFail({ id: c.body.id });
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  async function webhook(body: object): Promise<number> {
    const res = await t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({ name: 'w', backoffBaseMs: 50, ...body })
      .expect(201);
    return res.body.id;
  }

  /** Creates deliveries through the engine, as mass sends and events will. */
  async function send(webhookId: number, count = 1): Promise<string[]> {
    const w = await t.app.get(WebhooksService).findWithSecrets(a.id, webhookId);
    const rows = await t.app.get(DeliveriesService).create(
      Array.from({ length: count }, () => ({
        webhook: w,
        source: 'broadcast' as const,
        event: 'webhook/broadcast',
        customer: { ...customerView(customer), id: customer.id },
      })),
    );
    return rows.map((r) => r.id);
  }

  async function settle(id: string, timeoutMs = 20_000): Promise<DeliveryDetail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.http().get(`/api/deliveries/${id}`).set(a.auth).expect(200);
      if (['delivered', 'failed', 'cancelled'].includes(res.body.status)) return res.body;
      if (Date.now() > deadline) throw new Error(`delivery ${id} still ${res.body.status} after ${res.body.attempts} attempts`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('500 then 200: retried after the backoff, same message id, delivered', async () => {
    receiver.on('/flaky', (_, n) => (n === 1 ? { status: 500, body: 'oops' } : { status: 200, body: 'ok' }));
    const [id] = await send(await webhook({ url: receiver.url('/flaky'), secret: 'flaky-secret-0001', backoffBaseMs: 400 }));
    const d = await settle(id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(d.attemptLog.map((x) => [x.verdict, x.response?.status, x.response?.body])).toEqual([
      ['retry', 500, 'oops'],
      ['delivered', 200, 'ok'],
    ]);
    const [first, second] = receiver.at('/flaky');
    expect(second.headers['x-herald-message-id']).toBe(first.headers['x-herald-message-id']);
    expect([first.headers['x-herald-attempt'], second.headers['x-herald-attempt']]).toEqual(['1', '2']);
    expect(second.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature('flaky-secret-0001', second.raw));
    // Backoff base 400 ms: the first retry waits 400 ms ± 20 %.
    expect(second.at - first.at).toBeGreaterThanOrEqual(300);
  });

  it('429 with Retry-After waits at least that long', async () => {
    receiver.on('/busy', (_, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 202 }));
    const [id] = await send(await webhook({ url: receiver.url('/busy') }));
    expect(await settle(id)).toMatchObject({ status: 'delivered', attempts: 2 });
    const [first, second] = receiver.at('/busy');
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('a receiver slower than the timeout: timeout recorded on every attempt, then failed', async () => {
    receiver.on('/slow', () => ({ status: 200, delayMs: 1500 }));
    const [id] = await send(await webhook({ url: receiver.url('/slow'), timeoutMs: 200, maxAttempts: 2 }));
    const d = await settle(id);
    expect(d).toMatchObject({ status: 'failed', attempts: 2, lastErrorClass: 'timeout' });
    expect(d.attemptLog.map((x) => x.error?.class)).toEqual(['timeout', 'timeout']);
  });

  it('a connection reset is a network error, retried', async () => {
    receiver.on('/reset', (_, n) => (n === 1 ? { reset: true } : { status: 200 }));
    const [id] = await send(await webhook({ url: receiver.url('/reset') }));
    const d = await settle(id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(d.attemptLog[0]).toMatchObject({ verdict: 'retry', error: { class: 'reset' } });
  });

  it('404 fails at once; a redirect is not followed; a refused port is retried', async () => {
    receiver.on('/missing', () => ({ status: 404, body: '{"error":"no such hook"}' }));
    receiver.on('/moved', () => ({ status: 301, headers: { Location: receiver.url('/target') } }));
    const [missing] = await send(await webhook({ url: receiver.url('/missing') }));
    const [moved] = await send(await webhook({ url: receiver.url('/moved') }));
    const [refused] = await send(await webhook({ url: 'http://127.0.0.1:9/nothing', maxAttempts: 2 }));
    expect(await settle(missing)).toMatchObject({
      status: 'failed',
      attempts: 1,
      attemptLog: [{ verdict: 'failed', response: { status: 404, body: '{"error":"no such hook"}' } }],
    });
    expect(await settle(moved)).toMatchObject({ status: 'failed', attempts: 1, attemptLog: [{ response: { status: 301 } }] });
    expect(await settle(refused)).toMatchObject({ status: 'failed', attempts: 2, lastErrorClass: 'refused' });
    expect(receiver.at('/target')).toHaveLength(0);
  });

  it('a message whose webhook was disabled before its retry is cancelled, and counted as cancelled', async () => {
    const cancelledCount = async () => (await worker.get(MetricsService).deliveries.get()).values.find((v) => v.labels.outcome === 'cancelled')?.value ?? 0;
    const before = await cancelledCount();
    // Raced: the PATCH had to land within the retry's 1.2 s (backoff 1.5 s - 20 %) of the first request. The receiver
    // now disables the webhook before it answers that request, so the retry always finds it disabled.
    let w = 0;
    receiver.on('/disabled-later', async () => {
      await t.http().patch(`/api/webhooks/${w}`).set(a.auth).send({ enabled: false }).expect(200);
      return { status: 500 };
    });
    w = await webhook({ url: receiver.url('/disabled-later'), backoffBaseMs: 1500 });
    const [id] = await send(w);
    const d = await settle(id, 30_000);
    expect(d).toMatchObject({ status: 'cancelled', attempts: 1 });
    expect(receiver.at('/disabled-later')).toHaveLength(1);
    expect(await cancelledCount()).toBe(before + 1);
  });

  it('410 Gone disables the webhook, visibly', async () => {
    receiver.on('/gone', () => ({ status: 410 }));
    const id = await webhook({ url: receiver.url('/gone') });
    const [d] = await send(id);
    expect(await settle(d)).toMatchObject({ status: 'failed', attempts: 1 });
    const w = await t.http().get(`/api/webhooks/${id}`).set(a.auth).expect(200);
    expect(w.body.enabled).toBe(false);
    expect(w.body.disabledReason).toMatch(/410 Gone/);
  });

  it('caps recorded response bodies at 64 KiB', async () => {
    receiver.on('/big', () => ({ status: 200, body: 'x'.repeat(100 * 1024) }));
    const [id] = await send(await webhook({ url: receiver.url('/big') }));
    const d = await settle(id);
    expect(d.attemptLog[0].response).toMatchObject({ truncated: true });
    expect(d.attemptLog[0].response!.body).toHaveLength(64 * 1024);
  });

  it('Redis losing every job while a retry waits: the sweeper re-enqueues it, delivered once', async () => {
    receiver.on('/lost', (_, n) => (n === 1 ? { status: 503 } : { status: 200 }));
    // Backoff 3 s (was 1.5 s): the flush must come while the retry still waits, also on a busy machine.
    const [id] = await send(await webhook({ url: receiver.url('/lost'), backoffBaseMs: 3000 }));
    await receiver.waitFor('/lost', 1);
    // Was a 200 ms sleep for the attempt to be recorded: on a busy machine the row was still 'sending'.
    const row = await until(
      async () => (await t.db.query('SELECT status, attempts FROM deliveries WHERE id = ?', [id]))[0],
      (r) => r.status !== 'sending',
      20_000,
      'the first attempt recorded',
    );
    expect(row).toEqual({ status: 'pending', attempts: 1 });
    expect(await flushRedisPrefix(t)).toBeGreaterThan(0);
    const d = await settle(id, 30_000);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
    await untilIdle(t); // was a 1 s sleep: a second copy can only come from a job still queued or running
    expect(receiver.at('/lost')).toHaveLength(2);
  });

  it('per-webhook concurrency holds across two worker processes', async () => {
    const second = await createTestWorker(t.env);
    try {
      receiver.maxInFlight = 0;
      receiver.on('/narrow', () => ({ status: 200, delayMs: 150 }));
      const ids = await send(await webhook({ url: receiver.url('/narrow'), concurrency: 2 }), 12);
      for (const id of ids) expect((await settle(id)).status).toBe('delivered');
      expect(receiver.maxInFlight).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('rate limit per minute spaces the messages out', async () => {
    receiver.on('/robot', () => ({ status: 200, body: '{"errcode":0}' }));
    const ids = await send(await webhook({ url: receiver.url('/robot'), rateLimitPerMinute: 600 }), 6);
    for (const id of ids) expect((await settle(id)).status).toBe('delivered');
    // 600 a minute = one slot every 100 ms. The limiter governs when attempts start (arrival adds
    // varying latency): each start is at or after its own slot, so 6 starts span at least 5 slots
    // and no 3 starts fall within 100 ms.
    const starts: number[] = [];
    for (const id of ids) starts.push(Date.parse((await settle(id)).attemptLog[0].startedAt));
    starts.sort((x, y) => x - y);
    expect(starts[starts.length - 1] - starts[0]).toBeGreaterThanOrEqual(495);
    for (let i = 2; i < starts.length; i++) expect(starts[i] - starts[i - 2]).toBeGreaterThanOrEqual(100);
    expect(receiver.at('/robot')).toHaveLength(6);
  });

  it('a webhook that cannot be loaded (a secret that does not open) defers its message, not cancels it; sent once it opens', async () => {
    receiver.on('/sealed', () => ({ status: 200 }));
    const id = await webhook({ url: receiver.url('/sealed'), secret: 'sealed-runner-secret-1' });
    const w = await t.app.get(WebhooksService).findWithSecrets(a.id, id);
    const [row] = await t.app
      .get(DeliveriesService)
      .create([{ webhook: w, source: 'broadcast', event: 'webhook/broadcast', customer: { ...customerView(customer), id: customer.id } }], { enqueue: false });
    // A sealed value under a key this process does not have: findWithSecrets throws a non-404 error.
    const [{ secret: sealed }] = await t.db.query('SELECT secret FROM webhooks WHERE id = ?', [id]);
    await t.db.query("UPDATE webhooks SET secret = CONCAT('v1:00000000', SUBSTRING(secret, 12)) WHERE id = ?", [id]);
    expect(await t.app.get(DeliveryRunner).run(row.id)).toBe('deferred');
    const [held] = await t.db.query('SELECT status, nextAttemptAt > NOW(3) AS later FROM deliveries WHERE id = ?', [row.id]);
    expect([held.status, Number(held.later)]).toEqual(['pending', 1]);
    await t.db.query('UPDATE webhooks SET secret = ? WHERE id = ?', [sealed, id]);
    expect((await settle(row.id)).status).toBe('delivered');
    const [call] = receiver.at('/sealed');
    expect(call.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature('sealed-runner-secret-1', call.raw));
  });

  it('a message woken before its reserved rate slot waits for the slot', async () => {
    receiver.on('/slot', () => ({ status: 200 }));
    const id = await webhook({ url: receiver.url('/slot'), rateLimitPerMinute: 60 });
    const w = await t.app.get(WebhooksService).findWithSecrets(a.id, id);
    const [row] = await t.app
      .get(DeliveriesService)
      .create([{ webhook: w, source: 'broadcast', event: 'webhook/broadcast', customer: { ...customerView(customer), id: customer.id } }], { enqueue: false });
    const slot = new Date(Date.now() + 2000); // was 800 ms: a busy machine could reach run() after the slot, and send
    await t.db.query('UPDATE deliveries SET throttledUntil = ? WHERE id = ?', [slot, row.id]);
    expect(await t.app.get(DeliveryRunner).run(row.id)).toBe('deferred');
    expect(receiver.at('/slot')).toHaveLength(0);
    const d = await settle(row.id);
    expect(d.status).toBe('delivered');
    expect(Date.parse(d.attemptLog[0].startedAt)).toBeGreaterThanOrEqual(slot.getTime());
  });

  it('a backlog of retries to a dead endpoint does not hold up fresh messages', async () => {
    receiver.on('/dead', () => ({ status: 500, delayMs: 300 }));
    receiver.on('/healthy', () => ({ status: 200 }));
    // Breaker off: this is about the retry queue's separation, not the circuit (which would stop the retries).
    const dead = await webhook({ url: receiver.url('/dead'), backoffBaseMs: 10, maxAttempts: 20, concurrency: 50, circuitBreakerThreshold: 0 });
    const deadIds = await send(dead, 30);
    await receiver.waitFor('/dead', 40);
    const [fresh] = await send(await webhook({ url: receiver.url('/healthy') }));
    expect((await settle(fresh)).status).toBe('delivered');
    const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM deliveries WHERE webhookId = ? AND status IN ('pending','sending')", [dead]);
    expect(Number(n)).toBeGreaterThan(20);
    await t.http().patch(`/api/webhooks/${dead}`).set(a.auth).send({ enabled: false }).expect(200);
    for (const id of deadIds) expect(['failed', 'cancelled']).toContain((await settle(id)).status);
  });

  it('manual retry of a failed delivery sends it again', async () => {
    let up = false;
    receiver.on('/later', () => ({ status: up ? 200 : 400 }));
    const [id] = await send(await webhook({ url: receiver.url('/later') }));
    expect(await settle(id)).toMatchObject({ status: 'failed', attempts: 1 });
    up = true;
    const res = await t.http().post(`/api/deliveries/${id}/retry`).set(a.auth).expect(200);
    // The answer is read after the enqueue: the worker may already have claimed or even sent it.
    expect(['pending', 'sending', 'delivered']).toContain(res.body.status);
    expect(res.body.maxAttempts).toBeGreaterThan(1);
    expect(await settle(id)).toMatchObject({ status: 'delivered', attempts: 2 });
    await t.http().post(`/api/deliveries/${id}/retry`).set(a.auth).expect(409);
  });

  it('lists deliveries by status and webhook, newest first, keyset paged', async () => {
    const id = await webhook({ url: receiver.url('/list') });
    const ids = await send(id, 5);
    for (const d of ids) await settle(d);
    const page1 = await t.http().get('/api/deliveries').query({ webhookId: id, status: 'delivered', limit: 3 }).set(a.auth).expect(200);
    const page2 = await t
      .http()
      .get('/api/deliveries')
      .query({ webhookId: id, status: 'delivered', limit: 3, after: page1.body.nextCursor })
      .set(a.auth)
      .expect(200);
    expect([...page1.body.items, ...page2.body.items].map((d: { id: string }) => d.id)).toEqual([...ids].reverse());
    expect(page2.body.nextCursor).toBeNull();
  });

  it('exposes metrics and the queue board behind the admin token', async () => {
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toContain('herald_queue_jobs');
    await t.http().get('/admin/queues').expect(401);
    await t
      .http()
      .get('/admin/queues')
      .set('Authorization', 'Basic ' + Buffer.from('admin:wrong').toString('base64'))
      .expect(401);
    await t
      .http()
      .get('/admin/queues')
      .set('Authorization', 'Basic ' + Buffer.from(`admin:${t.env.ADMIN_TOKEN}`).toString('base64'))
      .expect(200);
  });
});
