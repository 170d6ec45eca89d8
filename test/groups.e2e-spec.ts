import type { Rule } from '../src/groups/segment-rule';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

interface Seeded {
  id: number;
  name: string | null;
  email: string | null;
  activityScore: number;
  attributes: Record<string, unknown>;
}

const CITIES = ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', undefined];
const NAMES = ['Justin', 'Rusty', 'Lin', '张三', null];

/** Deterministic varied customers: every attribute type, some missing values. */
function seedRows(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const attributes: Record<string, unknown> = {};
    const city = CITIES[(i * 7) % CITIES.length];
    if (city) attributes.city = city;
    if (i % 3 !== 0) attributes.age = 18 + ((i * 13) % 50);
    if (i % 4 === 0) attributes.tags = i % 8 === 0 ? ['vip', 'new'] : ['new'];
    if (i % 5 === 0) attributes.vip = i % 10 === 0;
    if (i % 6 === 0) attributes.profile = { level: i % 4 };
    if (i % 11 === 0) attributes.age = String(attributes.age ?? 40); // a string: never matches numeric comparisons
    const name = NAMES[i % NAMES.length];
    return {
      ...(name ? { name: `${name} ${i}` } : {}),
      mobile: `150${String(i).padStart(8, '0')}`,
      ...(i % 2 ? { email: `c${i}@example.com` } : {}),
      activityScore: (i * 37) % 1000,
      attributes,
    };
  });
}

/** An independent reading of the rule semantics, to check the SQL against. */
function matches(c: Seeded, rule: Rule): boolean {
  if ('and' in rule) return rule.and.every((r) => matches(c, r));
  if ('or' in rule) return rule.or.some((r) => matches(c, r));
  const raw = rule.field.startsWith('attributes.')
    ? rule.field
        .split('.')
        .slice(1)
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], c.attributes)
    : (c as unknown as Record<string, unknown>)[rule.field];
  const v = rule.value;
  const fold = (x: unknown) => (typeof x === 'string' ? x.toLowerCase() : x);
  const sameType = (x: unknown) => x !== undefined && x !== null && typeof x === typeof (Array.isArray(v) ? v[0] : v);
  switch (rule.op) {
    case '=':
      return sameType(raw) && fold(raw) === fold(v);
    case '!=':
      return !(sameType(raw) && fold(raw) === fold(v));
    case '>':
      return sameType(raw) && (raw as number) > (v as number);
    case '>=':
      return sameType(raw) && (raw as number) >= (v as number);
    case '<':
      return sameType(raw) && (raw as number) < (v as number);
    case '<=':
      return sameType(raw) && (raw as number) <= (v as number);
    case 'in':
      return sameType(raw) && (v as unknown[]).map(fold).includes(fold(raw));
    case 'contains':
      return typeof raw === 'string' ? raw.toLowerCase().includes(String(v).toLowerCase()) : Array.isArray(raw) && raw.includes(v);
    case 'exists':
      return (raw !== undefined && raw !== null && raw !== '') === v;
  }
  throw new Error(`no such op ${rule.op}`);
}

