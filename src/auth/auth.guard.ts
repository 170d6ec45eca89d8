import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { safeEqual } from '../common/safe-equal';
import type { Request, Response } from 'express';
import { setSessionCookie } from './auth.service';
import { SESSION_COOKIE } from './session-token';
import { SessionsService } from './sessions.service';
import { apiError } from '../common/api-error';
import { Env } from '../config/env';
import { ACCESS_KEY, AccessLevel, PERMISSION_KEY } from '../common/auth.decorators';
import type { Permission } from '../common/permissions';
import type { TenantRef } from '../common/tenant-ref';
import { ApiKeysService } from '../tenants/api-keys.service';

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Global guard: every route needs a tenant API key (Authorization: Bearer) or a console session
 * cookie, unless marked @Public() or @AdminOnly(). A bearer token, when present, wins. An operation
 * marked @Requires(permission) also needs that permission in the caller's role or key scopes.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionsService,
    private readonly env: Env,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<AccessLevel>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]) ?? 'tenant';
    if (access === 'public') return true;
    const req = ctx.switchToHttp().getRequest<Request & { tenant?: TenantRef }>();
    const token = bearer(req);
    if (access === 'admin') {
      if (!this.env.ADMIN_TOKEN) throw apiError(403, 'admin_token_unset', 'ADMIN_TOKEN is not configured on this deployment');
      if (!token || !safeEqual(token, this.env.ADMIN_TOKEN)) throw apiError(401, 'admin_token_invalid', 'Invalid admin token');
      return true;
    }
    if (!token) await this.viaSession(req, ctx.switchToHttp().getResponse<Response>());
    else {
      const tenant = await this.apiKeys.authenticate(token);
      if (!tenant) throw apiError(401, 'api_key_invalid', 'Invalid, revoked or expired API key');
      req.tenant = tenant;
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [ctx.getHandler(), ctx.getClass()]);
    const caller = req.tenant?.access;
    if (permission && caller && !caller.grants.has(permission)) {
      const who = caller.role ? `the role ${caller.role}` : `this API key's scopes (${caller.scopes?.join(' ')})`;
      throw apiError(403, 'forbidden', `This needs the permission ${permission}, which ${who} does not give`, { permission });
    }
    return true;
  }

  private async viaSession(req: Request & { tenant?: TenantRef }, res: Response): Promise<void> {
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) throw apiError(401, 'credentials_missing', 'Missing credentials: sign in, or send Authorization: Bearer <api key>');
    const auth = await this.sessions.authenticate(cookie);
    if (!auth) throw apiError(401, 'session_expired', 'Session expired or signed out: sign in again');
    if (auth.renewedUntil) setSessionCookie(req, res, cookie, auth.renewedUntil);
    req.tenant = auth.tenant;
  }
}
