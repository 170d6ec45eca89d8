import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bull';
import { QUEUES } from '../queues/queues';

/** Redis is healthy when the connection bull uses answers PING in time. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'redis') {
    const check = this.indicator.check(key);
    try {
      const pong = await Promise.race([
        this.queue.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout after 1000 ms')), 1000).unref()),
      ]);
      return pong === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${pong}` });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
