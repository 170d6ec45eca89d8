import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './processes';

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

/** Picks an option of an open antd Select (rendered in a portal) by its text. */
export async function pickOption(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Signs in through the console's own sign-in page and waits for the first screen. */
export async function signIn(page: Page, base: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await page.getByRole('button', { name: /登\s?录/ }).click();
  await page.waitForURL(/\/webhooks$/);
}

/** Confirms the open antd Popconfirm or confirm dialog (确定, shown as 确 定). */
export async function confirm(page: Page): Promise<void> {
  await page.locator('.ant-popover:visible, .ant-modal-confirm:visible').getByRole('button', { name: /^确\s?定$/ }).click();
}
