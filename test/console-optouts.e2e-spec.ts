import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { shootWidths } from './support/a11y';
import { confirm, expect, launchBrowser, openAdvanced, pickOption, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const USER = { email: 'optouts@example.com', password: 'console-pass-7' };

describe('console: opt-outs (退订, real browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let receiver: Receiver;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let people: { id: number; name: string }[];
  let group: number;
  let promo: number;

  const api = () => t.http();
  const customer = async (id: number) => (await api().get(`/api/customers/${id}`).set(tenant.auth).expect(200)).body;
  const byName = (name: string) => people.find((p) => p.name === name)!;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '退订商户');
    receiver = await Receiver.start();
    await api()
      .post('/api/console-users')
      .set(tenant.auth)
      .send({ ...USER, name: '小刘' })
      .expect(201);
    await api()
      .post('/api/customers/import')
      .set(tenant.auth)
      .send([
        { name: '张伟', mobile: '13800138011' },
        { name: '李娜', mobile: '13800138012' },
        { name: '王芳', mobile: '13800138013' },
      ])
      .expect(200);
    people = (await api().get('/api/customers').set(tenant.auth).expect(200)).body.items;
    group = (await api().post('/api/groups').set(tenant.auth).send({ name: '会员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(tenant.auth)
      .send({ customerIds: people.map((p) => p.id) })
      .expect(200);
    promo = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: '双十二促销', url: receiver.url('/promo'), bodyTemplate: { text: '{{ customer.name }}，退订点 {{ unsubscribe_url }}' } })
        .expect(201)
    ).body.id;
    b = await launchBrowser('console-optouts');
    page = b.page;
    await signIn(page, base, USER);
  });
  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  it('unsubscribes a customer from their page (confirmed first), shows when and how, and resubscribes them', async () => {
    const li = byName('李娜');
    await page.goto(`${base}/customers/${li.id}`);
    await expect(page.getByTestId('customer-title')).toHaveText('李娜');
    await expect(page.getByTestId('customer-profile')).toContainText('正常接收');
    await page.getByTestId('customer-subscription').click();
    await expect(page.getByText('确定为 李娜 退订营销消息？')).toBeVisible();
    await confirm(page);
    await expect(page.getByTestId('customer-profile').getByTestId('customer-unsubscribed')).toContainText('在控制台操作');
    await expect(page.getByTestId('customer-subscription')).toContainText('恢复订阅');
    expect(await customer(li.id)).toMatchObject({ unsubscribedVia: 'console' });
    await page.mouse.move(0, 0);
    await shootWidths(page, 'customer-unsubscribed', () => expect(page.getByTestId('customer-profile').getByTestId('customer-unsubscribed')).toBeVisible());

    await page.getByTestId('customer-subscription').click();
    await confirm(page);
    await expect(page.getByTestId('customer-profile')).toContainText('正常接收');
    expect((await customer(li.id)).unsubscribedAt).toBeNull();
    // Unsubscribed again, for the list and the mass send below.
    await page.getByTestId('customer-subscription').click();
    await confirm(page);
    await expect(page.getByTestId('customer-subscription')).toContainText('恢复订阅');
  });

  it('tags unsubscribed customers in the list and filters by 订阅状态', async () => {
    await page.goto(`${base}/customers`);
    const table = page.locator('.ant-table');
    await expect(table.getByRole('link', { name: '王芳' })).toBeVisible();
    await expect(table.getByTestId('customer-unsubscribed')).toHaveCount(1);
    await page.getByTestId('customer-subscribed-filter').click();
    await pickOption(page, '已退订');
    await expect(table.getByRole('link', { name: '王芳' })).toBeHidden();
    await expect(table.getByRole('link', { name: '李娜' })).toBeVisible();
    await shootWidths(page, 'customers-unsubscribed-filter', () => expect(table.getByRole('link', { name: '李娜' })).toBeVisible());
  });

  it('the one-click link: a confirm page in Chinese (English on request), then the done page', async () => {
    const zhang = byName('张伟');
    const preview = await api().post(`/api/webhooks/${promo}/preview`).set(tenant.auth).send({ customerId: zhang.id }).expect(200);
    const url = /\/u\/[A-Za-z0-9_-]{32}/.exec(preview.body.body.text as string)![0];
    await page.goto(`${base}${url}?lang=en`);
    await expect(page.getByRole('button', { name: 'Unsubscribe' })).toBeVisible();
    await shootWidths(page, 'unsubscribe-page-en', () => expect(page.getByRole('button', { name: 'Unsubscribe' })).toBeVisible());
    await page.goto(`${base}${url}`);
    await expect(page.getByRole('heading', { name: '退订营销消息' })).toBeVisible();
    await shootWidths(page, 'unsubscribe-page-zh', () => expect(page.getByRole('button', { name: '确认退订' })).toBeVisible());
    expect((await customer(zhang.id)).unsubscribedAt).toBeNull();
    await page.getByRole('button', { name: '确认退订' }).click();
    await expect(page.getByRole('heading', { name: '已退订' })).toBeVisible();
    await shootWidths(page, 'unsubscribe-done', () => expect(page.getByText('你已成功退订')).toBeVisible());
    expect(await customer(zhang.id)).toMatchObject({ unsubscribedVia: 'link' });
    await page.goto(`${base}/u/${'x'.repeat(32)}`);
    await expect(page.getByRole('heading', { name: '链接无效' })).toBeVisible();
  });

  it('a skipped message reads 已跳过 · 客户已退订 on its page', async () => {
    const send = await api().post('/api/broadcasts').set(tenant.auth).send({ webhookId: promo, groupId: group, name: '双十二' }).expect(201);
    const skipped = await until(
      async () => (await api().get(`/api/broadcasts/${send.body.id}/deliveries`).query({ status: 'skipped' }).set(tenant.auth).expect(200)).body.items,
      (items: { id: string }[]) => items.length === 2,
      20_000,
      'two skipped messages',
    );
    await receiver.waitFor('/promo', 1);
    await page.goto(`${base}/deliveries/${skipped[0].id}`);
    await expect(page.getByTestId('delivery-status')).toContainText('已跳过 · 客户已退订');
    await shootWidths(page, 'delivery-skipped-unsubscribed', () => expect(page.getByTestId('delivery-status')).toBeVisible());
  });

  it("a journey run's step log reads 已跳过 · 客户已退订 for the skipped webhook step, and the run goes on", async () => {
    const joined = (await api().post('/api/groups').set(tenant.auth).send({ name: '旅程成员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${joined}/members`)
      .set(tenant.auth)
      .send({ customerIds: [byName('李娜').id] })
      .expect(200);
    const flow = await api()
      .post('/api/journeys')
      .set(tenant.auth)
      .send({
        name: '新客关怀',
        reentry: 'once',
        trigger: { type: 'group_entry', groupId: joined },
        start: 'promo',
        nodes: [
          { id: 'promo', type: 'webhook', label: '发优惠券推送', webhookId: promo, next: 'end' },
          { id: 'end', type: 'end' },
        ],
      })
      .expect(201);
    await api().post(`/api/journeys/${flow.body.id}/activate`).set(tenant.auth).expect(200);
    const [run] = await until(
      async () => (await api().get(`/api/journeys/${flow.body.id}/runs`).set(tenant.auth).expect(200)).body.items,
      (runs: { id: string; status: string }[]) => runs.length === 1 && runs[0].status === 'completed',
      20_000,
      'the run to complete',
    );
    await page.goto(`${base}/journey-runs/${run.id}`);
    await expect(page.getByTestId('step-promo').getByTestId('step-outcome')).toHaveText('已跳过 · 客户已退订');
    await expect(page.getByTestId('step-response-promo').getByTestId('step-no-response')).toHaveText('消息没有发送（已跳过），流程继续往下走。');
    await shootWidths(page, 'run-step-skipped', () => expect(page.getByTestId('step-promo')).toBeVisible());
  });

  it('the webhook editor has the 事务类消息 switch under 高级设置', async () => {
    await page.goto(`${base}/webhooks/${promo}`);
    await expect(page.locator('#name')).toHaveValue('双十二促销');
    await openAdvanced(page);
    await expect(page.getByText('不受免打扰时段、频次上限和退订限制')).toBeVisible();
    await page.getByRole('switch', { name: '事务类消息' }).click();
    await expect(page.getByRole('switch', { name: '事务类消息' })).toBeChecked();
    await page.mouse.move(0, 0);
    await shootWidths(page, 'webhook-transactional', () => expect(page.getByRole('switch', { name: '事务类消息' })).toBeVisible());
    await page.getByTestId('save-webhook').click();
    await page.getByText('已保存').first().waitFor();
    await expect.poll(async () => (await api().get(`/api/webhooks/${promo}`).set(tenant.auth).expect(200)).body.transactional).toBe(true);
  });
});
