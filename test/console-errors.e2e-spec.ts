import type { Page } from 'playwright-core';
import { expect, launchBrowser, settled, signIn, type TestBrowser } from './support/browser';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

const USER = { email: 'errors@example.com', password: 'console-pass-3' };

/**
 * The console words every API error itself, from the answer's `code` (and `params`), in its own
 * language: the API's English `message` is for logs and never shows, in Chinese or in English.
 */
describe('console: API errors in the console language (real browser)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let webhookId: number;
  let journeyId: number;
  /** The English messages the API answers for the cases below: none may appear on the page. */
  const apiMessages: string[] = [];
  const api = () => t.http();

  /** What the API itself says (English) for a request, kept to assert it never shows. */
  async function englishOf(res: { body: { message: string; problems?: { message: string }[] } }): Promise<void> {
    apiMessages.push(res.body.message, ...(res.body.problems ?? []).map((p) => p.message));
  }

  async function noApiEnglish(): Promise<void> {
    for (const m of apiMessages) await expect(page.getByText(m, { exact: false })).toHaveCount(0);
  }

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '错误商户');
    await api().post('/api/console-users').set(tenant.auth).send(USER).expect(201);
    webhookId = (await api().post('/api/webhooks').set(tenant.auth).send({ name: 'CRM', url: 'http://127.0.0.1:9/crm' }).expect(201)).body.id;
    journeyId = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({
          name: '停用的 Webhook',
          trigger: { type: 'event', event: 'customer/created' },
          start: 'call',
          nodes: [
            { id: 'call', type: 'webhook', webhookId, onFailure: 'stop', next: 'done' },
            { id: 'done', type: 'end' },
          ],
        })
        .expect(201)
    ).body.id;
    // The journey's webhook is disabled afterwards: its node is now wrong (webhook_disabled).
    await api().patch(`/api/webhooks/${webhookId}`).set(tenant.auth).send({ enabled: false }).expect(200);
    await api().post('/api/groups').set(tenant.auth).send({ name: 'VIP', type: 'static' }).expect(201);

    // The same errors straight from the API: their English messages.
    await englishOf(await api().post('/api/webhooks').set(tenant.auth).send({ name: 'x', url: 'not a url' }).expect(400));
    await englishOf(
      await api()
        .post('/api/journeys/validate')
        .set(tenant.auth)
        .send({
          trigger: { type: 'event', event: 'customer/created' },
          start: 'call',
          nodes: [
            { id: 'call', type: 'webhook', webhookId, onFailure: 'stop', next: 'done' },
            { id: 'done', type: 'end' },
          ],
        })
        .expect(200)
        .then((r) => ({ body: { message: '', problems: r.body.problems } })),
    );
    await englishOf(await api().post('/api/groups').set(tenant.auth).send({ name: 'VIP', type: 'static' }).expect(409));
    await englishOf(await api().get('/api/webhooks/999999').set(tenant.auth).expect(404));
    expect(apiMessages.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    apiMessages.splice(0, apiMessages.length, ...apiMessages.filter(Boolean));

    b = await launchBrowser('console-errors');
    page = b.page;
    await signIn(page, base, USER);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const WORDS = {
    zh: {
      badUrl: '必须是有效的 URL',
      save: /保\s?存/,
      disabledNode: `Webhook #{id} 已停用`,
      newGroup: /新建群组/,
      ok: /^确\s?定$/,
      nameTaken: '已有名为“VIP”的群组',
      loadError: '加载失败',
      notFound: 'Webhook #999999 不存在或已被删除',
    },
    en: {
      badUrl: 'Must be a valid URL',
      save: /^Save$/,
      disabledNode: 'Webhook #{id} is disabled',
      newGroup: /New group/,
      ok: /^OK$/,
      nameTaken: 'A group named "VIP" exists already',
      loadError: 'Could not load',
      notFound: 'Webhook #999999 does not exist or was deleted',
    },
  } as const;

  for (const lang of ['zh', 'en'] as const) {
    it(`shows every API error in ${lang === 'zh' ? 'Chinese' : 'English'}, on the field or node it names`, async () => {
      const w = WORDS[lang];
      // A string runs in the page (the tests' tsconfig has no DOM types).
      await page.evaluate(`localStorage.setItem('herald.lang', '${lang}')`);

      // 400 validation_failed: the problem (url, is_url) on the URL field.
      await page.goto(`${base}/webhooks/new`);
      await page.locator('#name').fill('坏地址');
      await page.locator('#url').fill('not a url');
      await page.getByTestId('save-webhook').click();
      const urlItem = page.locator('.ant-form-item', { has: page.locator('#url') });
      await urlItem.locator('.ant-form-item-explain-error').getByText(w.badUrl).waitFor();
      await noApiEnglish();
      await b.shot(`${lang}-01-webhook-bad-url`);

      // The live check's problem (nodes[0].webhookId, webhook_disabled) on the node it names.
      await page.goto(`${base}/journeys/${journeyId}`);
      const node = page.getByTestId('node-call');
      await node
        .getByTestId('node-errors')
        .getByText(w.disabledNode.replace('{id}', String(webhookId)))
        .waitFor();
      await expect(node).toHaveAttribute('data-invalid', 'true');
      await expect(page.getByTestId('node-done')).not.toHaveAttribute('data-invalid', 'true');
      await noApiEnglish();
      await b.shot(`${lang}-02-journey-bad-node`);

      // 409 group_name_taken from an action: the code's words, with the name from params.
      await page.goto(`${base}/groups`);
      await page.getByRole('button', { name: w.newGroup }).click();
      await settled(page.locator('.ant-modal'));
      await page.locator('.ant-modal #name').fill('VIP');
      await page.locator('.ant-modal').getByRole('button', { name: w.ok }).click();
      await page.locator('.ant-modal .ant-alert').getByText(w.nameTaken).waitFor();
      await noApiEnglish();
      await b.shot(`${lang}-03-group-409`);
      await page.keyboard.press('Escape');

      // 404 webhook_not_found: the page says so with the id.
      await page.goto(`${base}/webhooks/999999`);
      const alert = page.locator('.ant-alert', { hasText: w.loadError });
      await alert.getByText(w.notFound).waitFor();
      await noApiEnglish();
      await b.shot(`${lang}-04-webhook-404`);
    });
  }
});
