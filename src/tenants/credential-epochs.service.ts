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

  /** Requests waiting for the next read, by tenant: one MGET per turn of the event loop serves them all. */
  private waiting = new Map<number, ((epoch: string | null) => void)[]>();

  /**
   * Read after the request arrived (the batch goes out at the end of this turn of the event loop,
   * after every request that joined it), so a revocation answered before the request is seen.
   */
  current(tenantId: number): Promise<string | null> {
    if (this.queue.client.status !== 'ready') return Promise.resolve(null);
    return new Promise((resolve) => {
      if (!this.waiting.size) setImmediate(() => void this.flush());
      const list = this.waiting.get(tenantId);
      if (list) list.push(resolve);
      else this.waiting.set(tenantId, [resolve]);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    const tenants = [...batch.keys()];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, READ_TIMEOUT_MS, null)));
    const read = this.read(tenants).catch(() => null);
    const epochs = await Promise.race([read, timeout]).finally(() => clearTimeout(timer));
    tenants.forEach((tenantId, i) => batch.get(tenantId)!.forEach((resolve) => resolve(epochs?.[i] ?? null)));
  }

  private async read(tenants: number[]): Promise<(string | null)[]> {
    const redis = this.queue.client;
    const epochs = await redis.mget(...tenants.map((id) => this.key(id)));
    for (const [i, epoch] of epochs.entries()) {
      if (epoch !== null) continue;
      await redis.set(this.key(tenants[i]), randomBytes(12).toString('base64url'), 'NX');
      epochs[i] = await redis.get(this.key(tenants[i]));
    }
    return epochs;
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
