import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { LastDelivery, WebhookActivity } from '../webhooks/webhook-activity';
import { retryOnDeadlock } from '../database/deadlock-retry';
import { DeliveryQueue } from './delivery-queue.service';
import { StatsTally } from './delivery-stats';
import { DeliveryStatsBuffer } from './delivery-stats-buffer.service';
import { Delivery, DeliverySource, DeliveryStatus } from './delivery.entity';

const CHUNK = 5_000;

/** What a queue job needs of a delivery. */
export type QueuedDelivery = Pick<Delivery, 'id' | 'tenantId' | 'attempts' | 'nextAttemptAt'>;
export type StatusCounts = Partial<Record<DeliveryStatus, number>>;
export interface MinuteCounts {
  minute: string;
  delivered: number;
  failed: number;
  cancelled: number;
}

/**
 * What the modules that make messages (mass sends, the outbox relay, journeys, forms) and the
 * webhook list ask of the deliveries table — by (source, sourceId), so the table stays the
 * engine's own and the queries use its (source, sourceId, status) index.
 */
@Injectable()
export class DeliveryStore implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    private readonly queue: DeliveryQueue,
    private readonly metrics: MetricsService,
    private readonly activity: WebhookActivity,
    private readonly stats: DeliveryStatsBuffer,
  ) {}

  onModuleInit(): void {
    this.activity.provide((tenantId, webhookIds) => this.lastPerWebhook(tenantId, webhookIds));
  }

  /** The still-pending messages of some of a source's ids (optionally only these dedupe keys), ordered by webhook then id. */
  pendingOf(source: DeliverySource, sourceIds: number[], dedupeKeys?: number[]): Promise<QueuedDelivery[]> {
    if (!sourceIds.length || dedupeKeys?.length === 0) return Promise.resolve([]);
    const qb = this.deliveries
      .createQueryBuilder('d')
      .select(['d.id', 'd.tenantId', 'd.attempts', 'd.nextAttemptAt'])
      .where('d.source = :source AND d.sourceId IN (:...sourceIds) AND d.status = :pending', { source, sourceIds, pending: 'pending' })
      // Each job of up to 100 then goes to one webhook (as a mass send's do).
      .orderBy('d.webhookId')
      .addOrderBy('d.id');
    if (dedupeKeys) qb.andWhere('d.dedupeKey IN (:...dedupeKeys)', { dedupeKeys });
    return qb.getMany();
  }

  /** How many messages each of a source's ids has (only those of `status` when given). */
  async countsPerSource(source: DeliverySource, sourceIds: number[], status?: DeliveryStatus): Promise<Map<number, number>> {
    if (!sourceIds.length) return new Map();
    const rows: { sourceId: string | number; n: string | number }[] = await this.db.query(
      'SELECT `sourceId`, COUNT(*) AS n FROM `deliveries` WHERE `source` = ? AND `sourceId` IN (?)' +
        (status ? ' AND `status` = ?' : '') +
        ' GROUP BY `sourceId`',
      [source, sourceIds, ...(status ? [status] : [])],
    );
    return new Map(rows.map((r) => [Number(r.sourceId), Number(r.n)]));
  }

  /** One source id's messages by status; inside the caller's transaction when given its manager. */
  async countByStatus(source: DeliverySource, sourceId: number, manager: EntityManager = this.db.manager): Promise<StatusCounts> {
    const rows: { status: DeliveryStatus; n: string | number }[] = await manager.query(
      'SELECT status, COUNT(*) AS n FROM deliveries WHERE source = ? AND sourceId = ? GROUP BY status',
      [source, sourceId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Finished messages per minute (UTC, the connection's zone), grouped in SQL over the (source, sourceId, status) index. */
  async minutes(tenantId: number, source: DeliverySource, sourceId: number): Promise<MinuteCounts[]> {
    const rows: { minute: string; status: string; n: string | number }[] = await this.db.query(
      `SELECT DATE_FORMAT(COALESCE(deliveredAt, updatedAt), '%Y-%m-%dT%H:%i:00.000Z') AS minute, status, COUNT(*) AS n
       FROM deliveries WHERE source = ? AND sourceId = ? AND tenantId = ? AND status IN ('delivered', 'failed', 'cancelled')
       GROUP BY minute, status ORDER BY minute`,
      [source, sourceId, tenantId],
    );
    const byMinute = new Map<string, MinuteCounts>();
    for (const r of rows) {
      const point = byMinute.get(r.minute) ?? { minute: r.minute, delivered: 0, failed: 0, cancelled: 0 };
      point[r.status as 'delivered' | 'failed' | 'cancelled'] = Number(r.n);
      byMinute.set(r.minute, point);
    }
    return [...byMinute.values()];
  }

  /** Pending (and deferred: waiting for quiet hours) messages of a source id become cancelled, with `reason` as their error; returns how many. */
  async cancelPending(source: DeliverySource, sourceId: number, reason: string): Promise<number> {
    let total = 0;
    for (;;) {
      // Locked, then updated by id: the hourly counters count exactly the rows cancelled.
      const { n, stats } = await retryOnDeadlock(() =>
        this.db.transaction(async (m) => {
          const rows: { id: string; tenantId: number; webhookId: number }[] = await m.query(
            "SELECT `id`, `tenantId`, `webhookId` FROM `deliveries` WHERE `source` = ? AND `sourceId` = ? AND `status` IN ('pending', 'deferred') LIMIT ? FOR UPDATE",
            [source, sourceId, CHUNK],
          );
          if (!rows.length) return { n: 0, stats: new StatsTally() };
          await m.query("UPDATE `deliveries` SET `status` = 'cancelled', `nextAttemptAt` = NULL, `lastError` = ? WHERE `id` IN (?)", [
            reason,
            rows.map((r) => r.id),
          ]);
          const stats = new StatsTally();
          for (const r of rows) stats.count({ ...r, source }, 'cancelled');
          return { n: rows.length, stats };
        }),
      );
      this.stats.add(stats);
      if (n) this.metrics.deliveries.inc({ outcome: 'cancelled', error_class: '' }, n);
      total += n;
      if (n < CHUNK) return total;
    }
  }

  /**
   * Sends a source id's failed messages again, `extraAttempts` more each. Messages that were never
   * rendered (template failures) have nothing to send and stay failed. Returns how many.
   */
  async retryFailed(source: DeliverySource, sourceId: number, extraAttempts: number): Promise<number> {
    let after = '';
    let retried = 0;
    for (;;) {
      const failed = await this.deliveries
        .createQueryBuilder('d')
        .select(['d.id', 'd.tenantId', 'd.attempts'])
        .where('d.source = :source AND d.sourceId = :sourceId AND d.status = :failed AND d.id > :after', { source, sourceId, failed: 'failed', after })
        .andWhere("(d.lastErrorClass IS NULL OR d.lastErrorClass <> 'template')")
        .orderBy('d.id', 'ASC')
        .take(CHUNK)
        .getMany();
      if (!failed.length) return retried;
      const nextAttemptAt = new Date();
      await this.deliveries
        .createQueryBuilder()
        .update()
        .set({ status: 'pending', nextAttemptAt, throttledUntil: null, maxAttempts: () => `attempts + ${Number(extraAttempts)}` })
        .where({ id: In(failed.map((d) => d.id)), status: 'failed' })
        .execute();
      await this.queue.enqueue(
        failed.map((d) => ({ ...d, nextAttemptAt })),
        { batch: true },
      );
      after = failed[failed.length - 1].id;
      retried += failed.length;
    }
  }

  /**
   * The newest message of each webhook (the webhook list's "last outcome"): one MAX(id) per webhook
   * read from the (tenantId, webhookId, id) index, then those rows by primary key.
   */
  async lastPerWebhook(tenantId: number, webhookIds: number[]): Promise<Map<number, LastDelivery>> {
    if (!webhookIds.length) return new Map();
    const rows: { webhookId: number; id: string; status: string; lastStatusCode: number | null; lastErrorClass: string | null; updatedAt: Date }[] =
      await this.db.query(
        `SELECT d.webhookId, d.id, d.status, d.lastStatusCode, d.lastErrorClass, d.updatedAt FROM deliveries d
         JOIN (SELECT MAX(id) AS id FROM deliveries WHERE tenantId = ? AND webhookId IN (?) GROUP BY webhookId) last ON last.id = d.id`,
        [tenantId, webhookIds],
      );
    return new Map(
      rows.map((r) => [
        r.webhookId,
        {
          id: r.id,
          status: r.status,
          statusCode: r.lastStatusCode,
          errorClass: r.lastErrorClass,
          at: r.updatedAt,
        },
      ]),
    );
  }
}
