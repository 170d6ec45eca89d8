import { Module } from '@nestjs/common';
import { LoyaltyModule } from '../loyalty/loyalty.module';
import { EventBus } from './event-bus';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { OutboxSignal } from './outbox-signal';

/** Fixed events: the outbox API (outside producers, event log) and the bus journeys subscribe to. */
@Module({
  imports: [LoyaltyModule],
  controllers: [EventsController],
  providers: [EventsService, EventBus, OutboxSignal],
  exports: [EventsService, EventBus, OutboxSignal],
})
export class EventsModule {}
