import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';

/**
 * Reserves messages against per-customer counts in Redis, atomically for a whole batch (one Lua
 * call per fan-out page): each count is a sorted set of message identities scored by time; entries
 * older than the window drop out, and a message is allowed when every count it falls under is
 * below its limit (then it is added to all of them). A message already in a set was reserved
 * before (a resumed fan-out page): allowed again, not counted twice.
 * ARGV: now, then per message: identity, number of counts k, then k × (limit, windowMs); KEYS: the
 * counts' keys in the same order.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local out = {}
local a = 2
local k = 1
local i = 1
while a <= #ARGV do
  local member = ARGV[a]
  local n = tonumber(ARGV[a + 1])
  a = a + 2
  local ok = 1
  for j = 0, n - 1 do
    local key = KEYS[k + j]
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - tonumber(ARGV[a + 2 * j + 1]))
    if not redis.call('ZSCORE', key, member) and redis.call('ZCARD', key) >= tonumber(ARGV[a + 2 * j]) then ok = 0 end
  end
  if ok == 1 then
    for j = 0, n - 1 do
      redis.call('ZADD', KEYS[k + j], 'NX', now, member)
      redis.call('PEXPIRE', KEYS[k + j], tonumber(ARGV[a + 2 * j + 1]))
    end
  end
  out[i] = ok
  i = i + 1
  k = k + n
  a = a + 2 * n
end
return out
`;

/** One count a message falls under: the customer's messages over all webhooks, or through one webhook. */
export interface CapCount {
  key: string;
  maxMessages: number;
  windowMs: number;
}

export interface Reservation {
  /** The message's identity: the same message reserved again is not counted twice. */
  member: string;
  counts: CapCount[];
}

@Injectable()
export class CapReservations {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
    private readonly env: Env,
  ) {}

  /** The Redis key of a customer's count: over all the tenant's webhooks, or through one. */
  key(tenantId: number, customerId: number, webhookId?: number): string {
    return `${this.env.REDIS_PREFIX}:fcap:t${tenantId}:c${customerId}${webhookId ? `:w${webhookId}` : ''}`;
  }

  /** Whether each message is allowed (in order); the allowed ones are counted. */
  async reserve(items: Reservation[], now = Date.now()): Promise<boolean[]> {
    const withCounts = items.filter((r) => r.counts.length);
    if (!withCounts.length) return items.map(() => true);
    const keys: string[] = [];
    const args: (string | number)[] = [now];
    for (const r of withCounts) {
      args.push(r.member, r.counts.length);
      for (const c of r.counts) {
        keys.push(c.key);
        args.push(c.maxMessages, c.windowMs);
      }
    }
    const answers = (await this.queue.client.eval(RESERVE, keys.length, ...keys, ...args)) as number[];
    let next = 0;
    return items.map((r) => (r.counts.length ? answers[next++] === 1 : true));
  }
}
