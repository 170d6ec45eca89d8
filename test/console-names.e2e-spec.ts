import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { join } from 'path';
import { expectAccessible, shootWidths } from './support/a11y';
import { ARTIFACTS, chooseTestSend, expect, launchBrowser, searchAndPick, pickOption, settled, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const USER = { email: 'names@example.com', password: 'console-pass-21' };
const FAILING_MOBILE = '13900000003';

/** The picker's text for a moment, in the browser's zone (Asia/Shanghai, UTC+8, no daylight saving). */
function shanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Issue 21: the console reads in names — sends, messages, runs, submissions — and every id on screen is a link. */
describe('console: names everywhere, sends with names (real browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let receiver: Receiver;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let webhookId: number;
  let journeyId: number;
  let formId: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '名字商户');
    receiver = await Receiver.start();
    // One member's messages are refused (400: not retried), so a send has a failure to filter for.
    receiver.on('/wecom', (req) =>
      req.raw.toString().includes(FAILING_MOBILE) ? { status: 400, body: '{"errcode":93000}' } : { status: 200, body: '{"errcode":0}' },
    );
    await api()
      .post('/api/console-users')
      .set(tenant.auth)
      .send({ ...USER, name: '小王' })
      .expect(201);
    await api()
      .post('/api/customers/import')
      .set(tenant.auth)
      .send([
        { name: '王小明', mobile: '13900000001' },
        { name: '陈静', mobile: '13900000002' },
        { name: '刘洋', mobile: FAILING_MOBILE },
      ])
      .expect(200);
    const customers = (await api().get('/api/customers').set(tenant.auth).expect(200)).body.items as { id: number }[];
    const group = (await api().post('/api/groups').set(tenant.auth).send({ name: '高活跃会员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(tenant.auth)
      .send({ customerIds: customers.map((c) => c.id) })
      .expect(200);
    webhookId = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({
          name: '企业微信群机器人',
          url: receiver.url('/wecom'),
          bodyTemplate: { msgtype: 'text', text: { content: '{{ customer.name }} {{ customer.mobile }}' } },
        })
        .expect(201)
    ).body.id;
    const form = (
      await api()
        .post('/api/forms')
        .set(tenant.auth)
        .send({
          name: '双十一报名表',
          fields: [
            { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' },
            { name: 'mobile', label: '手机号码', type: 'tel', required: true, maps: 'mobile' },
            { name: 'city', label: '所在城市', type: 'text', maps: 'attributes.city' },
          ],
        })
        .expect(201)
    ).body;
    formId = form.id;
    journeyId = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({
          name: '报名欢迎',
          reentry: 'always',
          trigger: { type: 'form_submitted', formId },
          start: 'webhook_1',
          nodes: [
            { id: 'webhook_1', type: 'webhook', label: '推送企业微信', webhookId, next: 'end_1' },
            { id: 'end_1', type: 'end', label: '结束' },
          ],
        })
        .expect(201)
    ).body.id;
    await api().post(`/api/journeys/${journeyId}/activate`).set(tenant.auth).expect(200);
    await api().post(`/f/${form.key}`).send({ name: '王小明', mobile: '13900000001', city: '上海' }).expect(201);
    await until(
      async () => (await api().get(`/api/journeys/${journeyId}/runs`).set(tenant.auth).expect(200)).body.items,
      (runs) => runs.length === 1 && runs[0].status === 'completed',
      20_000,
      'the form run completed',
    );
    b = await launchBrowser('console-names');
    page = b.page;
    await signIn(page, base, USER);
  });
  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  /** A dialog's state at 1280 and 375 px: axe-checked and saved (the list behind it is not this screen's). */
  const shootDialog = async (name: string) => {
    await page.mouse.move(0, 0); // no button left in its hover colour
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 860 });
      await expectAccessible(page, name);
      await page.screenshot({ path: join(ARTIFACTS, 'console', `${name}-${width}.png`), fullPage: true, animations: 'disabled' });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  };

  const sendModal = async () => {
    await page.goto(`${base}/webhooks`);
    await page.getByTestId(`send-${webhookId}`).click();
    return settled(page.locator('.ant-modal'));
  };

  it('the test-send result names the customer, the webhook and the attempts in words', async () => {
    const modal = await sendModal();
    await searchAndPick(page, await chooseTestSend(modal), '13900000001', '王小明');
    await page.getByTestId('submit-test-send').click();
    const result = page.getByTestId('test-result');
    await result.getByText('HTTP 200').first().waitFor();
    await expect(result.getByTestId('customer-link')).toHaveText('王小明 13900000001');
    await expect(result.getByRole('link', { name: '企业微信群机器人' })).toBeVisible();
    await expect(result.getByTestId('delivery-attempts')).toHaveText('第 1 次 · 最多 1 次');
    await expect(result.getByTestId('delivery-origin')).toHaveText('测试发送');
    await shootDialog('names-test-send-result');
    await page.keyboard.press('Escape');
  });

  it('Enter in the schedule box does not schedule; the button does, with a name; the send shows its audience and a countdown', async () => {
    const modal = await sendModal();
    await modal.getByTestId('group-select').click();
    await pickOption(page, '高活跃会员');
    await modal.getByTestId('member-count').getByText('群组成员：3 人').waitFor();
    await expect(modal.getByTestId('send-name')).toHaveAttribute('placeholder', /^企业微信群机器人 → 高活跃会员 · \d+月\d+日 \d\d:\d\d$/);
    await modal.getByText('定时发送').click();
    const at = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 1000) * 1000);
    const input = modal.locator('.ant-picker input');
    await input.click();
    await input.fill(shanghai(at));
    await input.press('Enter');
    // Enter confirmed the picker only: the value is taken, the dialog is still open, nothing was scheduled.
    await expect(input).toHaveValue(shanghai(at));
    await expect(modal.getByTestId('submit-group-send')).toBeVisible();
    expect((await api().get('/api/broadcasts').set(tenant.auth).expect(200)).body.items).toEqual([]);
    await expect(modal.getByTestId('send-name')).toHaveAttribute('placeholder', /· \d+月\d+日 \d\d:\d\d$/);
    await modal.getByTestId('send-name').fill('双十二预热');
    await modal.getByTestId('send-name').press('Enter');
    expect((await api().get('/api/broadcasts').set(tenant.auth).expect(200)).body.items).toEqual([]);
    await page.getByTestId('submit-group-send').click();
    await page.waitForURL(/\/sends\/\d+$/);
    await expect(page.getByTestId('broadcast-name')).toHaveText('双十二预热');
    await expect(page.getByTestId('broadcast-status')).toHaveText('已排期');
    await expect(page.getByTestId('send-audience')).toContainText('3');
    await expect(page.getByTestId('countdown')).toHaveText(/^(1 小时 5\d 分|2 小时 0 分)$/);
    await shootWidths(page, 'names-send-scheduled', () => page.getByTestId('countdown').waitFor());

    await page.getByRole('menuitem', { name: '发送列表' }).click();
    const row = page.locator('.ant-table-row', { hasText: '双十二预热' });
    await expect(row.getByTestId('send-audience')).toContainText('将发给 3 人');
    await expect(row.getByTestId('countdown')).toHaveText(/后开始$/);
    await expect(row).toContainText('企业微信群机器人 → 高活跃会员');
    await shootWidths(page, 'names-send-list', () => row.waitFor());
  });

  it("a send's page lists all its messages, filters by status, and links to a message and back", async () => {
    const modal = await sendModal();
    await modal.getByTestId('group-select').click();
    await pickOption(page, '高活跃会员');
    await modal.getByTestId('member-count').getByText('群组成员：3 人').waitFor();
    await page.getByTestId('submit-group-send').click();
    await page.waitForURL(/\/sends\/\d+$/);
    const sendUrl = page.url();
    await expect(page.getByTestId('broadcast-name')).toHaveText(/^企业微信群机器人 → 高活跃会员 · \d+月\d+日 \d\d:\d\d$/);
    await expect(page.getByTestId('broadcast-status')).toHaveText('已完成(有失败)', { timeout: 40_000 });
    const messages = page.getByTestId('send-messages');
    await expect(messages.locator('.ant-table-row')).toHaveCount(3);
    for (const name of ['王小明', '陈静', '刘洋']) await expect(messages.getByText(name)).toBeVisible();
    await shootWidths(page, 'names-send-page', () => messages.locator('.ant-table-row').first().waitFor());

    await page.getByTestId('message-status-filter').getByText('失败').click();
    await expect(messages.locator('.ant-table-row')).toHaveCount(1);
    await expect(messages.getByTestId('customer-link')).toHaveText(`刘洋 ${FAILING_MOBILE}`);
    await page.getByTestId('message-status-filter').getByText('成功').click();
    await expect(messages.locator('.ant-table-row')).toHaveCount(2);
    await page.getByTestId('message-status-filter').getByText('失败').click();
    await expect(messages.locator('.ant-table-row')).toHaveCount(1);
    await messages.getByTestId('open-message').click();
    await page.waitForURL(/\/deliveries\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('delivery-attempts')).toHaveText('第 1 次 · 最多 7 次');
    const origin = page.getByTestId('delivery-origin');
    await expect(origin).toContainText('群发 · 企业微信群机器人 → 高活跃会员');
    await shootWidths(page, 'names-message', () => page.getByTestId('delivery-status').waitFor());
    await origin.getByTestId('origin-link').click();
    await page.waitForURL(sendUrl);
  });

  it('the delivery log names origin, webhook and customer; a run page speaks node names, the trigger and a context tree', async () => {
    await page.getByRole('menuitem', { name: '发送记录' }).click();
    const journeyRow = page.locator('.ant-table-row', { hasText: '自动流程' });
    await expect(journeyRow.getByTestId('origin-link')).toHaveText(/^报名欢迎 · 运行 #\d+$/);
    await expect(journeyRow.getByTestId('customer-link')).toHaveText('王小明 13900000001');
    await shootWidths(page, 'names-delivery-log', () => journeyRow.waitFor());
    await journeyRow.getByTestId('origin-link').click();
    await page.waitForURL(/\/journey-runs\/\d+$/);
    await expect(page.getByRole('heading', { level: 4 })).toHaveText('王小明 13900000001 · 报名欢迎');
    await expect(page.getByTestId('run-trigger')).toHaveText('表单提交双十一报名表');
    await expect(page.getByTestId('step-webhook_1').getByTestId('step-name')).toHaveText('推送企业微信');
    await expect(page.getByTestId('step-end_1').getByTestId('step-name')).toHaveText('结束');
    const tree = page.getByTestId('context-tree');
    await expect(tree).toContainText('触发数据');
    await expect(tree).toContainText('city: 上海');
    await expect(tree).toContainText('formName: 双十一报名表');
    await shootWidths(page, 'names-run', () => page.getByTestId('context-tree').waitFor());
    await page.getByTestId('context-json-toggle').click();
    await expect(page.getByTestId('run-context')).toContainText('"city": "上海"');
  });

  it("a journey's runs and a form's submissions name their customer, linked", async () => {
    await page.goto(`${base}/journeys/${journeyId}?tab=runs`);
    const run = page.locator('.ant-table-row').first();
    await expect(run.getByTestId('customer-link')).toHaveText('王小明 13900000001');
    await expect(run.getByTestId('customer-link')).toHaveAttribute('href', /\/customers\/\d+$/);
    await shootWidths(page, 'names-run-list', () => run.waitFor());
    await page.goto(`${base}/forms/${formId}?tab=submissions`);
    const submission = page.getByTestId('submissions').locator('.ant-table-row').first();
    await expect(submission.getByTestId('customer-link')).toHaveText('王小明 13900000001');
    await shootWidths(page, 'names-submissions', () => submission.waitFor());
  });
});
