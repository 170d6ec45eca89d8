import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { QUEUES } from '../queues/queues';
import type { BroadcastFanoutJob } from '../queues/queues';
import { BroadcastFanout } from './broadcast-fanout.service';

/** Worker only: fan-outs, two at a time per worker (each one streams its group page by page). */
@Injectable()
export class BroadcastFanoutProcessor implements OnModuleInit {
  constructor(
    @InjectQueue(QUEUES.broadcasts) private readonly queue: Queue<BroadcastFanoutJob>,
    private readonly fanout: BroadcastFanout,
  ) {}

  onModuleInit(): void {
    void this.queue.process(2, (job) => this.fanout.run(job.data.broadcastId));
  }
}
