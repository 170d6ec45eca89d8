import type { NextFunction, Request, Response } from 'express';
import { findJsonProblem, JsonLimits } from './json-limits';
import { fieldError } from './validation';

/**
 * Express middleware for after the body parsers: a parsed body nesting too deep or with an object
 * of too many keys is a 400 naming its top-level field, before any recursive or quadratic
 * validator touches it. Exported for routes that parse their own bodies (raw-body HMAC, forms).
 */
export function rejectHostileJson(limits: Partial<JsonLimits> = {}) {
  return (req: Request, _res: Response, next: NextFunction) => {
    // A raw body (/hooks: the bytes are signed) is not JSON yet; its route parses and checks it.
    // Read as an object, a Buffer of more than 1,000 bytes had "more than 1000 keys": a 400.
    if (Buffer.isBuffer(req.body)) return next();
    const found = findJsonProblem(req.body, limits);
    next(found ? fieldError(found.field, found.problem) : undefined);
  };
}
