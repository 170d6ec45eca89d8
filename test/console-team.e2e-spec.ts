import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { expectAccessible, shootWidths } from './support/a11y';
import { confirm, expect, launchBrowser, pickOption, settled, signIn, type TestBrowser } from './support/browser';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';
import { AuditService } from '../src/audit/audit.service';

const OWNER = { email: 'owner@team.example.com', password: 'team-pass-owner', name: '王总' };
const ADMIN = { email: 'admin@team.example.com', password: 'team-pass-admin', name: '李管理' };
const MARKETER = { email: 'mkt@team.example.com', password: 'team-pass-mkt1', name: '赵营销' };

/**
 * 设置 → 控制台用户 / API 密钥 and 审计日志, in a real browser against the real API: an owner adds a
 * marketer and changes roles (owner controls offered), an admin is not offered owner controls and sees
 * the API's refusals in Chinese, a scoped key with an expiry is created, listed in words and revoked,
 * and the audit screen lists those changes with its filters.
 */
describe('console: team settings and the audit log (real browser)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let owner: TestBrowser;
  let page: Page;
  let base: string;
  let ownerId: number;
  let adminId: number;
  let marketerId: number;
  const api = () => t.http();
  const users = async () => (await api().get('/api/console-users').set(tenant.auth).expect(200)).body.items as { id: number; email: string; role: string }[];
  const userRow = (p: Page, email: string) => p.getByTestId(`user-${email}`);

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '团队商户');
    ownerId = (await api().post('/api/console-users').set(tenant.auth).send(OWNER).expect(201)).body.id;
    adminId = (
      await api()
        .post('/api/console-users')
        .set(tenant.auth)
        .send({ ...ADMIN, role: 'admin' })
        .expect(201)
    ).body.id;
    owner = await launchBrowser('console-team');
    page = owner.page;
    await signIn(page, base, OWNER);
  });

  afterAll(async () => {
    await owner?.close();
    await t?.close();
  });

  it('as owner: adds a marketer with a role, changes a role, and is offered the owner controls', async () => {
    await page.goto(`${base}/settings?tab=users`);
    await expect(userRow(page, OWNER.email)).toContainText('所有者');
    await expect(userRow(page, OWNER.email)).toContainText('当前用户');
    const form = page.getByTestId('add-user-form');
    await form.getByLabel('邮箱').fill(MARKETER.email);
    await form.getByLabel('姓名').fill(MARKETER.name);
    await form.getByLabel('密码').fill(MARKETER.password);
    // The role select explains each role; an owner is offered 所有者 too.
    await form.getByTestId('new-user-role').click();
    await expect(page.locator('.ant-select-dropdown').getByText('只读；客户的手机号、邮箱等联系方式打码显示')).toBeVisible();
    await expect(page.locator('.ant-select-dropdown').getByText('全部权限，包括管理其他所有者、用户和 API 密钥')).toBeVisible();
    await owner.shot('team-role-select');
    await pickOption(page, /营销人员/);
    await form.getByTestId('add-user').click();
    await expect(userRow(page, MARKETER.email)).toContainText('营销人员');
    const marketer = (await users()).find((u) => u.email === MARKETER.email)!;
    expect(marketer.role).toBe('marketer');
    marketerId = marketer.id;

    // Change the marketer to analyst: the modal offers every role with its line.
    await userRow(page, MARKETER.email).getByTestId(`change-role-${marketerId}`).click();
    const modal = await settled(page.locator('.ant-modal', { hasText: `更改 ${MARKETER.email} 的角色` }));
    await expect(modal.getByRole('radio')).toHaveCount(4);
    await modal.getByRole('radio', { name: /^分析员/ }).click();
    await expect(modal.getByRole('radio', { name: /^分析员/ })).toBeChecked();
    await modal.getByRole('button', { name: /保\s?存/ }).click();
    await expect(userRow(page, MARKETER.email)).toContainText('分析员');
    // The dialog is one instance for every row: wait until it has closed (its animation ended) before opening it for the next.
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect((await users()).find((u) => u.id === marketerId)!.role).toBe('analyst');

    // Owner controls: the admin's row can be changed and removed; making an owner is offered.
    await expect(userRow(page, ADMIN.email).getByTestId(`remove-user-${adminId}`)).toBeVisible();
    await userRow(page, ADMIN.email).getByTestId(`change-role-${adminId}`).click();
    const adminModal = await settled(page.locator('.ant-modal', { hasText: `更改 ${ADMIN.email} 的角色` }));
    await expect(adminModal.getByRole('radio', { name: /^所有者/ })).toBeVisible();
    await adminModal.getByRole('button', { name: /取\s?消/ }).click();
    await expect(adminModal).toBeHidden();

    // The only owner stepping down is refused, in Chinese (last_owner).
    await userRow(page, OWNER.email).getByTestId(`change-role-${ownerId}`).click();
    const self = await settled(page.locator('.ant-modal', { hasText: `更改 ${OWNER.email} 的角色` }));
    await expect(self.getByText('这是你自己的账号')).toBeVisible();
    await self.getByRole('radio', { name: /^管理员/ }).click();
    await expect(self.getByRole('radio', { name: /^管理员/ })).toBeChecked();
    await self.getByRole('button', { name: /保\s?存/ }).click();
    await expect(self.getByTestId('role-error')).toContainText('至少需要保留一位所有者');
    await owner.shot('team-last-owner');
    await self.getByRole('button', { name: /取\s?消/ }).click();
    await expect(self).toBeHidden();
    expect((await users()).find((u) => u.id === ownerId)!.role).toBe('owner');
    await shootWidths(page, 'team-users-owner', () => expect(userRow(page, MARKETER.email)).toBeVisible());
  });

  it('as admin: no owner controls, no 所有者 to give; a refusal after a role change is shown in Chinese', async () => {
    const admin = await launchBrowser('console-team');
    try {
      const p = admin.page;
      await signIn(p, base, ADMIN);
      await p.goto(`${base}/settings?tab=users`);
      await expect(userRow(p, ADMIN.email)).toContainText('管理员');
      await expect(userRow(p, MARKETER.email).getByTestId(`change-role-${marketerId}`)).toBeVisible();
      // The owner's row offers nothing to an admin.
      await expect(userRow(p, OWNER.email)).toContainText('所有者');
      await expect(userRow(p, OWNER.email).getByRole('button')).toHaveCount(0);
      await p.getByTestId('add-user-form').getByTestId('new-user-role').click();
      await expect(p.locator('.ant-select-dropdown').getByText('营销人员', { exact: true })).toBeVisible();
      await expect(p.locator('.ant-select-dropdown').getByText('所有者', { exact: true })).toHaveCount(0);
      await p.keyboard.press('Escape');
      await userRow(p, MARKETER.email).getByTestId(`change-role-${marketerId}`).click();
      const modal = await settled(p.locator('.ant-modal', { hasText: `更改 ${MARKETER.email} 的角色` }));
      await expect(modal.getByRole('radio')).toHaveCount(3);
      await modal.getByRole('button', { name: /取\s?消/ }).click();
      await expect(modal).toBeHidden();
      await shootWidths(p, 'team-users-admin', () => expect(userRow(p, MARKETER.email)).toBeVisible());
      // The audit log is in the admin's menu.
      await expect(p.getByRole('menuitem', { name: /审计日志/ })).toBeVisible();

      // The owner makes the admin a marketer while the admin's page is open: the next action is refused, in Chinese.
      await api().patch(`/api/console-users/${adminId}`).set(tenant.auth).send({ role: 'marketer' }).expect(200);
      await userRow(p, MARKETER.email).getByTestId(`remove-user-${marketerId}`).click();
      await confirm(p);
      await expect(p.locator('.ant-message')).toContainText('你的角色没有此权限：修改控制台用户');
      expect((await users()).some((u) => u.id === marketerId)).toBe(true);
      // Signed in again as a marketer: no keys, no users, no audit log offered.
      await p.reload();
      await expect(p.getByRole('tab', { name: /免打扰/ })).toBeVisible();
      await expect(p.getByRole('tab', { name: /API 密钥|控制台用户/ })).toHaveCount(0);
      await expect(p.getByRole('menuitem', { name: /审计日志/ })).toHaveCount(0);
      await p.goto(`${base}/audit`);
      await expect(p.getByText('你的角色不能查看这里的内容。')).toBeVisible();
    } finally {
      await admin.close();
      await api().patch(`/api/console-users/${adminId}`).set(tenant.auth).send({ role: 'admin' }).expect(200);
    }
  });

  it('creates a scoped key with an expiry, lists its scopes in words, marks an expired one, and revokes', async () => {
    await page.goto(`${base}/settings?tab=keys`);
    await page.getByTestId('create-key').click();
    const modal = await settled(page.locator('.ant-modal', { hasText: '权限范围' }));
    // Nothing is ticked: the person creating the key must choose.
    await modal.getByLabel('名称').fill('CRM 客户同步');
    await modal.getByRole('button', { name: /创建密钥/ }).click();
    await expect(modal.getByText('请至少选择一项权限')).toBeVisible();
    await modal.getByTestId('preset-customerSync').click();
    await expect(modal.getByTestId('scope-customers:write')).toBeChecked();
    await expect(modal.getByTestId('scope-customers:read')).toBeChecked();
    await modal.getByTestId('scope-events:write').click();
    const day = dayjs().add(30, 'day').format('YYYY-MM-DD');
    const picker = modal.getByPlaceholder('永不过期');
    await picker.click();
    await picker.fill(day);
    await picker.press('Enter');
    await expect(picker).toHaveValue(day);
    await shootWidths(page, 'team-key-create', () => expect(modal.getByTestId('scope-picker')).toBeVisible());
    await modal.getByRole('button', { name: /创建密钥/ }).click();
    await expect(page.getByTestId('issued-key')).toHaveText(/^\s*hk_\S+\s*$/);
    const key = (await page.getByTestId('issued-key').textContent())!.trim();
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s?闭/ })
      .click();

    // The key holds only what was ticked (the narrowest list), until the end of the picked day.
    const listed = (await api().get('/api/api-keys').set(tenant.auth).expect(200)).body.items as {
      id: number;
      name: string;
      scopes: string[];
      expiresAt: string;
    }[];
    const created = listed.find((k) => k.name === 'CRM 客户同步')!;
    expect(created.scopes).toEqual(['customers:write', 'events:write']);
    // The end of that day where the browser is (Asia/Shanghai).
    expect(Math.abs(new Date(created.expiresAt).getTime() - new Date(`${day}T23:59:59.999+08:00`).getTime())).toBeLessThan(1000);
    const bearer = { Authorization: `Bearer ${key}` };
    await api().post('/api/customers').set(bearer).send({ name: '周同步', mobile: '13800138123' }).expect(201);
    expect((await api().get('/api/webhooks').set(bearer).expect(403)).body).toMatchObject({ code: 'forbidden', params: { permission: 'webhooks:read' } });

    const scopes = page.getByTestId(`scopes-${created.id}`);
    await expect(scopes).toContainText('客户 读写');
    await expect(scopes).toContainText('事件 读写');
    await expect(page.getByTestId('keys-table')).toContainText(day);

    // A key past its expiry is marked 已过期 (it stopped authenticating).
    const soon = (
      await api()
        .post('/api/api-keys')
        .set(tenant.auth)
        .send({ name: '短期报表', scopes: ['overview:read'], expiresAt: new Date(Date.now() + 1500).toISOString() })
        .expect(201)
    ).body as { key: string };
    await until(
      async () => (await api().get('/api/overview').set('Authorization', `Bearer ${soon.key}`)).status,
      (s) => s === 401,
      15_000,
      'the short key to expire',
    );
    await page.reload();
    const shortRow = page.locator('.ant-table-row', { hasText: '短期报表' });
    await expect(shortRow).toContainText('已过期');
    await expect(shortRow).toContainText('概览 读');
    // The tenant's first key, from before scopes: every right.
    await expect(page.getByTestId('keys-table')).toContainText('全部权限');

    // Revoke, confirmed: it stops authenticating.
    await page.getByTestId(`revoke-${created.id}`).click();
    await confirm(page);
    await expect(page.locator('.ant-table-row', { hasText: 'CRM 客户同步' })).toContainText('已吊销');
    await api().get('/api/customers').set(bearer).expect(401);
    await shootWidths(page, 'team-keys', () => expect(page.getByTestId('keys-table')).toBeVisible());
  });

  it('the audit log lists the changes just made, newest first, and its filters narrow it', async () => {
    // One more change first: the owner removes a user, confirmed.
    const temp = (
      await api().post('/api/console-users').set(tenant.auth).send({ email: 'temp@team.example.com', password: 'team-pass-temp', role: 'analyst' }).expect(201)
    ).body as { id: number };
    await page.goto(`${base}/settings?tab=users`);
    await userRow(page, 'temp@team.example.com').getByTestId(`remove-user-${temp.id}`).click();
    await confirm(page);
    await expect(userRow(page, 'temp@team.example.com')).toHaveCount(0);
    expect((await users()).some((u) => u.id === temp.id)).toBe(false);

    await page.goto(`${base}/audit`);
    const table = page.getByTestId('audit-table');
    await expect(table).toContainText('更改角色');
    await expect(table).toContainText('吊销');
    // The role change: by the owner, on the marketer, with its diff.
    const roleRow = page.locator('.ant-table-row', { hasText: '更改角色' }).filter({ hasText: OWNER.email }).first();
    await expect(roleRow).toContainText(`控制台用户 #${marketerId}`);
    await expect(roleRow.getByTestId('audit-diff')).toContainText('marketer → analyst');
    // The removal is the newest, and a removed user has no page to link to.
    const removed = table.locator('.ant-table-row').first();
    await expect(removed).toContainText('删除');
    await expect(removed.getByTestId('audit-object')).toHaveText(`控制台用户 #${temp.id}`);
    await expect(removed.getByRole('link')).toHaveCount(0);
    await shootWidths(page, 'team-audit', () => expect(page.getByTestId('audit-table')).toBeVisible());

    // Who: the admin (a sign-in is theirs).
    await page.getByTestId('filter-actor').click();
    await pickOption(page, ADMIN.email);
    await expect
      .poll(async () => {
        const rows = await table.locator('.ant-table-row').allTextContents();
        return rows.length > 0 && rows.every((r) => r.includes(ADMIN.email));
      })
      .toBe(true);
    await expect(table).toContainText('登录');
    await page.getByRole('button', { name: '清除筛选' }).click();

    // What: API keys, revoked.
    // The lists are long (virtual): typing narrows them, as a person would.
    await page.getByTestId('filter-resource').click();
    await page.keyboard.type('API');
    await pickOption(page, 'API 密钥');
    await page.getByTestId('filter-action').click();
    await page.keyboard.type('吊销');
    await pickOption(page, /^吊销$/);
    await expect(table.locator('.ant-table-row')).toHaveCount(1);
    await expect(table.locator('.ant-table-row')).toContainText('API 密钥 #');
    await expectAccessible(page, 'team-audit-filtered');

    // When: a day long before any of it leaves nothing.
    const start = page.getByPlaceholder('开始日期');
    const end = page.getByPlaceholder('结束日期');
    await start.click();
    await start.fill('2020-01-01 00:00:00');
    await start.press('Enter');
    await end.fill('2020-01-02 00:00:00');
    await end.press('Enter');
    await expect(page.getByText('没有符合条件的记录')).toBeVisible();
  });

  it('pages the log with 加载更多 and shows a diff field by field, secrets as ••••, linking to the webhook', async () => {
    const webhook = (await api().post('/api/webhooks').set(tenant.auth).send({ name: 'CRM 回调', url: 'http://127.0.0.1:9/crm-hook' }).expect(201)).body as {
      id: number;
    };
    // Older entries of another kind, recorded through the audit trail's own writer: more than one page (50).
    const audit = t.app.get(AuditService);
    const system = { type: 'system' as const, id: null, label: null };
    for (let i = 0; i < 55; i++)
      await audit.recordAlone({ tenantId: tenant.id, resource: 'customer', resourceId: 1000 + i, action: 'imported', actor: system, ip: null });
    await audit.recordAlone({
      tenantId: tenant.id,
      resource: 'webhook',
      resourceId: webhook.id,
      action: 'updated',
      actor: { type: 'user', id: ownerId, label: OWNER.email },
      ip: '203.0.113.9',
      before: { name: 'CRM 回调', secret: 'old-secret-value', rateLimitPerMinute: 20 },
      after: { name: 'CRM 回调（新）', secret: 'new-secret-value', rateLimitPerMinute: 60 },
    });

    await page.goto(`${base}/audit?resource=webhook`);
    const table = page.getByTestId('audit-table');
    const row = table.locator('.ant-table-row', { hasText: '203.0.113.9' });
    const diff = row.getByTestId('audit-diff');
    await expect(diff).toContainText('rateLimitPerMinute 20 → 60');
    await expect(diff).toContainText('name CRM 回调 → CRM 回调（新）');
    await expect(diff).toContainText('••••');
    await expect(diff).not.toContainText('secret-value');
    await expect(row).toContainText(OWNER.email);
    await expect(row).toContainText('修改');
    await shootWidths(page, 'team-audit-diff', () => expect(row.getByTestId('audit-diff')).toBeVisible());
    // The webhook's creation lists many fields: folded after six, unfolded on request.
    const created = table.locator('.ant-table-row', { hasText: '创建' });
    const lines = created.getByTestId('audit-diff').locator(':scope > div');
    await expect(lines).toHaveCount(6);
    await created.getByTestId('diff-more').click();
    await expect(created.getByTestId('diff-more')).toHaveText('收起');
    await expect.poll(() => lines.count()).toBeGreaterThan(6);
    await row.getByRole('link', { name: `Webhook #${webhook.id}` }).click();
    await page.waitForURL(new RegExp(`/webhooks/${webhook.id}$`));

    // All of it: a first page of 50, then 加载更多 for the rest, newest first.
    await page.goto(`${base}/audit`);
    await expect(table.locator('.ant-table-row')).toHaveCount(50);
    await expect(table.locator('.ant-table-row').first()).toContainText('Webhook #');
    await page.getByTestId('load-more').click();
    await expect(table.locator('.ant-table-row').nth(55)).toBeVisible();
    const all = (await api().get('/api/audit-log').query({ limit: 200 }).set(tenant.auth).expect(200)).body.items as unknown[];
    await expect(table.locator('.ant-table-row')).toHaveCount(all.length);
    await expect(table.locator('.ant-table-row').last()).toContainText('系统');
  });
});
