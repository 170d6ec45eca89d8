import { ADMIN_TOKEN, createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

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
  const raw = (method: 'post' | 'patch', path: string, json: string) => t.http()[method](path).set(a.auth).set('Content-Type', 'application/json').send(json);

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
      const created = await t
        .http()
        .post('/api/customers')
        .set(a.auth)
        .send({ name: 'deep', attributes: deepAttributes(17) });
      expect(created.status).toBe(400);
      expect(created.body.fields).toEqual({ attributes: ['attributes must not nest deeper than 16 levels'] });
      const ok = await t
        .http()
        .post('/api/customers')
        .set(a.auth)
        .send({ name: 'ok', attributes: deepAttributes(16) })
        .expect(201);
      const patched = await t
        .http()
        .patch(`/api/customers/${ok.body.id}`)
        .set(a.auth)
        .send({ attributes: { b: deepAttributes(16) } });
      expect(patched.status).toBe(400);
      expect(Object.keys(patched.body.fields)).toEqual(['attributes']);
      const imported = await t
        .http()
        .post('/api/customers/import')
        .set(a.auth)
        .send([{ name: 'i', mobile: '13800000001', attributes: deepAttributes(17) }])
        .expect(200);
      expect(JSON.stringify(imported.body)).toContain('attributes must not nest deeper than 16 levels');
    });

    it('30 levels of attributes (accepted by the body limit) answer 400, not 500', async () => {
      const res = await t
        .http()
        .post('/api/customers')
        .set(a.auth)
        .send({ name: 'deeper', attributes: deepAttributes(30) });
      expect(res.status).toBe(400);
    });
  });

  describe('sizes: strings, arrays, maps and bodies', () => {
    const big = (n: number) => 'x'.repeat(n);
    const fieldsOf = (res: { body: { fields?: Record<string, string[]> } }) => Object.keys(res.body.fields ?? {});
    const webhook = { name: 'x', url: 'https://x.example.com' };

    it.each([
      ['/api/webhooks', { ...webhook, name: big(101) }, 'name'],
      ['/api/webhooks', { ...webhook, url: `https://x.example.com/${big(2100)}` }, 'url'],
      ['/api/webhooks', { ...webhook, headers: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`X-H${i}`, 'v'])) }, 'headers'],
      ['/api/webhooks', { ...webhook, headers: { 'X-Long': big(5000) } }, 'headers.X-Long'],
      ['/api/webhooks', { ...webhook, bodyTemplate: { text: big(70_000) } }, 'bodyTemplate'],
      ['/api/webhooks', { ...webhook, bodyTemplate: JSON.stringify({ text: big(70_000) }) }, 'bodyTemplate'],
      ['/api/webhooks', { ...webhook, secret: big(257) }, 'secret'],
      ['/api/webhooks', { ...webhook, basicAuth: { username: 'u', password: big(501) } }, 'basicAuth.password'],
      ['/api/customers', { name: big(201) }, 'name'],
      ['/api/customers', { attributes: { blob: big(17_000) } }, 'attributes'],
      ['/api/groups', { name: 'g', type: 'dynamic', rule: { or: Array.from({ length: 101 }, () => ({ field: 'id', op: '>', value: 1 })) } }, 'rule.or[100]'],
      [
        '/api/groups',
        { name: 'g', type: 'dynamic', rule: { field: 'attributes.city', op: 'in', value: Array.from({ length: 1001 }, (_, i) => `c${i}`) } },
        'rule.value',
      ],
      ['/api/groups', { name: big(101), type: 'static' }, 'name'],
      ['/api/loyalty/coupons', { name: big(201), startDate: '2026-01-01T00:00:00Z', endDate: '2027-01-01T00:00:00Z' }, 'name'],
      ['/api/events', { tenantId: 1, event: 'loyalty/membership_level_up', membershipId: big(201) }, 'membershipId'],
    ])('%s, case %#: 400 naming the field', async (path, body, field) => {
      const res = await t.http().post(path).set(a.auth).send(body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    });

    it('arrays of ids: at most 10,000 per call, each a 32-bit id', async () => {
      const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'ids', type: 'static' }).expect(201)).body.id;
      const tooMany = await t
        .http()
        .post(`/api/groups/${group}/members`)
        .set(a.auth)
        .send({ customerIds: Array.from({ length: 10_001 }, (_, i) => i + 1) });
      expect(tooMany.status).toBe(400);
      const tenant = await t
        .http()
        .post('/api/tenants')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: big(101) });
      expect(tenant.status).toBe(400);
      expect(fieldsOf(tenant)).toEqual(['name']);
      expect(fieldsOf(tooMany)).toEqual(['customerIds']);
      const huge = await t
        .http()
        .post(`/api/groups/${group}/members`)
        .set(a.auth)
        .send({ customerIds: [1e300] });
      expect(huge.status).toBe(400);
      expect(fieldsOf(huge)).toEqual(['customerIds']);
      const coupon = (
        await t
          .http()
          .post('/api/loyalty/coupons')
          .set(a.auth)
          .send({ name: 'c', startDate: '2026-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z' })
          .expect(201)
      ).body.id;
      const dispatch = await t
        .http()
        .post(`/api/loyalty/coupons/${coupon}/dispatch`)
        .set(a.auth)
        .send({ membershipIds: [1e300] });
      expect(dispatch.status).toBe(400);
      expect(fieldsOf(dispatch)).toEqual(['membershipIds']);
    });

    it('ids in queries: a huge number is a 400 naming the parameter', async () => {
      for (const [path, param] of [
        ['/api/deliveries', 'webhookId'],
        ['/api/deliveries', 'customerId'],
        ['/api/broadcasts', 'webhookId'],
        ['/api/loyalty/memberships', 'levelId'],
        ['/api/customers', 'after'],
      ]) {
        const res = await t
          .http()
          .get(path)
          .query({ [param]: '1e300' })
          .set(a.auth);
        expect(`${path} ${res.status}`).toBe(`${path} 400`);
        expect(fieldsOf(res)).toEqual([param]);
      }
    });

    it('a body over 1 MB is a 413 naming the body; an import over 10,000 rows a 400', async () => {
      const res = await t
        .http()
        .post('/api/customers')
        .set(a.auth)
        .send({ name: 'x', attributes: { blob: big(1_100_000) } });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, fields: { body: [expect.stringContaining('1048576 bytes')] } });
      const rows = await t
        .http()
        .post('/api/customers/import')
        .set(a.auth)
        .send(Array.from({ length: 10_001 }, (_, i) => ({ mobile: `1500000${i}` })));
      expect(res.status).toBe(413);
      expect(rows.status).toBe(400);
      expect(fieldsOf(rows)).toEqual(['body']);
    });

    it('hundreds of unknown fields with long names: a 400 whose answer stays small', async () => {
      const body = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`unknown_${i}_${big(1000)}`, 1]));
      const res = await t.http().post('/api/customers').set(a.auth).send(body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.fields)).toHaveLength(50);
      expect(JSON.stringify(res.body).length).toBeLessThan(70_000);
      expect(res.body.problems).toHaveLength(50);
      // The message names ten: 40 more reported in fields/problems, 850 not at all.
      expect(res.body.message).toMatch(/; and 890 more$/);
    });
  });

  describe('found by the fuzzer (test/fuzz)', () => {
    const fieldsOf = (res: { body: { fields?: Record<string, string[]> } }) => Object.keys(res.body.fields ?? {});

    it('null for a property that cannot be null is a 400 naming it, not a 500 from a NOT NULL column', async () => {
      const hook = (await t.http().post('/api/webhooks').set(a.auth).send({ name: 'n', url: 'https://x.example.com' }).expect(201)).body.id;
      const trigger = (await t.http().post('/api/inbound-triggers').set(a.auth).send({ name: 'n' }).expect(201)).body.id;
      const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'n', type: 'static' }).expect(201)).body.id;
      const customer = (await t.http().post('/api/customers').set(a.auth).send({ name: 'n' }).expect(201)).body.id;
      for (const [method, path, body, field] of [
        ['post', '/api/tenants', { name: 't', keyName: null }, 'keyName'],
        ['post', '/api/customers', { name: 'x', activityScore: null }, 'activityScore'],
        ['patch', `/api/customers/${customer}`, { activityScore: null }, 'activityScore'],
        ['patch', `/api/groups/${group}`, { name: null }, 'name'],
        ['post', '/api/webhooks', { name: 'x', url: 'https://x.example.com', method: null }, 'method'],
        ['patch', `/api/webhooks/${hook}`, { name: null }, 'name'],
        ['patch', `/api/webhooks/${hook}`, { headers: null }, 'headers'],
        ['patch', `/api/webhooks/${hook}`, { maxAttempts: null }, 'maxAttempts'],
        ['post', '/api/inbound-triggers', { name: 'x', mode: null }, 'mode'],
        ['patch', `/api/inbound-triggers/${trigger}`, { checks: null }, 'checks'],
        ['patch', `/api/inbound-triggers/${trigger}`, { enabled: null }, 'enabled'],
        ['post', '/api/loyalty/memberships', { customerId: null }, 'customerId'],
        ['post', '/api/loyalty/coupons/1/dispatch', { membershipIds: null }, 'membershipIds'],
      ] as const) {
        const res = await t
          .http()
          [method](path)
          .set(path === '/api/tenants' ? { Authorization: `Bearer ${ADMIN_TOKEN}` } : a.auth)
          .send(body);
        expect(`${method} ${path} ${JSON.stringify(body)} → ${res.status} ${fieldsOf(res)}`).toBe(`${method} ${path} ${JSON.stringify(body)} → 400 ${field}`);
      }
      // Where null means something, it still does: clearing a secret, a template, a form's title.
      await t.http().patch(`/api/webhooks/${hook}`).set(a.auth).send({ secret: null, bodyTemplate: null, rateLimitPerMinute: null }).expect(200);
    });

    it('a lone UTF-16 surrogate ("\\ud800", valid JSON, not Unicode) is a 400 naming the field, not a 500', async () => {
      const user = await raw('post', '/api/console-users', '{"email": "\\ud800@example.com", "password": "password-123"}');
      expect(user.status).toBe(400);
      expect(fieldsOf(user)).toEqual(['email']);
      const nested = await raw('post', '/api/webhooks', '{"name": "x", "url": "https://x.example.com", "bodyTemplate": {"text": "a\\udc00"}}');
      expect(nested.status).toBe(400);
      expect(fieldsOf(nested)).toEqual(['bodyTemplate']);
      await raw('post', '/api/customers', '{"name": "\\ud83d\\ude00 paired is fine"}').expect(201);
    });

    const hookWithJourney = async () => {
      const journey = (
        await t
          .http()
          .post('/api/journeys')
          .set(a.auth)
          .send({ name: 'hook', trigger: { type: 'inbound' }, start: 'e', nodes: [{ id: 'e', type: 'end' }] })
          .expect(201)
      ).body.id;
      await t.http().post(`/api/journeys/${journey}/activate`).set(a.auth).expect(200);
      return (await t.http().post('/api/inbound-triggers').set(a.auth).send({ name: 'big', journeyId: journey }).expect(201)).body.key as string;
    };
    const postHook = (key: string, json: string) => t.http().post(`/hooks/${key}`).set('Content-Type', 'application/json').send(json);

    it('inbound hooks: a body over 1,000 bytes is accepted (a raw body is not "an object of 1,000 keys")', async () => {
      const key = await hookWithJourney();
      const big = await postHook(key, JSON.stringify({ text: 'x'.repeat(20_000), items: Array.from({ length: 200 }, (_, i) => ({ i })) }));
      expect(big.status).toBe(202);
    });

    it("inbound hooks: JSON bodies meet the API's limits (a lone surrogate, 1,001 keys: 400, not 500)", async () => {
      const key = await hookWithJourney();
      const bad = await postHook(key, '{"x": "\\ud800"}');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('lone UTF-16 surrogate');
      const keys = await postHook(key, `{${Array.from({ length: 1001 }, (_, i) => `"k${i}":1`).join(',')}}`);
      expect(keys.status).toBe(400);
      expect(keys.body.message).toContain('more than 1000 keys');
    });

    it('PATCH /api/broadcasts/:id with nothing to change answers the broadcast, not a 500', async () => {
      const hook = (await t.http().post('/api/webhooks').set(a.auth).send({ name: 'b', url: 'https://x.example.com' }).expect(201)).body.id;
      const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'b', type: 'static' }).expect(201)).body.id;
      const b = (await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: hook, groupId: group, scheduledAt: '2099-01-01T00:00:00Z' }).expect(201))
        .body;
      const res = await t.http().patch(`/api/broadcasts/${b.id}`).set(a.auth).send({});
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: b.id, status: 'scheduled' });
    });
  });

  it.each([
    [['Shanghai', 'Beijing'], 'fields[0].options[0]'],
    [[{ value: 'x' }], 'fields[0].options[0].label'],
    ['x', 'fields[0].options'],
    [[null], 'fields[0].options[0]'],
    [5, 'fields[0].options'],
  ])('a form whose select options are %j is a 400 naming %s, not a 500, and writes nothing', async (options, path) => {
    const forms = async () => (await t.db.query('SELECT COUNT(*) AS n FROM forms'))[0].n;
    const before = await forms();
    const res = await t
      .http()
      .post('/api/forms')
      .set(a.auth)
      .send({ name: 'f', fields: [{ name: 'city', label: '城市', type: 'select', options }] });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields)).toContain(path);
    expect(await forms()).toBe(before);
  });

  describe('bodies the API cannot read (found from outside: text/plain made a blank customer)', () => {
    const customers = async () => (await t.db.query('SELECT COUNT(*) AS n FROM customers'))[0].n;

    it.each([
      ['post', '/api/customers', 'text/plain', 'name=x'],
      ['post', '/api/customers', 'application/xml', '<customer><name>x</name></customer>'],
      ['post', '/api/customers', undefined, '{"name":"x"}'],
      ['patch', '/api/customers/1', 'text/plain', '{"name":"x"}'],
      ['post', '/api/webhooks', 'text/plain', '{"name":"x","url":"https://x.example.com"}'],
      ['post', '/api/events', 'application/octet-stream', '{}'],
      ['post', '/api/customers/import', 'application/xml', '<rows/>'],
    ] as const)('%s %s with %s is a 415 and writes nothing', async (method, path, type, body) => {
      const before = await customers();
      let req = t.http()[method](path).set(a.auth);
      // supertest types a string body as form-encoded unless told: `undefined` sends no Content-Type at all.
      req = type ? req.set('Content-Type', type) : req.unset('Content-Type');
      const res = await req.send(Buffer.from(body));
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
      expect(res.body.message).toMatch(path.endsWith('/import') ? /send application\/json, text\/csv or text\/plain/ : /send application\/json$/);
      expect(await customers()).toBe(before);
    });

    it('the bodies it reads still work: JSON, CSV import, and an empty POST; form-encoded only on /f', async () => {
      await t.http().post('/api/customers').set(a.auth).send({ name: 'json' }).expect(201);
      await t.http().post('/api/customers').set(a.auth).type('form').send('name=form').expect(415);
      await t.http().post('/api/customers/import').set(a.auth).set('Content-Type', 'text/csv').send('name,mobile\ncsv,13900000123\n').expect(200);
      const hook = (await t.http().post('/api/webhooks').set(a.auth).send({ name: 'e', url: 'https://x.example.com' }).expect(201)).body.id;
      const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'e', type: 'static' }).expect(201)).body.id;
      const b = (await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId: hook, groupId: group, scheduledAt: '2099-01-01T00:00:00Z' }).expect(201))
        .body;
      // An action without a body, with or without a Content-Type, reads nothing and is not refused.
      await t.http().post(`/api/broadcasts/${b.id}/cancel`).set(a.auth).set('Content-Type', 'text/plain').expect(200);
    });
  });
});
