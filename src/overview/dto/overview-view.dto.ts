import { ApiProperty } from '@nestjs/swagger';
import { JourneyCountersView } from '../../journeys/dto/journey-view.dto';
import type { DeliveryView } from '../../deliveries/dto/delivery-view.dto';
import type { BroadcastView } from '../../broadcasts/dto/broadcast-view.dto';
import type { CircuitState } from '../../webhooks/circuit-breaker';

/** Messages made in the period and outcomes reached in it (a message made yesterday and delivered today counts as delivered today). */
export class OverviewCounts {
  created!: number;
  delivered!: number;
  failed!: number;
  cancelled!: number;
  /** Messages made `skipped` in the period (never sent: a frequency cap); not in `created`. */
  skipped!: number;
}

export class OverviewTotals extends OverviewCounts {
  /** delivered / (delivered + failed) in the period; null when nothing settled. */
  successRate!: number | null;
  /** Messages waiting for their (next) attempt now, counted up to `liveCap`. */
  pending!: number;
  /** Messages on the wire now, counted up to `liveCap`. */
  sending!: number;
  /** Messages held by quiet hours now (`deferred`, they go when the window opens), counted up to `liveCap`. */
  deferred!: number;
  /** The live counts stop at this many (the answer then reads "more than"). */
  liveCap!: number;
}

/** One bucket of the chart: an hour (range today) or a local day (range 7d), by its start. */
export class OverviewPoint extends OverviewCounts {
  at!: Date;
}

export class OverviewSourceCounts extends OverviewCounts {
  @ApiProperty({ enum: ['test', 'broadcast', 'event', 'journey', 'form'] })
  source!: DeliveryView['source'];
}

export class OverviewWebhook extends OverviewCounts {
  webhookId!: number;
  /** Null once the webhook was deleted. */
  name!: string | null;
  enabled!: boolean;
  @ApiProperty({ enum: ['closed', 'open', 'half_open'] })
  circuitState!: CircuitState;
  /** HTTP attempts made in the period (retries included). */
  attempts!: number;
  successRate!: number | null;
  /** 95th percentile of attempt durations (ms), from a log-scaled histogram (interpolated in its bucket); null without attempts. */
  p95Ms!: number | null;
}

/** A webhook that needs a look: its circuit is open (or probing), it was disabled, or its failures are rising. */
export class OverviewAttention {
  @ApiProperty({ enum: ['circuit_open', 'circuit_half_open', 'disabled', 'rising_failures'] })
  kind!: 'circuit_open' | 'circuit_half_open' | 'disabled' | 'rising_failures';
  webhookId!: number;
  name!: string;
  /** When the circuit opened (circuit kinds). */
  since!: Date | null;
  /** Why (the circuit's or the disable's reason), if known. */
  reason!: string | null;
  /** Attempts over the current and previous hour, and the share that failed (rising_failures; else null). */
  recentAttempts!: number | null;
  recentFailureRate!: number | null;
  /** The share of attempts that failed over the 7 days before (rising_failures; null without attempts). */
  baselineFailureRate!: number | null;
}

export class OverviewSend {
  id!: number;
  name!: string;
  @ApiProperty({ enum: ['scheduled', 'sending', 'completed', 'completed_with_failures', 'cancelled'] })
  status!: BroadcastView['status'];
  webhookId!: number;
  groupId!: number;
  scheduledAt!: Date | null;
  startedAt!: Date | null;
  total!: number;
  pending!: number;
  delivered!: number;
  failed!: number;
  fanoutDone!: boolean;
}

export class OverviewJourney {
  id!: number;
  name!: string;
  activatedAt!: Date | null;
  counters!: JourneyCountersView;
}

export class OverviewFailure {
  /** The message id: its page is /deliveries/{id} in the console. */
  id!: string;
  webhookId!: number;
  webhookName!: string | null;
  @ApiProperty({ enum: ['test', 'broadcast', 'event', 'journey', 'form'] })
  source!: DeliveryView['source'];
  sourceId!: string | null;
  event!: string;
  statusCode!: number | null;
  errorClass!: string | null;
  error!: string | null;
  /** When it failed (its last change). */
  at!: Date;
}

/** The console's home: the period's figures, what needs a look, and what is running. */
export class OverviewView {
  @ApiProperty({ enum: ['today', '7d'] })
  range!: 'today' | '7d';
  tz!: string;
  from!: Date;
  to!: Date;
  @ApiProperty({ enum: ['hour', 'day'] })
  granularity!: 'hour' | 'day';
  generatedAt!: Date;
  totals!: OverviewTotals;
  series!: OverviewPoint[];
  bySource!: OverviewSourceCounts[];
  webhooks!: OverviewWebhook[];
  attention!: OverviewAttention[];
  /** Mass sends running now (newest first, up to 10). */
  running!: OverviewSend[];
  /** Scheduled mass sends, soonest first (up to 10). */
  upcoming!: OverviewSend[];
  /** Active journeys, newest first (up to 10), with their run counters. */
  journeys!: OverviewJourney[];
  /** The newest failed messages (up to 10). */
  latestFailures!: OverviewFailure[];
}
