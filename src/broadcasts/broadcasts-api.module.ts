import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { BroadcastDispatcher } from './broadcast-dispatcher.service';
import { BroadcastsModule } from './broadcasts.module';

/** Api only: the scheduled-send dispatcher (cron claims and enqueues). */
@Module({
  imports: [ScheduleModule.forRoot(), BroadcastsModule],
  providers: [BroadcastDispatcher],
})
export class BroadcastsApiModule {}
