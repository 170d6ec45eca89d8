import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { STATUS_CODES } from 'http';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
}

/**
 * One error shape for every failure: `{statusCode, error, message, fields?}`.
 * Body-parser errors (bad JSON, too large) arrive as plain errors with a `status`; keep their status.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const obj = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const message = Array.isArray(obj.message) ? obj.message.join('; ') : String(obj.message ?? exception.message);
      const body: ErrorBody = { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
      if (obj.fields) body.fields = obj.fields as ErrorBody['fields'];
      return body;
    }
    const err = exception as { status?: number; type?: string; message?: string; code?: string };
    if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      const message =
        err.type === 'entity.parse.failed' ? 'Request body is not valid JSON'
        : err.type === 'entity.too.large' ? 'Request body is too large'
        : err.message ?? 'Bad request';
      return { statusCode: err.status, error: STATUS_CODES[err.status] ?? 'Error', message };
    }
    if (exception instanceof QueryFailedError && (err.code === 'ER_DUP_ENTRY')) {
      return { statusCode: HttpStatus.CONFLICT, error: 'Conflict', message: 'A record with the same unique value already exists' };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
  }
}
