import { Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Fixed events: the outbox API (outside producers, event log) and the bus journeys subscribe to. */
@Module({
  controllers: [EventsController],
  providers: [EventsService, EventBus],
  exports: [EventsService, EventBus],
})
export class EventsModule {}
