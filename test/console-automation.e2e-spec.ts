import type { INestApplicationContext } from '@nestjs/common';
import { createHmac } from 'crypto';
import type { Page, Request } from 'playwright-core';
import { confirm, expect, launchBrowser, openOptions, pickOption, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const USER = { email: 'automation@example.com', password: 'console-pass-2' };

/** A node's connection handle on the React Flow canvas (`in`, or `next` / `then` / `else`). */
const handle = (page: Page, node: string, id: string) => page.locator(`.react-flow__node[data-id="${node}"] .react-flow__handle[data-handleid="${id}"]`);

/** Drags from one node's handle to another's input (real mouse events). */
async function connect(page: Page, from: string, fromHandle: string, to: string): Promise<void> {
  await handle(page, from, fromHandle).dragTo(handle(page, to, 'in'));
}

describe('console: journeys, forms and inbound triggers (real browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let receiver: Receiver;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let journeyId: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '自动化商户');
    receiver = await Receiver.start();
    // The CRM answers with an id made from the customer's mobile: the step log and the customer show it.
    receiver.on('/crm', (req) => {
      const mobile = JSON.parse(req.raw.toString()).customer?.mobile ?? 'anonymous';
      return { status: 200, headers: { 'X-Crm-Trace': 'trace-7' }, body: JSON.stringify({ ok: true, id: `CRM-${mobile}` }) };
    });
    await api()
      .post('/api/console-users')
      .set(tenant.auth)
      .send({ ...USER, name: '小李' })
      .expect(201);
    await api()
      .post('/api/customers/import')
      .set(tenant.auth)
      .send([
        { name: '张伟', mobile: '13800138001', activityScore: 100 },
        { name: '李娜', mobile: '13800138002', activityScore: 200 },
        { name: '王芳', mobile: '13800138003', activityScore: 300 },
      ])
      .expect(200);
    const customers = (await api().get('/api/customers').set(tenant.auth).expect(200)).body.items as { id: number; name: string }[];
    const group = (await api().post('/api/groups').set(tenant.auth).send({ name: 'VIP 客户', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(tenant.auth)
      .send({ customerIds: customers.filter((c) => c.name !== '王芳').map((c) => c.id) })
      .expect(200);
    await api()
      .post('/api/webhooks')
      .set(tenant.auth)
      .send({ name: 'CRM 同步', url: receiver.url('/crm') })
      .expect(201);
    b = await launchBrowser('console');
    page = b.page;
    await signIn(page, base, USER);
  });
  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  it('builds a journey on the canvas: palette, side panel, dragged links, errors on incomplete nodes, save', async () => {
    await page.getByRole('menuitem', { name: '自动流程' }).click();
    await page.getByText('还没有自动流程').waitFor();
    await page.getByRole('button', { name: /新建自动流程/ }).click();
    // A new, untouched journey does not open in red: its problems show once the marketer edits it.
    await page.getByTestId('journey-check').getByText('开始编辑后').waitFor();
    await expect(page.locator('[data-invalid]')).toHaveCount(0);
    await expect(page.locator('.ant-form-item-explain-error')).toHaveCount(0);
    await b.shot('a00-journey-new-untouched');
    await page.getByTestId('journey-name').fill('会员同步 CRM');
    await page.getByTestId('trigger-group').click();
    await pickOption(page, 'VIP 客户');

    // A webhook node without its webhook: the live check marks the node and lists the problem.
    await page.getByTestId('palette-webhook').click();
    const webhookNode = page.getByTestId('node-webhook_1');
    // The API's problem (nodes[0].webhookId, required) in the console's words, on the node it names.
    await webhookNode.getByTestId('node-errors').getByText('必填').waitFor();
    await expect(webhookNode).toHaveAttribute('data-invalid', 'true');
    await page.getByTestId('journey-errors').getByText('webhookId').waitFor();
    await expect(page.getByText(/must be|webhook id/)).toHaveCount(0);
    await b.shot('a01-journey-incomplete-node');
    await page.getByTestId('node-webhook-select').click();
    await pickOption(page, 'CRM 同步');
    await webhookNode.getByText('CRM 同步').waitFor();

    // An update_customer node changing nothing is refused until the panel sets something.
    await page.getByTestId('palette-update_customer').click();
    await page.getByTestId('node-update_customer_1').getByTestId('node-errors').getByText('请至少设置一项更新').waitFor();
    await page.getByTestId('add-set-row').click();
    await page.getByTestId('set-attribute').fill('crmId');
    await page.getByTestId('set-value').fill('{{ nodes.webhook_1.response.body.id }}');
    await page.getByTestId('activity-delta').fill('10');
    await page.getByTestId('palette-end').click();

    // Unlinked nodes are unreachable from the start until they are connected by dragging handles.
    await page.getByTestId('node-end_1').getByTestId('node-errors').getByText('从起始节点无法到达此节点').waitFor();
    await connect(page, 'webhook_1', 'next', 'update_customer_1');
    await connect(page, 'update_customer_1', 'next', 'end_1');
    await page.getByTestId('journey-check').getByText('流程检查通过').waitFor();
    await expect(page.locator('[data-invalid]')).toHaveCount(0);

    // A selected link goes with the Delete key (end_1 is unreachable again), and comes back by dragging.
    // An edge is a thin SVG path (no box to click): click halfway between the handles it joins.
    const from = (await handle(page, 'update_customer_1', 'next').boundingBox())!;
    const to = (await handle(page, 'end_1', 'in').boundingBox())!;
    await page.mouse.click((from.x + from.width / 2 + to.x + to.width / 2) / 2, (from.y + from.height / 2 + to.y + to.height / 2) / 2);
    await page.getByTestId('edge-panel').waitFor();
    await page.keyboard.press('Delete');
    await page.getByTestId('node-end_1').getByTestId('node-errors').getByText('从起始节点无法到达此节点').waitFor();
    await connect(page, 'update_customer_1', 'next', 'end_1');
    // Moved by dragging: the position is saved with the node.
    const box = (await page.getByTestId('node-end_1').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 15);
    await page.mouse.down();
    await page.mouse.move(box.x + 260, box.y + 35, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('journey-check').getByText('流程检查通过').waitFor();
    await b.shot('a02-journey-canvas-valid');

    await page.getByTestId('save-journey').click();
    await page.waitForURL(/\/journeys\/\d+$/);
    journeyId = Number(page.url().split('/').pop());
    const saved = (await api().get(`/api/journeys/${journeyId}`).set(tenant.auth).expect(200)).body;
    expect(saved).toMatchObject({ name: '会员同步 CRM', status: 'draft', trigger: { type: 'group_entry' }, start: 'webhook_1' });
    expect(saved.nodes.map((n: { id: string; type: string; next?: string }) => [n.id, n.type, n.next])).toEqual([
      ['webhook_1', 'webhook', 'update_customer_1'],
      ['update_customer_1', 'update_customer', 'end_1'],
      ['end_1', 'end', undefined],
    ]);
    expect(saved.nodes[1]).toMatchObject({ set: { 'attributes.crmId': '{{ nodes.webhook_1.response.body.id }}' }, activityDelta: 10 });
    // Where the nodes were drawn is saved with them (end_1 was dragged to the right).
    for (const n of saved.nodes) expect(n.position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(saved.nodes[2].position.x - saved.nodes[0].position.x).toBeGreaterThan(150);
  });

  it('activates the journey and watches its runs complete, with the receiver’s answer in the step log', async () => {
    await page.getByTestId('journey-activate').click();
    await confirm(page);
    await page.getByTestId('journey-status').getByText('运行中').waitFor();
    await page.getByTestId('journey-version').getByText('版本 v1').waitFor();
    // Both group members enter and complete (a real worker runs them).
    await page.getByTestId('journey-counter-completed').getByText('2', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: '运行记录' }).click();
    const run = page.locator('.ant-table-row', { hasText: '已完成' }).first();
    await run.waitFor();
    await run.getByRole('link').first().click(); // the run (the row also links its customer)
    await page.waitForURL(/\/journey-runs\/\d+$/);
    await page.getByTestId('run-status').getByText('已完成').waitFor();
    await page
      .getByTestId('customer-name')
      .getByText(/(张伟|李娜) 1380013800[12]/)
      .waitFor();
    const step = page.getByTestId('step-webhook_1');
    await step.getByTestId('step-outcome').getByText('发送成功').waitFor();
    await step.getByText('HTTP 200').waitFor();
    await step.getByText('trace-7').waitFor();
    await expect(step.getByTestId('step-response-body')).toHaveText(/"id": "CRM-1380013800[12]"/);
    await page.getByTestId('step-update_customer_1').getByTestId('step-outcome').getByText('完成').waitFor();
    await page.getByTestId('step-end_1').waitFor();
    await b.shot('a03-journey-run-step-log');
    await step.getByTestId('step-delivery-link').click();
    await page.waitForURL(/\/deliveries\/[0-9a-f-]+$/);
    await page.getByTestId('delivery-status').getByText('成功').waitFor();

    expect(receiver.at('/crm')).toHaveLength(2);
    const zhang = (await api().get('/api/customers').query({ q: '张伟' }).set(tenant.auth).expect(200)).body.items[0];
    expect(zhang).toMatchObject({ activityScore: 110, attributes: { crmId: 'CRM-13800138001' } });
  });

  it('pauses and resumes; saving the published journey makes version 2', async () => {
    await page.goto(`${base}/journeys/${journeyId}`);
    await page.getByTestId('journey-pause').click();
    await confirm(page);
    await page.getByTestId('journey-status').getByText('已暂停').waitFor();
    expect((await api().get(`/api/journeys/${journeyId}`).set(tenant.auth).expect(200)).body.status).toBe('paused');
    await page.getByTestId('journey-resume').click();
    await confirm(page);
    await page.getByTestId('journey-status').getByText('运行中').waitFor();
    expect((await api().get(`/api/journeys/${journeyId}`).set(tenant.auth).expect(200)).body.status).toBe('active');

    // The page polls an active journey. A poll in flight when the save answers carries the server's
    // answer from before the save (v1); it must not replace the saved v2 (it did: the page said 版本 v1).
    // The next poll's real answer is held until after the save, and the page must drop it.
    const journeyUrl = new RegExp(`/api/journeys/${journeyId}$`);
    let stale: Request | undefined;
    let releaseStale!: () => void;
    const staleHeld = new Promise<void>((resolve) => {
      releaseStale = resolve;
    });
    await page.route(journeyUrl, async (route) => {
      if (route.request().method() !== 'GET' || stale) return route.fallback();
      stale = route.request();
      const answer = await route.fetch();
      await staleHeld;
      await route.fulfill({ response: answer }).catch(() => undefined); // dropped by the page: nothing to fulfil
    });
    const dropped = page.waitForEvent('requestfailed', { predicate: (r) => r === stale, timeout: 30_000 });
    await page.getByTestId('node-webhook_1').click();
    await page.getByTestId('node-label').fill('同步到 CRM');
    await until(
      () => stale,
      (r) => !!r,
      20_000,
      'a poll of the journey',
    );
    await page.getByTestId('save-journey').click();
    await page.locator('.ant-modal-confirm-title').getByText('保存为新版本 v2？').waitFor();
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && journeyUrl.test(r.url()));
    await confirm(page);
    expect((await saved).status()).toBe(200);
    await expect(page.getByTestId('journey-version')).toHaveText('版本 v2');
    await dropped;
    releaseStale();
    await page.unroute(journeyUrl);
    await expect(page.getByTestId('journey-version')).toHaveText('版本 v2');
    expect((await api().get(`/api/journeys/${journeyId}`).set(tenant.auth).expect(200)).body).toMatchObject({ version: 2, status: 'active' });
  });

  it('creates a form with Chinese labels, fills its micro-page at phone width, and sees the submission and its message', async () => {
    await page.goto(`${base}/forms/new`);
    await page.getByTestId('form-name').fill('春季活动报名');
    await page.getByTestId('form-title').fill('春季会员活动报名');
    const first = page.getByTestId('form-field-0');
    await first.getByTestId('field-label').fill('您的姓名');
    await first.getByTestId('field-advanced').click(); // the key and mapping are made from the title; here they are set by hand
    await first.getByTestId('field-name').fill('fullName');
    await first.getByTestId('field-required').click();
    await first.getByTestId('field-maps').click();
    await pickOption(page, '姓名');
    await page.getByTestId('add-field').click();
    const second = page.getByTestId('form-field-1');
    await second.getByTestId('field-label').fill('手机号');
    await second.getByTestId('field-advanced').click(); // the key and mapping are made from the title; here they are set by hand
    await second.getByTestId('field-name').fill('phone');
    await second.getByTestId('field-type').click();
    await pickOption(page, '电话');
    await second.getByTestId('field-required').click();
    await second.getByTestId('field-maps').click();
    await pickOption(page, '手机号');
    await page.getByTestId('add-field').click();
    const third = page.getByTestId('form-field-2');
    await third.getByTestId('field-label').fill('所在城市');
    await third.getByTestId('field-advanced').click(); // the key and mapping are made from the title; here they are set by hand
    await third.getByTestId('field-name').fill('city');
    await third.getByTestId('field-type').click();
    await pickOption(page, '下拉选择');
    for (const [value, label] of [
      ['sh', '上海'],
      ['bj', '北京'],
    ]) {
      await third.getByRole('button', { name: /添加选项/ }).click();
      await third.getByPlaceholder('值').last().fill(value);
      await third.getByPlaceholder('标题').last().fill(label);
    }
    await page.getByTestId('form-webhooks').click();
    await pickOption(page, 'CRM 同步');
    await page.keyboard.press('Escape');
    await page.getByTestId('save-form').click();
    await page.waitForURL(/\/forms\/\d+$/);
    const formId = Number(page.url().split('/').pop());
    // The preview frame shows the real page.
    await page.frameLocator('[data-testid="form-preview"]').getByRole('heading', { name: '春季会员活动报名' }).waitFor();
    await b.shot('a04-form-editor-preview');
    await expect(page.getByTestId('form-public-url')).toHaveText(new RegExp(`^${base}/f/[A-Za-z0-9_-]{24}$`));
    const url = (await page.getByTestId('form-public-url').textContent())!.trim();

    // A visitor on a phone: the page itself, not the frame.
    const visitor = await b.context.newPage();
    await visitor.setViewportSize({ width: 375, height: 740 });
    await visitor.goto(url);
    await visitor.getByRole('heading', { name: '春季会员活动报名' }).waitFor();
    await expect.poll(() => visitor.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await visitor.locator('#f-fullName').fill('赵敏');
    await visitor.locator('#f-phone').fill('139 0013 9000');
    await visitor.locator('#f-city').selectOption('sh');
    await visitor.screenshot({ path: `${b.dir}/a05-form-phone-filled.png`, fullPage: true, animations: 'disabled' });
    await visitor.getByRole('button', { name: '提交' }).click();
    await visitor.getByText('提交成功,感谢您的参与!').waitFor();
    await visitor.screenshot({ path: `${b.dir}/a06-form-phone-thanks.png`, fullPage: true, animations: 'disabled' });
    await visitor.close();

    await page.getByRole('tab', { name: /提交记录/ }).click();
    const row = page.locator('.ant-table-row', { hasText: '赵敏' });
    await row.getByText('上海').waitFor(); // the option's label, not its stored value
    await row.getByTestId('submission-delivery').getByText('成功').waitFor({ timeout: 20_000 });
    await b.shot('a07-form-submissions');
    await row.getByTestId('submission-delivery').click();
    await page.waitForURL(/\/deliveries\/[0-9a-f-]+$/);
    await expect(page.getByTestId('request-body')).toContainText('13900139000');
    const submissions = (await api().get(`/api/forms/${formId}/submissions`).set(tenant.auth).expect(200)).body.items;
    expect(submissions).toHaveLength(1);
    expect(submissions[0].data).toEqual({ fullName: '赵敏', phone: '13900139000', city: 'sh' });
  });

  it('creates an inbound trigger: the secret once, a signed call from outside, the request in the log with its verdict and run', async () => {
    const inboundJourney = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({
          name: '订单回调',
          trigger: { type: 'inbound' },
          start: 'done',
          nodes: [{ id: 'done', type: 'end' }],
        })
        .expect(201)
    ).body.id;
    await api().post(`/api/journeys/${inboundJourney}/activate`).set(tenant.auth).expect(200);

    // The journey list is held back until the picker has been seen loading: until it answers, the page
    // must not say there are no inbound journeys (it did, and its dropdown said 暂无数据).
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/journeys\?/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/inbound/new`);
    await page.getByTestId('inbound-name').fill('ERP 订单回调');
    await page.getByTestId('inbound-journey').click();
    await expect(page.getByTestId('inbound-journeys-loading')).toBeVisible();
    await expect(page.getByText('还没有触发方式为“入站触发器”的自动流程')).toHaveCount(0);
    release();
    // Only journeys with an inbound trigger are offered (not the group journey above).
    await expect(openOptions(page)).toHaveText(['订单回调']);
    await page.unroute(/\/api\/journeys\?/);
    await expect(page.getByText('只列出触发方式为“入站触发器”的自动流程')).toBeVisible();
    await pickOption(page, '订单回调');
    await page.locator('.ant-select', { hasText: '不关联客户' }).click();
    await pickOption(page, '手机号');
    await page.getByTestId('inbound-match-path').fill('data.phone');
    await page.getByTestId('check-hmac').click();
    await page.getByTestId('save-inbound').click();
    await page.waitForURL(/\/inbound\/\d+$/);
    const triggerId = Number(page.url().split('/').pop());
    await expect(page.getByTestId('secret-hmac')).toHaveText(/^\s*[0-9a-f]{64}\s*$/);
    const secret = (await page.getByTestId('secret-hmac').textContent())!.trim();
    await expect(page.getByTestId('inbound-url')).toHaveText(/\/hooks\/\S+/);
    const url = (await page.getByTestId('inbound-url').textContent())!.trim();
    // The curl example is signed in the browser (WebCrypto, asynchronous) with the secret on screen:
    // read it once the signature is there.
    const curlExample = page.getByTestId('curl-example');
    await expect(curlExample).toContainText(/X-Hub-Signature-256: sha256=[0-9a-f]{64}/);
    const example = /--data-raw '(.*)'/.exec((await curlExample.textContent())!)![1];
    await expect(curlExample).toContainText(`X-Hub-Signature-256: sha256=${createHmac('sha256', secret).update(example).digest('hex')}`);
    await b.shot('a08-inbound-secret-once');

    const body = JSON.stringify({ phone: '13700137000', orderId: 'A1001' });
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const ok = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature }, body });
    expect(ok.status).toBe(202);
    const { runId } = (await ok.json()) as { runId: string };
    const bad = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': 'sha256=00' }, body });
    expect(bad.status).toBe(401);

    // Shown once: after a reload only the hint is left.
    await page.reload();
    await page.getByText(`••••••${secret.slice(-4)}`).waitFor();
    await expect(page.getByTestId('secrets-once')).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('tab', { name: '请求日志' }).click();
    const accepted = page.locator('.ant-table-row', { hasText: '已接收' });
    await accepted.getByTestId('request-status').getByText('202').waitFor();
    await accepted.getByTestId('request-run').getByText(`#${runId}`).waitFor();
    await page.locator('.ant-table-row', { hasText: '签名错误' }).getByTestId('request-status').getByText('401').waitFor();
    await accepted.getByTestId('request-details').click();
    const drawer = page.getByTestId('request-drawer');
    await drawer.getByTestId('inbound-request-body').getByText('"orderId": "A1001"').waitFor();
    await expect(drawer).not.toContainText(signature.slice(7));
    await b.shot('a09-inbound-request-log');
    await page.keyboard.press('Escape');
    await accepted.getByTestId('request-run').click();
    await page.waitForURL(new RegExp(`/journey-runs/${runId}$`));
    await page.getByTestId('run-status').getByText('已完成').waitFor();
    expect(
      (await api().get(`/api/inbound-triggers/${triggerId}/requests`).set(tenant.auth).expect(200)).body.items.map((r: { verdict: string }) => r.verdict),
    ).toEqual(['unauthorized', 'accepted']);
  });

  it('is usable at phone width: the automation menu, the canvas and the run page fit', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${base}/journeys/${journeyId}`);
    await page.getByTestId('journey-canvas').locator('.react-flow__node').first().waitFor();
    await expect(page.getByRole('menuitem', { name: '自动流程' })).toBeHidden();
    await expect.poll(() => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await b.shot('a10-phone-journey');
    await page.getByTestId('menu-toggle').click();
    await page.getByRole('menuitem', { name: '表单' }).click();
    await page.waitForURL(/\/forms$/);
    await page.getByText('春季活动报名').waitFor();
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('speaks English on the new screens too', async () => {
    await page.goto(`${base}/journeys`);
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    await page.locator('.ant-table-row', { hasText: '会员同步 CRM' }).getByText('Active').waitFor();
    await page.locator('.ant-table-row', { hasText: '会员同步 CRM' }).getByRole('link').click();
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.locator('.ant-table-row', { hasText: 'Completed' }).first().getByRole('link').first().click();
    await page.getByText('Step log').waitFor();
    await page.getByTestId('step-webhook_1').getByTestId('step-outcome').getByText('Delivered').waitFor();
    await b.shot('a11-english-run');
    await page.getByRole('menuitem', { name: 'Inbound triggers' }).click();
    await page.getByRole('heading', { name: 'Inbound triggers' }).waitFor();
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByRole('heading', { name: '入站触发器' }).waitFor();
  });
});
