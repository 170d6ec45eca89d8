import type { Broadcast } from './broadcast.entity';
import type { BroadcastView } from './dto/broadcast-view.dto';

export function toBroadcastView(b: Broadcast): BroadcastView {
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
    pending: Math.max(0, b.total - b.delivered - b.failed - b.cancelled),
    delivered: b.delivered,
    failed: b.failed,
    cancelled: b.cancelled,
    fanoutDone: b.fanoutDone,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

export type { BroadcastView };
