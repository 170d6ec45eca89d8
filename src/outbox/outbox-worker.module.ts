import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EventRelay } from './event-relay.service';
import { OutboxModule } from './outbox.module';

/** Worker only: the outbox relay. */
@Module({
  imports: [OutboxModule, DeliveriesModule, WebhooksModule, CustomersModule],
  providers: [EventRelay],
  exports: [EventRelay],
})
export class OutboxWorkerModule {}
