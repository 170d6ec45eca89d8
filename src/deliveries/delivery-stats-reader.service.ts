import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LATENCY_COLUMNS } from './delivery-stats';

/** The q-quantile of a latency histogram (ms), for the modules that sum hourly rows. */
export { quantile as latencyQuantile } from './delivery-stats';
import type { DeliverySource } from './delivery.entity';

export interface StatsCounts {
  created: number;
  delivered: number;
  failed: number;
  cancelled: number;
  /** Never sent (a frequency cap), apart from `created`. */
  skipped: number;
}

/** One hour of a tenant's messages (all webhooks and sources). */
export interface HourCounts extends StatsCounts {
  hour: Date;
}

/** One webhook and source: its counts and attempt-duration histogram over a period, and its attempts recently and before. */
export interface WebhookSourceStats extends StatsCounts {
  webhookId: number;
  source: DeliverySource;
  attempts: number;
  /** Attempt durations per bucket of LATENCY_BOUNDS_MS, over the period. */
  latency: number[];
  recentAttempts: number;
  recentFailed: number;
  baselineAttempts: number;
  baselineFailed: number;
}

/** A failed message as the overview lists it. */
export interface RecentFailure {
  id: string;
  webhookId: number;
  source: DeliverySource;
  sourceId: string | null;
  event: string;
  lastStatusCode: number | null;
  lastErrorClass: string | null;
  lastError: string | null;
  at: Date;
}

/** Counting live rows stops here: beyond it the overview says "more than". */
export const WAITING_CAP = 100_000;

/**
 * What the overview reads of messages, none of it by counting the deliveries table over a period:
 * the hourly counters (primary key range: tenant, hour), the live states and the latest failures
 * from the (tenantId, status, id) index, bounded.
 */
@Injectable()
export class DeliveryStatsReader {
  constructor(private readonly db: DataSource) {}

  /** Counts per hour in [from, to), summed in SQL over the primary key range (tenant, hour). */
  async hours(tenantId: number, from: Date, to: Date): Promise<HourCounts[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      'SELECT `hour`, SUM(`created`) AS created, SUM(`delivered`) AS delivered, SUM(`failed`) AS failed, SUM(`cancelled`) AS cancelled, SUM(`skipped`) AS skipped ' +
        'FROM `delivery_stats_hourly` WHERE `tenantId` = ? AND `hour` >= ? AND `hour` < ? GROUP BY `hour`',
      [tenantId, from, to],
    );
    return rows.map((r) => ({ hour: new Date(r.hour as Date), ...counts(r) }));
  }

  /**
   * Per webhook and source: counts and latency over [from, to), and attempts (failed and all)
   * since `recentFrom` and in [baselineFrom, recentFrom). One grouped statement; a handful of rows.
   */
  async perWebhook(tenantId: number, window: { baselineFrom: Date; from: Date; recentFrom: Date; to: Date }): Promise<WebhookSourceStats[]> {
    const inRange = (c: string) => `SUM(IF(\`hour\` >= ?, \`${c}\`, 0)) AS \`${c}\``;
    const inRangeColumns = ['created', 'delivered', 'failed', 'cancelled', 'skipped', 'attempts', ...LATENCY_COLUMNS];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT \`webhookId\`, \`source\`, ${inRangeColumns.map(inRange).join(', ')}, ` +
        'SUM(IF(`hour` >= ?, `attempts`, 0)) AS recentAttempts, SUM(IF(`hour` >= ?, `attemptsFailed`, 0)) AS recentFailed, ' +
        'SUM(IF(`hour` < ?, `attempts`, 0)) AS baselineAttempts, SUM(IF(`hour` < ?, `attemptsFailed`, 0)) AS baselineFailed ' +
        'FROM `delivery_stats_hourly` WHERE `tenantId` = ? AND `hour` >= ? AND `hour` < ? GROUP BY `webhookId`, `source`',
      [
        ...inRangeColumns.map(() => window.from),
        window.recentFrom,
        window.recentFrom,
        window.recentFrom,
        window.recentFrom,
        tenantId,
        new Date(Math.min(window.baselineFrom.getTime(), window.from.getTime())),
        window.to,
      ],
    );
    return rows.map((r) => ({
      webhookId: Number(r.webhookId),
      source: r.source as DeliverySource,
      ...counts(r),
      attempts: Number(r.attempts),
      latency: LATENCY_COLUMNS.map((c) => Number(r[c])),
      recentAttempts: Number(r.recentAttempts),
      recentFailed: Number(r.recentFailed),
      baselineAttempts: Number(r.baselineAttempts),
      baselineFailed: Number(r.baselineFailed),
    }));
  }

  /** Messages waiting (pending) and on the wire (sending) now, each counted up to WAITING_CAP. */
  async live(tenantId: number): Promise<{ pending: number; sending: number; deferred: number }> {
    const count = async (status: string) => {
      const [row]: { n: string | number }[] = await this.db.query(
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM `deliveries` WHERE `tenantId` = ? AND `status` = ? LIMIT ?) x',
        [tenantId, status, WAITING_CAP],
      );
      return Number(row.n);
    };
    const [pending, sending, deferred] = await Promise.all([count('pending'), count('sending'), count('deferred')]);
    return { pending, sending, deferred };
  }

  /** The newest failed messages (by id, from the (tenantId, status, id) index). */
  async latestFailures(tenantId: number, limit: number): Promise<RecentFailure[]> {
    const rows: (Omit<RecentFailure, 'at' | 'sourceId'> & { sourceId: string | number | null; updatedAt: Date })[] = await this.db.query(
      'SELECT `id`, `webhookId`, `source`, `sourceId`, `event`, `lastStatusCode`, `lastErrorClass`, `lastError`, `updatedAt` FROM `deliveries` ' +
        "WHERE `tenantId` = ? AND `status` = 'failed' ORDER BY `id` DESC LIMIT ?",
      [tenantId, limit],
    );
    return rows.map(({ updatedAt, sourceId, ...r }) => ({ ...r, sourceId: sourceId === null ? null : String(sourceId), at: updatedAt }));
  }
}

function counts(r: Record<string, unknown>): StatsCounts {
  return { created: Number(r.created), delivered: Number(r.delivered), failed: Number(r.failed), cancelled: Number(r.cancelled), skipped: Number(r.skipped) };
}
