import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

/** Bad input is a 400 (or 413) naming the field, never a 500: hostile shapes sent to real endpoints. */
describe('input limits', () => {
  let t: TestApp;
  let a: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'A');
  });
  afterAll(() => t.close());

  const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const raw = (method: 'post' | 'patch', path: string, json: string) =>
    t.http()[method](path).set(a.auth).set('Content-Type', 'application/json').send(json);

  it.each([
    ['/api/customers', 'attributes', (deep: string) => `{"name":"x","attributes":{"a":${deep}}}`],
    ['/api/customers', 'body', (deep: string) => deep],
    ['/api/customers/import', 'body', (deep: string) => `[{"name":"x","attributes":{"a":${deep}}}]`],
    ['/api/webhooks', 'bodyTemplate', (deep: string) => `{"name":"x","url":"https://x.example.com","bodyTemplate":{"a":${deep}}}`],
    ['/api/groups', 'rule', (deep: string) => `{"name":"x","type":"dynamic","rule":${deep}}`],
    ['/api/events', 'x', (deep: string) => `{"event":"loyalty/membership_level_up","x":${deep}}`],
  ])('5,000 nested arrays to %s answer 400 naming %s, not 500', async (path, field, body) => {
    const res = await raw('post', path, body(nestedArrays(5_000)));
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ [field]: [`${field} nests deeper than 32 levels of objects and arrays`] });
  });

  it.each([
    ['body', (keys: string) => keys],
    ['attributes', (keys: string) => `{"name":"x","attributes":${keys}}`],
  ])('an object of 95,000 keys (quadratic in class-transformer) is refused up front, naming %s', async (field, body) => {
    const keys = `{${Array.from({ length: 95_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const res = await raw('post', '/api/customers', body(keys));
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ [field]: [`${field} has an object with more than 1000 keys`] });
  });

  it('accepts a body of exactly 32 levels', async () => {
    const deep = '['.repeat(30) + '"{{ customer.name }}"' + ']'.repeat(30);
    const res = await raw('post', '/api/webhooks', `{"name":"deep","url":"https://x.example.com","bodyTemplate":{"a":${deep}}}`);
    expect(res.status).toBe(201);
  });

  describe('customer attributes (embedded deeper in outbox payloads, where MariaDB stops at 32 levels)', () => {
    const deepAttributes = (levels: number) => JSON.parse(`{"a":${'['.repeat(levels - 1)}"x"${']'.repeat(levels - 1)}}`);

    it('refuses more than 16 levels on create, update and import, naming attributes', async () => {
      const created = await t.http().post('/api/customers').set(a.auth).send({ name: 'deep', attributes: deepAttributes(17) });
      expect(created.status).toBe(400);
      expect(created.body.fields).toEqual({ attributes: ['attributes must not nest deeper than 16 levels'] });
      const ok = await t.http().post('/api/customers').set(a.auth).send({ name: 'ok', attributes: deepAttributes(16) }).expect(201);
      const patched = await t.http().patch(`/api/customers/${ok.body.id}`).set(a.auth).send({ attributes: { b: deepAttributes(16) } });
      expect(patched.status).toBe(400);
      expect(Object.keys(patched.body.fields)).toEqual(['attributes']);
      const imported = await t.http().post('/api/customers/import').set(a.auth).send([{ name: 'i', mobile: '13800000001', attributes: deepAttributes(17) }]).expect(200);
      expect(JSON.stringify(imported.body)).toContain('attributes must not nest deeper than 16 levels');
    });

    it('30 levels of attributes (accepted by the body limit) answer 400, not 500', async () => {
      const res = await t.http().post('/api/customers').set(a.auth).send({ name: 'deeper', attributes: deepAttributes(30) });
      expect(res.status).toBe(400);
    });
  });
});
