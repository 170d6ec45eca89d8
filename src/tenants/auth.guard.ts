import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'crypto';
import type { Request } from 'express';
import { Env } from '../config/env';
import { ACCESS_KEY, AccessLevel } from './auth.decorators';
import { ApiKeysService } from './api-keys.service';

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Global guard: every route needs a tenant API key unless marked @Public() or @AdminOnly(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly env: Env,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<AccessLevel>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]) ?? 'tenant';
    if (access === 'public') return true;
    const req = ctx.switchToHttp().getRequest<Request & { tenant?: unknown }>();
    const token = bearer(req);
    if (access === 'admin') {
      if (!this.env.ADMIN_TOKEN) throw new ForbiddenException('ADMIN_TOKEN is not configured on this deployment');
      if (!token || !safeEqual(token, this.env.ADMIN_TOKEN)) throw new UnauthorizedException('Invalid admin token');
      return true;
    }
    if (!token) throw new UnauthorizedException('Missing API key: send Authorization: Bearer <key>');
    const tenant = await this.apiKeys.authenticate(token);
    if (!tenant) throw new UnauthorizedException('Invalid or revoked API key');
    req.tenant = tenant;
    return true;
  }
}
