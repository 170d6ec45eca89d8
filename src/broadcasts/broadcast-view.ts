import type { Broadcast } from './broadcast.entity';
import type { BroadcastView } from './dto/broadcast-view.dto';

/** The names a page of sends refers to, and each scheduled send's audience now (by group id). */
export interface BroadcastRefs {
  webhooks: Map<number, string>;
  groups: Map<number, string>;
  audience: Map<number, number | null>;
  /** Messages waiting for quiet hours to end, by send (sending ones only). */
  deferred?: Map<number, number>;
}

const NO_REFS: BroadcastRefs = { webhooks: new Map(), groups: new Map(), audience: new Map() };

export function toBroadcastView(b: Broadcast, refs: BroadcastRefs = NO_REFS): BroadcastView {
  return {
    id: b.id,
    name: b.name,
    webhookId: b.webhookId,
    groupId: b.groupId,
    status: b.status,
    scheduledAt: b.scheduledAt,
    startedAt: b.startedAt,
    completedAt: b.completedAt,
    cancelledAt: b.cancelledAt,
    total: b.total,
    pending: Math.max(0, b.total - b.delivered - b.failed - b.cancelled - b.skipped),
    delivered: b.delivered,
    failed: b.failed,
    cancelled: b.cancelled,
    deferred: refs.deferred?.get(b.id) ?? 0,
    skipped: b.skipped,
    fanoutDone: b.fanoutDone,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    webhook: { id: b.webhookId, name: refs.webhooks.get(b.webhookId) ?? null },
    group: { id: b.groupId, name: refs.groups.get(b.groupId) ?? null },
    audience: b.status === 'scheduled' ? (refs.audience.get(b.groupId) ?? null) : null,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "企业微信群机器人 → 高活跃会员 · 2026-12-05 06:30 UTC": two sends through the same webhook to the same group differ by time. */
export function defaultBroadcastName(webhookName: string, groupName: string, at: Date): string {
  const when = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
  return `${webhookName} → ${groupName} · ${when}`.slice(0, 200);
}

export type { BroadcastView };
