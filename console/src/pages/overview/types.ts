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
