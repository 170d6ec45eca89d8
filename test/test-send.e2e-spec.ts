import { createHmac, randomBytes } from 'crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Receiver } from './support/receiver';
import { DeliveriesService } from '../src/deliveries/deliveries.service';
import { DeliveryQueue } from '../src/deliveries/delivery-queue.service';
import { DeliverySweeper } from '../src/deliveries/delivery-sweeper.service';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { createTenant, createTestApp, flushRedisPrefix, testEnv, TestApp, TestTenant } from './support/test-app';
import { javaDmhubSignature } from './support/verify';

const NASTY = 'Zoë "Q" \\ 王\u3000小明\u00a0😀\nline2\ttab';

describe('test send (测试发送)', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let customerId: number;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    const c = await t
      .http()
      .post('/api/customers')
      .set(a.auth)
      .send({ name: NASTY, wechatNickname: '小明', mobile: '13912345678', attributes: { city: '上海' } })
      .expect(201);
    customerId = c.body.id;
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  const createWebhook = (body: object) =>
    t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send(body)
      .expect(201)
      .then((r) => r.body);

  it('done when: secret + basic auth, customer found by mobile, receiver verifies the DM Hub signature', async () => {
    const secret = 'dmhub-secret-for-tests';
    receiver.on('/crm', (req) => {
      const ok =
        req.headers['x-clab-hmac-signature'] === javaDmhubSignature(secret, req.raw) &&
        req.headers.authorization === 'Basic ' + Buffer.from('crm:s3cret pass').toString('base64');
      return ok ? { status: 200, body: '{"received":true}', headers: { 'X-Receiver': 'crm' } } : { status: 401, body: '{"error":"bad signature"}' };
    });
    const webhook = await createWebhook({
      name: 'CRM',
      url: `http://crm:s3cret%20pass@127.0.0.1:${receiver.port}/crm`,
      secret,
      bodyTemplate: { msgtype: 'text', text: { content: '{{ customer.name }} 活跃度 {{ customer.activityScore }}' }, mobile: '{{ customer.mobile }}' },
    });
    const found = await t.http().get('/api/customers').query({ q: '139 1234 5678' }).set(a.auth).expect(200);
    expect(found.body.items.map((c: { id: number }) => c.id)).toEqual([customerId]);

    const res = await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(res.body).toMatchObject({ status: 'delivered', source: 'test', attempts: 1, customerId, lastStatusCode: 200 });
    expect(res.body.request).toMatchObject({
      method: 'POST',
      url: `http://127.0.0.1:${receiver.port}/crm`,
      body: { msgtype: 'text', text: { content: `${NASTY} 活跃度 0` }, mobile: '13912345678' },
    });
    expect(res.body.request.headers).toMatchObject({ Authorization: '••••••', 'X-Herald-Event': 'webhook/test', 'X-Herald-Message-Id': res.body.id });
    const [attempt] = res.body.attemptLog;
    expect(attempt.response).toMatchObject({ status: 200, body: '{"received":true}', truncated: false });
    expect(attempt.response.headers['x-receiver']).toBe('crm');
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    expect(attempt.request.headers['X-Clab-Hmac-Signature']).toMatch(/^[0-9a-f]{64}$/);
    // The attempt shows every header sent, but its row stores only its own (the delivery row has the rest).
    expect(attempt.request.headers).toMatchObject({ 'User-Agent': expect.stringMatching(/^Herald\//), 'X-Herald-Attempt': '1', Authorization: '••••••' });
    const [stored] = await t.db.query('SELECT requestHeaders FROM delivery_attempts WHERE deliveryId = ?', [res.body.id]);
    const own = typeof stored.requestHeaders === 'string' ? JSON.parse(stored.requestHeaders) : stored.requestHeaders;
    expect(Object.keys(own).sort()).toEqual(['X-Clab-Hmac-Signature', 'X-Herald-Attempt']);

    const [got] = receiver.at('/crm');
    expect(got.headers['x-herald-message-id']).toBe(res.body.id);
    expect(got.headers['x-herald-attempt']).toBe('1');
    expect(got.headers['user-agent']).toMatch(/^Herald\/\d+\.\d+\.\d+$/);
    expect(got.headers['content-type']).toBe('application/json');
    expect(JSON.parse(got.raw.toString('utf8'))).toEqual(res.body.request.body);

    const detail = await t.http().get(`/api/deliveries/${res.body.id}`).set(a.auth).expect(200);
    expect(detail.body).toEqual(res.body);
    // Ids are stored lowercase and compared byte by byte: one written in capitals finds the same message and pages the same.
    expect((await t.http().get(`/api/deliveries/${res.body.id.toUpperCase()}`).set(a.auth).expect(200)).body).toEqual(res.body);
    const pageAfter = (after: string) => t.http().get('/api/deliveries').query({ after, limit: 5 }).set(a.auth).expect(200);
    const later = 'ffffffff-ffff-7fff-bfff-ffffffffffff';
    expect((await pageAfter(later.toUpperCase())).body).toEqual((await pageAfter(later)).body);
    expect((await pageAfter(later)).body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
    const history = await t.http().get('/api/deliveries').query({ webhookId: webhook.id, source: 'test' }).set(a.auth).expect(200);
    expect(history.body.items.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    const raw = JSON.stringify([res.body, detail.body, history.body]);
    expect(raw).not.toContain('s3cret');
    expect(raw).not.toContain(secret);
  });

  it('Standard Webhooks signature verifies with the standardwebhooks library over the raw body', async () => {
    const secret = 'whsec_' + randomBytes(32).toString('base64');
    receiver.on('/std', (req) => {
      try {
        new StandardWebhook(secret).verify(req.raw.toString('utf8'), req.headers as Record<string, string>);
        return { status: 204 };
      } catch (error) {
        return { status: 400, body: JSON.stringify({ error: (error as Error).message }) };
      }
    });
    const webhook = await createWebhook({
      name: 'std',
      url: receiver.url('/std'),
      signatureScheme: 'standard',
      secret,
      bodyTemplate: { n: '{{ customer.name }}' },
    });
    const res = await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(res.body.attemptLog[0].response.status).toBe(204);
    expect(receiver.at('/std')[0].headers['webhook-id']).toBe(res.body.id);
  });

  it('DMS signatureText verifies over url + message event', async () => {
    receiver.on('/dms', (req) => {
      const body = JSON.parse(req.raw.toString('utf8'));
      const { signatureMethod, signatureText, ...event } = body;
      const expected = createHmac('sha1', 'dms-password')
        .update(receiver.url('/dms') + JSON.stringify(event))
        .digest('base64');
      return { status: signatureMethod === 'HMAC_SHA1' && signatureText === expected ? 200 : 400, body: '{"root":"","success":true}' };
    });
    const webhook = await createWebhook({
      name: 'dms',
      url: receiver.url('/dms'),
      signatureScheme: 'dms',
      secret: 'dms-password',
      bodyTemplate: { messageEvent: { message: '{{ customer.name }}' } },
    });
    const res = await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(res.body.attemptLog[0].response).toMatchObject({ status: 200, body: '{"root":"","success":true}' });
  });

  it('during a secret rotation both secrets sign, and the old header keeps verifying', async () => {
    const webhook = await createWebhook({ name: 'rot', url: receiver.url('/rot'), secret: 'old-secret-value-0001' });
    await t.http().post(`/api/webhooks/${webhook.id}/rotate-secret`).set(a.auth).send({ secret: 'new-secret-value-0002' }).expect(200);
    await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    const [req] = receiver.at('/rot');
    expect(req.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature('old-secret-value-0001', req.raw));
    expect(req.headers['x-clab-hmac-signature-new']).toBe(javaDmhubSignature('new-secret-value-0002', req.raw));
  });

  it('without a template sends the envelope; the receiver gets valid JSON with the exact name', async () => {
    const webhook = await createWebhook({ name: 'env', url: receiver.url('/env'), secret: 'envelope-secret-0001' });
    const res = await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    const body = JSON.parse(receiver.at('/env')[0].raw.toString('utf8'));
    expect(body).toMatchObject({
      event: 'webhook/test',
      messageId: res.body.id,
      tenantId: a.id,
      customer: { id: customerId, name: NASTY, attributes: { city: '上海' } },
      context: {},
    });
    expect(receiver.at('/env')[0].headers['x-clab-hmac-signature']).toBe(javaDmhubSignature('envelope-secret-0001', receiver.at('/env')[0].raw));
  });

  it('answers with the error when the receiver fails, and keeps it in history', async () => {
    receiver.on('/down', () => ({ status: 503, body: 'maintenance', headers: { 'Retry-After': '120' } }));
    const webhook = await createWebhook({ name: 'down', url: receiver.url('/down') });
    const res = await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 503 });
    expect(res.body.attemptLog[0]).toMatchObject({ verdict: 'retry', response: { status: 503, body: 'maintenance' } });
    const refused = await createWebhook({ name: 'refused', url: 'http://127.0.0.1:9/closed' });
    const r2 = await t.http().post(`/api/webhooks/${refused.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(r2.body).toMatchObject({ status: 'failed', lastErrorClass: 'refused' });
    expect(r2.body.attemptLog[0].error.class).toBe('refused');
  });

  it('classifies DNS and TLS failures', async () => {
    const dns = await createWebhook({ name: 'dns', url: 'http://no-such-host.invalid/hook' });
    const r1 = await t.http().post(`/api/webhooks/${dns.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(r1.body).toMatchObject({ status: 'failed', lastErrorClass: 'dns' });
    // https to a plain-http port: the TLS handshake fails.
    const tls = await createWebhook({ name: 'tls', url: `https://127.0.0.1:${receiver.port}/tls` });
    const r2 = await t.http().post(`/api/webhooks/${tls.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(r2.body).toMatchObject({ status: 'failed', lastErrorClass: 'tls' });
  });

  it('previews the rendered request without sending', async () => {
    const webhook = await createWebhook({
      name: 'pv',
      url: receiver.url('/pv'),
      secret: 'preview-secret-01',
      bodyTemplate: { to: '{{ customer.wechatNickname }}' },
    });
    const res = await t.http().post(`/api/webhooks/${webhook.id}/preview`).set(a.auth).send({ customerId }).expect(200);
    expect(res.body).toMatchObject({ method: 'POST', url: receiver.url('/pv'), body: { to: '小明' } });
    expect(res.body.headers['X-Clab-Hmac-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(receiver.at('/pv')).toHaveLength(0);
  });

  it('isolates tenants and validates input', async () => {
    const webhook = await createWebhook({ name: 'iso', url: receiver.url('/iso') });
    await t.http().post(`/api/webhooks/${webhook.id}/test`).set(b.auth).send({ customerId }).expect(404);
    const bCustomer = await t.http().post('/api/customers').set(b.auth).send({ mobile: '13000000000' }).expect(201);
    await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId: bCustomer.body.id }).expect(404);
    const mine = await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    await t.http().get(`/api/deliveries/${mine.body.id}`).set(b.auth).expect(404);
    await t.http().post(`/api/deliveries/${mine.body.id}/retry`).set(b.auth).expect(404);
    expect((await t.http().get('/api/deliveries').set(b.auth).expect(200)).body.items).toEqual([]);
    const bad = await t.http().post(`/api/webhooks/${webhook.id}/test`).set(a.auth).send({ customerId: 'x' }).expect(400);
    expect(bad.body.fields).toHaveProperty('customerId');
    const badId = await t.http().get('/api/deliveries/not-a-uuid').set(a.auth).expect(400);
    expect(badId.body.message).toContain('id');
    const badFilter = await t.http().get('/api/deliveries?status=lost').set(a.auth).expect(400);
    expect(badFilter.body.fields).toHaveProperty('status');
  });

  it('the sweeper leaves a backlog alone and re-enqueues only what Redis lost', async () => {
    const w = await createWebhook({ name: 'backlog', url: receiver.url('/backlog') });
    const webhook = await t.app.get(WebhooksService).findWithSecrets(a.id, w.id);
    const rows = await t.app.get(DeliveriesService).create([1, 2, 3].map(() => ({ webhook, source: 'broadcast' as const, event: 'webhook/broadcast' })));
    await t.db.query('UPDATE deliveries SET nextAttemptAt = ? WHERE id IN (?)', [new Date(Date.now() - 3600_000), rows.map((r) => r.id)]);
    const sweeper = new DeliverySweeper(t.db, t.app.get(DeliveryQueue), t.env);
    expect(await sweeper.sweep()).toBe(0);
    await flushRedisPrefix(t);
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(3);
  });

  it('refuses private targets when they are not allowed', async () => {
    const strict = await createTestApp(await testEnv({ ALLOW_PRIVATE_TARGETS: 'false' }));
    try {
      const tenant = await createTenant(strict, 'strict');
      const c = await strict.http().post('/api/customers').set(tenant.auth).send({ mobile: '13100000000' }).expect(201);
      for (const url of [receiver.url('/private'), `http://localhost:${receiver.port}/private`, 'http://169.254.169.254/latest/meta-data']) {
        const w = await strict.http().post('/api/webhooks').set(tenant.auth).send({ name: url, url }).expect(201);
        const res = await strict.http().post(`/api/webhooks/${w.body.id}/test`).set(tenant.auth).send({ customerId: c.body.id }).expect(200);
        expect(res.body).toMatchObject({ status: 'failed', lastErrorClass: 'blocked' });
      }
      expect(receiver.at('/private')).toHaveLength(0);
    } finally {
      await strict.close();
      await import('../src/database/ensure-database').then((m) => m.dropDatabase(strict.env));
    }
  });
});
