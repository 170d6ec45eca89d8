import type { Page } from 'playwright-core';
import { shootWidths } from './support/a11y';
import { chooseTestSend, expect, launchBrowser, pickOption, searchAndPick, settled, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

const OWNER = { email: 'owner@roles.example.com', password: 'console-pass-owner', name: '王老板' };
const MARKETER = { email: 'marketer@roles.example.com', password: 'console-pass-mkt', name: '小李', role: 'marketer' };
const ANALYST = { email: 'analyst@roles.example.com', password: 'console-pass-ana', name: '小陈', role: 'analyst' };
const LATE = { email: 'late@roles.example.com', password: 'console-pass-late', name: '小赵', role: 'marketer' };
/** Screenshots at both widths; axe at 1280 px only (console-a11y and the screens' own suites scan both widths; this keeps CI short). */
const AXE_WIDTHS = [1280];

/** antd puts a space between a button's two Chinese characters (删 除), and an icon adds its name (plus 新建): a name matches either way. */
const label = (text: string) => new RegExp(`^(?:[a-z-]+ )?\\s*${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?')}\\s*$`);
const button = (page: Page, text: string) => page.getByRole('button', { name: label(text) });
/** A whole day `days` from now, 10:00 in the browser's zone (Asia/Shanghai), as the date-time picker takes it typed. */
const dayjsIn = (days: number) => `${new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)} 10:00:00`;

/**
 * The console as a marketer and as an analyst see it (issue 24): a tenant with real data, each role
 * signed in through the sign-in page, every screen visited. What the role may not do is not offered
 * (checked by web-first assertions), what it may is; each screen is shot at 1280 and 375 px into
 * test/artifacts/console/roles-<role>-<screen>-<width>.png and scanned by axe (nothing serious).
 */
describe('console: what a marketer and an analyst are offered (real browser)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let receiver: Receiver;
  let base: string;
  const ids = { webhook: 0, group: 0, broadcast: 0, journey: 0, form: 0, trigger: 0, customer: 0, late: 0 };
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '角色商户');
    receiver = await Receiver.start();
    // The first user of a tenant is its owner.
    await api().post('/api/console-users').set(tenant.auth).send(OWNER).expect(201);
    for (const u of [MARKETER, ANALYST]) await api().post('/api/console-users').set(tenant.auth).send(u).expect(201);
    ids.late = (await api().post('/api/console-users').set(tenant.auth).send(LATE).expect(201)).body.id;

    const people = [];
    for (const [name, mobile, email] of [
      ['张伟', '13800138001', 'zhangwei@example.com'],
      ['李娜', '13800138002', 'lina@example.com'],
      ['王芳', '13800138003', 'wangfang@example.com'],
    ])
      people.push((await api().post('/api/customers').set(tenant.auth).send({ name, mobile, email }).expect(201)).body);
    ids.customer = people[0].id;
    ids.group = (await api().post('/api/groups').set(tenant.auth).send({ name: '高活跃会员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${ids.group}/members`)
      .set(tenant.auth)
      .send({ customerIds: people.map((c) => c.id) })
      .expect(200);
    ids.webhook = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: '双十二促销', url: receiver.url('/promo'), secret: 'promo-secret-0123456789', bodyTemplate: { text: '{{ customer.name }} 你好' } })
        .expect(201)
    ).body.id;
    ids.broadcast = (
      await api()
        .post('/api/broadcasts')
        .set(tenant.auth)
        .send({ webhookId: ids.webhook, groupId: ids.group, name: '双十二预热', scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString() })
        .expect(201)
    ).body.id;
    ids.journey = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({ name: '订单回调流程', trigger: { type: 'inbound' }, start: 'done', nodes: [{ id: 'done', type: 'end' }] })
        .expect(201)
    ).body.id;
    ids.form = (
      await api()
        .post('/api/forms')
        .set(tenant.auth)
        .send({ name: '双十一报名表', title: '双十一报名', fields: [{ name: 'mobile', label: '手机号', type: 'tel', maps: 'mobile', required: true }] })
        .expect(201)
    ).body.id;
    ids.trigger = (
      await api()
        .post('/api/inbound-triggers')
        .set(tenant.auth)
        .send({ name: 'CRM 回调', methods: ['POST'] })
        .expect(201)
    ).body.id;
    await api().post('/api/loyalty/levels').set(tenant.auth).send({ name: '银卡', rank: 1 }).expect(201);
    for (const c of people.slice(0, 2)) await api().post('/api/loyalty/memberships').set(tenant.auth).send({ customerId: c.id }).expect(201);
    await api()
      .post('/api/loyalty/coupons')
      .set(tenant.auth)
      .send({ name: '满100减20', startDate: new Date(Date.now() - 60_000).toISOString(), endDate: new Date(Date.now() + 86_400_000).toISOString(), stock: 10 })
      .expect(201);
  });

  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  describe('as a marketer (营销人员)', () => {
    let b: TestBrowser;
    let page: Page;
    const shoot = (screen: string, settle: () => Promise<void>) => shootWidths(page, `roles-marketer-${screen}`, settle, AXE_WIDTHS);

    beforeAll(async () => {
      b = await launchBrowser('console-roles');
      page = b.page;
      await signIn(page, base, MARKETER);
    });
    afterAll(() => b?.close());

    it('the header names them and their role; the menu has every section they can read', async () => {
      await expect(page.getByTestId('my-role')).toHaveText('营销人员');
      await expect(page.getByText(MARKETER.name)).toBeVisible();
      const menu = page.locator('.ant-layout-sider');
      for (const section of ['概览', 'Webhook', '发送列表', '发送记录', '客户', '群组', '会员', '自动流程', '表单', '入站触发器', '设置'])
        await expect(menu.getByRole('menuitem', { name: new RegExp(`(^|\\s)${section}$`) })).toBeVisible();
      await expect(menu.getByText(/审计/)).toHaveCount(0);
      await shoot('overview', () => expect(page.getByRole('heading', { name: '概览' })).toBeVisible());
    });

    it('webhooks: read-only, but 发送消息 (群发 and 测试发送) stays — and a test send goes out', async () => {
      await page.goto(`${base}/webhooks`);
      await expect(page.getByRole('link', { name: '双十二促销' })).toBeVisible();
      await expect(page.getByTestId(`send-${ids.webhook}`)).toBeVisible();
      await expect(button(page, '新建 Webhook')).toHaveCount(0);
      await expect(button(page, '删除')).toHaveCount(0);
      await expect(page.getByRole('switch')).toBeDisabled();
      await shoot('webhooks', () => expect(page.getByRole('link', { name: '双十二促销' })).toBeVisible());

      await page.goto(`${base}/webhooks/${ids.webhook}`);
      await expect(page.getByTestId('read-only')).toContainText('营销人员');
      await expect(page.getByTestId('save-webhook')).toHaveCount(0);
      await expect(button(page, '轮换秘钥')).toHaveCount(0);
      await expect(page.locator('input#name')).toBeDisabled();
      await shoot('webhook', () => expect(page.getByTestId('send-webhook')).toBeVisible());
      await page.getByTestId('send-webhook').click();
      const modal = page.locator('.ant-modal');
      await expect(modal.getByText('群发', { exact: true })).toBeVisible();
      const search = await chooseTestSend(modal);
      await searchAndPick(page, search, '张伟', /张伟/);
      await modal.getByTestId('submit-test-send').click();
      await expect(modal.getByTestId('test-result')).toBeVisible();
      await expect.poll(() => receiver.requests.filter((r) => r.path === '/promo').length).toBeGreaterThan(0);
    });

    it('sends: 新建群发 starts one; a scheduled send can be cancelled and rescheduled', async () => {
      await page.goto(`${base}/sends`);
      await shoot('sends', () => expect(page.getByText('双十二预热')).toBeVisible());
      await page.getByTestId('new-broadcast').click();
      await page.getByTestId('new-broadcast-webhook').click();
      await pickOption(page, '双十二促销');
      const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('group-select') });
      await modal.getByTestId('group-select').click();
      await pickOption(page, '高活跃会员');
      await expect(modal.getByTestId('member-count')).toContainText('3');
      await modal.getByTestId('send-name').fill('营销人员的群发');
      await modal.getByText('定时发送').click();
      const input = modal.locator('.ant-picker input');
      await input.click();
      await input.fill(dayjsIn(3));
      await input.press('Enter');
      await expect(input).toHaveValue(dayjsIn(3));
      await modal.getByTestId('submit-group-send').click();
      await expect(page.getByTestId('broadcast-name')).toHaveText('营销人员的群发');
      await expect(page.getByTestId('broadcast-status')).toContainText('已排期');
      await page.goto(`${base}/sends/${ids.broadcast}`);
      await expect(button(page, '取消发送')).toBeVisible();
      await expect(page.getByText('修改发送时间')).toBeVisible();
      await shoot('send', () => expect(page.getByTestId('broadcast-name')).toBeVisible());
      await page.goto(`${base}/deliveries`);
      await shoot('deliveries', () => expect(page.getByRole('heading', { name: '发送记录' })).toBeVisible());
    });

    it('customers: create, import, edit, unsubscribe, delete — contact fields in full', async () => {
      await page.goto(`${base}/customers`);
      await expect(page.getByTestId('customer-new')).toBeVisible();
      await expect(button(page, '导入客户')).toBeVisible();
      await expect(page.getByText('13800138001')).toBeVisible();
      await expect(page.getByPlaceholder('姓名、微信昵称或手机号')).toBeVisible();
      await expect(page.getByTestId('masked')).toHaveCount(0);
      await shoot('customers', () => expect(page.getByText('张伟')).toBeVisible());
      await page.goto(`${base}/customers/${ids.customer}`);
      await expect(page.getByTestId('customer-edit')).toBeVisible();
      await expect(page.getByTestId('customer-delete')).toBeVisible();
      await expect(page.getByTestId('customer-subscription')).toBeVisible();
      await shoot('customer', () => expect(page.getByTestId('customer-title')).toHaveText('张伟'));
    });

    it('groups: create, add members, delete', async () => {
      await page.goto(`${base}/groups`);
      await expect(button(page, '新建群组')).toBeVisible();
      await shoot('groups', () => expect(page.getByText('高活跃会员')).toBeVisible());
      await page.goto(`${base}/groups/${ids.group}`);
      await expect(page.getByText('添加成员')).toBeVisible();
      await expect(button(page, '删除')).toBeVisible();
      await shoot('group', () => expect(page.getByText('李娜')).toBeVisible());
    });

    it('loyalty: levels, enrolling and coupons', async () => {
      await page.goto(`${base}/loyalty?tab=memberships`);
      await expect(button(page, '加入会员')).toBeVisible();
      await expect(page.getByRole('combobox', { name: /等级 · 张伟/ })).toBeVisible();
      await shoot('loyalty', () => expect(page.getByText('张伟')).toBeVisible());
      await page.goto(`${base}/loyalty?tab=levels`);
      await expect(button(page, '添加等级')).toBeVisible();
      await page.goto(`${base}/loyalty?tab=coupons`);
      await expect(button(page, '新建优惠券')).toBeVisible();
    });

    it('journeys: create, edit, activate', async () => {
      await page.goto(`${base}/journeys`);
      await expect(button(page, '新建自动流程')).toBeVisible();
      await shoot('journeys', () => expect(page.getByText('订单回调流程')).toBeVisible());
      await page.goto(`${base}/journeys/${ids.journey}`);
      await expect(page.getByTestId('save-journey')).toBeVisible();
      await expect(page.getByTestId('journey-activate')).toBeVisible();
      await expect(page.getByTestId('read-only')).toHaveCount(0);
      await shoot('journey', () => expect(page.locator('.react-flow__node').first()).toBeVisible());
    });

    it('forms: create and edit; inbound triggers: read-only', async () => {
      await page.goto(`${base}/forms`);
      await expect(button(page, '新建表单')).toBeVisible();
      await shoot('forms', () => expect(page.getByText('双十一报名表')).toBeVisible());
      await page.goto(`${base}/forms/${ids.form}`);
      await expect(page.getByTestId('save-form')).toBeVisible();
      await expect(page.getByTestId('form-name')).toBeEnabled();
      await shoot('form', () => expect(page.getByTestId('form-name')).toBeVisible());

      await page.goto(`${base}/inbound`);
      await expect(page.getByText('CRM 回调')).toBeVisible();
      await expect(button(page, '新建入站触发器')).toHaveCount(0);
      await shoot('inbound', () => expect(page.getByText('CRM 回调')).toBeVisible());
      await page.goto(`${base}/inbound/${ids.trigger}`);
      await expect(page.getByTestId('read-only')).toContainText('营销人员');
      await expect(page.getByTestId('save-inbound')).toHaveCount(0);
      await expect(button(page, '更换地址')).toHaveCount(0);
      await expect(button(page, '删除')).toHaveCount(0);
      await shoot('inbound-trigger', () => expect(page.getByTestId('inbound-url')).toBeVisible());
    });

    it('settings: quiet hours and frequency caps can be changed', async () => {
      await page.goto(`${base}/settings`);
      await page.getByRole('tab', { name: '免打扰时段' }).click();
      await expect(page.getByTestId('save-quiet-hours')).toBeVisible();
      await expect(page.getByRole('tabpanel', { name: '免打扰时段' }).getByTestId('read-only')).toHaveCount(0);
      await shoot('settings-quiet', () => expect(page.getByTestId('quiet-hours-form')).toBeVisible());
      await page.getByRole('tab', { name: '频次上限' }).click();
      await expect(page.getByTestId('tenant-cap-save')).toBeVisible();
    });
  });

  describe('as an analyst (分析员)', () => {
    let b: TestBrowser;
    let page: Page;
    const shoot = (screen: string, settle: () => Promise<void>) => shootWidths(page, `roles-analyst-${screen}`, settle, AXE_WIDTHS);

    beforeAll(async () => {
      b = await launchBrowser('console-roles');
      page = b.page;
      await signIn(page, base, ANALYST);
    });
    afterAll(() => b?.close());

    it('the header names them and their role; the menu has every section they can read', async () => {
      await expect(page.getByTestId('my-role')).toHaveText('分析员');
      const menu = page.locator('.ant-layout-sider');
      for (const section of ['概览', 'Webhook', '发送列表', '发送记录', '客户', '群组', '会员', '自动流程', '表单', '入站触发器', '设置'])
        await expect(menu.getByRole('menuitem', { name: new RegExp(`(^|\\s)${section}$`) })).toBeVisible();
      await expect(menu.getByText(/审计/)).toHaveCount(0);
      await shoot('overview', () => expect(page.getByRole('heading', { name: '概览' })).toBeVisible());
    });

    it('webhooks: nothing to create, change, delete or send', async () => {
      await page.goto(`${base}/webhooks`);
      await expect(page.getByRole('link', { name: '双十二促销' })).toBeVisible();
      await expect(page.getByTestId(`send-${ids.webhook}`)).toHaveCount(0);
      await expect(button(page, '新建 Webhook')).toHaveCount(0);
      await expect(button(page, '删除')).toHaveCount(0);
      await expect(page.getByRole('switch')).toBeDisabled();
      await shoot('webhooks', () => expect(page.getByRole('link', { name: '双十二促销' })).toBeVisible());
      await page.goto(`${base}/webhooks/${ids.webhook}`);
      await expect(page.getByTestId('read-only')).toContainText('你的角色（分析员）可以查看，不能修改');
      await expect(page.getByTestId('save-webhook')).toHaveCount(0);
      await expect(page.getByTestId('send-webhook')).toHaveCount(0);
      await expect(button(page, '轮换秘钥')).toHaveCount(0);
      await expect(page.locator('input#name')).toBeDisabled();
      await shoot('webhook', () => expect(page.getByTestId('read-only')).toBeVisible());
    });

    it('sends: no new send, no cancel, no reschedule, no rename', async () => {
      await page.goto(`${base}/sends`);
      await expect(page.getByText('双十二预热')).toBeVisible();
      await expect(page.getByTestId('new-broadcast')).toHaveCount(0);
      await shoot('sends', () => expect(page.getByText('双十二预热')).toBeVisible());
      await page.goto(`${base}/sends/${ids.broadcast}`);
      await expect(page.getByTestId('broadcast-name')).toHaveText('双十二预热');
      await expect(button(page, '取消发送')).toHaveCount(0);
      await expect(page.getByText('修改发送时间')).toHaveCount(0);
      await expect(page.getByTestId('broadcast-name').getByRole('button')).toHaveCount(0);
      await shoot('send', () => expect(page.getByTestId('scheduled-card')).toBeVisible());
      await page.goto(`${base}/deliveries`);
      await shoot('deliveries', () => expect(page.getByRole('heading', { name: '发送记录' })).toBeVisible());
    });

    it('customers: read-only; contact fields shown as the server sends them to an analyst, a masked one marked 已隐藏', async () => {
      // What the server answers this analyst (their own session): the page must show exactly that.
      const login = await api().post('/api/auth/login').send({ email: ANALYST.email, password: ANALYST.password }).expect(200);
      const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
      const seen = (await api().get(`/api/customers/${ids.customer}`).set('Cookie', cookie).expect(200)).body as { mobile: string; email: string };
      const masked = [seen.mobile, seen.email].filter((v) => /[*•]/.test(v)).length;
      await page.goto(`${base}/customers`);
      await expect(page.getByText('张伟')).toBeVisible();
      await expect(page.getByTestId('customer-new')).toHaveCount(0);
      await expect(button(page, '导入客户')).toHaveCount(0);
      // Their search matches names only (mobile digits would reveal a masked number), and its hint says so.
      await expect(page.getByPlaceholder('姓名或微信昵称', { exact: true })).toBeVisible();
      const row = page.locator('.ant-table-row').filter({ hasText: '张伟' });
      await expect(row).toContainText(seen.mobile);
      await expect(row).toContainText(seen.email);
      await expect(row.getByTestId('masked')).toHaveCount(masked);
      await shoot('customers', () => expect(page.getByText('张伟')).toBeVisible());
      await page.goto(`${base}/customers/${ids.customer}`);
      await expect(page.getByTestId('customer-title')).toHaveText('张伟');
      await expect(page.getByTestId('customer-edit')).toHaveCount(0);
      await expect(page.getByTestId('customer-delete')).toHaveCount(0);
      await expect(page.getByTestId('customer-subscription')).toHaveCount(0);
      await expect(page.getByTestId('customer-profile')).toContainText(seen.mobile);
      await expect(page.getByTestId('customer-profile').getByTestId('masked')).toHaveCount(masked);
      await shoot('customer', () => expect(page.getByTestId('customer-title')).toHaveText('张伟'));
    });

    it('groups: no create, no members added or removed, no delete', async () => {
      await page.goto(`${base}/groups`);
      await expect(page.getByText('高活跃会员')).toBeVisible();
      await expect(button(page, '新建群组')).toHaveCount(0);
      await shoot('groups', () => expect(page.getByText('高活跃会员')).toBeVisible());
      await page.goto(`${base}/groups/${ids.group}`);
      await expect(page.getByText('李娜')).toBeVisible();
      await expect(page.getByText('添加成员')).toHaveCount(0);
      await expect(button(page, '删除')).toHaveCount(0);
      await expect(button(page, '移除')).toHaveCount(0);
      await shoot('group', () => expect(page.getByText('李娜')).toBeVisible());
    });

    it('loyalty: levels shown as text, nothing to enrol, add or dispatch', async () => {
      await page.goto(`${base}/loyalty?tab=memberships`);
      await expect(page.getByText('张伟')).toBeVisible();
      await expect(button(page, '加入会员')).toHaveCount(0);
      await expect(page.getByRole('combobox', { name: /等级 · / })).toHaveCount(0);
      await shoot('loyalty', () => expect(page.getByText('张伟')).toBeVisible());
      await page.goto(`${base}/loyalty?tab=levels`);
      await expect(page.getByText('银卡').first()).toBeVisible();
      await expect(button(page, '添加等级')).toHaveCount(0);
      await page.goto(`${base}/loyalty?tab=coupons`);
      await expect(page.getByText('满100减20')).toBeVisible();
      await expect(button(page, '新建优惠券')).toHaveCount(0);
    });

    it('journeys: the canvas to look at, nothing to save, test or activate', async () => {
      await page.goto(`${base}/journeys`);
      await expect(page.getByText('订单回调流程')).toBeVisible();
      await expect(button(page, '新建自动流程')).toHaveCount(0);
      await shoot('journeys', () => expect(page.getByText('订单回调流程')).toBeVisible());
      await page.goto(`${base}/journeys/${ids.journey}`);
      await expect(page.getByTestId('read-only')).toBeVisible();
      await expect(page.getByTestId('save-journey')).toHaveCount(0);
      await expect(page.getByTestId('journey-activate')).toHaveCount(0);
      await expect(page.getByTestId('test-run-button')).toHaveCount(0);
      await expect(button(page, '删除')).toHaveCount(0);
      await shoot('journey', () => expect(page.locator('.react-flow__node').first()).toBeVisible());
    });

    it('forms and inbound triggers: read-only', async () => {
      await page.goto(`${base}/forms`);
      await expect(page.getByText('双十一报名表')).toBeVisible();
      await expect(button(page, '新建表单')).toHaveCount(0);
      await expect(button(page, '删除')).toHaveCount(0);
      await shoot('forms', () => expect(page.getByText('双十一报名表')).toBeVisible());
      await page.goto(`${base}/forms/${ids.form}`);
      await expect(page.getByTestId('read-only')).toBeVisible();
      await expect(page.getByTestId('save-form')).toHaveCount(0);
      await expect(page.getByTestId('form-name')).toBeDisabled();
      await expect(button(page, '更换链接')).toHaveCount(0);
      await shoot('form', () => expect(page.getByTestId('form-name')).toBeVisible());
      await page.goto(`${base}/inbound`);
      await expect(button(page, '新建入站触发器')).toHaveCount(0);
      await shoot('inbound', () => expect(page.getByText('CRM 回调')).toBeVisible());
      await page.goto(`${base}/inbound/${ids.trigger}`);
      await expect(page.getByTestId('save-inbound')).toHaveCount(0);
      await expect(button(page, '更换地址')).toHaveCount(0);
      await shoot('inbound-trigger', () => expect(page.getByTestId('inbound-url')).toBeVisible());
    });

    it('settings: quiet hours and frequency caps shown, not changeable, and said so', async () => {
      await page.goto(`${base}/settings`);
      await page.getByRole('tab', { name: '免打扰时段' }).click();
      const quiet = page.getByRole('tabpanel', { name: '免打扰时段' });
      await expect(quiet.getByTestId('quiet-hours-form')).toBeVisible();
      await expect(quiet.getByTestId('read-only')).toHaveText('只读：你的角色（分析员）可以查看，不能修改');
      await expect(quiet.getByTestId('save-quiet-hours')).toHaveCount(0);
      await expect(quiet.getByTestId('quiet-hours-form').getByRole('switch')).toBeDisabled();
      await shoot('settings-quiet', () => expect(page.getByTestId('quiet-hours-form')).toBeVisible());
      await page.getByRole('tab', { name: '频次上限' }).click();
      const caps = page.getByRole('tabpanel', { name: '频次上限' });
      await expect(caps.getByTestId('read-only')).toHaveText('只读：你的角色（分析员）可以查看，不能修改');
      await expect(caps.getByRole('switch')).toBeDisabled();
      await expect(caps.getByTestId('tenant-cap-save')).toHaveCount(0);
      await shoot('settings-caps', () => expect(caps.getByRole('switch')).toBeVisible());
    });
  });

  describe('an owner, and a page left open across a role change', () => {
    it('an owner is offered everything', async () => {
      const b = await launchBrowser('console-roles');
      try {
        await signIn(b.page, base, OWNER);
        await expect(b.page.getByTestId('my-role')).toHaveText('所有者');
        await b.page.goto(`${base}/webhooks`);
        await expect(button(b.page, '新建 Webhook')).toBeVisible();
        await expect(button(b.page, '删除')).toBeVisible();
        await b.page.goto(`${base}/inbound/${ids.trigger}`);
        await expect(b.page.getByTestId('save-inbound')).toBeVisible();
        await expect(b.page.getByTestId('read-only')).toHaveCount(0);
      } finally {
        await b.close();
      }
    });

    it('a marketer made analyst meanwhile: the refusal is said in Chinese and the page stops offering the action', async () => {
      const b = await launchBrowser('console-roles');
      try {
        const page = b.page;
        await signIn(page, base, LATE);
        await page.goto(`${base}/groups`);
        await expect(button(page, '新建群组')).toBeVisible();
        await api().patch(`/api/console-users/${ids.late}`).set(tenant.auth).send({ role: 'analyst' }).expect(200);
        await button(page, '新建群组').click();
        const modal = await settled(page.locator('.ant-modal'));
        await modal.locator('input#name').fill('迟到的群组');
        await modal.getByRole('button', { name: label('确定') }).click();
        await expect(page.getByText('你的角色没有此权限：修改群组')).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('my-role')).toHaveText('分析员');
        await expect(button(page, '新建群组')).toHaveCount(0);
        const groups = (await api().get('/api/groups').set(tenant.auth).expect(200)).body.items as { name: string }[];
        expect(groups.map((g) => g.name)).not.toContain('迟到的群组');
      } finally {
        await b.close();
      }
    });
  });
});
