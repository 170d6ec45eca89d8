import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { chunk } from '../common/sql';
import { bulkInsert } from '../database/entity-sql';
import { MetricsService } from '../metrics/metrics.service';
import { JOURNEY_JOBS, QUEUES } from '../queues/queues';
import { JourneyRun } from './journey-run.entity';
import type { Journey } from './journey.entity';

/** Runs stepped by one job. */
export const RUNS_PER_JOB = 100;

export interface StartedRun {
  id: number;
  journeyId: number;
  /** Not stepped yet: to enqueue. */
  fresh: boolean;
}

export interface NewRun {
  journey: Pick<Journey, 'id' | 'tenantId' | 'versionId' | 'reentry' | 'definition'>;
  customerId: number | null;
  /** The trigger occurrence (`event:<id>`, `group:<customer id>`, `submission:<id>`, `inbound:<id>`): one run each. */
  occurrenceKey: string;
  trigger: Record<string, unknown>;
  /** Template namespaces of the occurrence (event; form and submission; inbound). */
  vars?: Record<string, unknown>;
}

/**
 * Starts runs idempotently: one INSERT IGNORE for many, where the unique (journey, occurrence) key
 * makes a repeated trigger a no-op and (journey, entryKey) keeps reentry "once" to one run per
 * customer ever. Then the runs of these occurrences that have not stepped yet are enqueued.
 */
@Injectable()
export class RunStarter {
  constructor(
    private readonly db: DataSource,
    private readonly metrics: MetricsService,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
  ) {}

  /** The runs of these occurrences (new, or started before by the same occurrence), by `<journeyId>:<occurrenceKey>`. */
  async start(items: NewRun[]): Promise<Map<string, StartedRun>> {
    const runs = await this.insert(this.db.manager, items);
    await this.enqueue([...runs.values()].filter((r) => r.fresh).map((r) => r.id));
    return runs;
  }

  /**
   * Inserts the runs with the caller's transaction manager (so they commit with the submission or
   * request that caused them) without enqueuing: call enqueue() with the fresh ones after the
   * commit (if that never happens, the journey sweeper finds them due).
   */
  async insert(m: EntityManager, items: NewRun[]): Promise<Map<string, StartedRun>> {
    const out = new Map<string, StartedRun>();
    if (!items.length) return out;
    const now = new Date();
    const { affectedRows } = await bulkInsert(m, JourneyRun, items.map((i) => ({
      tenantId: i.journey.tenantId, journeyId: i.journey.id, versionId: i.journey.versionId!, customerId: i.customerId,
      occurrenceKey: i.occurrenceKey,
      entryKey: i.journey.reentry === 'once' && i.customerId ? `c:${i.customerId}` : null,
      status: 'active' as const, nodeId: i.journey.definition.start, dueAt: now, waitingDeliveryId: null, openStep: null,
      context: { trigger: i.trigger, vars: i.vars ?? {}, nodes: {} }, steps: 0, error: null, claimToken: null, lockedUntil: null, finishedAt: null,
    })), { ignore: true });
    if (affectedRows) this.metrics.journeyRuns.inc({ outcome: 'started' }, affectedRows);
    for (const [journeyId, keys] of groupBy(items, (i) => i.journey.id)) {
      for (const part of chunk(keys.map((i) => i.occurrenceKey), 1000)) {
        const rows: { id: number; occurrenceKey: string; steps: number; status: string }[] = await m.query(
          'SELECT id, occurrenceKey, steps, status FROM journey_runs WHERE journeyId = ? AND occurrenceKey IN (?)', [journeyId, part],
        );
        for (const r of rows) {
          out.set(`${journeyId}:${r.occurrenceKey}`, { id: Number(r.id), journeyId, fresh: r.steps === 0 && r.status === 'active' });
        }
      }
    }
    return out;
  }

  /** Step jobs for these runs, RUNS_PER_JOB to a job; `at` delays them (a wait's end). */
  async enqueue(runIds: number[], at?: Date): Promise<void> {
    if (!runIds.length) return;
    const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
    await this.queue.addBulk(chunk(runIds, RUNS_PER_JOB).map((runIds) => ({
      name: JOURNEY_JOBS.steps, data: { runIds }, opts: { delay, removeOnComplete: true, removeOnFail: 1000, attempts: 1 },
    })));
  }
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
