import { ADMIN_TOKEN, createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

describe('tenancy and API keys', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'Tenant A');
    b = await createTenant(t, 'Tenant B');
  });
  afterAll(() => t.close());

  it('creates a tenant only with the admin token and returns its first key once', async () => {
    await t.http().post('/api/tenants').send({ name: 'X' }).expect(401);
    await t.http().post('/api/tenants').set('Authorization', 'Bearer wrong-token-xxxxxxxxxxxx').send({ name: 'X' }).expect(401);
    await t.http().post('/api/tenants').set('Authorization', `Bearer ${a.key}`).send({ name: 'X' }).expect(401);
    const res = await t.http().post('/api/tenants').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: 'X' }).expect(201);
    expect(typeof res.body.tenant.id).toBe('number');
    expect(res.body.apiKey.key).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    expect(res.body.apiKey).not.toHaveProperty('hash');
  });

  it('stores keys hashed, never in clear', async () => {
    const rows: { hash: string; prefix: string }[] = await t.db.query('SELECT hash, prefix FROM api_keys WHERE tenantId = ?', [a.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].hash).not.toContain(a.key.slice(3));
    expect(a.key.startsWith(rows[0].prefix)).toBe(true);
  });

  it('answers 401 for a missing, malformed, unknown or revoked key', async () => {
    await t.http().get('/api/customers').expect(401);
    await t.http().get('/api/customers').set('Authorization', a.key).expect(401);
    await t.http().get('/api/customers').set('Authorization', 'Bearer hk_unknown').expect(401);
    const created = await t.http().post('/api/api-keys').set(a.auth).send({ name: 'temp' }).expect(201);
    const temp = { Authorization: `Bearer ${created.body.key}` };
    await t.http().get('/api/customers').set(temp).expect(200);
    await t.http().delete(`/api/api-keys/${created.body.id}`).set(a.auth).expect(200);
    const res = await t.http().get('/api/customers').set(temp).expect(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'api_key_invalid', message: 'Invalid, revoked or expired API key' });
  });

  it('lists keys without their secrets and cannot revoke another tenant key', async () => {
    const list = await t.http().get('/api/api-keys').set(a.auth).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const key of list.body.items) {
      expect(key).not.toHaveProperty('key');
      expect(key).not.toHaveProperty('hash');
    }
    const bKeys = await t.http().get('/api/api-keys').set(b.auth).expect(200);
    const foreign = await t.http().delete(`/api/api-keys/${bKeys.body.items[0].id}`).set(a.auth).expect(404);
    expect(foreign.body).toMatchObject({ code: 'api_key_not_found', params: { id: bKeys.body.items[0].id } });
    await t.http().get('/api/customers').set(b.auth).expect(200);
  });

  it('pages API keys by keyset like every other list', async () => {
    await t.http().post('/api/api-keys').set(b.auth).send({ name: 'second' }).expect(201);
    const first = await t.http().get('/api/api-keys?limit=1').set(b.auth).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBe(String(first.body.items[0].id));
    const next = await t.http().get(`/api/api-keys?limit=1&after=${first.body.nextCursor}`).set(b.auth).expect(200);
    expect(next.body.items.map((k: { name: string }) => k.name)).toEqual(['second']);
    const all = await t.http().get('/api/api-keys').set(b.auth).expect(200);
    expect(all.body.nextCursor).toBeNull();
    expect((await t.http().get('/api/api-keys?limit=0').set(b.auth).expect(400)).body.fields).toHaveProperty('limit');
  });

  it('says which credential failed with a code', async () => {
    expect((await t.http().get('/api/customers').expect(401)).body.code).toBe('credentials_missing');
    expect((await t.http().get('/api/customers').set('Cookie', 'herald_session=x').expect(401)).body.code).toBe('session_expired');
    expect((await t.http().post('/api/tenants').set('Authorization', 'Bearer wrong').send({ name: 'X' }).expect(401)).body.code).toBe('admin_token_invalid');
  });

  it('validates tenant input with a 400 naming the field', async () => {
    const res = await t.http().post('/api/tenants').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: '', extra: 1 }).expect(400);
    expect(res.body.fields).toHaveProperty('name');
    expect(res.body.fields).toHaveProperty('extra');
    expect(res.body.message).toContain('name');
  });

  it('serves health and the OpenAPI document without a key', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    const doc = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(doc.body.paths).toHaveProperty('/api/customers');
    expect(doc.body.paths).toHaveProperty('/api/groups/{id}/members');
  });
});
