import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Hourly counters of a tenant's messages per webhook and source (what the overview reads, so it
 * never counts `deliveries` rows): messages made, outcomes reached, attempts and a log-scaled
 * histogram of attempt durations (see delivery-stats.ts). Each counter counts the events of its
 * hour (UTC): a message made at 10:59 and delivered at 11:02 is `created` at 10:00 and
 * `delivered` at 11:00. Written by the deliveries module in the same transaction as the change it
 * counts; outlives retention (the rows it counts may be purged, their history stays).
 */
@Entity('delivery_stats_hourly')
export class DeliveryStatsHourly {
  @PrimaryColumn()
  tenantId: number;

  @PrimaryColumn({ type: 'datetime' })
  hour: Date;

  @PrimaryColumn()
  webhookId: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  source: string;

  @Column({ default: 0 })
  created: number;

  @Column({ default: 0 })
  delivered: number;

  @Column({ default: 0 })
  failed: number;

  @Column({ default: 0 })
  cancelled: number;

  @Column({ default: 0 })
  attempts: number;

  @Column({ default: 0 })
  attemptsFailed: number;

  /** Messages made `skipped` (never sent: a frequency cap), not counted in `created`. */
  @Column({ default: 0 })
  skipped: number;

  /** Attempt durations, bucket i ≤ LATENCY_BOUNDS_MS[i] (the last one: longer). */
  @Column({ default: 0 }) lat0: number;
  @Column({ default: 0 }) lat1: number;
  @Column({ default: 0 }) lat2: number;
  @Column({ default: 0 }) lat3: number;
  @Column({ default: 0 }) lat4: number;
  @Column({ default: 0 }) lat5: number;
  @Column({ default: 0 }) lat6: number;
  @Column({ default: 0 }) lat7: number;
  @Column({ default: 0 }) lat8: number;
  @Column({ default: 0 }) lat9: number;
  @Column({ default: 0 }) lat10: number;
  @Column({ default: 0 }) lat11: number;
}
