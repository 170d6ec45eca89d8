import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Express middleware for after the body parsers: a body that none of them read (a content type the
 * API does not take, or none) is a 415 before any controller runs. Left alone, the route saw `{}` and
 * `POST /api/customers` with text/plain created a blank customer.
 */
export function rejectUnreadBody(options: { skip: string[]; accepted: (path: string) => string }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (options.skip.some((prefix) => req.path.startsWith(prefix))) return next();
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    // A parser that took the body read the stream to its end.
    if (!hasBody || req.readableEnded) return next();
    const type = req.headers['content-type']?.split(';')[0].trim() || 'no Content-Type';
    next(new UnsupportedMediaTypeException(`Request body of ${type} cannot be read here: send ${options.accepted(req.path)}`));
  };
}
