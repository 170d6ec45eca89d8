import { DynamicModule, Module } from '@nestjs/common';
import { Env } from './config/env';
import { CoreModule } from './core.module';

/**
 * The worker process: the same core, no HTTP, and the queue processors (which arrive with the
 * delivery engine and broadcasts). Only this module registers processors.
 */
@Module({})
export class WorkerModule {
  static forRoot(env: Env): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(env)] };
  }
}
