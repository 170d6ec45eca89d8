import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { GroupCommit, GroupFailure } from '../common/group-commit';
import { duplicateKeyName } from '../common/sql';
import { bulkInsert } from '../database/entity-sql';
import { RunStarter, StartableJourney } from '../journeys/run-starter.service';
import type { AnsweredResponse } from './inbound-request.entity';
import { InboundRequest } from './inbound-request.entity';

export interface AsyncAccept {
  /** The request's log row; one whose delivery id is taken fails alone with UQ_inbound_requests_delivery (the caller replays the first's answer). */
  log: Partial<InboundRequest>;
  journey: StartableJourney | null;
  customerId: number | null;
  inbound: Record<string, unknown>;
  started: number;
}

/** An async request's answer: 202 with its run. */
export function acceptedAnswer(runId: number | null): AnsweredResponse {
  return { status: 202, headers: {}, body: { status: 'accepted', runId: runId === null ? null : String(runId) } };
}

/**
 * Accepts async requests in groups: the requests that arrive while a group is being written go
 * together in the next one — one transaction inserts all their runs and all their finished log rows
 * (three statements for the group, where one request alone took six round trips), then one Redis
 * call enqueues the fresh runs. Each request is answered after its group commits, so an accepted
 * request is durable and started exactly one run (a unique occurrence key each; a delivery id seen
 * before rolls its group back and fails alone). A group that fails is retried one request at a
 * time, so one bad row fails only its own request.
 */
@Injectable()
export class InboundAcceptor {
  private readonly logger = new Logger(InboundAcceptor.name);
  private readonly group = new GroupCommit<AsyncAccept, number | null>((items) => this.write(items), 200, 2);

  constructor(
    private readonly db: DataSource,
    private readonly starter: RunStarter,
  ) {}

  /** Stores the request and starts its run; resolves with the run's id (null: the journey took no new run, e.g. reentry once). */
  accept(item: AsyncAccept): Promise<number | null> {
    return this.group.add(item);
  }

  private async write(items: AsyncAccept[]): Promise<(number | null | GroupFailure)[]> {
    try {
      return await this.writeAll(items);
    } catch (error) {
      if (items.length === 1) throw error;
      // A delivery id seen before (or twice in the group) rolls the group back, its runs with it: one by one, only that request fails.
      if (duplicateKeyName(error) !== 'UQ_inbound_requests_delivery')
        this.logger.warn(`a group of ${items.length} inbound requests failed (${(error as Error).message}); writing them one by one`);
      return Promise.all(
        items.map((i) =>
          this.writeAll([i]).then(
            ([id]) => id,
            (e) => new GroupFailure(e),
          ),
        ),
      );
    }
  }

  private async writeAll(items: AsyncAccept[]): Promise<(number | null)[]> {
    const keys = items.map(() => `inbound:${uuidv7()}`);
    const fresh: number[] = [];
    const runIds = await this.db.transaction(async (m) => {
      const starts = items.flatMap((i, n) =>
        i.journey ? [{ journey: i.journey, customerId: i.customerId, occurrenceKey: keys[n], trigger: i.inbound, vars: { inbound: i.inbound } }] : [],
      );
      const runs = await this.starter.insert(m, starts);
      const ids = items.map((i, n) => {
        const run = i.journey ? runs.get(`${i.journey.id}:${keys[n]}`) : undefined;
        if (run?.fresh) fresh.push(run.id);
        return run?.id ?? null;
      });
      const now = Date.now();
      await bulkInsert(
        m,
        InboundRequest,
        items.map((i, n) => ({
          ...i.log,
          verdict: 'accepted' as const,
          status: 202,
          customerId: i.customerId,
          runId: ids[n],
          response: acceptedAnswer(ids[n]),
          error: null,
          durationMs: now - i.started,
        })),
      );
      return ids;
    });
    // Accepted and durable: a Redis hiccup now only delays the runs until the journey sweeper finds them due.
    await this.starter.enqueue(fresh).catch((e) => this.logger.warn(`inbound runs left to the sweeper: ${(e as Error).message}`));
    return runIds;
  }
}
