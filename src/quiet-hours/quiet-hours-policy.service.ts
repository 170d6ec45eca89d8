import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { QuietHoursSetting } from './quiet-hours-setting.entity';
import { QuietWindow, windowState } from './quiet-window';

/** How long a tenant's settings are reused in a process: a change reaches every worker within this. */
export const QUIET_CACHE_MS = 5_000;
const MAX_TENANTS = 1_000;
const MAX_RUNS = 10_000;

/** Windows to keep, or null: no quiet hours. */
type Rule = QuietWindow[] | null;
interface Memo {
  from: number;
  to: number;
  opensAt: Date | null;
}
interface TenantRules {
  at: number;
  tz: string;
  tenant: Rule;
  webhooks: Map<number, Rule>;
  journeys: Map<number, Rule>;
  memo: Map<string, Memo>;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Who a marketing message is from, for its quiet hours. */
export interface QuietSubject {
  tenantId: number;
  webhookId: number;
  journeyId?: number | null;
}

/**
 * The quiet-hours decision per message, cheap: each tenant's settings are read once per
 * QUIET_CACHE_MS (one query for all its overrides), and the window math once per window change
 * (each answer is kept until the next opening or closing). A 100k-recipient send costs no query per message.
 */
@Injectable()
export class QuietHoursPolicy {
  private readonly tenants = new Map<number, TenantRules>();
  private readonly runJourneys = new Map<number, number | null>();
  private journeyOfRuns?: (runIds: number[]) => Promise<Map<number, number>>;
  private readonly listeners: ((tenantId: number) => Promise<void>)[] = [];

  constructor(@InjectRepository(QuietHoursSetting) private readonly settings: Repository<QuietHoursSetting>) {}

  /** Loads the settings of these tenants that are not cached (or stale); holdUntil() then answers for them. */
  async prepare(tenantIds: number[], now = Date.now()): Promise<void> {
    const stale = [...new Set(tenantIds)].filter((id) => {
      const t = this.tenants.get(id);
      return !t || now - t.at >= QUIET_CACHE_MS || now < t.at;
    });
    if (!stale.length) return;
    const rows = await this.settings.find({ where: { tenantId: In(stale) } });
    for (const id of stale) {
      const mine = rows.filter((r) => r.tenantId === id);
      const tenant = mine.find((r) => r.scope === 'tenant');
      const rule = (r: QuietHoursSetting): Rule => (r.enabled ? r.windows : null);
      this.tenants.delete(id);
      this.tenants.set(id, {
        at: now,
        tz: tenant?.timeZone ?? DEFAULT_TIME_ZONE,
        tenant: tenant?.enabled ? tenant.windows : null,
        webhooks: new Map(mine.filter((r) => r.scope === 'webhook').map((r) => [r.scopeId, rule(r)])),
        journeys: new Map(mine.filter((r) => r.scope === 'journey').map((r) => [r.scopeId, rule(r)])),
        memo: new Map(),
      });
    }
    while (this.tenants.size > MAX_TENANTS) this.tenants.delete(this.tenants.keys().next().value as number);
  }

  /** Drops a tenant's cached settings after a change in this process, and tells who listens (the engine re-decides held messages). */
  forget(tenantId: number): void {
    this.tenants.delete(tenantId);
    for (const listener of this.listeners) void listener(tenantId);
  }

  /** Called with the tenant whose settings changed (in this process). */
  onChange(listener: (tenantId: number) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /**
   * When a marketing message of `subject` may go: null = now, else the instant its window opens.
   * undefined = the tenant was not prepared (the caller lets the attempt decide). The most specific
   * setting wins: the journey's override, then the webhook's, then the tenant's.
   */
  holdUntil(subject: QuietSubject, now: Date): Date | null | undefined {
    const t = this.tenants.get(subject.tenantId);
    if (!t) return undefined;
    let key = 'tenant';
    let rule = t.tenant;
    if (subject.journeyId && t.journeys.has(subject.journeyId)) [key, rule] = [`j${subject.journeyId}`, t.journeys.get(subject.journeyId)!];
    else if (t.webhooks.has(subject.webhookId)) [key, rule] = [`w${subject.webhookId}`, t.webhooks.get(subject.webhookId)!];
    if (!rule) return null;
    const at = now.getTime();
    let memo = t.memo.get(key);
    if (!memo || at < memo.from || at >= memo.to) {
      const state = windowState(rule, t.tz, now);
      // Closed with no window ever opening cannot be saved (a window needs a weekday); held a week as a guard.
      const opensAt = state.open ? null : (state.opensAt ?? new Date(at + 7 * 86_400_000));
      const to = state.open ? (state.until?.getTime() ?? Infinity) : opensAt!.getTime();
      memo = { from: at, to, opensAt };
      t.memo.set(key, memo);
    }
    return memo.opensAt;
  }

  /** Whether any journey of the tenant has its own quiet hours (else a journey message needs no journey lookup). */
  hasJourneyOverrides(tenantId: number): boolean {
    return (this.tenants.get(tenantId)?.journeys.size ?? 0) > 0;
  }

  /** The journeys module tells which journey a run belongs to (journey messages carry the run's id). */
  provideJourneyOfRuns(lookup: (runIds: number[]) => Promise<Map<number, number>>): void {
    this.journeyOfRuns = lookup;
  }

  /** Journeys of runs (a run never changes journey, so answers are kept). */
  async journeysOf(runIds: number[]): Promise<Map<number, number | null>> {
    const missing = [...new Set(runIds)].filter((id) => !this.runJourneys.has(id));
    if (missing.length && this.journeyOfRuns) {
      const found = await this.journeyOfRuns(missing);
      for (const id of missing) this.runJourneys.set(id, found.get(id) ?? null);
      while (this.runJourneys.size > MAX_RUNS) this.runJourneys.delete(this.runJourneys.keys().next().value as number);
    }
    return new Map(runIds.map((id) => [id, this.runJourneys.get(id) ?? null]));
  }
}
