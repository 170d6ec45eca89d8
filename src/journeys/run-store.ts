import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { chunk } from '../common/sql';
import { bulkInsert, hydrate } from '../database/entity-sql';
import type { RunQueryDto } from './dto/journey.dto';
import { JourneyRun, RUN_STATUSES, RunStatus } from './journey-run.entity';
import { JourneyStep } from './journey-step.entity';
import type { RunCursor } from './run-cursor';

export type JourneyCounters = { entered: number } & Record<RunStatus, number>;
export type NewRunRow = Omit<JourneyRun, 'id' | 'createdAt' | 'updatedAt'>;
export type NewStepRow = Omit<JourneyStep, 'id'>;
/** A run a form submission caused, as its list shows it. */
export interface RunStatusView {
  id: string;
  journeyId: number;
  status: string;
}

/** How many runs an archive cancels per statement (so a huge journey does not hold one long lock). */
const CANCEL_CHUNK = 5_000;

/**
 * The SQL of journey runs and their step logs, in one place: starting, claiming, saving a round,
 * waking, sweeping, counting and listing. The hot path's statements are raw and batched (one per
 * round and shape, whatever the number of runs): keep them so.
 */
@Injectable()
export class RunStore {
  constructor(private readonly db: DataSource) {}

  /** New runs, skipping those whose (journey, occurrence) or (journey, entry) key exists; answers how many were inserted. */
  async insert(m: EntityManager, rows: NewRunRow[]): Promise<number> {
    return (await bulkInsert(m, JourneyRun, rows, { ignore: true })).affectedRows;
  }

  /** The runs of these occurrences of a journey (new or older). */
  async byOccurrence(m: EntityManager, journeyId: number, keys: string[]): Promise<{ id: number; occurrenceKey: string; steps: number; status: string }[]> {
    const out: { id: number; occurrenceKey: string; steps: number; status: string }[] = [];
    for (const part of chunk(keys, 1000)) {
      out.push(...(await m.query('SELECT id, occurrenceKey, steps, status FROM journey_runs WHERE journeyId = ? AND occurrenceKey IN (?)', [journeyId, part])));
    }
    return out;
  }

  /** Takes the given runs that are due (by `dueBy`), not held by another slice, and whose journey is active. */
  async claim(ids: number[], token: string, lockedUntil: Date, dueBy: Date, now: Date): Promise<JourneyRun[]> {
    const result = await this.db.query(
      'UPDATE journey_runs r JOIN journeys j ON j.id = r.journeyId SET r.claimToken = ?, r.lockedUntil = ? ' +
        "WHERE r.id IN (?) AND r.status IN ('active', 'waiting') AND r.dueAt <= ? " +
        "AND (r.lockedUntil IS NULL OR r.lockedUntil < ?) AND j.status = 'active'",
      [token, lockedUntil, ids, dueBy, now],
    );
    if (!result.affectedRows) return [];
    return hydrate(this.db.manager, JourneyRun, await this.db.query('SELECT * FROM journey_runs WHERE id IN (?) AND claimToken = ?', [ids, token]));
  }

  /** Gives back a slice's claims on runs it still holds (after a failed round), so they can be claimed again at once. */
  async release(ids: number[], token: string): Promise<void> {
    await this.db.query('UPDATE journey_runs SET claimToken = NULL, lockedUntil = NULL WHERE id IN (?) AND claimToken = ?', [ids, token]);
  }

  /** Re-checks a slice's claims under row locks (in the round's transaction): the ids still held. */
  async lockHeld(m: EntityManager, ids: number[], token: string): Promise<Set<number>> {
    const locked: { id: number | string }[] = await m.query(
      "SELECT id FROM journey_runs WHERE id IN (?) AND claimToken = ? AND status IN ('active', 'waiting') FOR UPDATE",
      [ids, token],
    );
    return new Set(locked.map((r) => Number(r.id)));
  }

