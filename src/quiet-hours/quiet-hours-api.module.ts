import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { QuietHoursController } from './quiet-hours.controller';
import { QuietHoursModule } from './quiet-hours.module';

/** The api's side: the settings' HTTP routes (which check webhook and journey ids with their modules). */
@Module({
  imports: [QuietHoursModule, WebhooksModule, JourneysModule],
  controllers: [QuietHoursController],
})
export class QuietHoursApiModule {}
