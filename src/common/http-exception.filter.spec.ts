import { ConflictException, NotFoundException } from '@nestjs/common';
import { conflict, notFound } from './api-error';
import { errorBody } from './http-exception.filter';
import { nullIfNotFound } from './not-found';

describe('errorBody: every error answer has a code', () => {
  it('takes the code and params an error names', () => {
    expect(errorBody(notFound('webhook_not_found', 'Webhook 4 not found', { id: 4 }))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'webhook_not_found',
      message: 'Webhook 4 not found',
      params: { id: 4 },
    });
  });

  it("falls back to the status's code", () => {
    expect(errorBody(new NotFoundException('gone')).code).toBe('not_found');
    expect(errorBody(new ConflictException('busy')).code).toBe('conflict');
    expect(errorBody(new Error('boom'))).toMatchObject({ statusCode: 500, code: 'internal_error', message: 'Internal server error' });
  });

  it("codes the body parsers' and the drivers' errors", () => {
    expect(errorBody({ status: 400, type: 'entity.parse.failed' }).code).toBe('invalid_json');
    expect(errorBody({ status: 413, type: 'entity.too.large', limit: 1024 })).toMatchObject({
      code: 'payload_too_large',
      params: { limit: 1024 },
      problems: [{ path: 'body', code: 'too_large', params: { max: 1024 } }],
    });
    expect(errorBody({ code: 'ECONNREFUSED' })).toMatchObject({ statusCode: 503, code: 'database_unavailable' });
  });

  it('keeps notFound() a NotFoundException, so a missing row still reads as gone', () => {
    expect(nullIfNotFound(notFound('webhook_not_found', 'x'))).toBeNull();
    expect(conflict('duplicate', 'x')).toBeInstanceOf(ConflictException);
  });
});
