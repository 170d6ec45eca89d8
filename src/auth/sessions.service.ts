import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Env } from '../config/env';
import { consoleUserActor, type TenantRef } from '../common/tenant-ref';
import { isRole, roleAccess, type Role } from '../common/permissions';
import { CredentialCache } from '../common/credential-cache';
import { CredentialEpochs } from '../tenants/credential-epochs.service';
import { ConsoleSession } from './console-session.entity';
import { generateSessionToken, hashSessionToken, isWellFormedToken } from './session-token';

/** Sliding expiry is written at most once an hour per session, not on every request. */
const REFRESH_RESOLUTION_MS = 3_600_000;

export interface SessionAuth {
  tenant: TenantRef;
  /** Set when the expiry moved: the cookie should be sent again with the new lifetime. */
  renewedUntil?: Date;
}

interface KnownSession {
  id: number;
  tenantId: number;
  userId: number;
  /** The user's role when read: a role change bumps the tenant's epoch, so the next request reads it again. */
  role: Role;
  /** The user's email, for the audit trail's label. */
  email: string;
  expiresAt: number;
}

@Injectable()
export class SessionsService {
  /** Sessions by token hash, trusted while their tenant's credential epoch is unchanged (see CredentialEpochs). */
  private readonly known = new CredentialCache<KnownSession>(60_000, 10_000);

  constructor(
    @InjectRepository(ConsoleSession) private readonly sessions: Repository<ConsoleSession>,
    private readonly env: Env,
    private readonly epochs: CredentialEpochs,
  ) {}

  get ttlMs(): number {
    return this.env.SESSION_TTL_HOURS * 3_600_000;
  }

  async create(userId: number, tenantId: number): Promise<{ token: string; expiresAt: Date }> {
    // Expired rows are only dead weight: sign-ins sweep a few away.
    await this.sessions.query('DELETE FROM console_sessions WHERE expiresAt < ? LIMIT 100', [new Date()]);
    const token = generateSessionToken();
    const expiresAt = new Date(Date.now() + this.ttlMs);
    await this.sessions.insert({ tokenHash: hashSessionToken(token), userId, tenantId, expiresAt });
    return { token, expiresAt };
  }

  /**
   * The session's user, or null. A cached session costs one Redis read (its tenant's epoch); one
   * seen for the first time under an epoch is read from the database twice, around the epoch's
   * read, so a sign-out committed meanwhile is never cached as valid.
   */
  async authenticate(token: unknown): Promise<SessionAuth | null> {
    if (!isWellFormedToken(token)) return null;
    const hash = hashSessionToken(token);
    const found = await this.known.resolve(
      hash,
      () => this.read(hash),
      (tenantId) => this.epochs.current(tenantId),
    );
    const now = Date.now();
    if (!found || found.expiresAt <= now) return null;
    const auth: SessionAuth = { tenant: { ...consoleUserActor(found.tenantId, found.userId, roleAccess(found.role)), label: found.email } };
    if (found.expiresAt - now < this.ttlMs - REFRESH_RESOLUTION_MS) {
      auth.renewedUntil = new Date(now + this.ttlMs);
      await this.sessions.update(found.id, { expiresAt: auth.renewedUntil });
      this.known.update(hash, { ...found, expiresAt: auth.renewedUntil.getTime() });
    }
    return auth;
  }

  private async read(hash: string): Promise<KnownSession | null> {
    const row = await this.sessions.findOne({ where: { tokenHash: hash }, relations: { user: true } });
    if (!row?.user || !isRole(row.user.role)) return null;
    return { id: row.id, tenantId: row.tenantId, userId: row.userId, role: row.user.role, email: row.user.email, expiresAt: row.expiresAt.getTime() };
  }

  /** Ends the session; answers whose it was (null: no such session). */
  async revoke(token: unknown): Promise<{ tenantId: number; userId: number } | null> {
    if (!isWellFormedToken(token)) return null;
    const hash = hashSessionToken(token);
    const row = await this.sessions.findOneBy({ tokenHash: hash });
    if (!row) return null;
    await this.sessions.delete({ id: row.id });
    await this.epochs.bump(row.tenantId);
    return { tenantId: row.tenantId, userId: row.userId };
  }

  /** After a console user's removal (their sessions went with them, by cascade) or role change: no instance may still trust the old. */
  async revokedForUser(tenantId: number): Promise<void> {
    await this.epochs.bump(tenantId);
  }
}
