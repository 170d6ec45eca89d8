import { Module } from '@nestjs/common';
import { LoyaltyModule } from '../loyalty/loyalty.module';
import { OutboxModule } from '../outbox/outbox.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** The event log's API: outside producers publish fixed events, tenants list them (the outbox module stores and relays them). */
@Module({
  imports: [LoyaltyModule, OutboxModule],
  controllers: [EventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
