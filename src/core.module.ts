import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { loggedHeaders } from './common/logged-headers';
import { ConfigModule } from './config/config.module';
import { Env } from './config/env';
import { dataSourceOptions } from './database/data-source-options';
import { LifecycleLogger } from './lifecycle-logger';
import { MetricsModule } from './metrics/metrics.module';
import { QueuesModule } from './queues/queues.module';
import { SecretsModule } from './secrets/secrets.module';

/** Headers that must never reach a log line (loggedHeaders masks more: every value not known to be harmless). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-admin-token"]',
  'res.headers["set-cookie"]',
];

/** What both processes share: config, the secrets key, JSON logs, the database and the queues. */
@Module({})
export class CoreModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(env),
        SecretsModule.forRoot(env),
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            redact: { paths: REDACTED_PATHS, censor: '[masked]' },
            // An inbound trigger's token arrives in a header its tenant names: only harmless headers keep their values.
            serializers: { req: (req: { headers?: Record<string, unknown> }) => ({ ...req, headers: loggedHeaders(req.headers) }) },
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(env)),
        QueuesModule,
        MetricsModule,
      ],
      providers: [LifecycleLogger],
    };
  }
}
