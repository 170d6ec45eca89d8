import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { QuietClock } from '../src/quiet-hours/quiet-clock.service';
import { shootWidths } from './support/a11y';
import { expect, launchBrowser, openAdvanced, pickOption, signIn, type TestBrowser } from './support/browser';
import { offsetTo, shanghai } from './support/quiet-clock';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';

const USER = { email: 'quiet@example.com', password: 'console-pass-quiet' };
const N = 12;

/**
 * 免打扰时段 in the console: the marketer turns quiet hours on under 设置, sets a webhook's and a journey's
 * own setting, and a mass send at 22:00 (the engine's clock moved) shows its messages 延后发送 · 09:00 发送.
 */
describe('console: quiet hours (real browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let receiver: Receiver;
  let webhookId: number;
  let groupId: number;
  let journeyId: number;
  let customerId: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '夜间商户');
    await api().post('/api/console-users').set(tenant.auth).send(USER).expect(201);
    receiver = await Receiver.start();
    const rows = Array.from({ length: N }, (_, i) => ({ name: `会员${i + 1}`, mobile: `1381234${String(i).padStart(4, '0')}` }));
    await api().post('/api/customers/import').set(tenant.auth).send(rows).expect(200);
    const ids = (await api().get('/api/customers').query({ limit: 100 }).set(tenant.auth).expect(200)).body.items.map((c: { id: number }) => c.id);
    customerId = ids[0];
    groupId = (await api().post('/api/groups').set(tenant.auth).send({ name: '全部会员', type: 'static' }).expect(201)).body.id;
    await api().post(`/api/groups/${groupId}/members`).set(tenant.auth).send({ customerIds: ids }).expect(200);
    webhookId = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: '会员营销短信', url: receiver.url('/sms'), bodyTemplate: { mobile: '{{ customer.mobile }}' } })
        .expect(201)
    ).body.id;
    journeyId = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({
          name: '新会员欢迎',
          trigger: { type: 'group_entry', groupId },
          start: 'send',
          nodes: [
            { id: 'send', type: 'webhook', webhookId, next: 'end' },
            { id: 'end', type: 'end' },
          ],
        })
        .expect(201)
    ).body.id;
    b = await launchBrowser('console-quiet-hours');
    page = b.page;
    await signIn(page, base, USER);
  });

  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  it('设置 › 免打扰时段: turns quiet hours on, 09:00–20:30 every day, Asia/Shanghai', async () => {
    await page.goto(`${base}/settings`);
    await page.getByRole('tab', { name: '免打扰时段' }).click();
    const form = page.getByTestId('quiet-hours-form');
    await expect(form.getByRole('combobox', { name: '时段 1 结束时间' })).toBeVisible();
    await form.getByRole('switch', { name: '启用免打扰' }).click();
    await form.getByRole('combobox', { name: '时段 1 结束时间' }).click();
    await pickOption(page, '20:30');
    await page.mouse.move(0, 0);
    await shootWidths(page, 'quiet-hours-settings', () => expect(form.getByText('允许发送的时段')).toBeVisible());
    await page.getByTestId('save-quiet-hours').click();
    await page.getByText('免打扰设置已保存').first().waitFor();
    await expect
      .poll(async () => (await api().get('/api/quiet-hours').set(tenant.auth).expect(200)).body)
      .toMatchObject({ enabled: true, timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:30' }] });
    // What it means now: sending, or quiet until the next opening (either, by the time the test runs).
    await expect(page.getByTestId('quiet-now')).toContainText(/现在处于允许发送的时段|现在处于免打扰时段：营销消息将在 .*(09:00) 开始发出/);
  });

  it("a webhook's 高级设置 and a journey's 发送设置 take their own setting", async () => {
    await page.goto(`${base}/webhooks/${webhookId}`);
    await expect(page.locator('#name')).toHaveValue('会员营销短信');
    await openAdvanced(page);
    const override = page.getByTestId('quiet-override-webhook');
    await expect(override.getByText(/全局：每天 09:00–20:30（Asia\/Shanghai）/)).toBeVisible();
    await override.getByText('不限制', { exact: true }).click();
    await page.getByTestId('save-quiet-webhook').click();
    await page.getByText('免打扰设置已保存').first().waitFor();
    await expect.poll(async () => (await api().get(`/api/quiet-hours/webhooks/${webhookId}`).set(tenant.auth).expect(200)).body.mode).toBe('unrestricted');
    await override.getByText('沿用全局', { exact: true }).click();
    await page.getByTestId('save-quiet-webhook').click();
    await expect.poll(async () => (await api().get(`/api/quiet-hours/webhooks/${webhookId}`).set(tenant.auth).expect(200)).body.mode).toBe('inherit');
    await page.mouse.move(0, 0);
    await shootWidths(page, 'quiet-hours-webhook', () => expect(override.getByText(/全局：每天 09:00–20:30/)).toBeVisible());

    await page.goto(`${base}/journeys/${journeyId}?tab=sending`);
    const journey = page.getByTestId('quiet-override-journey');
    await journey.getByText('自定义', { exact: true }).click();
    await journey.getByRole('checkbox', { name: '周六' }).uncheck();
    await journey.getByRole('checkbox', { name: '周日' }).uncheck();
    await page.mouse.move(0, 0);
    await shootWidths(page, 'quiet-hours-journey', () => expect(journey.getByRole('checkbox', { name: '周日' })).not.toBeChecked());
    await page.getByTestId('save-quiet-journey').click();
    await expect
      .poll(async () => (await api().get(`/api/quiet-hours/journeys/${journeyId}`).set(tenant.auth).expect(200)).body)
      .toMatchObject({ mode: 'custom', windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '20:30' }] });
  });

  it('a mass send at 22:00 shows 等待免打扰结束 and 延后发送 · 09:00 发送 on the send, the log and the customer', async () => {
    worker.get(QuietClock).setOffset(offsetTo(shanghai(1, '22:00')));
    const send = (await api().post('/api/broadcasts').set(tenant.auth).send({ webhookId, groupId, name: '周末大促' }).expect(201)).body;
    await expect.poll(async () => (await api().get(`/api/broadcasts/${send.id}`).set(tenant.auth).expect(200)).body.deferred, { timeout: 20_000 }).toBe(N);

    await page.goto(`${base}/sends/${send.id}`);
    await expect(page.getByTestId('counter-deferred')).toContainText(String(N));
    await expect(page.getByText(/延后发送 · .*09:00 发送/).first()).toBeVisible();
    await shootWidths(page, 'quiet-hours-send', () => expect(page.getByText('等待免打扰结束')).toBeVisible());

    await page.goto(`${base}/deliveries?status=deferred`);
    await expect(page.getByText(/延后发送 · .*09:00 发送/)).toHaveCount(N);
    await shootWidths(page, 'quiet-hours-log', () => expect(page.getByText(/延后发送 · .*09:00 发送/).first()).toBeVisible());

    await page.goto(`${base}/customers/${customerId}`);
    await expect(page.getByText(/延后发送 · .*09:00 发送/).first()).toBeVisible();
    await b.shot('quiet-hours-customer');
    expect(receiver.at('/sms')).toHaveLength(0);
  });
});
