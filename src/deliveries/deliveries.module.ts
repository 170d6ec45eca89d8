import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { QuietHoursModule } from '../quiet-hours/quiet-hours.module';
import { QuietHold } from './quiet-hold';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliveryRetry } from './delivery-retry.service';
import { AttemptRecorder } from './attempt-recorder.service';
import { CircuitBreaker } from './circuit-breaker.service';
import { CircuitGate } from './circuit-gate';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryEvents } from './delivery-events';
import { DeliveryOutcomes } from './delivery-outcomes.service';
import { DeliveryQueue } from './delivery-queue.service';
import { DeliveryClaims } from './delivery-claims';
import { DeliveryRunner } from './delivery-runner.service';
import { DeliveryStore } from './delivery-store';
import { DeliveryTimeline } from './delivery-timeline.service';
import { Delivery } from './delivery.entity';
import { DeliveryStatsBuffer } from './delivery-stats-buffer.service';
import { DeliveryStatsReader } from './delivery-stats-reader.service';
import { DeliveryStatsHourly } from './delivery-stats-hourly.entity';
import { HttpSender } from './http-sender.service';
import { MessageSummaries } from './message-summaries.service';
import { TestSendService } from './test-send.service';
import { ThrottleService } from './throttle.service';
import { WebhookCircuitController } from './webhook-circuit.controller';
import { WebhookMessagesController } from './webhook-messages.controller';

/** The delivery engine, shared by both processes (the api runs test sends itself). */
@Module({
  imports: [TypeOrmModule.forFeature([Delivery, DeliveryAttempt, DeliveryStatsHourly]), WebhooksModule, CustomersModule, QuietHoursModule],
  controllers: [DeliveriesController, WebhookMessagesController, WebhookCircuitController],
  providers: [
    DeliveriesService,
    DeliveryQueue,
    DeliveryClaims,
    DeliveryRunner,
    AttemptRecorder,
    DeliveryEvents,
    HttpSender,
    ThrottleService,
    TestSendService,
    CircuitBreaker,
    CircuitGate,
    DeliveryStore,
    DeliveryOutcomes,
    MessageSummaries,
    DeliveryStatsBuffer,
    DeliveryStatsReader,
    DeliveryTimeline,
    QuietHold,
    DeliveryRetry,
  ],
  exports: [
    MessageSummaries,
    DeliveriesService,
    DeliveryStore,
    DeliveryOutcomes,
    DeliveryQueue,
    DeliveryRunner,
    DeliveryEvents,
    CircuitBreaker,
    DeliveryStatsReader,
    DeliveryTimeline,
    TestSendService,
  ],
})
export class DeliveriesModule {}
