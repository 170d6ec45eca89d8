import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { Env } from '../config/env';
import { JOURNEY_JOBS, JourneyJob, JourneyStepsJob, QUEUES } from '../queues/queues';
import { GroupEntry } from './group-entry.service';
import { JourneyExecutor } from './journey-executor.service';
import { JourneyResumer } from './journey-resumer.service';

/** Worker only: step jobs (JOURNEY_CONCURRENCY at once), group entries and resumes after a pause. */
@Injectable()
export class JourneyProcessor implements OnModuleInit {
  constructor(
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
    private readonly executor: JourneyExecutor,
    private readonly entry: GroupEntry,
    private readonly resumer: JourneyResumer,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    void this.queue.process(JOURNEY_JOBS.steps, this.env.JOURNEY_CONCURRENCY, (job: Job<JourneyStepsJob>) => this.executor.runSlice(job.data.runIds));
    void this.queue.process(JOURNEY_JOBS.entry, 1, (job: Job<JourneyJob>) => this.entry.enter(job.data.journeyId));
    void this.queue.process(JOURNEY_JOBS.resume, 1, (job: Job<JourneyJob>) => this.resumer.resume(job.data.journeyId));
  }
}
