import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import type { TenantRef } from '../common/tenant-ref';
import { runWithAuditContext, type AuditContext } from './audit-context';
import type { AuditActor } from './audit.types';

/** The caller the global guard put on the request: a console user, an API key, or nobody (a public route). */
export function actorOf(tenant: TenantRef | undefined): AuditActor {
  if (tenant?.userId) return { type: 'user', id: tenant.userId, label: tenant.label ?? null };
  if (tenant?.apiKeyId) return { type: 'apiKey', id: tenant.apiKeyId, label: tenant.label ?? null };
  // A public route (a form's micro-page, an unsubscribe link, an inbound hook): the system acts for the tenant.
  return { type: 'system', id: null, label: null };
}

/**
 * Global (api): runs each handler inside an AsyncLocalStorage context holding the caller (the guard, which runs
 * before interceptors, has authenticated it; the user's email and the key's label come from its credential caches,
 * no query) and the address (req.ip, which honours TRUST_PROXY). AuditService.record reads it, so no service
 * signature has to carry who is calling.
 */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request & { tenant?: TenantRef }>();
    const context: AuditContext = { actor: actorOf(req.tenant), ip: req.ip ?? null };
    return new Observable((subscriber) => runWithAuditContext(context, () => next.handle().subscribe(subscriber)));
  }
}
