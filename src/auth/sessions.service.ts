import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Env } from '../config/env';
import { consoleUserActor, type TenantRef } from '../common/tenant-ref';
import { ConsoleSession } from './console-session.entity';
import { generateSessionToken, hashSessionToken, isWellFormedToken } from './session-token';

/** Sliding expiry is written at most once an hour per session, not on every request. */
const REFRESH_RESOLUTION_MS = 3_600_000;

export interface SessionAuth {
  tenant: TenantRef;
  /** Set when the expiry moved: the cookie should be sent again with the new lifetime. */
  renewedUntil?: Date;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(ConsoleSession) private readonly sessions: Repository<ConsoleSession>,
    private readonly env: Env,
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

  async authenticate(token: unknown): Promise<SessionAuth | null> {
    if (!isWellFormedToken(token)) return null;
    const now = Date.now();
    const row = await this.sessions.findOneBy({ tokenHash: hashSessionToken(token) });
    if (!row || row.expiresAt.getTime() <= now) return null;
    const auth: SessionAuth = { tenant: consoleUserActor(row.tenantId, row.userId) };
    if (row.expiresAt.getTime() - now < this.ttlMs - REFRESH_RESOLUTION_MS) {
      auth.renewedUntil = new Date(now + this.ttlMs);
      await this.sessions.update(row.id, { expiresAt: auth.renewedUntil });
    }
    return auth;
  }

  async revoke(token: unknown): Promise<void> {
    if (isWellFormedToken(token)) await this.sessions.delete({ tokenHash: hashSessionToken(token) });
  }
}
