import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, raw, text, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { expressErrorHandler, HttpExceptionFilter } from './common/http-exception.filter';
import { rejectHostileJson } from './common/hostile-json.middleware';
import { rejectUnreadBody } from './common/unread-body.middleware';
import { globalValidationPipe } from './common/validation';
import { Env, trustProxySetting } from './config/env';
import { serveConsole } from './console/serve-console';
import { securityHeaders } from './console/security-headers';
import { InboundHookService } from './inbound/inbound-hook.service';
import { buildApiDocument, loadApiMetadata } from './openapi/api-document';

const BODY_LIMIT = '1mb';
/** Bulk imports carry up to 10,000 rows. */
const IMPORT_BODY_LIMIT = '16mb';
/**
 * Public form posts: small, since anyone can send them. A 2,000-character Chinese textarea is ~54 KiB
 * form-encoded (9 bytes a character), so two of them fit.
 */
const FORM_BODY_LIMIT = '128kb';

/** Everything the HTTP app needs beyond its modules; shared by main.ts and the e2e tests. */
export async function configureHttpApp(app: INestApplication): Promise<INestApplication> {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  const env = app.get(Env);
  express.set('trust proxy', trustProxySetting(env.TRUST_PROXY));
  express.disable('x-powered-by');
  // First, so every answer carries them (a 413 from a body parser too).
  express.use(securityHeaders());
  // No ETags on API answers: a browser's revalidation got a 304 no operation documents (answers are small and live).
  express.set('etag', false);
  // Body parsers are set here (bodyParser: false at creation) so the import route can have its own limit.
  // Inbound hooks need the exact bytes (signatures are over them); parsed later by content type.
  express.use('/hooks', raw({ type: () => true, limit: env.INBOUND_BODY_LIMIT_BYTES }), inboundTooLarge(app));
  express.use('/api/customers/import', json({ limit: IMPORT_BODY_LIMIT }), text({ type: ['text/csv', 'text/plain'], limit: IMPORT_BODY_LIMIT }));
  // The public micro-pages take the page's form encoding or JSON, small, before the global parsers (which then skip the read body).
  express.use('/f', json({ limit: FORM_BODY_LIMIT }), urlencoded({ extended: false, limit: FORM_BODY_LIMIT, parameterLimit: 200 }));
  // JSON only: a form-encoded body on an API route is a 415 like any type the document does not give it.
  express.use(json({ limit: BODY_LIMIT }));
  // /hooks reads every body raw; /f answers its own 415 (the micro-page's wording).
  express.use(
    rejectUnreadBody({
      skip: ['/hooks/', '/f/'],
      accepted: (path) => (path === '/api/customers/import' ? 'application/json, text/csv or text/plain' : 'application/json'),
    }),
  );
  // Before Nest's pipes: ValidationPipe and class-transformer recurse (deep JSON overflows the
  // stack) and dedupe keys quadratically (100,000 keys held the event loop for 13 s).
  express.use(rejectHostileJson());
  express.use(cookieParser());
  serveConsole(app);
  express.use(expressErrorHandler());
  app.useGlobalPipes(globalValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  await loadApiMetadata();
  // Built on the first request for it.
  SwaggerModule.setup('api/docs', app, () => buildApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/** A body over the limit never reaches the controller: answer 413 through the hook service, which logs it. */
function inboundTooLarge(app: INestApplication) {
  return (error: { type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (error?.type !== 'entity.too.large') return next(error);
    const key = req.path.split('/')[1] ?? '';
    app
      .get(InboundHookService)
      .handle({
        key,
        method: req.method,
        raw: Buffer.alloc(0),
        headers: req.headers,
        query: { ...(req.query as Record<string, unknown>) },
        ip: req.ip ?? '',
        tooLarge: true,
      })
      .then((answer) => res.status(answer.status).set(answer.headers).json(answer.body), next);
  };
}
