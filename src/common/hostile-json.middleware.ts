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
    const found = findJsonProblem(req.body, limits);
    next(found ? fieldError(found.field, found.problem) : undefined);
  };
}
