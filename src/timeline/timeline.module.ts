import { Module } from '@nestjs/common';
import { BroadcastsModule } from '../broadcasts/broadcasts.module';
import { CustomersModule } from '../customers/customers.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { FormsModule } from '../forms/forms.module';
import { GroupsModule } from '../groups/groups.module';
import { InboundModule } from '../inbound/inbound.module';
import { JourneysModule } from '../journeys/journeys.module';
import { LoyaltyModule } from '../loyalty/loyalty.module';
import { OutboxModule } from '../outbox/outbox.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { Customer360Controller } from './customer360.controller';
import { CustomerProfileService } from './customer-profile.service';
import { CustomerTimelineService } from './customer-timeline.service';

/**
 * Customer 360 (api only): the customer page's profile and timeline, composed from the modules
 * that own each part. It sits above them all; none of them imports it.
 */
@Module({
  imports: [
    CustomersModule,
    GroupsModule,
    LoyaltyModule,
    WebhooksModule,
    DeliveriesModule,
    BroadcastsModule,
    JourneysModule,
    FormsModule,
    InboundModule,
    OutboxModule,
  ],
  controllers: [Customer360Controller],
  providers: [CustomerProfileService, CustomerTimelineService],
})
export class TimelineModule {}
