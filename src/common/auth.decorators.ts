import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { TenantRef } from './tenant-ref';

export type AccessLevel = 'public' | 'admin' | 'tenant';
export const ACCESS_KEY = 'herald:access';

/** No authentication (health, public forms). */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies AccessLevel);
/** Guarded by ADMIN_TOKEN instead of a tenant's API key. */
export const AdminOnly = () => applyDecorators(SetMetadata(ACCESS_KEY, 'admin' satisfies AccessLevel), ApiBearerAuth('admin'));

export const CurrentTenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantRef => ctx.switchToHttp().getRequest().tenant);
