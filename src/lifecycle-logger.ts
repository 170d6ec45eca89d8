import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/** Logs that Nest ran the shutdown hooks (queues closed, connections released) instead of being killed. */
@Injectable()
export class LifecycleLogger implements OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`shutdown complete${signal ? ` (${signal})` : ''}`);
  }
}
