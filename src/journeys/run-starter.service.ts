import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { chunk } from '../common/sql';
import { MetricsService } from '../metrics/metrics.service';
import { JOURNEY_JOBS, QUEUES } from '../queues/queues';
import { Journey } from './journey.entity';
import { RunStore } from './run-store';

/** Runs stepped by one job. */
export const RUNS_PER_JOB = 100;

export interface StartedRun {
  id: number;
  journeyId: number;
  /** Not stepped yet: to enqueue. */
  fresh: boolean;
}

/** A journey as a run starts on it (its current version). */
export type StartableJourney = Pick<Journey, 'id' | 'tenantId' | 'versionId' | 'reentry' | 'definition'>;

export interface NewRun {
  journey: StartableJourney;
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
    private readonly runs: RunStore,
    private readonly metrics: MetricsService,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
  ) {}

  /** The tenant's active journeys with this trigger (a form's id for form_submitted). */
  listening(tenantId: number, triggerType: 'form_submitted', triggerRef: string): Promise<StartableJourney[]> {
    return this.db.getRepository(Journey).find({ where: { tenantId, status: 'active', triggerType, triggerRef } });
  }

  /** The tenant's journey with this id if it is active (an inbound trigger names the journey it starts). */
  active(tenantId: number, id: number): Promise<StartableJourney | null> {
    return this.db.getRepository(Journey).findOneBy({ id, tenantId, status: 'active' });
  }

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
    const affectedRows = await this.runs.insert(
      m,
      items.map((i) => ({
        tenantId: i.journey.tenantId,
        journeyId: i.journey.id,
        versionId: i.journey.versionId!,
        customerId: i.customerId,
        occurrenceKey: i.occurrenceKey,
        test: false,
        entryKey: i.journey.reentry === 'once' && i.customerId ? `c:${i.customerId}` : null,
        status: 'active' as const,
        nodeId: i.journey.definition.start,
        dueAt: now,
        waitingDeliveryId: null,
        openStep: null,
        context: { trigger: i.trigger, vars: i.vars ?? {}, nodes: {} },
        steps: 0,
        error: null,
        claimToken: null,
        lockedUntil: null,
        finishedAt: null,
      })),
    );
    if (affectedRows) this.metrics.journeyRuns.inc({ outcome: 'started' }, affectedRows);
    for (const [journeyId, keys] of groupBy(items, (i) => i.journey.id)) {
      for (const r of await this.runs.byOccurrence(
        m,
        journeyId,
        keys.map((i) => i.occurrenceKey),
      )) {
        out.set(`${journeyId}:${r.occurrenceKey}`, { id: Number(r.id), journeyId, fresh: r.steps === 0 && r.status === 'active' });
      }
    }
    return out;
  }

  /** Step jobs for these runs, RUNS_PER_JOB to a job; `at` delays them (a wait's end). */
  async enqueue(runIds: number[], at?: Date): Promise<void> {
    if (!runIds.length) return;
    const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
    await this.queue.addBulk(
      chunk(runIds, RUNS_PER_JOB).map((runIds) => ({
        name: JOURNEY_JOBS.steps,
        data: { runIds },
        opts: { delay, removeOnComplete: true, removeOnFail: 1000, attempts: 1 },
      })),
    );
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
