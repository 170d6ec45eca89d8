import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { QuietHoursPolicy } from '../quiet-hours/quiet-hours-policy.service';
import { JourneyRun } from './journey-run.entity';

/** Tells quiet hours which journey a run belongs to: a journey message carries its run's id, and a journey may have its own quiet hours. */
@Injectable()
export class JourneyQuietHours implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly policy: QuietHoursPolicy,
  ) {}

  onModuleInit(): void {
    this.policy.provideJourneyOfRuns(async (runIds) => {
      const runs = await this.db.getRepository(JourneyRun).find({ select: { id: true, journeyId: true }, where: { id: In(runIds) } });
      return new Map(runs.map((r) => [Number(r.id), r.journeyId]));
    });
  }
}
