import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';

/**
 * Per-webhook concurrency and rate limit, shared by every worker through Redis (one Lua call).
 * Concurrency: a sorted set of leases that expire, so a crashed worker's slot comes back.
 * Rate: GCRA without burst, and the caller *reserves* its slot: when the limit is reached it gets
 * the exact time of its own future slot, so a backlog wakes once per message, not in a herd.
 * And the sends themselves stay an interval apart (the last send's time): slots woken late by a
 * busy worker wait their turn instead of going out together, so no window ever sees a burst.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local interval = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= limit then return -1 end
if interval > 0 and ARGV[6] == '0' then
  local tat = tonumber(redis.call('GET', KEYS[2]) or now)
  if tat < now then tat = now end
  redis.call('SET', KEYS[2], tat + interval, 'PX', math.ceil(tat + interval - now) + 1000)
  if tat > now then return tat - now end
end
if interval > 0 then
  -- Sends themselves stay an interval apart: reserved slots woken late (a busy worker) must not bunch up.
  local last = tonumber(redis.call('GET', KEYS[3]) or 0)
  if now - last < interval then return last + interval - now end
  redis.call('SET', KEYS[3], now, 'PX', interval + 1000)
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[1], lease)
return 0
`;

/** Up to ARGV[4] concurrency leases at once (no rate limit): returns how many were granted. */
const ACQUIRE_MANY = `
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local grant = math.min(wanted, limit - redis.call('ZCARD', KEYS[1]))
if grant <= 0 then return 0 end
for i = 1, grant do redis.call('ZADD', KEYS[1], now + lease, ARGV[5] .. ':' .. i) end
redis.call('PEXPIRE', KEYS[1], lease)
return grant
`;

export type Acquired = { ok: true } | { ok: false; busy: true } | { ok: false; busy: false; waitMs: number };

export interface ThrottleLimits {
  webhookId: number;
  concurrency: number;
  rateLimitPerMinute: number | null;
}

@Injectable()
export class ThrottleService {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
    private readonly env: Env,
  ) {}

  private keys(webhookId: number): [string, string, string] {
    // One hash tag per webhook: on Redis Cluster a webhook's keys share a slot (the Lua scripts need
    // that), while different webhooks spread over the shards.
    const base = `${this.env.REDIS_PREFIX}:throttle:{w${webhookId}}`;
    return [`${base}:leases`, `${base}:rate`, `${base}:last`];
  }

  /** Takes a concurrency lease (and a rate slot unless `slotReserved`). */
  async acquire(limits: ThrottleLimits, leaseId: string, leaseMs: number, slotReserved: boolean): Promise<Acquired> {
    const interval = limits.rateLimitPerMinute ? Math.ceil(60_000 / limits.rateLimitPerMinute) : 0;
    const result = Number(
      await this.queue.client.eval(
        ACQUIRE,
        3,
        ...this.keys(limits.webhookId),
        Date.now(),
        leaseMs,
        limits.concurrency,
        leaseId,
        interval,
        slotReserved ? '1' : '0',
      ),
    );
    if (result === 0) return { ok: true };
    if (result < 0) return { ok: false, busy: true };
    return { ok: false, busy: false, waitMs: result };
  }

  /** For webhooks without a rate limit: as many concurrency leases as are free, up to `wanted`. Lease ids are `<base>:1..n`. */
  async acquireMany(webhookId: number, concurrency: number, wanted: number, leaseBase: string, leaseMs: number): Promise<string[]> {
    const granted = Number(await this.queue.client.eval(ACQUIRE_MANY, 1, this.keys(webhookId)[0], Date.now(), leaseMs, concurrency, wanted, leaseBase));
    return Array.from({ length: granted }, (_, i) => `${leaseBase}:${i + 1}`);
  }

  async release(webhookId: number, ...leaseIds: string[]): Promise<void> {
    if (leaseIds.length) await this.queue.client.zrem(this.keys(webhookId)[0], ...leaseIds);
  }
}
