import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { OutboxModule } from '../outbox/outbox.module';
import { GroupsModule } from '../groups/groups.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { GroupEntry } from './group-entry.service';
import { JourneyExecutor } from './journey-executor.service';
import { JourneyResumer } from './journey-resumer.service';
import { JourneySweeper } from './journey-sweeper.service';
import { JourneyTriggers } from './journey-triggers.service';
import { JourneyProcessor } from './journey.processor';
import { JourneysModule } from './journeys.module';
import { VersionCache } from './version-cache';

/** Worker only: the runtime (steps, triggers from events and settled messages, group entry, sweeper). */
@Module({
  imports: [JourneysModule, CustomersModule, DeliveriesModule, WebhooksModule, GroupsModule, OutboxModule],
  providers: [JourneyExecutor, JourneyTriggers, GroupEntry, JourneyResumer, JourneySweeper, JourneyProcessor, VersionCache],
  exports: [JourneySweeper, JourneyExecutor],
})
export class JourneysWorkerModule {}
