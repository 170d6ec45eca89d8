import { randomBytes } from 'crypto';
import { SecretBox } from '../src/secrets/secret-box';
import { createTenant, createTestApp, TEST_SECRETS_KEY, TestApp, TestTenant } from './support/test-app';

/** Secrets are sealed at rest (see secrets-at-rest.e2e-spec.ts): the tests open what they read. */
const box = SecretBox.fromText(TEST_SECRETS_KEY);

describe('webhooks resource', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
  });
  afterAll(() => t.close());

  const post = (body: object, tenant = a) => t.http().post('/api/webhooks').set(tenant.auth).send(body);

  it('creates a webhook with every field and never shows secrets or passwords', async () => {
    const res = await post({
      name: 'CRM',
      url: 'https://crm-user:p%40ss%20word@crm.example.com/hooks/herald?x=1',
      method: 'PUT',
      headers: { 'X-Tenant': 'acme', 'X-Api-Key': 'key-that-must-not-leak' },
      bodyTemplate: { msgtype: 'text', text: { content: '{{ customer.name }} 你好' } },
      secret: 'dmhub-secret-value-123456',
      triggerType: 'manual',
      enabled: true,
      timeoutMs: 5000,
      maxAttempts: 5,
      backoffBaseMs: 1000,
      concurrency: 4,
      rateLimitPerMinute: 20,
    }).expect(201);
    expect(res.body).toMatchObject({
      name: 'CRM',
      url: 'https://crm.example.com/hooks/herald?x=1',
      method: 'PUT',
      signatureScheme: 'dmhub',
      basicAuth: { username: 'crm-user', password: '••••••' },
      headers: { 'X-Tenant': 'acme', 'X-Api-Key': '••••••' },
      secret: '••••••3456',
      triggerType: 'manual',
      events: [],
      enabled: true,
      timeoutMs: 5000,
      maxAttempts: 5,
      backoffBaseMs: 1000,
      concurrency: 4,
      rateLimitPerMinute: 20,
    });
    const text = JSON.stringify([
      res.body,
      (await t.http().get(`/api/webhooks/${res.body.id}`).set(a.auth)).body,
      (await t.http().get('/api/webhooks').set(a.auth)).body,
    ]);
    for (const secret of ['dmhub-secret-value-123456', 'p@ss word', 'p%40ss', 'key-that-must-not-leak']) expect(text).not.toContain(secret);
    const [row] = await t.db.query('SELECT url, basicAuthPassword, secret FROM webhooks WHERE id = ?', [res.body.id]);
    expect(row.url).toBe('https://crm.example.com/hooks/herald?x=1');
    expect([box.open(row.basicAuthPassword), box.open(row.secret)]).toEqual(['p@ss word', 'dmhub-secret-value-123456']);
  });

  it('defaults: POST, manual, no signature without a secret, Svix retry schedule', async () => {
    const res = await post({ name: 'min', url: 'http://localhost:8080/x' }).expect(201);
    expect(res.body).toMatchObject({
      method: 'POST',
      triggerType: 'manual',
      signatureScheme: 'none',
      secret: null,
      basicAuth: null,
      maxAttempts: 7,
      backoffBaseMs: 5000,
      bodyTemplate: null,
    });
  });

  it('subscribes event webhooks to fixed events', async () => {
    const res = await post({
      name: 'loyalty',
      url: 'https://erp.example.com/x',
      triggerType: 'event',
      events: ['loyalty/membership_level_up', 'customer/created'],
    }).expect(201);
    expect(res.body.events).toEqual(['loyalty/membership_level_up', 'customer/created']);
  });

  it('accepts Standard Webhooks and DMS schemes with proper secrets', async () => {
    const whsec = 'whsec_' + randomBytes(32).toString('base64');
    await post({ name: 's', url: 'https://x.example.com', signatureScheme: 'standard', secret: whsec }).expect(201);
    await post({ name: 'd', url: 'https://x.example.com', signatureScheme: 'dms', secret: 'dms-password' }).expect(201);
  });

  it('updates, rotates the secret with a grace period, and deletes', async () => {
    const created = await post({ name: 'r', url: 'https://x.example.com', secret: 'first-secret-0000000001' }).expect(201);
    const id = created.body.id;
    const patched = await t
      .http()
      .patch(`/api/webhooks/${id}`)
      .set(a.auth)
      .send({ name: 'renamed', basicAuth: { username: 'u', password: 'pw' } })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'renamed', basicAuth: { username: 'u', password: '••••••' }, secret: '••••••0001' });
    const rotated = await t
      .http()
      .post(`/api/webhooks/${id}/rotate-secret`)
      .set(a.auth)
      .send({ secret: 'second-secret-000000002', graceSeconds: 3600 })
      .expect(200);
    expect(rotated.body.secret).toBe('••••••0002');
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3500_000);
    const [row] = await t.db.query('SELECT secret, previousSecret FROM webhooks WHERE id = ?', [id]);
    expect([box.open(row.secret), box.open(row.previousSecret)]).toEqual(['second-secret-000000002', 'first-secret-0000000001']);
    await t.http().delete(`/api/webhooks/${id}`).set(a.auth).expect(204);
    await t.http().get(`/api/webhooks/${id}`).set(a.auth).expect(404);
  });

  it('isolates tenants', async () => {
    const created = await post({ name: 'mine', url: 'https://x.example.com' }).expect(201);
    const id = created.body.id;
    await t.http().get(`/api/webhooks/${id}`).set(b.auth).expect(404);
    await t.http().patch(`/api/webhooks/${id}`).set(b.auth).send({ name: 'x' }).expect(404);
    await t.http().delete(`/api/webhooks/${id}`).set(b.auth).expect(404);
    await t.http().post(`/api/webhooks/${id}/rotate-secret`).set(b.auth).send({ secret: 'another-secret-1' }).expect(404);
    expect((await t.http().get('/api/webhooks').set(b.auth).expect(200)).body.items).toEqual([]);
  });

  it.each([
    ['url', { name: 'x', url: 'ftp://x.example.com' }],
    ['url', { name: 'x', url: 'not a url' }],
    ['url', { name: 'x' }],
    ['name', { url: 'https://x.example.com' }],
    ['method', { name: 'x', url: 'https://x.example.com', method: 'TRACE' }],
    ['headers.Content-Length', { name: 'x', url: 'https://x.example.com', headers: { 'Content-Length': '5' } }],
    ['headers.X-Herald-Event', { name: 'x', url: 'https://x.example.com', headers: { 'X-Herald-Event': 'spoof' } }],
    ['headers.bad header', { name: 'x', url: 'https://x.example.com', headers: { 'bad header': 'v' } }],
    ['headers.X-Num', { name: 'x', url: 'https://x.example.com', headers: { 'X-Num': 5 } }],
    ['bodyTemplate', { name: 'x', url: 'https://x.example.com', bodyTemplate: '{"a": ' }],
    ['bodyTemplate.text.content', { name: 'x', url: 'https://x.example.com', bodyTemplate: { text: { content: '{{ customer.password }}' } } }],
    ['bodyTemplate.a', { name: 'x', url: 'https://x.example.com', bodyTemplate: { a: '{{ customer.name | nope }}' } }],
    ['secret', { name: 'x', url: 'https://x.example.com', signatureScheme: 'dmhub' }],
    ['secret', { name: 'x', url: 'https://x.example.com', signatureScheme: 'standard', secret: 'not-a-whsec-secret' }],
    ['secret', { name: 'x', url: 'https://x.example.com', secret: 'short' }],
    ['bodyTemplate', { name: 'x', url: 'https://x.example.com', signatureScheme: 'dms', secret: 'password', bodyTemplate: ['a'] }],
    ['events', { name: 'x', url: 'https://x.example.com', triggerType: 'event' }],
    ['events', { name: 'x', url: 'https://x.example.com', triggerType: 'manual', events: ['customer/created'] }],
    ['events', { name: 'x', url: 'https://x.example.com', triggerType: 'event', events: ['order/paid'] }],
    ['timeoutMs', { name: 'x', url: 'https://x.example.com', timeoutMs: 10 }],
    ['rateLimitPerMinute', { name: 'x', url: 'https://x.example.com', rateLimitPerMinute: 0 }],
    ['basicAuth.username', { name: 'x', url: 'https://x.example.com', basicAuth: { password: 'x' } }],
    ['url', { name: 'x', url: 'https://u:p@x.example.com', basicAuth: { username: 'v', password: 'w' } }],
    ['unknown', { name: 'x', url: 'https://x.example.com', unknown: true }],
  ])('400 naming %s', async (field, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(field);
    expect(Object.keys(res.body.fields ?? { [field]: 1 })).toContain(field);
  });
});
