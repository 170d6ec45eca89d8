import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { Env } from '../config/env';
import { ALL_QUEUES } from './queues';

/** Registers every queue on the configured Redis. Processors live in the worker's modules. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        prefix: env.REDIS_PREFIX,
        redis: { host: env.REDIS_HOST, port: env.REDIS_PORT, password: env.REDIS_PASSWORD },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
