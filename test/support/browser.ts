import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { expect as playwrightExpect } from '@playwright/test';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from './processes';

/**
 * Playwright's web-first assertions (`await expect(locator).toHaveText(...)` retries until the page
 * agrees or the timeout passes) beside Jest's matchers for plain values. A browser test reads the DOM
 * only through these: a read right after a click races the render.
 */
export const expect = playwrightExpect.configure({ timeout: 15_000 });

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Where screenshots go (test/artifacts/<dir>): other pages of the context save theirs here too. */
  dir: string;
  /** Saves test/artifacts/<dir>/<name>.png (full page) for a person to look at. */
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Debian's chromium, headless, driven by playwright-core (Playwright's own browser download cannot
 * work here), with a fresh user-data dir so no state leaks between runs.
 */
export async function launchBrowser(dir: string, viewport = { width: 1280, height: 860 }): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-wqy-microhei (scripts/test.sh does it as root)`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'herald-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const out = join(ARTIFACTS, dir);
  mkdirSync(out, { recursive: true });
  return {
    context,
    page,
    dir: out,
    shot: async (name) => {
      // Animations finished (a drawer sliding in, a toast fading) so the picture shows the settled page.
      await page.screenshot({ path: join(out, `${name}.png`), fullPage: true, animations: 'disabled' });
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Overlays that are open, not on their way out: antd keeps a closing dropdown or popover visible
 * for its leave animation (`...-leave` classes), and a click must not land on that one.
 */
const OPEN = ':visible:not([class*="-leave"])';

/** The options of the open antd Select (rendered in a portal). */
export const openOptions = (page: Page) => page.locator(`.ant-select-dropdown${OPEN} .ant-select-item-option`);

/** Picks an option of the open antd Select by its text. */
export async function pickOption(page: Page, text: string | RegExp): Promise<void> {
  await openOptions(page).filter({ hasText: text }).first().click();
}

/**
 * Searches a searching select (the customer picker) and picks an option. Retried as a whole, bounded: under CI
 * load the options were once redrawn as the click landed (detached), or stayed on the first page after the
 * search. Then makes sure the list is closed (a retry can leave it open), so the next step meets the page at rest.
 */
export async function searchAndPick(page: Page, input: Locator, query: string, option: string | RegExp): Promise<void> {
  await playwrightExpect(async () => {
    await input.fill('');
    await input.fill(query);
    await openOptions(page).filter({ hasText: option }).first().click({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  const open = page.locator(`.ant-select-dropdown${OPEN}`);
  await playwrightExpect(async () => {
    if (await open.count()) await input.press('Tab');
    await playwrightExpect(open).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Turns the open 发送消息 modal to 测试发送 and returns its customer search box. The switch is retried until the
 * test-send form shows: a CI run once searched the 群发 form's group box instead (the click met the modal opening).
 */
export async function chooseTestSend(modal: Locator): Promise<Locator> {
  await playwrightExpect(async () => {
    await modal.getByText('测试发送').click({ timeout: 2_000 });
    await playwrightExpect(modal.getByTestId('submit-test-send')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  return modal.getByTestId('customer-picker').locator('input');
}

/**
 * Waits until a dialog has opened and its opening zoom has ended, and returns it. A click that meets the zoom can
 * land beside its target: CI runs once lost a pick of 分析员 (保存 stayed disabled) and a 取消 (the dialog stayed).
 */
export async function settled(dialog: Locator): Promise<Locator> {
  await playwrightExpect(dialog).toBeVisible();
  await playwrightExpect(dialog).not.toHaveClass(/-(appear|enter)\b/);
  return dialog;
}

/**
 * Unfolds the webhook editor's 高级设置 and waits until it has finished unfolding: a click on its 事务类消息 switch
 * during the unfolding was once lost under load (the switch stayed off).
 */
export async function openAdvanced(page: Page): Promise<Locator> {
  await page.getByTestId('webhook-advanced').click();
  return settled(page.locator('.ant-collapse-panel').filter({ has: page.getByTestId('webhook-transactional') }));
}

/** Signs in through the console's own sign-in page and waits for the first screen. */
export async function signIn(page: Page, base: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await page.getByRole('button', { name: /登\s?录/ }).click();
  // The console's home is the overview (概览) at /.
  await page.waitForURL((url) => url.pathname === '/');
}

/** Confirms the open antd Popconfirm or confirm dialog (确定, shown as 确 定). */
export async function confirm(page: Page): Promise<void> {
  // Once it has finished opening: a 确定 clicked during the zoom was lost under load (the customer stayed subscribed).
  const open = await settled(page.locator(`.ant-popover${OPEN}, .ant-modal-confirm${OPEN}`));
  await open.getByRole('button', { name: /^确\s?定$/ }).click();
}
