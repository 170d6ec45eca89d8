import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { shootWidths } from './support/a11y';
import { confirm, expect, launchBrowser, pickOption, searchAndPick, signIn, type TestBrowser } from './support/browser';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';

const USER = { email: 'journey-split@example.com', password: 'console-pass-5' };
const MEMBERS = 30;

/** A node's connection handle on the React Flow canvas (`in`, `next`, or a split's `b0`, `b1`…). */
const handle = (page: Page, node: string, id: string) => page.locator(`.react-flow__node[data-id="${node}"] .react-flow__handle[data-handleid="${id}"]`);
const connect = (page: Page, from: string, fromHandle: string, to: string) => handle(page, from, fromHandle).dragTo(handle(page, to, 'in'));

describe('console: an A/B split on the journey canvas (real browser)', () => {
  jest.setTimeout(150_000); // two cores shared by parallel browser runs
  let t: TestApp;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let b: TestBrowser;
  let page: Page;
  let base: string;
  let id: number;
  const api = () => t.http();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    tenant = await createTenant(t, 'A/B 商户');
    await api()
      .post('/api/console-users')
      .set(tenant.auth)
      .send({ ...USER, name: '小吴' })
      .expect(201);
    const rows = Array.from({ length: MEMBERS }, (_, i) => ({ name: `会员${i + 1}`, mobile: `1370000${String(i).padStart(4, '0')}` }));
    await api().post('/api/customers/import').set(tenant.auth).send(rows).expect(200);
    const ids = (await api().get('/api/customers?limit=100').set(tenant.auth).expect(200)).body.items.map((c: { id: number }) => c.id);
    const group = (await api().post('/api/groups').set(tenant.auth).send({ name: '双十一人群', type: 'static' }).expect(201)).body.id;
    await api().post(`/api/groups/${group}/members`).set(tenant.auth).send({ customerIds: ids }).expect(200);
    b = await launchBrowser('console-journey-split');
    page = b.page;
    await signIn(page, base, USER);
  });
  afterAll(async () => {
    await b?.close();
    await worker?.close();
    await t?.close();
  });

  it('builds a split in the panel with a live total, links each branch handle, saves it', async () => {
    await page.getByRole('menuitem', { name: '自动流程' }).click();
    await page.getByRole('button', { name: /新建自动流程/ }).click();
    await page.getByTestId('journey-name').fill('双十一 A/B 文案');
    await page.getByTestId('trigger-group').click();
    await pickOption(page, '双十一人群');

    await page.getByTestId('palette-split').click();
    const split = page.getByTestId('node-split_1');
    await expect(split).toContainText('按比例分成 2 组');
    await expect(page.getByTestId('branch-split_1-b1')).toHaveAttribute('title', 'B · 50%');
    // The panel: names and shares, the total live.
    await page.getByLabel('分支 1 名称').fill('对照组');
    await page.getByLabel('分支 2 名称').fill('方案A');
    await page.getByTestId('split-add').click();
    await page.getByLabel('分支 3 名称').fill('方案B');
    await page.getByLabel('分支 1 比例（%）').fill('20');
    await expect(page.getByTestId('split-sum')).toHaveText('合计 70%，还差 30%（须正好 100%）');
    await page.getByTestId('split-even').click();
    await expect(page.getByTestId('split-sum')).toHaveText('合计 100%');
    await expect(page.getByLabel('分支 1 比例（%）')).toHaveValue('34');
    await page.getByLabel('分支 1 比例（%）').fill('10');
    await page.getByLabel('分支 2 比例（%）').fill('45');
    await page.getByLabel('分支 3 比例（%）').fill('50');
    await expect(page.getByTestId('split-sum')).toHaveText('合计 105%，超出 5%（须正好 100%）');
    // The API's check agrees, in the console's words, on the node it names.
    await split.getByTestId('node-errors').getByText('各分支比例之和为 105%，须正好等于 100%').waitFor();
    await shootWidths(page, 'journey-split-sum-error', () => expect(page.getByTestId('split-sum')).toContainText('105%'));
    await page.getByLabel('分支 3 比例（%）').fill('45');
    await expect(page.getByTestId('split-sum')).toHaveText('合计 100%');
    await expect(split).toContainText('按比例分成 3 组');
    for (const [key, text] of [
      ['b0', '对照组 · 10%'],
      ['b1', '方案A · 45%'],
      ['b2', '方案B · 45%'],
    ])
      await expect(page.getByTestId(`branch-split_1-${key}`)).toHaveAttribute('title', text);
    // Each branch is its own handle and must lead somewhere.
    await split
      .getByTestId('node-errors')
      .getByText(/“对照组”分支还没连线/)
      .waitFor();
    for (let i = 0; i < 3; i++) await page.getByTestId('palette-end').click();
    // The palette stacks new nodes under the lowest one: lay the three ends out side by side under the split.
    const canvas = (await page.getByTestId('journey-canvas').boundingBox())!;
    for (const [i, dx] of [
      [3, 230],
      [2, 0],
      [1, -230],
    ]) {
      const splitBox = (await split.boundingBox())!;
      const box = (await page.getByTestId(`node-end_${i}`).boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + 10);
      await page.mouse.down();
      const y = Math.min(canvas.y + canvas.height - 60, splitBox.y + splitBox.height + 90);
      await page.mouse.move(splitBox.x + splitBox.width / 2 + dx, y, { steps: 8 });
      await page.mouse.up();
    }
    await connect(page, 'split_1', 'b0', 'end_1');
    await connect(page, 'split_1', 'b1', 'end_2');
    await connect(page, 'split_1', 'b2', 'end_3');
    await page.getByTestId('journey-check').getByText('流程检查通过').waitFor();
    await page.getByTestId('node-split_1').click();
    await page.getByLabel('分支 1 名称').waitFor();
    await shootWidths(page, 'journey-split-panel', () => expect(page.getByTestId('split-sum')).toHaveText('合计 100%'));

    await page.getByTestId('save-journey').click();
    await page.waitForURL(/\/journeys\/\d+$/);
    id = Number(page.url().split('/').pop());
    const saved = (await api().get(`/api/journeys/${id}`).set(tenant.auth).expect(200)).body;
    expect(saved.nodes[0]).toMatchObject({
      id: 'split_1',
      type: 'split',
      branches: [
        { label: '对照组', percent: 10, next: 'end_1' },
        { label: '方案A', percent: 45, next: 'end_2' },
        { label: '方案B', percent: 45, next: 'end_3' },
      ],
    });
  });

  it('shows the runs per branch under the split once active, live, adding up to those who passed it', async () => {
    await page.getByTestId('journey-activate').click();
    await confirm(page);
    await page.getByTestId('journey-status').getByText('运行中').waitFor();
    const done = page.getByTestId('node-counts-split_1').getByTestId('count-done');
    // Live: the runs enter (waiting at the split until a worker steps them), then pass it.
    await expect(done).toHaveAttribute('data-value', String(MEMBERS), { timeout: 30_000 });
    const counts = await Promise.all(['b0', 'b1', 'b2'].map(async (k) => Number(await page.getByTestId(`branch-split_1-${k}`).getAttribute('data-count'))));
    expect(counts.reduce((x, y) => x + y, 0)).toBe(MEMBERS);
    const apiCounts = (await api().get(`/api/journeys/${id}/node-counts`).set(tenant.auth).expect(200)).body.nodes;
    expect(apiCounts.find((n: { nodeId: string }) => n.nodeId === 'split_1').branches).toEqual(counts);
    await expect(page.getByTestId('branch-split_1-b1')).toHaveAttribute('title', `方案A · ${counts[1]} 人 · 45%`);
    await expect(page.locator('.react-flow__edge-textwrapper', { hasText: `方案A 45% · ${counts[1]} 人` })).toBeVisible();
    await expect(page.getByTestId('journey-counter-completed')).toContainText(String(MEMBERS), { timeout: 20_000 });
    await shootWidths(page, 'journey-split-counts', () => expect(done).toHaveAttribute('data-value', String(MEMBERS)));

    // A run's step log (运行记录 → the run) names the branch it took.
    await page.getByRole('tab', { name: '运行记录' }).click();
    await page.locator('.ant-table-row', { hasText: '已完成' }).first().getByRole('link').first().click();
    await page.waitForURL(/\/journey-runs\/\d+$/);
    await expect(page.getByTestId('step-split_1').getByTestId('step-branch')).toHaveText(/本次运行分到“(对照组|方案A|方案B)”分支（占 (10|45)%）/);
    await shootWidths(page, 'journey-split-run-step-log', () => expect(page.getByTestId('step-branch')).toBeVisible());
    await page.goBack();
    await page.getByRole('tab', { name: '流程设计' }).click();
  });

  it('测试运行: the split node says which branch the run took', async () => {
    await page.getByTestId('test-run-button').click();
    const modal = page.locator('.ant-modal');
    await searchAndPick(page, modal.getByLabel('测试客户'), '13700000003', '会员4');
    await page.getByTestId('start-test-run').click();
    await expect(page.getByTestId('test-run-status')).toHaveText('已完成');
    await expect(page.getByTestId('node-split_1')).toHaveAttribute('data-trace', 'passed');
    await expect(async () => {
      await page.getByTestId('node-split_1').click();
      await expect(page.getByTestId('test-split-branch')).toContainText(/本次运行分到“(对照组|方案A|方案B)”分支/, { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await shootWidths(page, 'journey-split-test-run', () => expect(page.getByTestId('test-split-branch')).toBeVisible());
  });
});
