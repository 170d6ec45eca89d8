import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { expectAccessible, shootWidths } from './support/a11y';
import { expect, launchBrowser, searchAndPick, signIn, type TestBrowser } from './support/browser';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

const USER = { email: 'journey-test@example.com', password: 'console-pass-3' };

describe('console: live node counts and 测试运行 on the journey canvas (real browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let receiver: Receiver;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let journeyId: number;
  const api = () => t.http();
  const customer = (name: string, mobile: string, city: string) =>
    api().post('/api/customers').set(tenant.auth).send({ name, mobile, attributes: { city } }).expect(201);
  const count = (node: string, key: string) => page.getByTestId(`node-counts-${node}`).getByTestId(`count-${key}`);

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, '测试运行商户');
    receiver = await Receiver.start();
    receiver.on('/crm', (req) => {
      const mobile = JSON.parse(req.raw.toString()).customer?.mobile ?? 'anonymous';
      return { status: 200, body: JSON.stringify({ ok: true, id: `CRM-${mobile}` }) };
    });
    await api()
      .post('/api/console-users')
      .set(tenant.auth)
      .send({ ...USER, name: '小周' })
      .expect(201);
    const crm = (
      await api()
        .post('/api/webhooks')
        .set(tenant.auth)
        .send({ name: 'CRM 同步', url: receiver.url('/crm') })
        .expect(201)
    ).body.id;
    journeyId = (
      await api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({
          name: '新客欢迎',
          reentry: 'always',
          trigger: { type: 'event', event: 'customer/created' },
          start: 'city',
          nodes: [
            {
              id: 'city',
              label: '是否上海',
              type: 'condition',
              rule: { field: 'customer.attributes.city', op: '=', value: '上海' },
              then: 'crm',
              else: 'hold',
            },
            { id: 'crm', label: '同步 CRM', type: 'webhook', webhookId: crm, next: 'done' },
            { id: 'hold', label: '等一天', type: 'wait', seconds: 86400, next: 'done' },
            { id: 'done', type: 'end' },
          ],
        })
        .expect(201)
    ).body.id;
    await api().post(`/api/journeys/${journeyId}/activate`).set(tenant.auth).expect(200);
    await customer('张伟', '13800138001', '上海');
    await customer('李娜', '13800138002', '北京');
    await until(
      async () => (await api().get(`/api/journeys/${journeyId}`).set(tenant.auth).expect(200)).body.counters,
      (c) => c.completed === 1 && c.waiting === 1,
      20_000,
      'one run through the CRM, one waiting',
    );
    b = await launchBrowser('console-journey-test-run');
    page = b.page;
    await signIn(page, base, USER);
  });
  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  it('shows each node’s counts on the canvas of an active journey, and they change live', async () => {
    await page.getByRole('menuitem', { name: '自动流程' }).click();
    await page.getByRole('link', { name: '新客欢迎' }).waitFor();
    await shootWidths(page, 'journey-list', () => page.getByRole('link', { name: '新客欢迎' }).waitFor());
    await page.getByRole('link', { name: '新客欢迎' }).click();
    await expect(count('city', 'entered')).toHaveAttribute('data-value', '2');
    await expect(count('crm', 'done')).toHaveAttribute('data-value', '1');
    await expect(count('hold', 'waiting')).toHaveAttribute('data-value', '1');
    await expect(page.getByTestId('branch-city-then')).toHaveText('是 · 1');
    await expect(page.getByTestId('node-counts-hint')).toBeVisible();
    // A new customer enters while the page is open: the canvas follows without a reload.
    await customer('王芳', '13800138003', '上海');
    await expect(count('city', 'entered')).toHaveAttribute('data-value', '3', { timeout: 20_000 });
    await expect(count('crm', 'done')).toHaveAttribute('data-value', '2', { timeout: 20_000 });
    await shootWidths(page, 'journey-canvas-counts', () => expect(count('city', 'entered')).toBeVisible());
  });

  it('runs a test for one customer: the path on the canvas, the webhook’s request and response, the counts untouched', async () => {
    const before = receiver.at('/crm').length;
    await page.getByTestId('test-run-button').click();
    const modal = page.locator('.ant-modal');
    await modal.getByText('选一位客户').waitFor();
    const search = modal.getByLabel('测试客户');
    await searchAndPick(page, search, '13800138003', '王芳');
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
    await expectAccessible(page, 'journey-test-run-dialog');
    await page.getByTestId('start-test-run').click();
    await expect(page.getByTestId('test-run-banner')).toBeVisible();
    await expect(page.getByTestId('test-run-status')).toHaveText('已完成');
    await expect(page.getByTestId('node-city')).toHaveAttribute('data-trace', 'passed');
    await expect(page.getByTestId('node-crm')).toHaveAttribute('data-trace', 'passed');
    await expect(page.getByTestId('node-hold')).toHaveAttribute('data-trace', 'skipped');
    await expect(page.getByTestId('node-done')).toHaveAttribute('data-trace', 'passed');
    await expect(page.getByTestId('test-run-path')).toContainText('crm');
    // The webhook node opens the test send's request and the receiver's answer.
    // Clicked again until the panel follows, bounded: the canvas refits itself once the path is drawn, and a click
    // during that move can miss the node.
    await expect(async () => {
      await page.getByTestId('node-crm').click();
      await expect(page.getByTestId('test-node-panel')).toContainText('同步 CRM', { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId('test-step-response')).toContainText('CRM-13800138003');
    expect(receiver.at('/crm').length).toBe(before + 1);
    await shootWidths(page, 'journey-test-run', () => expect(page.getByTestId('test-step-response')).toBeVisible());
    await page.getByTestId('open-test-message').click();
    await expect(page.getByTestId('response-body')).toContainText('CRM-13800138003');
    await expect(page.getByTestId('request-body')).toContainText('13800138003');
    await shootWidths(page, 'journey-test-run-message', () => expect(page.getByTestId('request-body')).toBeVisible());
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('request-body')).toHaveCount(0);
    await page.getByTestId('node-city').click();
    await expect(page.getByTestId('test-node-panel')).toContainText('走“是”分支');

    // Back to the normal view: the counts as before (the test run is not counted).
    await page.getByTestId('test-run-exit').click();
    await expect(page.getByTestId('test-run-banner')).toHaveCount(0);
    await expect(count('city', 'entered')).toHaveAttribute('data-value', '3');
    await expect(count('crm', 'done')).toHaveAttribute('data-value', '2');
  });

  it('binds every input of the node panel and the settings to its label', async () => {
    await page.getByTestId('node-hold').click();
    await expect(page.getByLabel('节点 ID')).toHaveValue('hold');
    await expect(page.getByLabel('显示名称')).toHaveValue('等一天');
    await expect(page.getByLabel('时长')).toHaveValue('1');
    await expect(page.getByLabel('时间单位')).toBeVisible();
    await expect(page.getByLabel('等待方式')).toBeVisible();
    await page.getByTestId('node-crm').click();
    await expect(page.getByLabel('Webhook', { exact: true })).toBeVisible();
    await expect(page.getByLabel('发送失败时')).toBeVisible();
    await page.getByTestId('node-city').click();
    await expect(page.getByLabel('条件字段').first()).toBeVisible();
    await expect(page.getByLabel('比较方式').first()).toBeVisible();
    await expect(page.getByLabel('比较值').first()).toHaveValue('上海');
    await page
      .getByTestId('journey-canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 5, y: 5 } });
    await expect(page.getByLabel('名称', { exact: true })).toHaveValue('新客欢迎');
    await expect(page.getByLabel('触发方式')).toBeVisible();
    await expect(page.getByLabel('起点')).toBeVisible();
    await expect(page.getByLabel('重复进入')).toBeVisible();
  });
});
