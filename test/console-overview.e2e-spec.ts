import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { shootWidths } from './support/a11y';
import { expect, launchBrowser, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const USER = { email: 'overview@example.com', password: 'console-pass-3' };

interface Overview {
  totals: { created: number; delivered: number; failed: number; successRate: number };
  webhooks: { webhookId: number; name: string; created: number }[];
  latestFailures: { id: string }[];
  attention: { kind: string; webhookId: number }[];
}

describe('console: 概览 (overview) is the home page (real browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let receiver: Receiver;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '概览商户');
    receiver = await Receiver.start();
    receiver.on('/crm', () => ({ status: 200, body: '{"ok":true}' }));
    receiver.on('/sms', () => ({ status: 502, body: 'gateway down' }));
    await api()
      .post('/api/console-users')
      .set(tenant.auth)
      .send({ ...USER, name: '小王' })
      .expect(201);
    b = await launchBrowser('console');
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  it('a new tenant lands on 概览 and sees first steps, not a wall of zeros', async () => {
    await signIn(page, base, USER);
    await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
    await expect(page.getByTestId('overview-first-steps')).toContainText('创建一个 Webhook');
    await expect(page.getByRole('menuitem', { name: '概览' })).toHaveClass(/ant-menu-item-selected/);
    await shootWidths(page, 'overview-empty', () => expect(page.getByTestId('overview-first-steps')).toBeVisible());
  });

  it('shows the numbers the API answers, flags the failing webhook, and a failure opens its message', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ name: `会员${i}`, mobile: `1370000${String(i).padStart(4, '0')}` }));
    await api().post('/api/customers/import').set(tenant.auth).send(rows).expect(200);
    const customers: { id: number }[] = (await api().get('/api/customers').query({ limit: 100 }).set(tenant.auth).expect(200)).body.items;
    const group = (await api().post('/api/groups').set(tenant.auth).send({ name: '高价值会员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(tenant.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect(200);
    const crm = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: 'CRM 同步', url: receiver.url('/crm') })
        .expect(201)
    ).body.id;
    const sms = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: '短信网关', url: receiver.url('/sms'), maxAttempts: 1, circuitBreakerThreshold: 0 })
        .expect(201)
    ).body.id;
    await api().post('/api/broadcasts').set(tenant.auth).send({ name: '双十二会员日', webhookId: crm, groupId: group }).expect(201);
    await api().post('/api/broadcasts').set(tenant.auth).send({ name: '双十二短信提醒', webhookId: sms, groupId: group }).expect(201);
    const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
    await api().post('/api/broadcasts').set(tenant.auth).send({ name: '周末新品预告', webhookId: crm, groupId: group, scheduledAt: later }).expect(201);
    const journey = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({ name: '新客欢迎旅程', trigger: { type: 'event', event: 'customer/created' }, start: 'end', nodes: [{ id: 'end', type: 'end' }] })
        .expect(201)
    ).body.id;
    await api().post(`/api/journeys/${journey}/activate`).set(tenant.auth).expect(200);

    const o: Overview = await until(
      async () => (await api().get('/api/overview').query({ tz: 'Asia/Shanghai' }).set(tenant.auth).expect(200)).body,
      (x: Overview) => x.totals.delivered === 25 && x.totals.failed === 25,
      30_000,
      'the sends to settle',
    );
    await page.reload();
    await expect(page.getByTestId('tile-sent')).toContainText(String(o.totals.created));
    await expect(page.getByTestId('tile-delivered')).toContainText('25');
    await expect(page.getByTestId('tile-failed')).toContainText('25');
    await expect(page.getByTestId('tile-rate')).toContainText('50.0%');
    await expect(page.getByTestId('overview-updated')).toContainText(/更新于 \d\d:\d\d:\d\d/);
    const table = page.getByTestId('overview-webhooks');
    await expect(table.locator('tr', { hasText: 'CRM 同步' })).toContainText('100.0%');
    await expect(table.locator('tr', { hasText: '短信网关' })).toContainText('0.0%');
    expect(o.attention).toEqual([expect.objectContaining({ kind: 'rising_failures', webhookId: sms })]);
    await expect(page.getByTestId('overview-attention')).toContainText('短信网关');
    await expect(page.getByTestId('overview-attention')).toContainText('失败率上升');
    await expect(page.getByTestId('overview-sends')).toContainText('周末新品预告');
    await expect(page.getByTestId('overview-journeys').getByRole('link', { name: '新客欢迎旅程' })).toHaveAttribute('href', `/journeys/${journey}`);
    await expect(page.getByTestId('overview-series')).toBeVisible();

    await shootWidths(page, 'overview', () => expect(page.getByTestId('overview-tiles')).toBeVisible());
    await page.locator('.ant-segmented').getByText('近 7 天').click();
    await expect(page.getByText('近 7 天每天的消息')).toBeVisible();
    await shootWidths(page, 'overview-7d', () => expect(page.getByText('近 7 天每天的消息')).toBeVisible());

    await page.getByTestId('failure-link').first().click();
    await page.waitForURL(new RegExp(`/deliveries/${o.latestFailures[0].id}$`));
    await expect(page.getByText('gateway down').first()).toBeVisible();
  });
});
