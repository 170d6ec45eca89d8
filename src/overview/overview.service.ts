import { Injectable } from '@nestjs/common';
import { BroadcastsService } from '../broadcasts/broadcasts.service';
import type { BroadcastView } from '../broadcasts/dto/broadcast-view.dto';
import type { TenantRef } from '../common/tenant-ref';
import { DeliveryStatsReader, WAITING_CAP } from '../deliveries/delivery-stats-reader.service';
import { JourneysService } from '../journeys/journeys.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { OverviewQueryDto } from './dto/overview-query.dto';
import type { OverviewAttention, OverviewSend, OverviewView } from './dto/overview-view.dto';
import { failureTrends, isRising, summarise } from './overview-figures';
import { rangeWindow } from './overview-range';

const LIST = 10;
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** The overview (概览) composed from the modules that own each figure; it keeps no table of its own. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly stats: DeliveryStatsReader,
    private readonly webhooks: WebhooksService,
    private readonly broadcasts: BroadcastsService,
    private readonly journeys: JourneysService,
  ) {}

  async get(tenant: TenantRef, query: OverviewQueryDto, now = new Date()): Promise<OverviewView> {
    const window = rangeWindow(query.range, query.tz, now);
    // Rising failures: the current and previous hour against the 7 days before them.
    const recentFrom = new Date(window.to.getTime() - 2 * HOUR_MS);
    const span = { from: window.from, to: window.to, recentFrom, baselineFrom: new Date(recentFrom.getTime() - WEEK_MS) };
    const [hours, perWebhook, live, failures, hooks, running, scheduled, journeys] = await Promise.all([
      this.stats.hours(tenant.id, window.from, window.to),
      this.stats.perWebhook(tenant.id, span),
      this.stats.live(tenant.id),
      this.stats.latestFailures(tenant.id, LIST),
      this.webhooks.summaries(tenant.id),
      this.broadcasts.list(tenant, { status: 'sending', limit: LIST }),
      this.broadcasts.list(tenant, { status: 'scheduled', limit: 100 }),
      this.journeys.list(tenant, { status: 'active', limit: LIST }),
    ]);
    const byId = new Map(hooks.map((h) => [h.id, h]));
    const { totals, series, bySource, webhooks } = summarise(hours, perWebhook, window);
    return {
      range: query.range,
      tz: query.tz,
      from: window.from,
      to: window.to,
      granularity: window.granularity,
      generatedAt: now,
      totals: { ...totals, ...live, liveCap: WAITING_CAP },
      series,
      bySource,
      webhooks: webhooks.map((w) => {
        const h = byId.get(w.webhookId);
        return { ...w, name: h?.name ?? null, enabled: h?.enabled ?? false, circuitState: h?.circuitState ?? 'closed' };
      }),
      attention: this.attention(hooks, failureTrends(perWebhook), new Set(perWebhook.map((r) => r.webhookId))),
      running: running.items.map(toSend),
      upcoming: scheduled.items
        .sort((a, b) => (a.scheduledAt?.getTime() ?? 0) - (b.scheduledAt?.getTime() ?? 0))
        .slice(0, LIST)
        .map(toSend),
      journeys: journeys.items.map((j) => ({ id: j.id, name: j.name, activatedAt: j.activatedAt, counters: j.counters })),
      latestFailures: failures.map(({ lastStatusCode, lastErrorClass, lastError, ...f }) => ({
        ...f,
        webhookName: byId.get(f.webhookId)?.name ?? null,
        statusCode: lastStatusCode,
        errorClass: lastErrorClass,
        error: lastError,
      })),
    };
  }

  private attention(
    hooks: Awaited<ReturnType<WebhooksService['summaries']>>,
    trends: ReturnType<typeof failureTrends>,
    active: Set<number>,
  ): OverviewAttention[] {
    const trendOf = new Map(trends.map((t) => [t.webhookId, t]));
    const out: OverviewAttention[] = [];
    const none = { recentAttempts: null, recentFailureRate: null, baselineFailureRate: null };
    for (const h of hooks) {
      if (h.circuitState !== 'closed') {
        const kind = h.circuitState === 'open' ? 'circuit_open' : 'circuit_half_open';
        out.push({ kind, webhookId: h.id, name: h.name, since: h.circuitOpenedAt, reason: h.circuitReason, ...none });
      } else if (!h.enabled && active.has(h.id)) {
        // Only disabled webhooks that had messages this week: a long-retired one is no news.
        out.push({ kind: 'disabled', webhookId: h.id, name: h.name, since: null, reason: null, ...none });
      }
      const t = trendOf.get(h.id);
      if (t && isRising(t)) {
        out.push({
          kind: 'rising_failures',
          webhookId: h.id,
          name: h.name,
          since: null,
          reason: null,
          recentAttempts: t.recentAttempts,
          recentFailureRate: t.recentFailureRate,
          baselineFailureRate: t.baselineFailureRate,
        });
      }
    }
    return out;
  }
}

function toSend(b: BroadcastView): OverviewSend {
  const { id, name, status, webhookId, groupId, scheduledAt, startedAt, total, pending, delivered, failed, fanoutDone } = b;
  return { id, name, status, webhookId, groupId, scheduledAt, startedAt, total, pending, delivered, failed, fanoutDone };
}
