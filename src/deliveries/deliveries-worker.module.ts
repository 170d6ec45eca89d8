import { Module } from '@nestjs/common';
import { DeliveriesModule } from './deliveries.module';
import { DeliveryProcessor } from './delivery.processor';
import { DeliverySweeper } from './delivery-sweeper.service';
import { DeferredPromoter } from './deferred-promoter.service';
import { QuietHoursModule } from '../quiet-hours/quiet-hours.module';

/** Worker only: the queue processors and the sweeper. */
@Module({
  imports: [DeliveriesModule, QuietHoursModule],
  providers: [DeliveryProcessor, DeliverySweeper, DeferredPromoter],
  exports: [DeliverySweeper],
})
export class DeliveriesWorkerModule {}
