import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

describe('customers', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
  });
  afterAll(() => t.close());

  const create = (tenant: TestTenant, body: object) => t.http().post('/api/customers').set(tenant.auth).send(body);

  it('creates, reads, updates (attributes as merge patch) and deletes a customer', async () => {
    const created = await create(a, {
      name: '  王小明 ',
      wechatNickname: '小明',
      mobile: '138 0013 8000',
      email: 'Ming@Example.COM',
      attributes: { city: 'Shanghai', tier: 'gold' },
    }).expect(201);
    expect(created.body).toMatchObject({
      name: '王小明',
      mobile: '13800138000',
      email: 'ming@example.com',
      activityScore: 0,
      attributes: { city: 'Shanghai', tier: 'gold' },
    });
    expect(created.body).not.toHaveProperty('tombstone');
    const id = created.body.id;

    const got = await t.http().get(`/api/customers/${id}`).set(a.auth).expect(200);
    expect(got.body.wechatNickname).toBe('小明');

    const patched = await t
      .http()
      .patch(`/api/customers/${id}`)
      .set(a.auth)
      .send({ name: 'Wang Xiaoming', attributes: { tier: null, score: 3 } })
      .expect(200);
    expect(patched.body.name).toBe('Wang Xiaoming');
    expect(patched.body.attributes).toEqual({ city: 'Shanghai', score: 3 });

    await t.http().delete(`/api/customers/${id}`).set(a.auth).expect(204);
    await t.http().get(`/api/customers/${id}`).set(a.auth).expect(404);
    await t.http().delete(`/api/customers/${id}`).set(a.auth).expect(404);
    // The row stays for history, and its mobile can be used again.
    const [row] = await t.db.query('SELECT deletedAt, tombstone FROM customers WHERE id = ?', [id]);
    expect(row.deletedAt).not.toBeNull();
    expect(row.tombstone).toBe(id);
    await create(a, { mobile: '13800138000' }).expect(201);
  });

  it('keeps milliseconds in updatedAt on update', async () => {
    const c = (await t.http().post('/api/customers').set(a.auth).send({ name: 'ms', mobile: '13811112222' }).expect(201)).body;
    // Update well inside a second: a value truncated to whole seconds would then be before `before`.
    while (Date.now() % 1000 < 200 || Date.now() % 1000 > 700) await new Promise((r) => setTimeout(r, 10));
    const before = Date.now();
    const updated = (await t.http().patch(`/api/customers/${c.id}`).set(a.auth).send({ name: 'ms2' }).expect(200)).body;
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(c.updatedAt).getTime());
  });

  it('refuses a duplicate mobile or email with 409 naming the field', async () => {
    await create(a, { mobile: '13900000001', email: 'dup@example.com' }).expect(201);
    const m = await create(a, { mobile: '13900000001' }).expect(409);
    expect(m.body.message).toContain('mobile');
    expect(m.body).toMatchObject({ code: 'customer_mobile_taken', params: { mobile: '13900000001' } });
    const e = await create(a, { email: 'DUP@example.com' }).expect(409);
    expect(e.body.message).toContain('email');
    expect(e.body).toMatchObject({ code: 'customer_email_taken', params: { email: 'dup@example.com' } });
    // Another tenant may hold the same contact.
    await create(b, { mobile: '13900000001', email: 'dup@example.com' }).expect(201);
  });

  it('searches by name, WeChat nickname and mobile, paged by keyset', async () => {
    await create(a, { name: '赵敏', wechatNickname: 'minmin', mobile: '13711112222' }).expect(201);
    await create(a, { name: 'Zhou Zhiruo', wechatNickname: '芷若', mobile: '13733334444' }).expect(201);
    await create(a, { name: '100%_real', mobile: '13755556666' }).expect(201);
    const q = async (text: string) =>
      (await t.http().get('/api/customers').query({ q: text }).set(a.auth).expect(200)).body.items.map((c: { name: string }) => c.name);
    expect(await q('赵')).toEqual(['赵敏']);
    expect(await q('芷若')).toEqual(['Zhou Zhiruo']);
    expect(await q('minmin')).toEqual(['赵敏']);
    expect(await q('1373333')).toEqual(['Zhou Zhiruo']);
    expect(await q('137 3333 4444')).toEqual(['Zhou Zhiruo']);
    expect(await q('%_')).toEqual(['100%_real']); // LIKE wildcards match literally
    expect(await q('no such person')).toEqual([]);
    // Tenant B sees none of A's customers.
    const bSearch = await t.http().get('/api/customers').query({ q: '赵' }).set(b.auth).expect(200);
    expect(bSearch.body.items).toEqual([]);

    const seen: number[] = [];
    let after: string | null = null;
    do {
      const res: { body: { items: { id: number }[]; nextCursor: string | null } } = await t
        .http()
        .get('/api/customers')
        .query({ limit: 2, ...(after ? { after } : {}) })
        .set(a.auth)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c) => c.id));
      after = res.body.nextCursor;
    } while (after);
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM customers WHERE tenantId = ? AND tombstone = 0', [a.id]);
    expect(seen).toHaveLength(Number(n));
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });

  it('adds activity atomically under concurrent deltas', async () => {
    const c = await create(a, { mobile: '13600000000', activityScore: 10 }).expect(201);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .post(`/api/customers/${c.body.id}/activity`)
          .set(a.auth)
          .send({ delta: i % 2 ? 7 : -2 })
          .expect(200),
      ),
    );
    const got = await t.http().get(`/api/customers/${c.body.id}`).set(a.auth).expect(200);
    expect(got.body.activityScore).toBe(10 + 10 * 7 - 10 * 2);
    const bad = await t.http().post(`/api/customers/${c.body.id}/activity`).set(a.auth).send({ delta: 'x' }).expect(400);
    expect(bad.body.fields).toHaveProperty('delta');
  });

  it("isolates tenants: B gets 404 for every operation on A's customer", async () => {
    const c = await create(a, { name: 'Private', mobile: '13500000000' }).expect(201);
    const id = c.body.id;
    expect((await t.http().get(`/api/customers/${id}`).set(b.auth).expect(404)).body).toMatchObject({ code: 'customer_not_found', params: { id } });
    await t.http().patch(`/api/customers/${id}`).set(b.auth).send({ name: 'hacked' }).expect(404);
    await t.http().post(`/api/customers/${id}/activity`).set(b.auth).send({ delta: 1 }).expect(404);
    await t.http().delete(`/api/customers/${id}`).set(b.auth).expect(404);
    const still = await t.http().get(`/api/customers/${id}`).set(a.auth).expect(200);
    expect(still.body.name).toBe('Private');
  });

  it('imports JSON: upserts by mobile or email, merges duplicates, reports bad rows and keeps good ones', async () => {
    await create(a, { name: 'Old Name', mobile: '13400000001', attributes: { keep: 1 } }).expect(201);
    await create(a, { name: 'By Email', email: 'byemail@example.com' }).expect(201);
    const res = await t
      .http()
      .post('/api/customers/import')
      .set(a.auth)
      .send([
        { name: 'New Name', mobile: '134-0000-0001', attributes: { city: 'Beijing' } }, // update by mobile
        { name: 'Email Match', email: 'BYEMAIL@example.com', mobile: '13400000002' }, // update by email
        { name: 'Fresh', mobile: '13400000003' }, // create
        { name: 'Fresh again', mobile: '13400000003', activityScore: 5 }, // same person again: merged
        { name: 'No contact' }, // error: no key
        { name: 'Bad mobile', mobile: 'abc' }, // error
        { mobile: '13400000004', unknownField: 1 }, // error
        'not an object', // error
      ])
      .expect(200);
    expect(res.body).toMatchObject({ total: 8, created: 1, updated: 2, failed: 4 });
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual([5, 6, 7, 8]);
    expect(res.body.errors[0].fields).toHaveProperty('mobile');
    expect(res.body.errors[0].problems).toEqual([expect.objectContaining({ path: 'mobile', code: 'mobile_or_email_required' })]);
    expect(res.body.errors[1].fields).toHaveProperty('mobile');
    expect(res.body.errors[2].fields).toHaveProperty('unknownField');
    expect(res.body.errors[2].problems).toEqual([expect.objectContaining({ path: 'unknownField', code: 'unknown_field' })]);
    expect(res.body.errors[3].problems).toEqual([expect.objectContaining({ path: 'row', code: 'is_object' })]);

    const rows = await t.db.query(
      "SELECT name, mobile, email, activityScore, attributes FROM customers WHERE tenantId = ? AND mobile LIKE '134%' AND tombstone = 0 ORDER BY mobile",
      [a.id],
    );
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['New Name', 'Email Match', 'Fresh again']);
    expect(rows[0].attributes).toEqual({ keep: 1, city: 'Beijing' });
    expect(rows[1].email).toBe('byemail@example.com');
    expect(rows[2].activityScore).toBe(5);
  });

  it('imports CSV with attribute columns, reporting bad rows by number', async () => {
    const csv = [
      'name,mobile,email,activityScore,attributes.city,attributes.age,attributes.code',
      '"Li, Lei",13300000001,lilei@example.com,120,Shanghai,30,007',
      'Bad Score,13300000002,,lots,Beijing,,',
      'Han Meimei,13300000003,not-an-email,10,,,',
      '韩梅梅,13300000004,,15,广州,25,',
    ].join('\n');
    const res = await t.http().post('/api/customers/import').set(a.auth).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(res.body).toMatchObject({ total: 4, created: 2, updated: 0, failed: 2 });
    expect(res.body.errors).toEqual([
      {
        row: 2,
        fields: { activityScore: [expect.stringContaining('activityScore')] },
        problems: [expect.objectContaining({ path: 'activityScore', code: expect.any(String), message: expect.stringContaining('activityScore') })],
      },
      { row: 3, fields: { email: [expect.stringContaining('email')] }, problems: [expect.objectContaining({ path: 'email', code: 'is_email' })] },
    ]);
    const li = await t.http().get('/api/customers').query({ q: '13300000001' }).set(a.auth).expect(200);
    expect(li.body.items[0]).toMatchObject({ name: 'Li, Lei', activityScore: 120, attributes: { city: 'Shanghai', age: 30, code: '007' } });

    const unknown = await t.http().post('/api/customers/import').set(a.auth).set('Content-Type', 'text/csv').send('name,phone\nx,1').expect(400);
    expect(unknown.body.message).toContain('phone');
    expect(unknown.body).toMatchObject({ code: 'csv_unknown_column', params: { column: 'phone' } });
    const broken = await t.http().post('/api/customers/import').set(a.auth).set('Content-Type', 'text/csv').send('name,mobile\n"unterminated,1').expect(400);
    expect(broken.body.message).toMatch(/CSV is malformed/);
    expect(broken.body.code).toBe('csv_malformed');
  });

  it('imports 10,000 rows in one request', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      name: `Bulk ${i}`,
      mobile: `152${String(i).padStart(8, '0')}`,
      activityScore: i % 1000,
      attributes: { n: i },
    }));
    const first = await t.http().post('/api/customers/import').set(b.auth).send(rows).expect(200);
    expect(first.body).toMatchObject({ total: 10_000, created: 10_000, updated: 0, failed: 0 });
    rows[42].name = 'Renamed';
    const second = await t.http().post('/api/customers/import').set(b.auth).send(rows).expect(200);
    expect(second.body).toMatchObject({ total: 10_000, created: 0, updated: 10_000, failed: 0 });
    const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM customers WHERE tenantId = ? AND name LIKE 'Bulk %'", [b.id]);
    expect(Number(n)).toBe(9_999);
    const tooMany = await t
      .http()
      .post('/api/customers/import')
      .set(b.auth)
      .send([...rows, { mobile: '1' }])
      .expect(400);
    expect(tooMany.body.message).toContain('10000');
  });

  it.each([
    ['POST /api/customers', 'name', () => create(a, { name: 5 })],
    ['POST /api/customers', 'email', () => create(a, { email: 'nope' })],
    ['POST /api/customers', 'attributes', () => create(a, { attributes: [1, 2] })],
    ['POST /api/customers', 'activityScore', () => create(a, { activityScore: 1.5 })],
    ['POST /api/customers', 'id', () => create(a, { id: 3 })],
    ['PATCH /api/customers/:id', 'mobile', () => t.http().patch('/api/customers/1').set(a.auth).send({ mobile: '12' })],
    ['GET /api/customers/:id', 'id', () => t.http().get('/api/customers/abc').set(a.auth)],
    ['GET /api/customers?limit', 'limit', () => t.http().get('/api/customers?limit=0').set(a.auth)],
    ['GET /api/customers?after', 'after', () => t.http().get('/api/customers?after=x').set(a.auth)],
    ['POST /api/customers/import', 'body', () => t.http().post('/api/customers/import').set(a.auth).send({ not: 'array' })],
  ])('%s with bad input → 400 naming %s', async (_, field, call) => {
    const res = await call();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toContain(field);
  });

  it('answers malformed JSON with 400, oversized bodies with 413, never 500', async () => {
    const bad = await t.http().post('/api/customers').set(a.auth).set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(bad.body.message).toBe('Request body is not valid JSON');
    const big = await create(a, { name: 'x'.repeat(2_000_000) });
    expect(big.status).toBe(413);
    const huge = await create(a, { attributes: { blob: 'x'.repeat(20_000) } }).expect(400);
    expect(huge.body.message).toContain('attributes');
  });
});
