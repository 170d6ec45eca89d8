import type { Page } from 'playwright-core';
import { expect, launchBrowser, openAdvanced, searchAndPick, signIn, type TestBrowser } from './support/browser';
import { shootWidths } from './support/a11y';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const USER = { email: 'editors@example.com', password: 'console-pass-3' };

/** The editors preview before saving, fold their engineer settings, and build a form from titles alone. */
describe('console: editors (real browser)', () => {
  jest.setTimeout(150_000); // two cores shared by parallel browser runs
  let t: TestApp;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '编辑器商户');
    await api()
      .post('/api/console-users')
      .set(tenant.auth)
      .send({ ...USER, name: '小周' })
      .expect(201);
    await api()
      .post('/api/customers')
      .set(tenant.auth)
      .send({ name: '王芳', mobile: '13800138003', attributes: { city: '杭州' } })
      .expect(201);
    // Long names and URLs: the list must still show 操作 at 1280 px.
    for (const [name, url] of [
      ['企业微信群机器人 · 会员日活动提醒', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'],
      ['CRM 同步（线索回传）', 'https://crm.example.com/api/v2/marketing/leads/herald-webhook-receiver'],
    ]) {
      await api().post('/api/webhooks').set(tenant.auth).send({ name, url }).expect(201);
    }
    b = await launchBrowser('console-editors');
    page = b.page;
    await signIn(page, base, USER);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('fits the webhook list at 1280 px with 操作 on screen, and at 375 px', async () => {
    await page.goto(`${base}/webhooks`);
    const row = page.locator('.ant-table-row', { hasText: '企业微信群机器人' });
    await row.waitFor();
    await expect(row.getByRole('button', { name: /删\s?除/ })).toBeInViewport();
    await expect(row.getByRole('button', { name: '发送记录' })).toBeInViewport();
    await shootWidths(page, 'editors-webhook-list', () => row.waitFor());
  });

  it('previews a new webhook before saving: the request, a typed template, a picked customer, a problem on its line', async () => {
    await page.getByRole('button', { name: /新建 Webhook/ }).click();
    await page.waitForURL(/\/webhooks\/new$/);
    const preview = page.getByTestId('request-preview');
    await preview.getByText('填写 URL 后').waitFor();
    await page.locator('#name').fill('会员日通知');
    await page.locator('#url').fill('https://hooks.example.com/member-day');
    await page.locator('#secret').fill('member-day-secret-0123');
    await expect(preview.getByTestId('preview-request-line')).toContainText('https://hooks.example.com/member-day');
    await expect(preview.getByTestId('preview-headers')).toContainText('X-Clab-Hmac-Signature');
    await expect(preview).not.toContainText('member-day-secret-0123');
    // The default body, for the sample customer.
    await expect(preview.getByTestId('template-preview')).toContainText('Sample Customer');
    await page.getByTestId('template-editor').fill('{\n  "msgtype": "text",\n  "text": { "content": "{{ customer.name }}，会员日快乐" }\n}');
    await expect(preview.getByTestId('template-preview')).toContainText('Sample Customer，会员日快乐');
    // A customer picked: their own fields.
    await searchAndPick(page, preview.locator('.ant-select input'), '王芳', '王芳');
    await expect(preview.getByTestId('template-preview')).toContainText('王芳，会员日快乐');
    // A typo, on line 3.
    await page.getByTestId('template-editor').fill('{\n  "msgtype": "text",\n  "text": { "content": "{{ customer.nmae }}" }\n}');
    await expect(preview.getByTestId('preview-problems')).toContainText('第 3 行');
    await expect(preview.getByTestId('preview-problems')).toContainText('customer.nmae');
    await page
      .getByTestId('template-editor')
      .fill('{\n  "msgtype": "text",\n  "text": { "content": "{{ customer.name }}，会员日快乐（{{ customer.attributes.city }}）" }\n}');
    await expect(preview.getByTestId('template-preview')).toContainText('王芳，会员日快乐（杭州）');
    await expect(preview.getByTestId('preview-problems')).toHaveCount(0);

    // The engineer settings are folded, with their defaults.
    await expect(page.locator('#timeoutMs')).toBeHidden();
    await shootWidths(page, 'editors-webhook-editor', () => expect(preview.getByTestId('template-preview')).toContainText('杭州'));
    await openAdvanced(page);
    await page.mouse.move(0, 0);
    await expect(page.locator('#timeoutMs')).toBeVisible();
    await expect(page.locator('#timeoutMs')).toHaveValue('10000');
    await expect(page.locator('#maxAttempts')).toHaveValue('7');
    await shootWidths(page, 'editors-webhook-editor-advanced', () => expect(page.locator('#timeoutMs')).toBeVisible());
    await page.getByTestId('save-webhook').click();
    await page.waitForURL(/\/webhooks\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const saved = (await api().get(`/api/webhooks/${id}`).set(tenant.auth).expect(200)).body;
    expect(saved).toMatchObject({ name: '会员日通知', timeoutMs: 10_000, maxAttempts: 7, backoffBaseMs: 5_000, concurrency: 20, circuitBreakerThreshold: 20 });
    expect(saved.bodyTemplate.text.content).toContain('customer.attributes.city');
    // Saved, its edits are previewed too, signed with the stored secret.
    const again = page.getByTestId('request-preview');
    await page.locator('#url').fill('https://hooks.example.com/member-day-v2');
    await expect(again.getByTestId('preview-request-line')).toContainText('member-day-v2');
    await expect(again.getByTestId('preview-headers')).toContainText('X-Clab-Hmac-Signature');
    expect((await api().get(`/api/webhooks/${id}`).set(tenant.auth).expect(200)).body.url).toBe('https://hooks.example.com/member-day');

    // A new answer for the record (here a secret rotated) keeps what is typed but not saved: once it wiped the form.
    await page.getByRole('button', { name: '轮换秘钥' }).click();
    await page.getByPlaceholder('新秘钥').fill('member-day-secret-v2-4567');
    await page.getByRole('button', { name: /^轮\s?换$/ }).click();
    await expect(page.locator('.ant-message')).toContainText('秘钥已轮换');
    await expect(page.getByRole('button', { name: '轮换秘钥' })).toBeVisible();
    await expect(page.locator('#url')).toHaveValue('https://hooks.example.com/member-day-v2');
    await expect(again.getByTestId('preview-request-line')).toContainText('member-day-v2');
  });

  it('builds a form from Chinese titles alone, previews it before saving, and a submission fills the customer', async () => {
    await page.goto(`${base}/forms/new`);
    await page.getByTestId('form-name').fill('会员日报名');
    await page.getByTestId('form-title').fill('会员日活动报名');
    const labels = ['姓名', '手机号', '城市'];
    for (const [i, label] of labels.entries()) {
      if (i > 0) await page.getByTestId('add-field').click();
      await page.getByTestId(`form-field-${i}`).getByTestId('field-label').fill(label);
    }
    await expect(page.getByTestId('form-field-0').getByTestId('field-summary')).toHaveText('字段名 name · 写入 姓名');
    await expect(page.getByTestId('form-field-1').getByTestId('field-summary')).toHaveText('字段名 mobile · 写入 手机号');
    await expect(page.getByTestId('form-field-2').getByTestId('field-summary')).toHaveText('字段名 city · 写入 客户属性 city');
    // The phone number asked for the phone type by itself.
    await expect(page.getByTestId('form-field-1').getByTestId('field-type')).toContainText('电话');
    const frame = page.frameLocator('[data-testid="form-preview"]');
    await frame.getByRole('heading', { name: '会员日活动报名' }).waitFor();
    await expect(frame.locator('input[name="mobile"][type="tel"]')).toHaveCount(1);
    await expect(frame.getByLabel('城市')).toBeVisible();
    // The key is shown and editable under 高级.
    await page.getByTestId('form-field-2').getByTestId('field-advanced').click();
    await page.mouse.move(0, 0); // judged as seen, not under the pointer (a hovered link is lighter)
    await expect(page.getByTestId('form-field-2').getByTestId('field-name')).toHaveValue('city');
    await shootWidths(page, 'editors-form-editor', async () => {
      await page.evaluate('window.scrollTo(0, 0)'); // the preview follows the scroll: shown from the top
      await frame.getByRole('heading', { name: '会员日活动报名' }).waitFor();
    });

    await page.getByTestId('save-form').click();
    await page.waitForURL(/\/forms\/\d+$/);
    const formId = Number(page.url().split('/').pop());
    const saved = (await api().get(`/api/forms/${formId}`).set(tenant.auth).expect(200)).body;
    expect(saved.fields).toEqual([
      expect.objectContaining({ name: 'name', label: '姓名', type: 'text', maps: 'name' }),
      expect.objectContaining({ name: 'mobile', label: '手机号', type: 'tel', maps: 'mobile' }),
      expect.objectContaining({ name: 'city', label: '城市', type: 'text', maps: 'attributes.city' }),
    ]);
    await frame.getByRole('heading', { name: '会员日活动报名' }).waitFor();
    await api().post(`/f/${saved.key}`).send({ name: '李雷', mobile: '13900139001', city: '苏州' }).expect(201);
    const customer = await until(
      async () => (await api().get('/api/customers').query({ q: '13900139001' }).set(tenant.auth).expect(200)).body.items[0],
      (c) => !!c,
    );
    expect(customer).toMatchObject({ name: '李雷', mobile: '13900139001', attributes: { city: '苏州' } });
  });
});
