import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'http';
import { QueryFailedError } from 'typeorm';
import { codeForStatus, ErrorBody } from './api-error';
import type { ErrorCode } from './error-codes';

export type { ErrorBody } from './api-error';

/** One error shape for every failure: `{statusCode, error, code, message, params?, fields?, problems?}`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    sendError(host.switchToHttp().getResponse<Response>(), exception, this.logger);
  }
}

/**
 * Express error middleware for errors raised before Nest's router (body parsers: bad JSON,
 * too large), which Nest's global filters never see. Same shape as the filter.
 */
export function expressErrorHandler(logger = new Logger('HttpError')) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => (res.headersSent ? next(error) : sendError(res, error, logger));
}

function sendError(res: Response, exception: unknown, logger: Logger): void {
  const body = errorBody(exception);
  if (body.statusCode === 503) logger.warn(`${body.message} (${(exception as Error)?.message})`);
  else if (body.statusCode >= 500) logger.error(exception instanceof Error ? exception.stack : String(exception));
  if (res.headersSent) return;
  if (body.statusCode === 503) res.setHeader('Retry-After', '5');
  res.status(body.statusCode).json(body);
}

export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const obj = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
    const message = Array.isArray(obj.message) ? obj.message.join('; ') : String(obj.message ?? exception.message);
    const code = typeof obj.code === 'string' ? (obj.code as ErrorCode) : codeForStatus(status);
    const body: ErrorBody = { statusCode: status, error: STATUS_CODES[status] ?? 'Error', code, message };
    if (obj.params) body.params = obj.params as ErrorBody['params'];
    if (obj.fields) body.fields = obj.fields as ErrorBody['fields'];
    if (obj.problems) body.problems = obj.problems as ErrorBody['problems'];
    return body;
  }
  // body-parser errors carry an http status and a `type`.
  const err = exception as { status?: number; type?: string; message?: string; code?: string; limit?: number };
  if (err?.type === 'entity.too.large') {
    const message = `body must be at most ${err.limit} bytes`;
    return {
      statusCode: 413,
      error: STATUS_CODES[413]!,
      code: 'payload_too_large',
      message: `Request body is too large: ${message}`,
      params: { limit: err.limit ?? 0 },
      fields: { body: [message] },
      problems: [{ path: 'body', code: 'too_large', params: { max: err.limit ?? 0 }, message }],
    };
  }
  if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
    const [code, message]: [ErrorCode, string] =
      err.type === 'entity.parse.failed'
        ? ['invalid_json', 'Request body is not valid JSON']
        : err.type === 'charset.unsupported' || err.type === 'encoding.unsupported'
          ? ['unsupported_encoding', 'Request body encoding is not supported']
          : [codeForStatus(err.status), 'Bad request'];
    return { statusCode: err.status, error: STATUS_CODES[err.status] ?? 'Error', code, message };
  }
  if (exception instanceof QueryFailedError && err.code === 'ER_DUP_ENTRY') {
    return { statusCode: HttpStatus.CONFLICT, error: 'Conflict', code: 'duplicate', message: 'A record with the same unique value already exists' };
  }
  const unavailable = unavailableBackend(exception);
  if (unavailable) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      code: unavailable === 'Redis' ? 'redis_unavailable' : 'database_unavailable',
      message: `${unavailable} is not reachable right now: try again shortly`,
    };
  }
  return { statusCode: 500, error: 'Internal Server Error', code: 'internal_error', message: 'Internal server error' };
}

/** Driver codes that mean the database is down, restarting or out of connections — not a bug, a 503. */
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'POOL_CLOSED',
]);

/** Which backend an error says is unavailable (the database or Redis), if any. */
export function unavailableBackend(exception: unknown): 'The database' | 'Redis' | undefined {
  const e = exception as { code?: string; name?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  if (code && DATABASE_DOWN.has(code)) return 'The database';
  if (e?.name === 'MaxRetriesPerRequestError' || /^Connection is closed|Stream isn't writeable/.test(e?.message ?? '')) return 'Redis';
  return undefined;
}
