import { createHmac } from 'crypto';
import type { Page } from 'playwright-core';
import { shootWidths } from './support/a11y';
import { chooseTestSend, expect, launchBrowser, searchAndPick, signIn, type TestBrowser } from './support/browser';
import { Receiver, type Received } from './support/receiver';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

const USER = { email: 'presets@example.com', password: 'console-pass-presets' };
const SECRET = 'SEC7d1e0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a29180706';

/** DingTalk's verification (加签), as its documentation gives it: timestamp within an hour, sign recomputed from the query. */
function dingtalkRobot(req: Received) {
  const query = new URL(req.url, 'http://robot').searchParams;
  const timestamp = query.get('timestamp') ?? '';
  const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
  const ok = Math.abs(Date.now() - Number(timestamp)) < 3_600_000 && query.get('sign') === expected;
  return { status: 200, body: JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }) };
}

/**
 * 新建 Webhook → 从模板创建: the marketer picks 钉钉自定义机器人, switches the message to Markdown, pastes
 * the robot's address and 加签密钥, saves, and a test send reaches a receiver that checks DingTalk's sign.
 */
describe('console: a webhook from a robot preset (real browser)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let receiver: Receiver;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '预设商户');
    await api().post('/api/console-users').set(tenant.auth).send(USER).expect(201);
    receiver = await Receiver.start();
    receiver.on('/robot/send', dingtalkRobot);
    await api().post('/api/customers').set(tenant.auth).send({ name: '陈晓', mobile: '13800138077' }).expect(201);
    b = await launchBrowser('console-presets');
    page = b.page;
    await signIn(page, base, USER);
  });

  afterAll(async () => {
    await b?.close();
    await receiver?.close();
    await t?.close();
  });

  it('offers the three robots and 空白', async () => {
    await page.goto(`${base}/webhooks/new`);
    const chooser = page.getByTestId('preset-chooser');
    await expect(chooser.getByRole('radio')).toHaveCount(4);
    await expect(chooser.getByRole('radio', { name: /空白 Webhook/ })).toHaveAttribute('aria-checked', 'true');
    for (const name of ['企业微信群机器人', '钉钉自定义机器人', '飞书自定义机器人'])
      await expect(chooser.getByRole('radio', { name: new RegExp(name) })).toBeVisible();
    await shootWidths(page, 'webhook-presets', () => expect(chooser.getByRole('radio')).toHaveCount(4));
  });

  it('fills the form from 钉钉自定义机器人, with 加签密钥 and a signed preview', async () => {
    const chooser = page.getByTestId('preset-chooser');
    await chooser.getByRole('radio', { name: /钉钉自定义机器人/ }).click();
    await expect(page.locator('#name')).toHaveValue('钉钉自定义机器人');
    await expect(page.getByTestId('preset-filled')).toContainText('每分钟最多 20 条');
    await expect(page.getByText('加签密钥', { exact: true })).toBeVisible();
    await expect(page.locator('.ant-select').filter({ has: page.locator('#signatureScheme') })).toContainText('钉钉加签');
    await chooser.getByText('Markdown', { exact: true }).click();
    await expect(chooser.getByRole('radio', { name: 'Markdown', exact: true })).toBeChecked();
    await expect(page.locator('#bodyTemplate')).toContainText('"msgtype": "markdown"');
    await page.locator('#url').fill('https://oapi.dingtalk.com/robot/send?access_token=9c2b0f6e8d');
    await page.locator('#secret').fill(SECRET);
    await expect(page.getByTestId('preview-request-line')).toContainText(/access_token=9c2b0f6e8d&timestamp=\d{13}&sign=••••••/);
    await expect(page.getByTestId('template-preview')).toContainText('客户动态');
    await shootWidths(page, 'webhook-preset-dingtalk', () => expect(page.getByTestId('preview-request-line')).toContainText('sign=••••••'));
  });

  it('warns about an address that is not DingTalk`s, saves, and a test send is verified by the robot', async () => {
    await page.locator('#url').fill(receiver.url('/robot/send?access_token=local'));
    await expect(page.getByText(/这个地址不像钉钉自定义机器人的 Webhook 地址/)).toBeVisible();
    await page.getByTestId('save-webhook').click();
    await page.waitForURL(/\/webhooks\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const saved = (await api().get(`/api/webhooks/${id}`).set(tenant.auth).expect(200)).body;
    expect(saved).toMatchObject({
      name: '钉钉自定义机器人',
      signatureScheme: 'dingtalk',
      rateLimitPerMinute: 20,
      successRule: { field: 'response.body.errcode', op: '=', value: 0 },
      bodyTemplate: { msgtype: 'markdown' },
    });

    await page.goto(`${base}/webhooks`);
    await page.getByTestId(`send-${id}`).click();
    const modal = page.locator('.ant-modal');
    await searchAndPick(page, await chooseTestSend(modal), '13800138077', '陈晓');
    await page.getByTestId('submit-test-send').click();
    const result = page.getByTestId('test-result');
    await expect(result.getByTestId('delivery-status')).toContainText('成功');
    await expect(result.getByTestId('attempt-url')).toContainText('sign=••••••');
    expect(JSON.parse(receiver.at('/robot/send')[0].raw.toString()).markdown.text).toContain('陈晓');
  });
});
