import { Module } from '@nestjs/common';
import { BroadcastCounters } from './broadcast-counters.service';
import { BroadcastFanout } from './broadcast-fanout.service';
import { BroadcastFanoutProcessor } from './broadcast-fanout.processor';
import { BroadcastsModule } from './broadcasts.module';

/** Worker only: fan-out, live counters and the cancel gate. */
@Module({
  imports: [BroadcastsModule],
  providers: [BroadcastFanout, BroadcastFanoutProcessor, BroadcastCounters],
  exports: [BroadcastCounters],
})
export class BroadcastsWorkerModule {}
