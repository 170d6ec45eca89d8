import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Received } from '../support/receiver';
import { ROOT } from '../support/processes';

/** What one receiver path saw: every message id, how often, and when. */
export class Tally {
  readonly seen = new Map<string, number>();
  /** Receipts the receiver answered 2xx: a message it processed. */
  readonly ok = new Map<string, number>();
  readonly times: number[] = [];

  /** Counts a receipt; returns how many times this message has arrived (1 the first time). */
  record(req: Received): number {
    const id = String(req.headers['x-herald-message-id']);
    const n = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, n);
    this.times.push(Date.now());
    return n;
  }

  answered(req: Received, status: number): void {
    if (status < 200 || status >= 300) return;
    const id = String(req.headers['x-herald-message-id']);
    this.ok.set(id, (this.ok.get(id) ?? 0) + 1);
  }

  /** Messages the receiver processed (answered 2xx) more than once. */
  get processedTwice(): number {
    return this.processedTwiceIds.length;
  }

  /** Their message ids (the delivery ids). */
  get processedTwiceIds(): string[] {
    return [...this.ok].filter(([, c]) => c > 1).map(([id]) => id);
  }

  get delivered(): number {
    return this.ok.size;
  }

  get unique(): number {
    return this.seen.size;
  }

  /** Extra receipts of a message beyond its first (at-least-once delivery's cost). */
  get duplicated(): number {
    let extra = 0;
    for (const n of this.seen.values()) extra += n - 1;
    return extra;
  }

  /** Most receipts in any window of `ms`. */
  maxInWindow(ms: number): number {
    return maxInWindow(this.times, ms);
  }
}

/** Most of the (ascending) times in any window of `ms`. */
export function maxInWindow(times: number[], ms: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= ms) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

export interface ChaosRow {
  scenario: string;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  fiveXX: number;
  notes: string;
}

export const rows: ChaosRow[] = [];

export function table(): string {
  const head = '| scenario | messages expected | delivered | lost | duplicated | 5xx | notes |\n|---|---|---|---|---|---|---|';
  return [head, ...rows.map((r) => `| ${r.scenario} | ${r.expected} | ${r.delivered} | ${r.lost} | ${r.duplicated} | ${r.fiveXX} | ${r.notes} |`)].join('\n');
}

/** Prints the table and keeps it under test/artifacts/ for a person to read. */
export function publish(): void {
  if (!rows.length) return;
  const text = table();
  console.log(`\nChaos suite\n\n${text}\n`);
  mkdirSync(join(ROOT, 'test', 'artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'test', 'artifacts', 'chaos-table.md'), `${text}\n`);
}
