import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LATENCY_COLUMNS } from './delivery-stats';

/** The q-quantile of a latency histogram (ms), for the modules that sum hourly rows. */
export { quantile as latencyQuantile } from './delivery-stats';
import type { DeliverySource } from './delivery.entity';

/** One hour of one webhook and source, summed from delivery_stats_hourly. */
export interface HourlyStats {
  hour: Date;
  webhookId: number;
  source: DeliverySource;
  created: number;
  delivered: number;
  failed: number;
  cancelled: number;
  attempts: number;
  attemptsFailed: number;
  /** Attempt durations per bucket of LATENCY_BOUNDS_MS. */
  latency: number[];
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

  async hourly(tenantId: number, from: Date, to: Date): Promise<HourlyStats[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      'SELECT `hour`, `webhookId`, `source`, `created`, `delivered`, `failed`, `cancelled`, `attempts`, `attemptsFailed`, ' +
        LATENCY_COLUMNS.map((c) => `\`${c}\``).join(', ') +
        ' FROM `delivery_stats_hourly` WHERE `tenantId` = ? AND `hour` >= ? AND `hour` < ?',
      [tenantId, from, to],
    );
    return rows.map((r) => ({
      hour: new Date(r.hour as Date),
      webhookId: Number(r.webhookId),
      source: r.source as DeliverySource,
      created: Number(r.created),
      delivered: Number(r.delivered),
      failed: Number(r.failed),
      cancelled: Number(r.cancelled),
      attempts: Number(r.attempts),
      attemptsFailed: Number(r.attemptsFailed),
      latency: LATENCY_COLUMNS.map((c) => Number(r[c])),
    }));
  }

  /** Messages waiting (pending) and on the wire (sending) now, each counted up to WAITING_CAP. */
  async live(tenantId: number): Promise<{ pending: number; sending: number }> {
    const count = async (status: string) => {
      const [row]: { n: string | number }[] = await this.db.query(
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM `deliveries` WHERE `tenantId` = ? AND `status` = ? LIMIT ?) x',
        [tenantId, status, WAITING_CAP],
      );
      return Number(row.n);
    };
    const [pending, sending] = await Promise.all([count('pending'), count('sending')]);
    return { pending, sending };
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
