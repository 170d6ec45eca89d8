import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CapReservations } from './cap-reservations.service';
import { CapScreen } from './cap-screen.service';
import { FrequencyCap } from './frequency-cap.entity';
import { FrequencyCapsController } from './frequency-caps.controller';
import { FrequencyCapsService } from './frequency-caps.service';

/** Frequency caps, in both processes: the api's messages (and its settings) and the worker's fan-outs and journeys. */
@Module({
  imports: [TypeOrmModule.forFeature([FrequencyCap]), WebhooksModule, DeliveriesModule],
  controllers: [FrequencyCapsController],
  providers: [FrequencyCapsService, CapReservations, CapScreen],
  exports: [FrequencyCapsService],
})
export class FrequencyCapsModule {}
