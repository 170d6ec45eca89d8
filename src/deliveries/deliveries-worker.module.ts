import { Module } from '@nestjs/common';
import { DeliveriesModule } from './deliveries.module';
import { DeliveryProcessor } from './delivery.processor';
import { DeliverySweeper } from './delivery-sweeper.service';

/** Worker only: the queue processors and the sweeper. */
@Module({
  imports: [DeliveriesModule],
  providers: [DeliveryProcessor, DeliverySweeper],
  exports: [DeliverySweeper],
})
export class DeliveriesWorkerModule {}
