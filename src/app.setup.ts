import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, text, urlencoded } from 'express';
import { Logger } from 'nestjs-pino';
import { expressErrorHandler, HttpExceptionFilter } from './common/http-exception.filter';
import { rejectHostileJson } from './common/hostile-json.middleware';
import { globalValidationPipe } from './common/validation';

const BODY_LIMIT = '1mb';
/** Bulk imports carry up to 10,000 rows. */
const IMPORT_BODY_LIMIT = '16mb';

/** Everything the HTTP app needs beyond its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  // Body parsers are set here (bodyParser: false at creation) so the import route can have its own limit.
  express.use('/api/customers/import', json({ limit: IMPORT_BODY_LIMIT }), text({ type: ['text/csv', 'text/plain'], limit: IMPORT_BODY_LIMIT }));
  express.use(json({ limit: BODY_LIMIT }));
  express.use(urlencoded({ extended: false, limit: BODY_LIMIT }));
  // Before Nest's pipes: ValidationPipe and class-transformer recurse (deep JSON overflows the
  // stack) and dedupe keys quadratically (100,000 keys held the event loop for 13 s).
  express.use(rejectHostileJson());
  express.use(expressErrorHandler());
  app.useGlobalPipes(globalValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Herald API')
    .setDescription('Webhook broadcast platform for marketing automation')
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Tenant API key' })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
