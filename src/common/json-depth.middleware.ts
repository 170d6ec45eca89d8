import type { NextFunction, Request, Response } from 'express';
import { findTooDeep, MAX_JSON_DEPTH } from './json-limits';
import { fieldError } from './validation';

/**
 * Express middleware for after the body parsers: a parsed body nesting deeper than `maxDepth`
 * is a 400 naming its top-level field before any recursive validator touches it. Exported for
 * routes that parse their own bodies (raw-body HMAC checks, forms).
 */
export function rejectDeepJson(maxDepth = MAX_JSON_DEPTH) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const deep = findTooDeep(req.body, maxDepth);
    next(deep ? fieldError(deep.field, `nests deeper than ${maxDepth} levels of objects and arrays`) : undefined);
  };
}
