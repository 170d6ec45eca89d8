import { timingSafeEqual } from 'crypto';
import type { NextFunction, Request, Response } from 'express';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Guards browser-facing admin pages (the queue dashboard) with ADMIN_TOKEN: as a Bearer token, or
 * as the password of HTTP Basic auth (any user name) so a browser can log in.
 */
export function adminAuthMiddleware(adminToken: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    let token: string | undefined;
    if (/^Bearer\s+/i.test(header)) token = header.replace(/^Bearer\s+/i, '').trim();
    else if (/^Basic\s+/i.test(header)) {
      const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
      token = decoded.slice(decoded.indexOf(':') + 1);
    }
    if (adminToken && token && same(token, adminToken)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="Herald admin"');
    res.status(adminToken ? 401 : 403).json({
      statusCode: adminToken ? 401 : 403,
      error: adminToken ? 'Unauthorized' : 'Forbidden',
      code: adminToken ? 'unauthorized' : 'admin_token_unset',
      message: adminToken ? 'Admin token required' : 'ADMIN_TOKEN is not configured on this deployment',
    });
  };
}
