import { DynamicModule, Module } from '@nestjs/common';
import { Env } from './config/env';
import { BroadcastsWorkerModule } from './broadcasts/broadcasts-worker.module';
import { CoreModule } from './core.module';
import { DeliveriesWorkerModule } from './deliveries/deliveries-worker.module';
import { OutboxWorkerModule } from './outbox/outbox-worker.module';
import { JourneysWorkerModule } from './journeys/journeys-worker.module';
import { MetricsServer } from './metrics/metrics-server';
import { RetentionModule } from './retention/retention.module';
import { FrequencyCapsModule } from './frequency-caps/frequency-caps.module';
import { WorkerShutdown } from './worker-shutdown';

/**
 * The worker process: the same core, no HTTP, and the queue processors and sweeper.
 * Only this module registers processors.
 */
@Module({})
export class WorkerModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(env),
        DeliveriesWorkerModule,
        BroadcastsWorkerModule,
        OutboxWorkerModule,
        JourneysWorkerModule,
        RetentionModule,
        FrequencyCapsModule,
      ],
      providers: [MetricsServer, WorkerShutdown],
    };
  }
}
