import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { flushLogs } from './logging/stdout';

/** Logs that Nest ran the shutdown hooks (queues closed, connections released) instead of being killed. */
@Injectable()
export class LifecycleLogger implements OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutdown complete${signal ? ` (${signal})` : ''}`);
    // Nest kills the process with the signal next: what is still buffered must be written now.
    await flushLogs();
  }
}
