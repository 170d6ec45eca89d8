import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { QuietHoursModule } from '../quiet-hours/quiet-hours.module';
import { JourneyQuietHours } from './journey-quiet-hours';
import { GroupsModule } from '../groups/groups.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { JourneyReferences } from './journey-references.service';
import { JourneyRun } from './journey-run.entity';
import { JourneyRunsController } from './journey-runs.controller';
import { JourneyRunsService } from './journey-runs.service';
import { JourneyStep } from './journey-step.entity';
import { JourneyVersion } from './journey-version.entity';
import { Journey } from './journey.entity';
import { JourneysController } from './journeys.controller';
import { JourneysService } from './journeys.service';
import { NodeCounts } from './node-counts';
import { RunStarter } from './run-starter.service';
import { RunStore } from './run-store';
import { RunSummaries } from './run-summaries.service';
import { RunTimeline } from './run-timeline.service';
import { RunWaiter } from './run-waiter.service';
import { TestRuns } from './test-runs.service';

/** Journeys (自动流程): definitions, versions, runs to watch, and starting runs (forms and inbound hooks start them from the api). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Journey, JourneyVersion, JourneyRun, JourneyStep]),
    CustomersModule,
    GroupsModule,
    WebhooksModule,
    DeliveriesModule,
    QuietHoursModule,
  ],
  controllers: [JourneysController, JourneyRunsController],
  providers: [
    JourneysService,
    JourneyRunsService,
    JourneyReferences,
    RunStarter,
    RunWaiter,
    RunStore,
    RunSummaries,
    RunTimeline,
    NodeCounts,
    TestRuns,
    JourneyQuietHours,
  ],
  exports: [JourneysService, JourneyRunsService, JourneyReferences, RunStarter, RunWaiter, RunStore, RunSummaries, RunTimeline, NodeCounts],
})
export class JourneysModule {}
