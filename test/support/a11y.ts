import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ARTIFACTS, expect } from './browser';

/** The impacts a screen may not have: a person cannot use what they flag. */
const BLOCKING = new Set(['serious', 'critical']);

export interface A11yReport {
  screen: string;
  width: number;
  /** Violations per impact (minor, moderate, serious, critical), counted by affected element. */
  counts: Record<string, number>;
  blocking: { id: string; impact: string; help: string; targets: string[]; why?: string }[];
}

/**
 * Runs axe-core (WCAG 2 A/AA rules) on the page as it stands and fails on any serious or critical
 * violation, naming the rule and the elements. Each report is also written to
 * test/artifacts/a11y/<screen>-<width>.json, so the counts per screen can be read after a run.
 */
export async function expectAccessible(page: Page, screen: string): Promise<A11yReport> {
  // The page at rest: a hover left by the last click (a chart's tooltip, a link's hover colour) is the pointer's, not the page's.
  await page.mouse.move(0, 0);
  // ...and its colours settled: a button leaving its hover colour fades for 0.2 s, and axe once judged it
  // mid-fade (#2976df on white text, 4.41:1; at rest it is #0f5fd7). Only transitions: they end, unlike a spinner's loop.
  await expect
    .poll(() => page.evaluate<number>("document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState === 'running').length"))
    .toBe(0);
  // A table still loading is drawn half-transparent under its spinner: contrast is judged on the settled page.
  await expect(page.locator('.ant-spin-spinning, .ant-spin-blur')).toHaveCount(0);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const counts: Record<string, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of result.violations) counts[v.impact ?? 'minor'] += v.nodes.length;
  const blocking = result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5), why: v.nodes[0]?.failureSummary }));
  const report: A11yReport = { screen, width: page.viewportSize()?.width ?? 0, counts, blocking };
  const dir = join(ARTIFACTS, 'a11y');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${screen}-${report.width}.json`), JSON.stringify(report, null, 2));
  expect(blocking).toEqual([]);
  return report;
}

/**
 * What scrolls sideways: the page at any width, and at desktop widths a table inside it too (a list
 * must fit at 1280 px: its columns fold into the row or a detail instead).
 */
function sidewaysScroll(page: Page, width: number): Promise<string[]> {
  // A string, not a function: the tests compile without the DOM's types.
  const tables = width >= 1024 ? "document.querySelectorAll('.ant-table-content, .ant-table-body')" : '[]';
  return page.evaluate<string[]>(`(() => {
    const wide = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) wide.push('page ' + root.scrollWidth + ' > ' + root.clientWidth);
    for (const el of ${tables}) if (el.scrollWidth > el.clientWidth + 1) wide.push('table ' + el.scrollWidth + ' > ' + el.clientWidth);
    return wide;
  })()`);
}

/**
 * Screenshots the page at 1280 px and at 375 px (a phone) into test/artifacts/console/<name>-<width>.png,
 * checking at each width that nothing scrolls sideways and that axe finds nothing serious; the page is
 * left at 1280 px. `settle` waits for what must be on screen after a resize (a web-first assertion).
 * `axeWidths` narrows where axe runs, for a suite whose screens another suite scans at both widths already.
 */
export async function shootWidths(
  page: Page,
  name: string,
  settle: () => Promise<void> = async () => {},
  axeWidths: readonly number[] = [1280, 375],
): Promise<void> {
  const dir = join(ARTIFACTS, 'console');
  mkdirSync(dir, { recursive: true });
  const height = page.viewportSize()?.height ?? 860;
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height });
    await settle();
    await expect.poll(() => sidewaysScroll(page, width), { message: `${name} scrolls sideways at ${width} px` }).toEqual([]);
    // The picture first: a person can see what a failing check below is about.
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true, animations: 'disabled' });
    if (axeWidths.includes(width)) await expectAccessible(page, name);
  }
  await page.setViewportSize({ width: 1280, height });
}
