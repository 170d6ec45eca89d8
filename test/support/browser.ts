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
    shot: async (name) => {
      await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
