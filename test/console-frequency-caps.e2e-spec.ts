import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { shootWidths } from './support/a11y';
import { expect, launchBrowser, openAdvanced, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const USER = { email: 'caps@example.com', password: 'console-pass-caps' };

/** The marketer sets 频次上限 in 设置, sends three times to the same group, and sees the third send's messages 已跳过 · 超过频次上限. */
describe('console: frequency caps (real browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let receiver: Receiver;
  let webhookId: number;
  let groupId: number;
  let customerId: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '频控商户');
    await api().post('/api/console-users').set(tenant.auth).send(USER).expect(201);
    receiver = await Receiver.start();
    const people = [
      { name: '王芳', mobile: '13800138011' },
      { name: '李娜', mobile: '13800138012' },
      { name: '张伟', mobile: '13800138013' },
    ];
    await api().post('/api/customers/import').set(tenant.auth).send(people).expect(200);
    const customers = (await api().get('/api/customers').set(tenant.auth).expect(200)).body.items as { id: number; name: string }[];
    customerId = customers.find((c) => c.name === '王芳')!.id;
    groupId = (await api().post('/api/groups').set(tenant.auth).send({ name: '双十二老客', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${groupId}/members`)
      .set(tenant.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect(200);
    webhookId = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: '短信营销', url: receiver.url('/sms') })
        .expect(201)
    ).body.id;
    b = await launchBrowser('console-frequency-caps');
    page = b.page;
    await signIn(page, base, USER);
  });

  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  async function massSend(name: string): Promise<number> {
    const id = (await api().post('/api/broadcasts').set(tenant.auth).send({ webhookId, groupId, name }).expect(201)).body.id;
    await until(
      async () => (await api().get(`/api/broadcasts/${id}`).set(tenant.auth).expect(200)).body.status,
      (s) => s === 'completed',
      30_000,
      `send ${id} completed`,
    );
    return id;
  }

  it('设置 › 频次上限: at most 2 a day, saved', async () => {
    await page.goto(`${base}/settings`);
    await page.getByRole('tab', { name: '频次上限' }).click();
    await page.getByTestId('tenant-cap-enabled').click();
    await page.getByTestId('tenant-cap-max').fill('2');
    await expect(page.getByTestId('tenant-cap-summary')).toHaveText('每位客户在任意 24 小时内最多收到 2 条营销消息，超出的不再发送。');
    await page.mouse.move(0, 0);
    await shootWidths(page, 'settings-frequency-cap', () => expect(page.getByTestId('tenant-cap-summary')).toBeVisible());
    await page.getByTestId('tenant-cap-save').click();
    await page.getByText('频次上限已保存').first().waitFor();
    expect((await api().get('/api/frequency-caps').set(tenant.auth).expect(200)).body).toMatchObject({ enabled: true, maxMessages: 2, windowHours: 24 });
  });

  it('the third send to the same group: its counters and messages say 已跳过 · 超过频次上限, and so do the log, the message and the timeline', async () => {
    await massSend('第一波');
    await massSend('第二波');
    const third = await massSend('第三波');
    await page.goto(`${base}/sends/${third}`);
    await expect(page.getByTestId('counter-skipped')).toContainText('3');
    await expect(page.getByTestId('send-messages').getByText('已跳过 · 超过频次上限')).toHaveCount(3);
    await shootWidths(page, 'send-skipped', () => expect(page.getByTestId('counter-skipped')).toBeVisible());

    // The delivery log's status filter; one message skipped for an opt-out (the optouts part makes those) reads so too.
    const [optedOut] = await t.db.query("SELECT id FROM deliveries WHERE status = 'skipped' ORDER BY id LIMIT 1");
    await t.db.query("UPDATE deliveries SET skipReason = 'unsubscribed' WHERE id = ?", [optedOut.id]);
    await page.goto(`${base}/deliveries?status=skipped`);
    await expect(page.getByText('已跳过 · 超过频次上限')).toHaveCount(2);
    await expect(page.getByText('已跳过 · 客户已退订')).toHaveCount(1);
    await shootWidths(page, 'deliveries-skipped', () => expect(page.getByText('已跳过 · 客户已退订')).toBeVisible());

    const skipped = (await api().get(`/api/broadcasts/${third}/deliveries`).query({ status: 'skipped' }).set(tenant.auth).expect(200)).body.items;
    const capped = skipped.find((d: { id: string }) => d.id !== optedOut.id);
    await page.goto(`${base}/deliveries/${capped.id}`);
    await expect(page.getByTestId('delivery-status')).toContainText('已跳过 · 超过频次上限');
    await expect(page.getByTestId('delivery-attempts')).toHaveText('不发送');
    await expect(page.getByTestId('delivery-skipped-why')).toContainText('频次上限');
    await shootWidths(page, 'delivery-skipped', () => expect(page.getByTestId('delivery-status')).toBeVisible());

    await page.goto(`${base}/customers/${customerId}`);
    await expect(page.getByText(/已跳过 · (超过频次上限|客户已退订)/).first()).toBeVisible();
    await shootWidths(page, 'customer-timeline-skipped', () => expect(page.getByText(/已跳过 · /).first()).toBeVisible());
  });

  it('a journey run whose message is over the cap: its step log says 已跳过 · 超过频次上限 and the run completes', async () => {
    const entry = (await api().post('/api/groups').set(tenant.auth).send({ name: '旅程入口', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${entry}/members`)
      .set(tenant.auth)
      .send({ customerIds: [customerId] })
      .expect(200);
    const journey = await api()
      .post('/api/journeys')
      .set(tenant.auth)
      .send({
        name: '新品提醒',
        reentry: 'once',
        trigger: { type: 'group_entry', groupId: entry },
        start: 'sms',
        nodes: [
          { id: 'sms', type: 'webhook', label: '发短信', webhookId, next: 'done' },
          { id: 'done', type: 'end' },
        ],
      })
      .expect(201);
    await api().post(`/api/journeys/${journey.body.id}/activate`).set(tenant.auth).expect(200);
    const [run] = await until(
      async () => (await api().get(`/api/journeys/${journey.body.id}/runs`).set(tenant.auth).expect(200)).body.items as { id: string; status: string }[],
      (items) => items[0]?.status === 'completed',
      20_000,
      'the run completed',
    );
    await page.goto(`${base}/journey-runs/${run.id}`);
    await expect(page.getByTestId('step-sms').getByTestId('step-outcome')).toHaveText('已跳过 · 超过频次上限');
    await expect(page.getByTestId('step-no-response')).toHaveText('消息没有发送（已跳过），流程继续往下走。');
    await shootWidths(page, 'journey-run-skipped', () => expect(page.getByTestId('step-sms')).toBeVisible());
  });

  it("a webhook's own cap under 高级设置", async () => {
    await page.goto(`${base}/webhooks/${webhookId}`);
    await expect(page.locator('#name')).toHaveValue('短信营销');
    await openAdvanced(page);
    await page.getByTestId('webhook-cap-enabled').click();
    await page.getByTestId('webhook-cap-max').fill('1');
    await page.getByTestId('webhook-cap-window').fill('7');
    await expect(page.getByTestId('webhook-cap-summary')).toContainText('7 天');
    await page.mouse.move(0, 0);
    await shootWidths(page, 'webhook-frequency-cap', () => expect(page.getByTestId('webhook-cap-summary')).toBeVisible());
    await page.getByTestId('webhook-cap-save').click();
    await page.getByText('频次上限已保存').first().waitFor();
    expect((await api().get(`/api/webhooks/${webhookId}/frequency-cap`).set(tenant.auth).expect(200)).body).toMatchObject({
      enabled: true,
      maxMessages: 1,
      windowHours: 168,
    });
  });
});
