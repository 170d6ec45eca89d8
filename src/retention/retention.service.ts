import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { Env } from '../config/env';
import { AuditService } from '../audit/audit.service';
import { QUEUES } from '../queues/queues';

export interface PurgeReport {
  deliveries: number;
  attempts: number;
  events: number;
  journeySteps: number;
  inboundRequests: number;
  /** Audit-log entries older than AUDIT_RETENTION_DAYS (the audit module deletes them). */
  auditEntries: number;
}

const LOCK_MS = 15 * 60_000;
const FINAL = "('delivered', 'failed', 'cancelled')";

interface Table {
  /** What the report calls it. */
  key: keyof PurgeReport;
  table: string;
  /** The time that must be older than the cutoff (rows are created in id order, so this grows with the id). */
  time: string;
  /** Only rows that are finished may go. */
  finished: string;
  /** Rows of other tables that hang off these (deleted first). */
  children?: { key: keyof PurgeReport; table: string; column: string };
}

const TABLES: Table[] = [
  {
    key: 'deliveries',
    table: 'deliveries',
    time: 'createdAt',
    finished: `status IN ${FINAL}`,
    children: { key: 'attempts', table: 'delivery_attempts', column: 'deliveryId' },
  },
  { key: 'events', table: 'event_outbox', time: 'createdAt', finished: 'relayedAt IS NOT NULL' },
  { key: 'journeySteps', table: 'journey_steps', time: 'startedAt', finished: 'finishedAt IS NOT NULL' },
  { key: 'inboundRequests', table: 'inbound_requests', time: 'createdAt', finished: 'status <> 0' },
];

/**
 * Worker only. Messages, attempts, relayed outbox events, journey step logs and inbound request
 * logs older than RETENTION_DAYS are deleted in small batches walked in primary-key order (ids
 * grow with time, so each batch is a short index range and the walk stops at the first young
 * row), with a pause between batches so sends are never held up. Broadcast counters live on the
 * broadcast rows and journey counters count runs, which stay. One worker purges at a time (a
 * Redis lock).
 */
@Injectable()
export class RetentionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private task?: PeriodicTask;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly env: Env,
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    if (!this.env.RETENTION_DAYS && !this.env.AUDIT_RETENTION_DAYS) return;
    this.task = new PeriodicTask(
      this.env.RETENTION_INTERVAL_MS,
      () => this.purge(),
      (error) => this.logger.error(`retention purge failed: ${error.message}`),
    );
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
  }

  /** One pass over every table; null when another worker holds the lock. */
  async purge(now = new Date()): Promise<PurgeReport | null> {
    const lock = `${this.env.REDIS_PREFIX}:retention:lock`;
    const token = randomUUID();
    if ((await this.queue.client.set(lock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return null;
    try {
      const cutoff = new Date(now.getTime() - this.env.RETENTION_DAYS * 86_400_000);
      const report: PurgeReport = { deliveries: 0, attempts: 0, events: 0, journeySteps: 0, inboundRequests: 0, auditEntries: 0 };
      if (this.env.RETENTION_DAYS) for (const t of TABLES) await this.purgeTable(t, cutoff, report);
      report.auditEntries = await this.audit.purge(now, this.env.RETENTION_BATCH);
      if (Object.values(report).some((n) => n > 0)) this.logger.log(`purged rows older than ${cutoff.toISOString()}: ${JSON.stringify(report)}`);
      return report;
    } finally {
      // Only our own lock (compare and delete).
      await this.queue.client.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, lock, token);
    }
  }

  private async purgeTable(t: Table, cutoff: Date, report: PurgeReport): Promise<void> {
    let after: string | number | null = null;
    for (;;) {
      if (this.stopped) return;
      const rows: { id: string | number; old: number; done: number }[] = await this.db.query(
        `SELECT id, ${t.time} < ? AS old, ${t.finished} AS done FROM ${t.table} ${after === null ? '' : 'WHERE id > ?'} ORDER BY id LIMIT ?`,
        after === null ? [cutoff, this.env.RETENTION_BATCH] : [cutoff, after, this.env.RETENTION_BATCH],
      );
      const young = rows.findIndex((r) => !Number(r.old));
      const batch = (young < 0 ? rows : rows.slice(0, young)).filter((r) => Number(r.done)).map((r) => r.id);
      if (batch.length) {
        await this.db.transaction(async (m) => {
          if (t.children) {
            const gone = await m.query(`DELETE FROM ${t.children.table} WHERE ${t.children.column} IN (?)`, [batch]);
            report[t.children.key] += Number(gone.affectedRows ?? 0);
          }
          const gone = await m.query(`DELETE FROM ${t.table} WHERE id IN (?) AND ${t.finished}`, [batch]);
          report[t.key] += Number(gone.affectedRows ?? 0);
        });
      }
      if (young >= 0 || rows.length < this.env.RETENTION_BATCH) return;
      after = rows[rows.length - 1].id;
      await new Promise((r) => setTimeout(r, this.env.RETENTION_PAUSE_MS));
    }
  }
}
