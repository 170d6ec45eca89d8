import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Journey } from './journey.entity';
import { GroupEntry } from './group-entry.service';
import { RunStarter } from './run-starter.service';

const PAGE = 1000;

/** Worker only. After a pause, the journey's due runs are enqueued page by page, and an unfinished group entry goes on. */
@Injectable()
export class JourneyResumer {
  constructor(
    private readonly db: DataSource,
    private readonly starter: RunStarter,
    private readonly entry: GroupEntry,
  ) {}

  async resume(journeyId: number): Promise<void> {
    let after = 0;
    for (;;) {
      const j = await this.db.getRepository(Journey).findOneBy({ id: journeyId });
      if (!j || j.status !== 'active') return;
      const rows: { id: number | string }[] = await this.db.query(
        'SELECT id FROM journey_runs WHERE journeyId = ? AND status IN (\'active\', \'waiting\') AND dueAt <= NOW(3) AND id > ? ORDER BY id LIMIT ?',
        [journeyId, after, PAGE],
      );
      if (!rows.length) break;
      const ids = rows.map((r) => Number(r.id));
      await this.starter.enqueue(ids);
      after = ids[ids.length - 1];
      if (rows.length < PAGE) break;
    }
    await this.entry.enter(journeyId);
  }
}
