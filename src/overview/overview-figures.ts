import { HourlyStats, latencyQuantile } from '../deliveries/delivery-stats-reader.service';
import { bucketIndex, RangeWindow } from './overview-range';

const HOUR_MS = 3_600_000;

export interface Counts {
  created: number;
  delivered: number;
  failed: number;
  cancelled: number;
}

export interface WebhookFigures extends Counts {
  webhookId: number;
  attempts: number;
  successRate: number | null;
  p95Ms: number | null;
}

/** Attempt failure rates of a webhook: the last hour or so against the week before it. */
export interface FailureTrend {
  webhookId: number;
  recentAttempts: number;
  recentFailureRate: number;
  baselineAttempts: number;
  baselineFailureRate: number | null;
}

/**
 * "Rising failures": over the current and the previous UTC hour (60–120 minutes), at least 20
 * attempts, at least 20 % of them failed, and that rate is at least twice the webhook's rate over
 * the 7 days before and 10 points above it. A webhook that always fails half its attempts is not
 * rising (its success rate shows that); one that starts failing is, within minutes.
 */
export const RISING = { minAttempts: 20, minRate: 0.2, factor: 2, margin: 0.1 } as const;

export function isRising(t: FailureTrend): boolean {
  if (t.recentAttempts < RISING.minAttempts || t.recentFailureRate < RISING.minRate) return false;
  const base = t.baselineFailureRate ?? 0;
  return t.recentFailureRate >= base * RISING.factor && t.recentFailureRate >= base + RISING.margin;
}

export function successRate(c: Pick<Counts, 'delivered' | 'failed'>): number | null {
  const settled = c.delivered + c.failed;
  return settled ? c.delivered / settled : null;
}

const zero = (): Counts => ({ created: 0, delivered: 0, failed: 0, cancelled: 0 });

function add(into: Counts, r: Counts): void {
  into.created += r.created;
  into.delivered += r.delivered;
  into.failed += r.failed;
  into.cancelled += r.cancelled;
}

/** The range's totals, chart series, counts per source and figures per webhook, from hourly rows. */
export function summarise(rows: HourlyStats[], window: RangeWindow) {
  const inRange = rows.filter((r) => r.hour >= window.from && r.hour < window.to);
  const totals = zero();
  const series = window.buckets.map((at) => ({ at, ...zero() }));
  const bySource = new Map<HourlyStats['source'], Counts>();
  const perWebhook = new Map<number, Counts & { attempts: number; latency: number[] }>();
  for (const r of inRange) {
    add(totals, r);
    const i = bucketIndex(window.buckets, r.hour);
    if (i >= 0) add(series[i], r);
    const s = bySource.get(r.source) ?? zero();
    add(s, r);
    bySource.set(r.source, s);
    const w = perWebhook.get(r.webhookId) ?? { ...zero(), attempts: 0, latency: r.latency.map(() => 0) };
    add(w, r);
    w.attempts += r.attempts;
    r.latency.forEach((n, k) => (w.latency[k] += n));
    perWebhook.set(r.webhookId, w);
  }
  const webhooks: WebhookFigures[] = [...perWebhook.entries()]
    .map(([webhookId, w]) => ({
      webhookId,
      created: w.created,
      delivered: w.delivered,
      failed: w.failed,
      cancelled: w.cancelled,
      attempts: w.attempts,
      successRate: successRate(w),
      p95Ms: latencyQuantile(w.latency, 0.95),
    }))
    .sort((a, b) => b.created - a.created || a.webhookId - b.webhookId);
  return {
    totals: { ...totals, successRate: successRate(totals) },
    series,
    bySource: [...bySource.entries()].map(([source, c]) => ({ source, ...c })).sort((a, b) => b.created - a.created),
    webhooks,
  };
}

/** Each webhook's recent attempt failure rate against its 7 days before (rows must cover both). */
export function failureTrends(rows: HourlyStats[], now: Date): FailureTrend[] {
  const recentFrom = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS;
  const byWebhook = new Map<number, { ra: number; rf: number; ba: number; bf: number }>();
  for (const r of rows) {
    const t = byWebhook.get(r.webhookId) ?? { ra: 0, rf: 0, ba: 0, bf: 0 };
    if (r.hour.getTime() >= recentFrom) {
      t.ra += r.attempts;
      t.rf += r.attemptsFailed;
    } else {
      t.ba += r.attempts;
      t.bf += r.attemptsFailed;
    }
    byWebhook.set(r.webhookId, t);
  }
  return [...byWebhook.entries()].map(([webhookId, t]) => ({
    webhookId,
    recentAttempts: t.ra,
    recentFailureRate: t.ra ? t.rf / t.ra : 0,
    baselineAttempts: t.ba,
    baselineFailureRate: t.ba ? t.bf / t.ba : null,
  }));
}
