import { Module } from '@nestjs/common';
import { BroadcastsModule } from '../broadcasts/broadcasts.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { JourneysModule } from '../journeys/journeys.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** 概览: reads only what other modules export. */
@Module({
  imports: [DeliveriesModule, WebhooksModule, BroadcastsModule, JourneysModule],
  controllers: [OverviewController],
  providers: [OverviewService],
})
export class OverviewModule {}
