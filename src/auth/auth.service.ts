import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { compare } from 'bcryptjs';
import type { Request, Response } from 'express';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuditActor } from '../audit/audit.types';
import { apiError } from '../common/api-error';
import { consoleUserActor, type TenantRef } from '../common/tenant-ref';
import { listGrants, roleAccess, scopeAccess } from '../common/permissions';
import { TenantsService } from '../tenants/tenants.service';
import { ConsoleUser } from './console-user.entity';
import { ConsoleUsersService, toConsoleUserView } from './console-users.service';
import type { MeView } from './dto/console-user-view.dto';
import type { LoginDto } from './dto/login.dto';
import { LoginLimiter, TooManyLoginsException } from './login-limiter.service';
import { SESSION_COOKIE } from './session-token';
import { SessionsService } from './sessions.service';

/** Compared against when the email is unknown, so timing does not tell which emails exist. */
const DUMMY_HASH = '$2b$12$tFMq/QzYZic0HFLEMmsyWuz.XoyWhcu0kjMJY8GoX6FgQG.y.dkKu';

/** The session cookie: httpOnly, SameSite=Strict (no cross-site sends, so no CSRF token needed), Secure on https. */
export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    expires: expiresAt,
  });
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: ConsoleUsersService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiter,
    private readonly tenants: TenantsService,
    @InjectRepository(ConsoleUser) private readonly userRows: Repository<ConsoleUser>,
    private readonly audit: AuditService,
  ) {}

  async login(dto: LoginDto, req: Request, res: Response): Promise<MeView> {
    try {
      await this.limiter.admit(dto.email, req.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof TooManyLoginsException) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    const user = await this.users.findForLogin(dto.email);
    const ok = await compare(dto.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.limiter.failed(dto.email);
      // Into the tenant of the account tried (an unknown email belongs to no tenant: nothing to record); the email as typed.
      if (user) await this.signedIn(user.tenantId, { type: 'anonymous', id: null, label: dto.email }, 'sign_in_failed', req);
      throw apiError(401, 'login_failed', 'Wrong email or password');
    }
    await this.limiter.succeeded(dto.email);
    const lastLoginAt = new Date();
    await this.userRows.update(user.id, { lastLoginAt });
    const session = await this.sessions.create(user.id, user.tenantId);
    setSessionCookie(req, res, session.token, session.expiresAt);
    await this.signedIn(user.tenantId, { type: 'user', id: user.id, label: user.email }, 'signed_in', req);
    return this.me(consoleUserActor(user.tenantId, user.id, roleAccess(user.role)));
  }

  async logout(req: Request, res: Response): Promise<void> {
    const ended = await this.sessions.revoke(req.cookies?.[SESSION_COOKIE]);
    if (ended) {
      const user = await this.userRows.findOneBy({ id: ended.userId });
      await this.signedIn(ended.tenantId, { type: 'user', id: ended.userId, label: user?.email ?? null }, 'signed_out', req);
    }
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
  }

  /** A session's start, end or refusal: nothing to join, written alone. */
  private signedIn(tenantId: number, actor: AuditActor, action: 'signed_in' | 'sign_in_failed' | 'signed_out', req: Request): Promise<void> {
    return this.audit.recordAlone({ tenantId, resource: 'session', action, actor, ip: req.ip ?? null });
  }

  /** Who is calling: the console user (session) or only the tenant (API key). */
  async me(tenant: TenantRef): Promise<MeView> {
    const row = await this.tenants.get(tenant.id);
    const user = tenant.userId ? await this.userRows.findOneBy({ id: tenant.userId, tenantId: tenant.id }) : null;
    const access = tenant.access ?? scopeAccess(['admin']);
    return {
      via: tenant.userId ? 'session' : 'apiKey',
      user: user ? toConsoleUserView(user) : null,
      role: access.role,
      scopes: access.scopes ? [...access.scopes] : null,
      permissions: listGrants(access),
      tenant: { id: row.id, name: row.name },
    };
  }
}
