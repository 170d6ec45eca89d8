import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RUN_STATUSES, RunStatus } from './journey-run.entity';

export type JourneyCounters = { entered: number } & Record<RunStatus, number>;

/** Per-journey run counts by status, from the runs themselves (one grouped query on an index). */
@Injectable()
export class RunCounters {
  constructor(private readonly db: DataSource) {}

  async forJourneys(ids: number[]): Promise<Map<number, JourneyCounters>> {
    const out = new Map<number, JourneyCounters>();
    for (const id of ids) out.set(id, { entered: 0, ...Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) } as JourneyCounters);
    if (!ids.length) return out;
    const rows: { journeyId: number; status: RunStatus; n: string | number }[] = await this.db.query(
      'SELECT journeyId, status, COUNT(*) AS n FROM journey_runs WHERE journeyId IN (?) GROUP BY journeyId, status', [ids],
    );
    for (const r of rows) {
      const c = out.get(r.journeyId)!;
      c[r.status] = Number(r.n);
      c.entered += Number(r.n);
    }
    return out;
  }
}
