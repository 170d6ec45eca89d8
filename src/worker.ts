import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadEnv } from './config/env';
import { requireSecretBox } from './secrets/secrets.module';
import { WorkerModule } from './worker.module';

async function bootstrap() {
  const env = loadEnv();
  requireSecretBox(env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(env), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close the context: bull stops taking jobs and waits for active ones.
  app.enableShutdownHooks();
  app.get(Logger).log('worker started', 'Worker');
}

bootstrap().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
