import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';

/** One counter per (form, address) per minute window: the first hit starts the window. Returns [count, ms left]. */
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;
const WINDOW_MS = 60_000;

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * FORM_RATE_LIMIT_PER_MINUTE posts per form per client address, counted in Redis so it holds
 * across api instances. Every post counts (valid, invalid, honeypot), so a bot cannot probe the
 * validation for free. Redis is reached as the delivery throttle reaches it (the queue's client).
 */
@Injectable()
export class FormRateLimiter {
  private readonly logger = new Logger(FormRateLimiter.name);

  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
    private readonly env: Env,
  ) {}

  async hit(formId: number, address: string): Promise<RateVerdict> {
    const limit = this.env.FORM_RATE_LIMIT_PER_MINUTE;
    if (!limit) return { allowed: true };
    try {
      const [count, ttl] = (await this.queue.client.eval(HIT, 1, `${this.env.REDIS_PREFIX}:form-rate:${formId}:${address}`, WINDOW_MS)) as [number, number];
      if (Number(count) <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(ttl) / 1000)) };
    } catch (error) {
      // Fail open: losing a person's submission is worse than letting a few extra through while Redis is away.
      this.logger.warn(`form rate limit unavailable, allowing the post: ${(error as Error).message}`);
      return { allowed: true };
    }
  }
}
