/**
 * Bodies the API must refuse without writing, found by the schema-seeded fuzzer: a form-encoded body on
 * a JSON route (read by a global urlencoded parser, it created API keys), `[]` where an object is
 * documented (basicAuth: [] was stored as "no basic auth"), and a `__proto__` key in a public form post
 * (a 500 while wording the 400). And no answer the document does not list: a browser's revalidation
 * drew a 304.
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
    const res = await t.http().post('/api/webhooks').set(a.auth).send({ name: 'w', url: 'https://example.com/hook', basicAuth: [] }).expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['basicAuth']);
    expect(res.body.problems[0]).toMatchObject({ path: 'basicAuth', code: 'is_object' });
  });

  it.each([
    [{ checks: [] }, 'checks'],
    [{ checks: { token: [] } }, 'checks.token'],
    [{ response: [] }, 'response'],
    [{ customerMatch: [] }, 'customerMatch'],
  ])('an inbound trigger with %j is a 400 naming %s and writes nothing (checks: [] was stored as no checks)', async (part, path) => {
    const before = (await t.db.query('SELECT COUNT(*) AS n FROM inbound_triggers'))[0].n;
    const res = await t
      .http()
      .post('/api/inbound-triggers')
      .set(a.auth)
      .send({ name: 'in', ...part })
      .expect(400);
    expect(res.body.problems).toContainEqual(expect.objectContaining({ path, code: 'is_object' }));
    expect((await t.db.query('SELECT COUNT(*) AS n FROM inbound_triggers'))[0].n).toBe(before);
  });

  it('a __proto__ key in a public form post is a 400, not a 500', async () => {
    const form = (
      await t
        .http()
        .post('/api/forms')
        .set(a.auth)
        .send({ name: 'f', fields: [{ name: 'name', label: '姓名', type: 'text' }] })
        .expect(201)
    ).body;
    const res = await t
      .http()
      .post(`/f/${form.key}`)
      .set('Accept', 'application/json')
      .set('Content-Type', 'application/json')
      .send('{"__proto__":{"a":1},"name":"x"}')
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.problems.map((p: { path: string }) => p.path)).toContain('__proto__');
  });

  it('answers carry no ETag, so a revalidating client never gets an undocumented 304', async () => {
    const first = await t.http().get('/api/webhooks').set(a.auth).expect(200);
    expect(first.headers.etag).toBeUndefined();
    await t.http().get('/api/webhooks').set(a.auth).set('If-None-Match', 'W/"anything"').expect(200);
  });
});