  async insertSteps(m: EntityManager, steps: NewStepRow[]): Promise<void> {
    if (steps.length) await bulkInsert(m, JourneyStep, steps);
  }

  /**
   * The runs' new states in one statement per shape (with or without a new context): an upsert by
   * primary key on rows this transaction holds locked, so each VALUES row only ever updates its own run.
   * Runs still stepping keep the claim (`token` until `lockedUntil`); the others release it.
   */
  async save(m: EntityManager, cursors: RunCursor[], token: string, lockedUntil: Date): Promise<void> {
    for (const withContext of [true, false]) {
      const part = cursors.filter((c) => c.contextChanged === withContext);
      if (!part.length) continue;
      const columns = [
        'status',
        'nodeId',
        'dueAt',
        'waitingDeliveryId',
        'openStep',
        'steps',
        'error',
        'finishedAt',
        'claimToken',
        'lockedUntil',
        ...(withContext ? ['context'] : []),
      ];
      await m.query(
        'INSERT INTO journey_runs (id, tenantId, journeyId, versionId, occurrenceKey, context, status, nodeId, dueAt, waitingDeliveryId, openStep, steps, error, finishedAt, claimToken, lockedUntil) ' +
          `VALUES ? ON DUPLICATE KEY UPDATE ${columns.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
        [
          part.map((c) => [
            c.run.id,
            c.run.tenantId,
            c.run.journeyId,
            c.run.versionId,
            c.run.occurrenceKey,
            withContext ? JSON.stringify(c.context) : '{}',
            c.status,
            c.nodeId,
            c.dueAt,
            c.waitingDeliveryId,
            c.openStep === null ? null : JSON.stringify(c.openStep),
            c.steps,
            c.error,
            c.finishedAt,
            c.keepsClaim ? token : null,
            c.keepsClaim ? lockedUntil : null,
          ]),
        ],
      );
    }
  }

  /** Runs waiting for these messages become due (a run that waits for another message, or no longer waits, is left alone). */
  async wake(runIds: number[], deliveryIds: string[]): Promise<void> {
    if (!runIds.length) return;
    await this.db.query("UPDATE journey_runs SET dueAt = NOW(3) WHERE id IN (?) AND status = 'waiting' AND dueAt IS NULL AND waitingDeliveryId IN (?)", [
      runIds,
      deliveryIds,
    ]);
  }

  /** A page of the runs waiting for a message (not woken yet), by id after `after`. */
  async waitingOnMessages(after: number, limit: number): Promise<{ id: number; waitingDeliveryId: string }[]> {
    const rows: { id: number | string; waitingDeliveryId: string }[] = await this.db.query(
      "SELECT id, waitingDeliveryId FROM journey_runs WHERE status = 'waiting' AND dueAt IS NULL AND waitingDeliveryId IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
      [after, limit],
    );
    return rows.map((r) => ({ id: Number(r.id), waitingDeliveryId: r.waitingDeliveryId }));
  }

  /** Waiting runs (not woken yet) become due now. */
  async makeDue(ids: number[]): Promise<void> {
    if (ids.length) await this.db.query("UPDATE journey_runs SET dueAt = NOW(3) WHERE id IN (?) AND status = 'waiting' AND dueAt IS NULL", [ids]);
  }

  /** Runs of active journeys due before `before` and not held by a slice (at `now`), oldest due first. */
  async due(before: Date, now: Date, limit: number): Promise<number[]> {
    const rows: { id: number | string }[] = await this.db.query(
      'SELECT r.id FROM journey_runs r JOIN journeys j ON j.id = r.journeyId ' +
        "WHERE r.status IN ('active', 'waiting') AND r.dueAt < ? AND (r.lockedUntil IS NULL OR r.lockedUntil < ?) AND j.status = 'active' " +
        'ORDER BY r.dueAt LIMIT ?',
      [before, now, limit],
    );
    return rows.map((r) => Number(r.id));
  }

  /** A page of one journey's runs due now, by id after `after`. */
  async dueOfJourney(journeyId: number, after: number, limit: number): Promise<number[]> {
    const rows: { id: number | string }[] = await this.db.query(
      "SELECT id FROM journey_runs WHERE journeyId = ? AND status IN ('active', 'waiting') AND dueAt <= NOW(3) AND id > ? ORDER BY id LIMIT ?",
      [journeyId, after, limit],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Every unfinished run of the journey is cancelled, a chunk per statement. */
  async cancelUnfinished(journeyId: number, error: string): Promise<void> {
    for (;;) {
      const result = await this.db.query(
        "UPDATE journey_runs SET status = 'cancelled', finishedAt = NOW(3), dueAt = NULL, claimToken = NULL, lockedUntil = NULL, " +
          "error = ? WHERE journeyId = ? AND status IN ('active', 'waiting') LIMIT ?",
        [error, journeyId, CANCEL_CHUNK],
      );
      if (result.affectedRows < CANCEL_CHUNK) break;
    }
  }

  /** Per-journey run counts by status, from the runs themselves (grouped queries on indexes): all runs less the test runs. */
  async counters(ids: number[]): Promise<Map<number, JourneyCounters>> {
    const out = new Map<number, JourneyCounters>();
    for (const id of ids) out.set(id, { entered: 0, ...Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) } as JourneyCounters);
    if (!ids.length) return out;
    const rows: { journeyId: number; status: RunStatus; n: string | number }[] = await this.db.query(
      'SELECT journeyId, status, COUNT(*) AS n FROM journey_runs WHERE journeyId IN (?) GROUP BY journeyId, status',
      [ids],
    );
    const tests: typeof rows = await this.db.query(
      'SELECT journeyId, status, COUNT(*) AS n FROM journey_runs WHERE journeyId IN (?) AND test = 1 GROUP BY journeyId, status',
      [ids],
    );
    for (const [r, sign] of [...rows.map((r) => [r, 1] as const), ...tests.map((r) => [r, -1] as const)]) {
      const c = out.get(r.journeyId)!;
      c[r.status] += sign * Number(r.n);
      c.entered += sign * Number(r.n);
    }
    return out;
  }

  /** A journey's runs, newest first: `limit + 1` rows (the extra one says there is a next page). */
  async page(journeyId: number, q: RunQueryDto): Promise<JourneyRun[]> {
    const qb = this.db
      .getRepository(JourneyRun)
      .createQueryBuilder('r')
      .where('r.journeyId = :journeyId', { journeyId })
      .andWhere('r.test = :test', { test: q.test === 'true' })
      .orderBy('r.id', 'DESC')
      .take(q.limit + 1);
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.customerId) qb.andWhere('r.customerId = :customerId', { customerId: q.customerId });
    if (q.after) qb.andWhere('r.id < :after', { after: q.after });
    return qb.getMany();
  }

  /** A run by id (the tenant's only, when given). */
  find(id: number, tenantId?: number): Promise<JourneyRun | null> {
    return this.db.getRepository(JourneyRun).findOneBy(tenantId === undefined ? { id } : { id, tenantId });
  }

  /** A run's step log, in order. */
  steps(runId: number): Promise<JourneyStep[]> {
    return this.db.getRepository(JourneyStep).find({ where: { runId }, order: { id: 'ASC' } });
  }

  /** The tenant's runs with these ids: journey and status (in statements of 1,000 ids). */
  async statuses(tenantId: number, ids: (number | string)[]): Promise<Map<string, RunStatusView>> {
    const out = new Map<string, RunStatusView>();
    for (const part of chunk(ids, 1000)) {
      const rows: RunStatusView[] = await this.db.query('SELECT id, journeyId, status FROM journey_runs WHERE tenantId = ? AND id IN (?)', [tenantId, part]);
      for (const row of rows) out.set(String(row.id), { ...row, id: String(row.id) });
    }
    return out;
  }
}
