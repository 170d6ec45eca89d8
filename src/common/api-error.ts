import { ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import type { ErrorCode, FieldCode } from './error-codes';

/**
 * Every error answer's shape. `code` is stable and machine-read (the console translates it);
 * `message` is English for people reading logs. `fields` (path → messages) is kept for clients
 * that already read it; `problems` says the same per field with a code and its parameters.
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
  fields?: Record<string, string[]>;
  problems?: FieldProblem[];
}

export type ErrorParams = Record<string, string | number | boolean | null | Array<string | number>>;

export interface FieldProblem {
  /** Dotted path of the bad part: `url`, `basicAuth.username`, `nodes[3].next`, `fields[2].options`. */
  path: string;
  code: FieldCode;
  params?: ErrorParams;
  message: string;
}

/** The code an error gets when the code that raised it names none. */
export const STATUS_CODE_NAMES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'unavailable',
};

export const codeForStatus = (status: number): ErrorCode => STATUS_CODE_NAMES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');

/**
 * An HttpException with a stable code and the parameters the message was made from, so a client
 * can say the same thing in its own language: `throw apiError(409, 'journey_archived', 'Journey 4 is archived', { id: 4 })`.
 */
export function apiError(status: number, code: ErrorCode, message: string, params?: ErrorParams): HttpException {
  return new HttpException(body(code, message, params), status);
}

const body = (code: ErrorCode, message: string, params?: ErrorParams) => ({ message, code, ...(params ? { params } : {}) });
/** NotFoundException, so `nullIfNotFound` and other `instanceof` checks still see it. */
export const notFound = (code: ErrorCode, message: string, params?: ErrorParams) => new NotFoundException(body(code, message, params));
export const conflict = (code: ErrorCode, message: string, params?: ErrorParams) => new ConflictException(body(code, message, params));
