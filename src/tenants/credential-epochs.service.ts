import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomBytes } from 'crypto';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';

/** A request does not wait longer than this for Redis: it reads the database instead, as before caching. */
const READ_TIMEOUT_MS = 250;

/**
 * Each tenant's credential epoch: a random token in Redis that every revocation in the tenant (an
 * API key revoked, a session signed out, a console user removed) replaces, after its database
 * write. Every api instance reads it on every authenticated request and trusts its cached lookups
 * only when they were read under the same token, so a revocation holds on the very next request on
 * every instance. A missing token (new tenant, Redis restarted or flushed) is created at random, so
 * no entry cached before can match it. `null` when Redis cannot answer: the caller skips its cache.
 */
@Injectable()
export class CredentialEpochs {
  private readonly logger = new Logger(CredentialEpochs.name);

  constructor(
    private readonly env: Env,
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
  ) {}

  private key(tenantId: number): string {
    return `${this.env.REDIS_PREFIX}:credential-epoch:${tenantId}`;
  }

  async current(tenantId: number): Promise<string | null> {
    const redis = this.queue.client;
    if (redis.status !== 'ready') return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, READ_TIMEOUT_MS, null)));
    const read = (async () => {
      const key = this.key(tenantId);
      const epoch = await redis.get(key);
      if (epoch !== null) return epoch;
      await redis.set(key, randomBytes(12).toString('base64url'), 'NX');
      return redis.get(key);
    })().catch(() => null);
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** After the revocation's database write has committed. A failure is logged: instances that cannot read the epoch do not cache. */
  async bump(tenantId: number): Promise<void> {
    try {
      await this.queue.client.set(this.key(tenantId), randomBytes(12).toString('base64url'));
    } catch (error) {
      this.logger.error(`credential epoch of tenant ${tenantId} not replaced: ${(error as Error).message}`);
      throw error;
    }
  }
}
