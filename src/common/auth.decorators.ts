import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Permission } from './permissions';
import type { TenantRef } from './tenant-ref';

export type AccessLevel = 'public' | 'admin' | 'tenant';
export const ACCESS_KEY = 'herald:access';
export const PERMISSION_KEY = 'herald:permission';

/** No authentication (health, public forms). */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies AccessLevel);
/** Guarded by ADMIN_TOKEN instead of a tenant's API key. */
export const AdminOnly = () => applyDecorators(SetMetadata(ACCESS_KEY, 'admin' satisfies AccessLevel), ApiBearerAuth('admin'));

/**
 * The permission a tenant operation needs: the guard answers 403 `forbidden` (naming it) to a
 * console role or API key without it. The document carries it as `x-permission`.
 */
export const Requires = (permission: Permission) => applyDecorators(SetMetadata(PERMISSION_KEY, permission), ApiExtension('x-permission', permission));

export const CurrentTenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantRef => ctx.switchToHttp().getRequest().tenant);
