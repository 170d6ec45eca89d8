/**
 * Bodies the API must refuse without writing, found by the schema-seeded fuzzer: a form-encoded body on
 * a JSON route (read by a global urlencoded parser, it created API keys), `[]` where an object is
 * documented (basicAuth: [] was stored as "no basic auth"), and a `__proto__` key in a public form post
 * (a 500 while wording the 400).
 */
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

describe('input contract', () => {
  let t: TestApp;
  let a: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'Input contract');
  });

  afterAll(async () => t?.close());

  const keys = async () => (await t.db.query('SELECT COUNT(*) AS n FROM api_keys WHERE tenantId = ?', [a.id]))[0].n;

  it('a form-encoded body on a JSON route is 415 and writes nothing', async () => {
    const before = await keys();
    const res = await t.http().post('/api/api-keys').set(a.auth).type('form').send('name=sneaky').expect(415);
    expect(res.body).toMatchObject({ code: 'unsupported_media_type' });
    expect(res.body.message).toContain('application/json');
    expect(await keys()).toBe(before);
  });

  it('an array where an object is documented is a 400 naming it', async () => {
    const res = await t.http().post('/api/webhooks').set(a.auth)
      .send({ name: 'w', url: 'https://example.com/hook', basicAuth: [] }).expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['basicAuth']);
    expect(res.body.problems[0]).toMatchObject({ path: 'basicAuth', code: 'is_object' });
  });

  it('a __proto__ key in a public form post is a 400, not a 500', async () => {
    const form = (await t.http().post('/api/forms').set(a.auth)
      .send({ name: 'f', fields: [{ name: 'name', label: '姓名', type: 'text' }] }).expect(201)).body;
    const res = await t.http().post(`/f/${form.key}`).set('Accept', 'application/json')
      .set('Content-Type', 'application/json').send('{"__proto__":{"a":1},"name":"x"}').expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.problems.map((p: { path: string }) => p.path)).toContain('__proto__');
  });
});
