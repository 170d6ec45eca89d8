import type { EntityManager } from 'typeorm';

/** Upper bounds (ms) of the attempt-duration buckets, doubling from 25 ms; a 12th bucket holds the rest. */
export const LATENCY_BOUNDS_MS = [25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600] as const;
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;
export const LATENCY_COLUMNS = Array.from({ length: LATENCY_BUCKETS }, (_, i) => `lat${i}`);
const COUNTERS = ['created', 'delivered', 'failed', 'cancelled', 'attempts', 'attemptsFailed', 'skipped'] as const;
export type StatsCounter = (typeof COUNTERS)[number];
const HOUR_MS = 3_600_000;

export function bucketOf(ms: number): number {
  const i = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return i < 0 ? LATENCY_BOUNDS_MS.length : i;
}

export function floorHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * The q-quantile (0..1) of a histogram, interpolated linearly inside its bucket (the last bucket,
 * unbounded, answers its lower bound). Null without observations.
 */
export function quantile(histogram: number[], q: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    if (!histogram[i]) continue;
    if (seen + histogram[i] >= rank) {
      const low = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      if (i >= LATENCY_BOUNDS_MS.length) return low;
      return Math.round(low + ((LATENCY_BOUNDS_MS[i] - low) * (rank - seen)) / histogram[i]);
    }
    seen += histogram[i];
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}

export interface StatsKey {
  tenantId: number;
  webhookId: number;
  source: string;
}

interface StatsRow extends StatsKey {
  hour: Date;
  counts: Record<StatsCounter, number>;
  latency: number[];
}

/**
 * Counts changes by (tenant, hour, webhook, source) in memory; write() stores them all in one
 * INSERT … ON DUPLICATE KEY UPDATE.
 */
export class StatsTally {
  private rows = new Map<string, StatsRow>();

  count(key: StatsKey, counter: StatsCounter, n = 1, at = new Date()): this {
    if (n) this.row(key, at).counts[counter] += n;
    return this;
  }

  /** One attempt: its duration into the histogram, and whether it failed. */
  attempt(key: StatsKey, durationMs: number, failed: boolean, at = new Date()): this {
    const row = this.row(key, at);
    row.counts.attempts++;
    if (failed) row.counts.attemptsFailed++;
    row.latency[bucketOf(durationMs)]++;
    return this;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Adds another tally's counts to this one. */
  merge(other: StatsTally): this {
    for (const [id, r] of other.rows) {
      const mine = this.rows.get(id);
      if (!mine) this.rows.set(id, { ...r, counts: { ...r.counts }, latency: [...r.latency] });
      else {
        for (const c of COUNTERS) mine.counts[c] += r.counts[c];
        r.latency.forEach((n, i) => (mine.latency[i] += n));
      }
    }
    return this;
  }

  /**
   * One statement for everything counted, rows in key order (two writers touching the same rows
   * lock them in the same order, so they wait instead of deadlocking).
   */
  async write(m: EntityManager): Promise<void> {
    if (!this.rows.size) return;
    const rows = [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    const columns = ['tenantId', 'hour', 'webhookId', 'source', ...COUNTERS, ...LATENCY_COLUMNS];
    const params = rows.flatMap((r) => [r.tenantId, r.hour, r.webhookId, r.source, ...COUNTERS.map((c) => r.counts[c]), ...r.latency]);
    const added = [...COUNTERS, ...LATENCY_COLUMNS].map((c) => `\`${c}\` = \`${c}\` + VALUES(\`${c}\`)`).join(', ');
    await m.query(
      `INSERT INTO \`delivery_stats_hourly\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ` +
        rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ') +
        ` ON DUPLICATE KEY UPDATE ${added}`,
      params,
    );
  }

  private row(key: StatsKey, at: Date): StatsRow {
    const hour = floorHour(at);
    const id = `${String(key.tenantId).padStart(10, '0')}|${hour.toISOString()}|${String(key.webhookId).padStart(10, '0')}|${key.source}`;
    let row = this.rows.get(id);
    if (!row) {
      row = {
        tenantId: key.tenantId,
        webhookId: key.webhookId,
        source: key.source,
        hour,
        counts: { created: 0, delivered: 0, failed: 0, cancelled: 0, attempts: 0, attemptsFailed: 0, skipped: 0 },
        latency: new Array<number>(LATENCY_BUCKETS).fill(0),
      };
      this.rows.set(id, row);
    }
    return row;
  }
}