describe('groups', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let customers: Seeded[];

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    const res = await t.http().post('/api/customers/import').set(a.auth).send(seedRows(1000)).expect(200);
    expect(res.body).toMatchObject({ created: 1000, failed: 0 });
    // Tenant B has look-alike customers that must never show up in A's groups.
    await t.http().post('/api/customers/import').set(b.auth).send(seedRows(50)).expect(200);
    customers = [];
    let after: string | null = null;
    do {
      const page: { body: { items: Seeded[]; nextCursor: string | null } } = await t
        .http()
        .get('/api/customers')
        .query({ limit: 1000, ...(after ? { after } : {}) })
        .set(a.auth)
        .expect(200);
      customers.push(...page.body.items);
      after = page.body.nextCursor;
    } while (after);
    expect(customers).toHaveLength(1000);
  });
  afterAll(() => t.close());

  async function allMembers(groupId: number, tenant = a, limit = 97): Promise<number[]> {
    const ids: number[] = [];
    let after: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/groups/${groupId}/members`)
        .query({ limit, ...(after ? { after } : {}) })
        .set(tenant.auth)
        .expect(200);
      ids.push(...page.body.items.map((c) => c.id));
      after = page.body.nextCursor;
    } while (after);
    return ids;
  }

  const rules: [string, Rule][] = [
    [
      'DM Hub example',
      {
        and: [
          { field: 'activityScore', op: '>=', value: 500 },
          { field: 'attributes.city', op: '=', value: 'Shanghai' },
        ],
      },
    ],
    [
      'nested OR',
      {
        or: [
          {
            and: [
              { field: 'attributes.city', op: 'in', value: ['beijing', 'Shenzhen'] },
              { field: 'attributes.age', op: '<', value: 30 },
            ],
          },
          { field: 'attributes.tags', op: 'contains', value: 'vip' },
        ],
      },
    ],
    ['!= includes missing', { field: 'attributes.city', op: '!=', value: 'Shanghai' }],
    ['email missing', { field: 'email', op: 'exists', value: false }],
    ['boolean attribute', { field: 'attributes.vip', op: '=', value: true }],
    ['name contains', { field: 'name', op: 'contains', value: 'UST' }],
    ['nested attribute path', { field: 'attributes.profile.level', op: '>=', value: 2 }],
    ['number in', { field: 'activityScore', op: 'in', value: [0, 37, 74, 999] }],
    [
      'attribute exists',
      {
        and: [
          { field: 'attributes.age', op: 'exists', value: true },
          { field: 'attributes.age', op: '<=', value: 20 },
        ],
      },
    ],
  ];

  it.each(rules)('dynamic rule "%s" returns exactly the expected customers', async (_, rule) => {
    const expected = customers.filter((c) => matches(c, rule)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(1000);
    const created = await t
      .http()
      .post('/api/groups')
      .set(a.auth)
      .send({ name: `rule ${_}`, type: 'dynamic', rule })
      .expect(201);
    expect(created.body.memberCount).toBe(expected.length);
    expect(await allMembers(created.body.id)).toEqual(expected);
  });

  it('re-evaluates a dynamic group when its rule changes and refuses manual members', async () => {
    const g = await t
      .http()
      .post('/api/groups')
      .set(a.auth)
      .send({ name: 'editable', type: 'dynamic', rule: { field: 'activityScore', op: '>', value: 990 } })
      .expect(201);
    const before = customers.filter((c) => c.activityScore > 990).length;
    expect(g.body.memberCount).toBe(before);
    const upd = await t
      .http()
      .patch(`/api/groups/${g.body.id}`)
      .set(a.auth)
      .send({ rule: { field: 'activityScore', op: '>', value: 900 } })
      .expect(200);
    expect(upd.body.memberCount).toBe(customers.filter((c) => c.activityScore > 900).length);
    const manual = await t
      .http()
      .post(`/api/groups/${g.body.id}/members`)
      .set(a.auth)
      .send({ customerIds: [customers[0].id] })
      .expect(409);
    expect(manual.body).toMatchObject({ code: 'group_not_static', params: { id: g.body.id } });
  });

  it('static group: bulk add/remove, reports unknown and foreign ids, drops deleted customers', async () => {
    const g = await t.http().post('/api/groups').set(a.auth).send({ name: 'static', type: 'static' }).expect(201);
    expect(g.body.memberCount).toBe(0);
    const ids = customers.slice(0, 300).map((c) => c.id);
    const bCustomer = (await t.http().get('/api/customers').set(b.auth).expect(200)).body.items[0].id;
    const add = await t
      .http()
      .post(`/api/groups/${g.body.id}/members`)
      .set(a.auth)
      .send({ customerIds: [...ids, ids[0], 999_999, bCustomer] })
      .expect(200);
    expect(add.body).toEqual({ added: 300, alreadyMembers: 0, notFound: [999_999, bCustomer] });
    const again = await t
      .http()
      .post(`/api/groups/${g.body.id}/members`)
      .set(a.auth)
      .send({ customerIds: ids.slice(0, 10) })
      .expect(200);
    expect(again.body).toEqual({ added: 0, alreadyMembers: 10, notFound: [] });
    const rm = await t
      .http()
      .post(`/api/groups/${g.body.id}/members/remove`)
      .set(a.auth)
      .send({ customerIds: ids.slice(0, 100) })
      .expect(200);
    expect(rm.body).toEqual({ removed: 100 });
    await t.http().delete(`/api/customers/${ids[150]}`).set(a.auth).expect(204);
    const expected = ids.slice(100).filter((id) => id !== ids[150]);
    expect(await allMembers(g.body.id)).toEqual(expected);
    expect((await t.http().get(`/api/groups/${g.body.id}`).set(a.auth).expect(200)).body.memberCount).toBe(199);
  });

  it('deleting a customer removes its membership rows of every static group (groups hook into the deletion)', async () => {
    const customerId = customers[400].id;
    const groupIds: number[] = [];
    for (const name of ['hooked one', 'hooked two']) {
      const g = await t.http().post('/api/groups').set(a.auth).send({ name, type: 'static' }).expect(201);
      await t
        .http()
        .post(`/api/groups/${g.body.id}/members`)
        .set(a.auth)
        .send({ customerIds: [customerId, customers[401].id] })
        .expect(200);
      groupIds.push(g.body.id);
    }
    const rows = async (id: number) => Number((await t.db.query('SELECT COUNT(*) AS n FROM group_members WHERE customerId = ?', [id]))[0].n);
    expect(await rows(customerId)).toBe(2);
    await t.http().delete(`/api/customers/${customerId}`).set(a.auth).expect(204);
    expect(await rows(customerId)).toBe(0);
    expect(await rows(customers[401].id)).toBe(2);
    for (const id of groupIds) expect((await t.http().get(`/api/groups/${id}`).set(a.auth).expect(200)).body.memberCount).toBe(1);
  });

  it("isolates tenants: B gets 404 on A's group and its members", async () => {
    const g = await t.http().post('/api/groups').set(a.auth).send({ name: 'mine', type: 'static' }).expect(201);
    const id = g.body.id;
    expect((await t.http().get(`/api/groups/${id}`).set(b.auth).expect(404)).body).toMatchObject({ code: 'group_not_found', params: { id } });
    await t.http().get(`/api/groups/${id}/members`).set(b.auth).expect(404);
    await t.http().patch(`/api/groups/${id}`).set(b.auth).send({ name: 'x' }).expect(404);
    await t
      .http()
      .post(`/api/groups/${id}/members`)
      .set(b.auth)
      .send({ customerIds: [1] })
      .expect(404);
    await t.http().delete(`/api/groups/${id}`).set(b.auth).expect(404);
    const list = await t.http().get('/api/groups').set(b.auth).expect(200);
    expect(list.body.items).toEqual([]);
    await t.http().delete(`/api/groups/${id}`).set(a.auth).expect(204);
    await t.http().get(`/api/groups/${id}`).set(a.auth).expect(404);
  });

  it('refuses duplicate names with 409', async () => {
    await t.http().post('/api/groups').set(a.auth).send({ name: 'twice', type: 'static' }).expect(201);
    const res = await t.http().post('/api/groups').set(a.auth).send({ name: 'twice', type: 'static' }).expect(409);
    expect(res.body.message).toContain('name');
    expect(res.body).toMatchObject({ code: 'group_name_taken', params: { name: 'twice' } });
    await t.http().post('/api/groups').set(b.auth).send({ name: 'twice', type: 'static' }).expect(201);
  });

  it.each([
    ['type', { name: 'x', type: 'smart' }, 'is_in'],
    ['rule', { name: 'x', type: 'dynamic' }, 'required'],
    ['rule', { name: 'x', type: 'static', rule: { field: 'id', op: '=', value: 1 } }, 'rule_static_group'],
    [
      'rule.and[1].op',
      {
        name: 'x',
        type: 'dynamic',
        rule: {
          and: [
            { field: 'id', op: '=', value: 1 },
            { field: 'id', op: 'like', value: 1 },
          ],
        },
      },
      'rule_operator',
    ],
    ['rule.field', { name: 'x', type: 'dynamic', rule: { field: 'password', op: '=', value: 1 } }, 'rule_unknown_field'],
    ['rule.value', { name: 'x', type: 'dynamic', rule: { field: 'activityScore', op: '>=', value: 'high' } }, 'rule_value'],
    ['name', { type: 'static' }, undefined],
    ['customerIds', 'members', undefined],
  ])('bad input → 400 naming %s (code %s)', async (field, body, code) => {
    const res =
      body === 'members'
        ? await t
            .http()
            .post('/api/groups/1/members')
            .set(a.auth)
            .send({ customerIds: ['a'] })
        : await t.http().post('/api/groups').set(a.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty([field]);
    expect(res.body.message).toContain(field);
    if (code) expect(res.body.problems).toContainEqual(expect.objectContaining({ path: field, code }));
  });
});
