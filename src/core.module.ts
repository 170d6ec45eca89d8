import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from './config/config.module';
import { Env } from './config/env';
import { dataSourceOptions } from './data-source-options';
import { LifecycleLogger } from './lifecycle-logger';
import { logFormat } from './logging/log-format';
import { loggerParams } from './logging/logger-params';
import { MetricsModule } from './metrics/metrics.module';
import { QueuesModule } from './queues/queues.module';
import { SecretsModule } from './secrets/secrets.module';
import { AuditModule } from './audit/audit.module';

/** What both processes share: config, the secrets key, logs (JSON lines, or pretty in a terminal), the database and the queues. */
@Module({})
export class CoreModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(env),
        SecretsModule.forRoot(env),
        LoggerModule.forRoot(loggerParams(env.LOG_LEVEL, logFormat(env.NODE_ENV))),
        TypeOrmModule.forRoot(dataSourceOptions(env)),
        QueuesModule,
        MetricsModule,
        AuditModule,
      ],
      providers: [LifecycleLogger],
    };
  }
}
