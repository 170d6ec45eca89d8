import { HourCounts, latencyQuantile, WebhookSourceStats } from '../deliveries/delivery-stats-reader.service';
import { bucketIndex, RangeWindow } from './overview-range';

export interface Counts {
  created: number;
  delivered: number;
  failed: number;
  cancelled: number;
  skipped: number;
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

const zero = (): Counts => ({ created: 0, delivered: 0, failed: 0, cancelled: 0, skipped: 0 });

function add(into: Counts, r: Counts): void {
  into.created += r.created;
  into.delivered += r.delivered;
  into.failed += r.failed;
  into.cancelled += r.cancelled;
  into.skipped += r.skipped;
}

/** The range's totals and chart series from hourly counts, counts per source and figures per webhook from their rows. */
export function summarise(hours: HourCounts[], perWebhook: WebhookSourceStats[], window: RangeWindow) {
  const totals = zero();
  const series = window.buckets.map((at) => ({ at, ...zero() }));
  for (const h of hours) {
    if (h.hour < window.from || h.hour >= window.to) continue;
    add(totals, h);
    const i = bucketIndex(window.buckets, h.hour);
    if (i >= 0) add(series[i], h);
  }
  const bySource = new Map<WebhookSourceStats['source'], Counts>();
  const webhooks = new Map<number, Counts & { attempts: number; latency: number[] }>();
  for (const r of perWebhook) {
    const s = bySource.get(r.source) ?? zero();
    add(s, r);
    bySource.set(r.source, s);
    const w = webhooks.get(r.webhookId) ?? { ...zero(), attempts: 0, latency: r.latency.map(() => 0) };
    add(w, r);
    w.attempts += r.attempts;
    r.latency.forEach((n, k) => (w.latency[k] += n));
    webhooks.set(r.webhookId, w);
  }
  const figures: WebhookFigures[] = [...webhooks.entries()]
    .filter(([, w]) => w.created + w.delivered + w.failed + w.cancelled + w.skipped + w.attempts > 0)
    .map(([webhookId, w]) => ({
      webhookId,
      created: w.created,
      delivered: w.delivered,
      failed: w.failed,
      cancelled: w.cancelled,
      skipped: w.skipped,
      attempts: w.attempts,
      successRate: successRate(w),
      p95Ms: latencyQuantile(w.latency, 0.95),
    }))
    .sort((a, b) => b.created - a.created || a.webhookId - b.webhookId);
  return {
    totals: { ...totals, successRate: successRate(totals) },
    series,
    bySource: [...bySource.entries()]
      .filter(([, c]) => c.created + c.delivered + c.failed + c.cancelled + c.skipped > 0)
      .map(([source, c]) => ({ source, ...c }))
      .sort((a, b) => b.created - a.created),
    webhooks: figures,
  };
}

/** Each webhook's recent attempt failure rate against the week before it. */
export function failureTrends(perWebhook: WebhookSourceStats[]): FailureTrend[] {
  const byWebhook = new Map<number, { ra: number; rf: number; ba: number; bf: number }>();
  for (const r of perWebhook) {
    const t = byWebhook.get(r.webhookId) ?? { ra: 0, rf: 0, ba: 0, bf: 0 };
    t.ra += r.recentAttempts;
    t.rf += r.recentFailed;
    t.ba += r.baselineAttempts;
    t.bf += r.baselineFailed;
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
