import { Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { EventTimeline } from './event-timeline.service';
import { OutboxSignal } from './outbox-signal';
import { OutboxService } from './outbox.service';

/**
 * The transactional outbox: fixed events are written with the change that caused them (outbox.ts), a commit wakes
 * the worker's relay (OutboxSignal), the relay offers them on the bus journeys subscribe to (EventBus).
 * OutboxService records and reads them for the event log's API.
 */
@Module({
  providers: [OutboxService, EventBus, OutboxSignal, EventTimeline],
  exports: [OutboxService, EventBus, OutboxSignal, EventTimeline],
})
export class OutboxModule {}
