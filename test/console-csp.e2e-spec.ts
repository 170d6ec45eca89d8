import type { Frame, Page } from 'playwright-core';
import { expect, launchBrowser, signIn, type TestBrowser } from './support/browser';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

const OWNER = { email: 'csp-owner@example.com', password: 'console-pass-csp' };

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  /** Where and what, to read when one turns up. */
  source?: string;
  target?: string;
  frame: string;
}

/**
 * Every console screen under the console's Content-Security-Policy (served by the api process with a
 * fresh style nonce per answer), in a real browser: no `securitypolicyviolation` event in any frame and no
 * console message about the policy. A negative control shows the collector sees a violation when there is one.
 * Screenshots: test/artifacts/console/csp-*.png.
 */
describe('console: every screen runs under its Content-Security-Policy (real browser)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  const violations: Violation[] = [];
  const cspMessages: string[] = [];
  const ids: Record<string, number | string> = {};
  const api = () => t.http();

  /** Waits for the screen's own content, then checks nothing was refused so far and saves a picture. */
  async function visit(path: string, name: string, ready: (p: Page) => ReturnType<Page['locator']>) {
    await page.goto(`${base}${path}`);
    await expect(ready(page).first()).toBeVisible();
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await b.shot(`csp-${name}`);
    expect({ screen: name, violations, cspMessages }).toEqual({ screen: name, violations: [], cspMessages: [] });
  }

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '安全策略商户');
    await api().post('/api/console-users').set(tenant.auth).send(OWNER).expect(201);
    const customer = (
      await api()
        .post('/api/customers')
        .set(tenant.auth)
        .send({ name: '张伟', mobile: '13900001111', attributes: { city: '上海' } })
        .expect(201)
    ).body;
    ids.customer = customer.id;
    ids.group = (await api().post('/api/groups').set(tenant.auth).send({ name: '高活跃会员', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${ids.group}/members`)
      .set(tenant.auth)
      .send({ customerIds: [customer.id] })
      .expect((res) => expect(res.status).toBeLessThan(300));
    ids.webhook = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: '促销短信', url: 'http://127.0.0.1:9/sms', bodyTemplate: { text: '{{ customer.name }}，双十一快乐' } })
        .expect(201)
    ).body.id;
    // A test send to a closed port: one failed message in the log (sent at once, no worker needed).
    ids.message = (await api().post(`/api/webhooks/${ids.webhook}/test`).set(tenant.auth).send({ customerId: customer.id }).expect(200)).body.id;
    ids.send = (
      await api()
        .post('/api/broadcasts')
        .set(tenant.auth)
        .send({ webhookId: ids.webhook, groupId: ids.group, name: '双十一预热', scheduledAt: new Date(Date.now() + 86_400_000).toISOString() })
        .expect(201)
    ).body.id;
    ids.journey = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({
          name: '新客欢迎',
          trigger: { type: 'event', event: 'customer/created' },
          start: 'call',
          nodes: [
            { id: 'call', type: 'webhook', label: '发短信', webhookId: ids.webhook, next: 'done' },
            { id: 'done', type: 'end' },
          ],
        })
        .expect(201)
    ).body.id;
    ids.form = (
      await api()
        .post('/api/forms')
        .set(tenant.auth)
        .send({ name: '双十一报名表', title: '双十一报名', fields: [{ name: 'mobile', label: '手机号', type: 'tel', maps: 'mobile', required: true }] })
        .expect(201)
    ).body.id;
    ids.trigger = (
      await api()
        .post('/api/inbound-triggers')
        .set(tenant.auth)
        .send({ name: 'CRM 回调', methods: ['POST'] })
        .expect(201)
    ).body.id;
    await api().post('/api/loyalty/levels').set(tenant.auth).send({ name: '银卡', rank: 1 }).expect(201);
    await api().post('/api/loyalty/memberships').set(tenant.auth).send({ customerId: customer.id }).expect(201);
    await api()
      .post('/api/loyalty/coupons')
      .set(tenant.auth)
      .send({ name: '满100减20', startDate: new Date(Date.now() - 60_000).toISOString(), endDate: new Date(Date.now() + 86_400_000).toISOString(), stock: 10 })
      .expect(201);

    b = await launchBrowser('console');
    page = b.page;
    // Every frame (the form preview's srcdoc frame too) reports its violations to the test.
    await b.context.exposeBinding('__cspViolation', ({ frame }: { frame: Frame }, v: Omit<Violation, 'frame'>) => {
      violations.push({ ...v, frame: frame.url() });
    });
    // The page's own code (a string: the test is compiled without the DOM's types).
    await b.context.addInitScript(`
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolation({
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          sample: e.sample,
          source: e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber,
          target: e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 300) : String(e.target),
        });
      });
    `);
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) cspMessages.push(message.text());
    });
  });

  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('signs in and shows the overview', async () => {
    await signIn(page, base, OWNER);
    await visit('/', 'overview', (p) => p.locator('main .ant-card'));
  });

  it('webhooks: the list and the editor, and a dialog (its scroll lock inserts a <style>)', async () => {
    await visit('/webhooks', 'webhooks', (p) => p.getByText('促销短信'));
    await page.getByTestId(`send-${ids.webhook}`).click();
    await expect(page.locator('.ant-modal').first()).toBeVisible();
    // The dialog's body scroll lock is a <style> element antd's helpers insert (given the nonce): not refused.
    await expect(page.locator('style[rc-util-key]').first()).toBeAttached();
    await b.shot('csp-webhook-send-dialog');
    expect({ violations, cspMessages }).toEqual({ violations: [], cspMessages: [] });
    await visit(`/webhooks/${ids.webhook}`, 'webhook-editor', (p) => p.locator('form'));
    await visit('/webhooks/new', 'webhook-new', (p) => p.locator('form'));
  });

  it('messages and sends', async () => {
    await visit('/deliveries', 'messages', (p) => p.locator('.ant-table-row'));
    await visit(`/deliveries/${ids.message}`, 'message-detail', (p) => p.getByText('促销短信'));
    await visit('/sends', 'sends', (p) => p.getByText('双十一预热'));
    await visit(`/sends/${ids.send}`, 'send-detail', (p) => p.getByText('双十一预热'));
  });

  it('customers: the list and a customer page', async () => {
    await visit('/customers', 'customers', (p) => p.getByText('张伟'));
    await visit(`/customers/${ids.customer}`, 'customer-page', (p) => p.getByText('张伟'));
  });

  it('groups: the list and a group', async () => {
    await visit('/groups', 'groups', (p) => p.getByText('高活跃会员'));
    await visit(`/groups/${ids.group}`, 'group-detail', (p) => p.getByText('张伟'));
  });

  it('journeys: the list and the canvas editor', async () => {
    await visit('/journeys', 'journeys', (p) => p.getByText('新客欢迎'));
    await visit(`/journeys/${ids.journey}`, 'journey-editor', (p) => p.locator('.react-flow__node'));
    await visit('/journeys/new', 'journey-new', (p) => p.locator('.react-flow'));
  });

  it('forms: the list and the editor, whose srcdoc preview keeps its styles under the inherited policy', async () => {
    await visit('/forms', 'forms', (p) => p.getByText('双十一报名表'));
    await visit(`/forms/${ids.form}`, 'form-editor', (p) => p.getByTestId('form-preview'));
    // The preview's <style> applied (it carries the console's nonce): the page's h1 is 22 px, not the browser's 32 px.
    await expect(page.frameLocator('[data-testid="form-preview"]').locator('h1')).toHaveCSS('font-size', '22px');
    expect(violations).toEqual([]);
  });

  it('inbound triggers: the list and a trigger', async () => {
    await visit('/inbound', 'inbound', (p) => p.getByText('CRM 回调'));
    await visit(`/inbound/${ids.trigger}`, 'inbound-trigger', (p) => p.getByText('CRM 回调'));
  });

  it('loyalty: every tab', async () => {
    for (const [tab, text] of [
      ['memberships', '张伟'],
      ['levels', '银卡'],
      ['coupons', '满100减20'],
      ['events', null],
    ] as const)
      await visit(`/loyalty?tab=${tab}`, `loyalty-${tab}`, (p) => (text ? p.getByText(text) : p.locator('main .ant-table, main .ant-empty')));
  });

  it('settings: every tab', async () => {
    for (const tab of ['keys', 'users', 'quiet', 'caps']) await visit(`/settings?tab=${tab}`, `settings-${tab}`, (p) => p.getByRole('tabpanel'));
  });

  it('the audit log', async () => {
    await visit('/audit', 'audit', (p) => p.getByTestId('audit-table'));
  });

  it('the collector works: an injected inline script and a style without the nonce are refused and reported', async () => {
    await page.goto(`${base}/`);
    await expect(page.locator('main .ant-card').first()).toBeVisible();
    const ran = await page.evaluate<boolean>(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.appendChild(script);
      // Markup injection: a <style> or a style attribute parsed from HTML never gets the nonce.
      const div = document.createElement('div');
      div.innerHTML = '<style>body { background: rgb(255, 0, 0) }</style><p id="injected" style="color: rgb(255, 0, 0)">x</p>';
      document.body.appendChild(div);
      return window.injected === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(() => violations.map((v) => v.directive).sort()).toEqual(['script-src-elem', 'style-src-attr', 'style-src-elem']);
    await expect(page.locator('body')).not.toHaveCSS('background-color', 'rgb(255, 0, 0)');
    await expect(page.locator('#injected')).not.toHaveCSS('color', 'rgb(255, 0, 0)');
    await expect.poll(() => cspMessages.length).toBeGreaterThan(0);
    violations.length = 0;
    cspMessages.length = 0;
  });

  it('the public micro-pages and the API docs still render under their own policies', async () => {
    const form = (await api().get(`/api/forms/${ids.form}`).set(tenant.auth).expect(200)).body;
    await page.goto(`${base}/f/${form.key}`);
    await expect(page.locator('h1')).toHaveText('双十一报名');
    await expect(page.locator('h1')).toHaveCSS('font-size', '22px');
    await b.shot('csp-form-page');
    await page.goto(`${base}/u/${'x'.repeat(32)}`);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('h1')).toHaveCSS('font-size', '22px');
    await b.shot('csp-unsubscribe-page');
    // Swagger UI under its own policy: the document loads and renders its operations.
    await page.goto(`${base}/api/docs`);
    await expect(page.locator('.swagger-ui .opblock').first()).toBeVisible();
    await b.shot('csp-api-docs');
    expect({ violations, cspMessages }).toEqual({ violations: [], cspMessages: [] });
  });
});
