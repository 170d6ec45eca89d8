import { PageOf } from '../../openapi/page.dto';
import { NamedRefView } from '../../openapi/summary.dto';
import type { BroadcastStatus } from '../broadcast.entity';

/**
 * A mass send (群发) and its progress. The counters move while it runs; they add up:
 * total = pending + delivered + failed + cancelled + skipped.
 */
export class BroadcastView {
  id!: number;
  name!: string;
  webhookId!: number;
  groupId!: number;
  /** scheduled → sending → completed / completed_with_failures; or cancelled. */
  status!: BroadcastStatus;
  /** When it starts; null when it was sent at once. */
  scheduledAt!: Date | null;
  startedAt!: Date | null;
  completedAt!: Date | null;
  cancelledAt!: Date | null;
  /** Messages created so far (one per recipient; grows while the fan-out runs, see `fanoutDone`). */
  total!: number;
  /** Messages not finished yet (waiting or on the wire). */
  pending!: number;
  delivered!: number;
  failed!: number;
  cancelled!: number;
  /** Of `pending`: messages waiting for quiet hours to end (`deferred`, they go when the window opens). */
  deferred!: number;
  /** Never sent, for a reason (a frequency cap): not failures. */
  skipped!: number;
  /** Every recipient's message exists: `total` is final. */
  fanoutDone!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
  /** The webhook it sends through, named. */
  webhook!: NamedRefView;
  /** The group it goes to, named. */
  group!: NamedRefView;
  /** While scheduled: how many customers the group holds now (who it would go to if it started now); null otherwise. */
  audience!: number | null;
}

export class BroadcastPage extends PageOf(BroadcastView) {}

/** Messages that finished in one minute (UTC), by outcome. */
export class TimelinePointView {
  /** The minute, ISO-8601 (`2026-11-23T08:15:00.000Z`). */
  minute!: string;
  delivered!: number;
  failed!: number;
  cancelled!: number;
}

/** The send page's chart: one point per minute in which messages finished, oldest first (all of them, not paged). */
export class BroadcastTimeline {
  items!: TimelinePointView[];
}
