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

  it('accepts a body of exactly 32 levels', async () => {
    const deep = '['.repeat(30) + '"{{ customer.name }}"' + ']'.repeat(30);
    const res = await raw('post', '/api/webhooks', `{"name":"deep","url":"https://x.example.com","bodyTemplate":{"a":${deep}}}`);
    expect(res.status).toBe(201);
  });
});
