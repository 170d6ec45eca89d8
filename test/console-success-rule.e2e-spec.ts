import type { Page } from 'playwright-core';
import { shootWidths } from './support/a11y';
import { chooseTestSend, expect, launchBrowser, openAdvanced, searchAndPick, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

const USER = { email: 'robot@example.com', password: 'console-pass-robot' };

/**
 * A robot that says no in a 200 (WeCom's errcode 93000): the marketer turns on 按响应内容判定 with the WeCom
 * preset under 高级设置, and the test send then reads 接收方拒绝 with the robot's message, not success.
 */
describe('console: a success rule for a robot that answers 200 (real browser)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let receiver: Receiver;
  let webhookId: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '机器人商户');
    await api().post('/api/console-users').set(tenant.auth).send(USER).expect(201);
    receiver = await Receiver.start();
    receiver.on('/robot', () => ({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' }));
    await api().post('/api/customers').set(tenant.auth).send({ name: '李娜', mobile: '13800138002' }).expect(201);
    webhookId = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: '企业微信群机器人', url: receiver.url('/robot') })
        .expect(201)
    ).body.id;
    b = await launchBrowser('console-success-rule');
    page = b.page;
    await signIn(page, base, USER);
  });

  afterAll(async () => {
    await b?.close();
    await receiver?.close();
    await t?.close();
  });

  it('sets the WeCom rule under 高级设置 and saves it', async () => {
    await page.goto(`${base}/webhooks/${webhookId}`);
    // The saved webhook fills the form once loaded: a choice made before that would be overwritten.
    await expect(page.locator('#name')).toHaveValue('企业微信群机器人');
    await openAdvanced(page);
    await page.getByRole('radio', { name: '按响应内容判定' }).check();
    await page.getByRole('button', { name: '企业微信 / 钉钉：errcode = 0' }).click();
    await expect(page.getByText('被接收方拒绝时重试')).toBeVisible();
    await page.mouse.move(0, 0);
    await shootWidths(page, 'success-rule-editor', () => expect(page.getByText('被接收方拒绝时重试')).toBeVisible());
    await page.getByTestId('save-webhook').click();
    await page.getByText('已保存').first().waitFor();
    await expect
      .poll(async () => (await api().get(`/api/webhooks/${webhookId}`).set(tenant.auth).expect(200)).body)
      .toMatchObject({ successRule: { field: 'response.body.errcode', op: '=', value: 0 }, retryRejected: false });
  });

  it('a test send to the robot reads 接收方拒绝 with its message', async () => {
    await page.goto(`${base}/webhooks`);
    await page.getByTestId(`send-${webhookId}`).click();
    const modal = page.locator('.ant-modal');
    await searchAndPick(page, await chooseTestSend(modal), '13800138002', '李娜');
    await page.getByTestId('submit-test-send').click();
    const result = page.getByTestId('test-result');
    await expect(result.getByTestId('attempt-error')).toContainText('接收方拒绝: 93000: invalid webhook url');
    await expect(result.getByTestId('delivery-status')).toContainText('接收方拒绝 · HTTP 200');
    await expect(result.getByTestId('delivery-last-error')).toHaveText('93000: invalid webhook url');
    await b.shot('success-rule-test-send');
  });
});
