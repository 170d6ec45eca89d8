import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureHttpApp } from './app.setup';
import { ConfigError, loadEnv } from './config/env';
import { requireSecretBox } from './secrets/secrets.module';

async function bootstrap() {
  const env = loadEnv();
  requireSecretBox(env);
  const app = await NestFactory.create(AppModule.forRoot(env), { bodyParser: false, bufferLogs: true });
  await configureHttpApp(app);
  await app.listen(env.PORT, process.env.HOST ?? '0.0.0.0');
}

bootstrap().catch((error) => {
  // The logger may not exist yet: a config error must still name the variable on stderr.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
