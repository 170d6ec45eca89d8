import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { map, Observable } from 'rxjs';
import { PERMISSION_KEY } from './auth.decorators';
import { maskContacts } from './contact-mask';
import type { Permission } from './permissions';
import { seesContactFields, type TenantRef } from './tenant-ref';

/** Answers about the team itself (users, keys, the audit trail): their emails are colleagues', not customers'. */
const TEAM_RESOURCES = ['users', 'keys', 'audit'];

/**
 * Masks customers' contact fields (email, mobile, open ids; and emails and mainland mobiles inside
 * text such as a rendered message body or a posted payload) in every answer of a tenant operation
 * to a caller without the `customers:contact` grant: the analyst role. One place at the boundary,
 * so a customer summary embedded in any view (a message, a journey run, a form submission, a
 * loyalty member, an event's payload) cannot be missed by a new view.
 */
@Injectable()
export class ContactMaskInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [ctx.getHandler(), ctx.getClass()]);
    const tenant = ctx.switchToHttp().getRequest<Request & { tenant?: TenantRef }>().tenant;
    if (!permission || !tenant || seesContactFields(tenant) || TEAM_RESOURCES.includes(permission.split(':')[0])) return next.handle();
    return next.handle().pipe(map((answer) => maskContacts(answer)));
  }
}
