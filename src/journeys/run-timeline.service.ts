import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TimelineEntry, TimelineQuery, TimelinePathStep, customerRowsAfter } from '../common/timeline';
import { JourneyRun } from './journey-run.entity';
import { JourneyStep } from './journey-step.entity';
import { JourneyVersion } from './journey-version.entity';
import { Journey } from './journey.entity';

/** A customer's journey runs for their timeline, each with the journey's name and the path it took. */
@Injectable()
export class RunTimeline {
  constructor(private readonly db: DataSource) {}

  async of(q: TimelineQuery): Promise<TimelineEntry[]> {
    const runs = await customerRowsAfter(
      this.db
        .getRepository(JourneyRun)
        .createQueryBuilder('r')
        .select(['r.id', 'r.journeyId', 'r.versionId', 'r.status', 'r.nodeId', 'r.error', 'r.createdAt']),
      'journey_run',
      q,
    ).getMany();
    if (!runs.length) return [];
    const [names, labels, paths] = await Promise.all([this.journeyNames(runs), this.nodeLabels(runs), this.paths(runs)]);
    return runs.map((r) => ({
      kind: 'journey_run',
      id: String(r.id),
      at: r.createdAt,
      title: names.get(r.journeyId) ?? null,
      status: r.status,
      link: { type: 'journey_run', id: String(r.id), name: null },
      via: { type: 'journey', id: String(r.journeyId), name: names.get(r.journeyId) ?? null },
      path: (paths.get(String(r.id)) ?? []).map((s) => ({ ...s, label: labels.get(`${r.versionId}:${s.nodeId}`) ?? null })),
      note: r.error,
    }));
  }

  /** Names of journeys by id (a deleted journey's row stays, so runs keep their name). */
  async journeyNames(runs: Pick<JourneyRun, 'journeyId'>[]): Promise<Map<number, string>> {
    const ids = [...new Set(runs.map((r) => r.journeyId))];
    const rows = await this.db.getRepository(Journey).find({ select: { id: true, name: true }, where: { id: In(ids) } });
    return new Map(rows.map((j) => [j.id, j.name]));
  }

  /** The journey names of runs by run id, for messages a run sent. */
  async namesOfRuns(tenantId: number, runIds: string[]): Promise<Map<string, string>> {
    if (!runIds.length) return new Map();
    const runs = await this.db.getRepository(JourneyRun).find({ select: { id: true, journeyId: true }, where: { tenantId, id: In(runIds) } });
    const names = await this.journeyNames(runs);
    return new Map(runs.filter((r) => names.has(r.journeyId)).map((r) => [String(r.id), names.get(r.journeyId) as string]));
  }

  private async nodeLabels(runs: JourneyRun[]): Promise<Map<string, string>> {
    const ids = [...new Set(runs.map((r) => r.versionId))];
    const versions = await this.db.getRepository(JourneyVersion).find({ select: { id: true, definition: true }, where: { id: In(ids) } });
    const labels = new Map<string, string>();
    for (const v of versions) for (const n of v.definition.nodes) if (n.label) labels.set(`${v.id}:${n.id}`, n.label);
    return labels;
  }

  /** Each run's steps in order (IDX_journey_steps_run); a run is short (its step count is bounded). */
  private async paths(runs: JourneyRun[]): Promise<Map<string, Omit<TimelinePathStep, 'label'>[]>> {
    const steps = await this.db.getRepository(JourneyStep).find({
      select: { id: true, runId: true, nodeId: true, nodeType: true, outcome: true },
      where: { runId: In(runs.map((r) => r.id)) },
      order: { id: 'ASC' },
    });
    const paths = new Map<string, Omit<TimelinePathStep, 'label'>[]>();
    for (const s of steps) {
      const list = paths.get(String(s.runId)) ?? [];
      list.push({ nodeId: s.nodeId, type: s.nodeType, outcome: s.outcome });
      paths.set(String(s.runId), list);
    }
    return paths;
  }
}
