import type { Page } from 'playwright-core';
import { expectAccessible, shootWidths } from './support/a11y';
import { expect, launchBrowser, signIn, type TestBrowser } from './support/browser';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

const USER = { email: 'a11y@example.com', password: 'console-pass-a11y' };

/**
 * Screens a marketer opens beside the main flows (sign-in, groups, loyalty, inbound triggers,
 * forms, settings), each with real data, at 1280 px and 375 px: nothing scrolls sideways and axe-core finds
 * no serious or critical violation. Screenshots land in test/artifacts/console/.
 */
describe('console: the side screens fit and are accessible (real browser, axe-core)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let groupId: number;
  let triggerId: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '无障碍商户');
    await api().post('/api/console-users').set(tenant.auth).send(USER).expect(201);
    const customers = [];
    for (const [name, city] of [
      ['张伟', '上海'],
      ['李娜', '北京'],
      ['王芳', '广州'],
    ])
      customers.push((await api().post('/api/customers').set(tenant.auth).send({ name, attributes: { city } }).expect(201)).body);
    groupId = (await api().post('/api/groups').set(tenant.auth).send({ name: '高活跃会员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${groupId}/members`)
      .set(tenant.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect((res) => expect(res.status).toBeLessThan(300));
    await api().post('/api/loyalty/levels').set(tenant.auth).send({ name: '银卡', rank: 1 }).expect(201);
    for (const c of customers.slice(0, 2)) await api().post('/api/loyalty/memberships').set(tenant.auth).send({ customerId: c.id }).expect(201);
    await api()
      .post('/api/loyalty/coupons')
      .set(tenant.auth)
      .send({ name: '满100减20', startDate: new Date(Date.now() - 60_000).toISOString(), endDate: new Date(Date.now() + 86_400_000).toISOString(), stock: 10 })
      .expect(201);
    await api()
      .post('/api/forms')
      .set(tenant.auth)
      .send({ name: '双十一报名表', title: '双十一报名', fields: [{ name: 'mobile', label: '手机号', type: 'tel', maps: 'mobile', required: true }] })
      .expect(201);
    triggerId = (
      await api()
        .post('/api/inbound-triggers')
        .set(tenant.auth)
        .send({ name: 'CRM 回调', methods: ['POST'] })
        .expect(201)
    ).body.id;

    b = await launchBrowser('console-a11y');
    page = b.page;
  });

  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('the sign-in page', async () => {
    await page.goto(`${base}/login`);
    try {
      await shootWidths(page, 'login', () => expect(page.locator('#email')).toBeVisible());
    } finally {
      await signIn(page, base, USER);
    }
  });

  it('groups: the list and a group with its members', async () => {
    await page.goto(`${base}/groups`);
    await shootWidths(page, 'groups', () => expect(page.getByText('高活跃会员')).toBeVisible());
    await page.goto(`${base}/groups/${groupId}`);
    await shootWidths(page, 'group-detail', () => expect(page.getByText('李娜')).toBeVisible());
  });

  it('loyalty: memberships, levels, coupons, events', async () => {
    for (const [tab, text] of [
      ['memberships', '张伟'],
      ['levels', '银卡'],
      ['coupons', '满100减20'],
      ['events', null],
    ] as const) {
      await page.goto(`${base}/loyalty?tab=${tab}`);
      await shootWidths(page, `loyalty-${tab}`, () =>
        expect(text ? page.getByText(text).first() : page.getByText('还没有事件').or(page.locator('.ant-table-row').first())).toBeVisible(),
      );
    }
  });

  it('forms: the list', async () => {
    await page.goto(`${base}/forms`);
    await shootWidths(page, 'forms', () => expect(page.getByText('双十一报名表')).toBeVisible());
  });

  it('inbound triggers: the list, a trigger, a new one', async () => {
    await page.goto(`${base}/inbound`);
    await shootWidths(page, 'inbound', () => expect(page.getByText('CRM 回调')).toBeVisible());
    await page.goto(`${base}/inbound/${triggerId}`);
    await shootWidths(page, 'inbound-trigger', () => expect(page.getByText('CRM 回调').first()).toBeVisible());
    await page.goto(`${base}/inbound/new`);
    await shootWidths(page, 'inbound-new', () => expect(page.locator('form').first()).toBeVisible());
  });

  it('settings: API keys and console users', async () => {
    await page.goto(`${base}/settings`);
    await shootWidths(page, 'settings-keys', () => expect(page.locator('.ant-table').first()).toBeVisible());
    await page.getByRole('tab', { name: /控制台用户|用户/ }).click();
    await expect(page.locator('.ant-table').getByText(USER.email)).toBeVisible();
    await expectAccessible(page, 'settings-users');
  });
});
