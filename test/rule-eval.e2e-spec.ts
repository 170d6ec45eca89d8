import { Customer } from '../src/customers/customer.entity';
import { hydrate } from '../src/database/entity-sql';
import { customerView } from '../src/customers/customer-template-view';
import { evaluateRule } from '../src/groups/rule-eval';
import { compileRule, Rule } from '../src/groups/segment-rule';
import { readField } from '../src/journeys/journey-interpreter';
import { createTenant, createTestApp, TestApp } from './support/test-app';

/**
 * A journey's condition node (in memory) and a dynamic group (SQL on MariaDB) must agree on who
 * matches, rule for rule, over customers with awkward data.
 */
describe('rules mean the same in memory and in SQL', () => {
  let t: TestApp;
  let customers: Customer[];

  beforeAll(async () => {
    t = await createTestApp();
    const a = await createTenant(t);
    const rows = [
      {
        name: 'Zoë Chen',
        mobile: '13900000001',
        activityScore: 520,
        attributes: { city: 'Shanghai', age: 30, vip: true, tags: ['vip', 'new'], profile: { level: 3 } },
      },
      { name: 'zoe chen', mobile: '13900000002', activityScore: 480, attributes: { city: 'shanghai ', age: '30', vip: false, tags: ['old'] } },
      {
        name: '王小明',
        mobile: '13900000003',
        email: 'wang@example.com',
        activityScore: 500,
        attributes: { city: '上海', age: 17.5, profile: { level: 'gold' } },
      },
      { name: 'Nobody', email: 'n@example.com', activityScore: -3, attributes: {} },
      { name: '', mobile: '13900000005', activityScore: 0, attributes: { city: null, tags: 'vip', list: [{ a: 1 }] } },
    ];
    await t.http().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    customers = hydrate(t.db.manager, Customer, await t.db.query('SELECT * FROM customers WHERE tenantId = ? ORDER BY id', [a.id]));
  });
  afterAll(() => t.close());

  const rules: Rule[] = [
    { field: 'activityScore', op: '>=', value: 500 },
    { field: 'activityScore', op: '!=', value: 500 },
    { field: 'activityScore', op: 'in', value: [480, -3] },
    { field: 'name', op: '=', value: 'ZOE CHEN' },
    { field: 'name', op: 'contains', value: 'oe' },
    { field: 'name', op: 'exists', value: false },
    { field: 'email', op: '!=', value: 'wang@example.com' },
    { field: 'email', op: 'exists', value: true },
    { field: 'mobile', op: 'in', value: ['13900000001', '13900000005'] },
    { field: 'attributes.city', op: '=', value: 'Shanghai' },
    { field: 'attributes.city', op: '!=', value: 'Shanghai' },
    { field: 'attributes.city', op: 'exists', value: true },
    { field: 'attributes.city', op: 'contains', value: 'HAI' },
    { field: 'attributes.city', op: '>', value: 'R' },
    { field: 'attributes.age', op: '>=', value: 18 },
    { field: 'attributes.age', op: '=', value: '30' },
    { field: 'attributes.age', op: 'in', value: [30, 17.5] },
    { field: 'attributes.vip', op: '=', value: true },
    { field: 'attributes.vip', op: '!=', value: true },
    { field: 'attributes.tags', op: 'contains', value: 'vip' },
    { field: 'attributes.profile.level', op: '>', value: 2 },
    { field: 'attributes.profile.level', op: '=', value: 'GOLD' },
    { field: 'attributes.missing', op: '!=', value: 1 },
    { field: 'attributes.list.0.a', op: '=', value: 1 },
    {
      or: [
        { field: 'activityScore', op: '<', value: 0 },
        {
          and: [
            { field: 'attributes.vip', op: 'exists', value: true },
            { field: 'mobile', op: 'contains', value: '0002' },
          ],
        },
      ],
    },
  ];

  it.each(rules.map((r) => [JSON.stringify(r), r]))('%s', async (_, rule) => {
    const compiled = compileRule(rule as Rule, 'c');
    const qb = t.db
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.tenantId = :tenantId', { tenantId: customers[0].tenantId })
      .andWhere(compiled.sql, compiled.params);
    const inSql = (await qb.getRawMany()).map((r: { id: number }) => r.id).sort((x, y) => x - y);
    const inMemory = customers
      .filter((c) => {
        const scope = { customer: customerView(c), context: { trigger: {}, vars: {}, nodes: {} } };
        return evaluateRule(prefixed(rule as Rule), (field) => readField(field, scope));
      })
      .map((c) => c.id);
    expect(inMemory).toEqual(inSql);
  });
});

/** Group rules name customer fields bare; journey conditions as customer.<field>. */
function prefixed(rule: Rule): Rule {
  if ('and' in rule) return { and: rule.and.map(prefixed) };
  if ('or' in rule) return { or: rule.or.map(prefixed) };
  return { ...rule, field: `customer.${rule.field}` };
}
