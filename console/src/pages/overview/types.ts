import type { components } from '../../api/schema';

export type OverviewData = components['schemas']['OverviewView'];
export type OverviewRange = OverviewData['range'];

/** 98.5 % with one decimal, or a dash when nothing settled. */
export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(Math.floor(rate * 1000) / 10).toFixed(1)}%`;
}

export function num(n: number): string {
  return n.toLocaleString();
}

/** Dark enough on white for WCAG AA: green from 95 %, amber from 80 %, red below. */
export function rateColor(rate: number | null | undefined): string | undefined {
  if (rate === null || rate === undefined) return undefined;
  return rate >= 0.95 ? '#237804' : rate >= 0.8 ? '#874d00' : '#a8071a';
}

export const DANGER = '#a8071a';
export const GOOD = '#237804';
