import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Journey } from './journey.entity';
import { GroupEntry } from './group-entry.service';
import { RunStarter } from './run-starter.service';
import { RunStore } from './run-store';

const PAGE = 1000;

/** Worker only. After a pause, the journey's due runs are enqueued page by page, and an unfinished group entry goes on. */
@Injectable()
export class JourneyResumer {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly starter: RunStarter,
    private readonly entry: GroupEntry,
  ) {}

  async resume(journeyId: number): Promise<void> {
    let after = 0;
    for (;;) {
      const j = await this.db.getRepository(Journey).findOneBy({ id: journeyId });
      if (!j || j.status !== 'active') return;
      const ids = await this.runs.dueOfJourney(journeyId, after, PAGE);
      if (!ids.length) break;
      await this.starter.enqueue(ids);
      after = ids[ids.length - 1];
      if (ids.length < PAGE) break;
    }
    await this.entry.enter(journeyId);
  }
}
