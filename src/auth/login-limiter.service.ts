import { InjectQueue } from '@nestjs/bull';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';

/** 429 with Retry-After (seconds), in the usual error shape. */
export class TooManyLoginsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { message: `Too many sign-in attempts: try again in ${retryAfterSeconds} s`, code: 'login_rate_limited', params: { retryAfterSeconds } },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Brute-force protection for console sign-in, shared by every api instance through Redis
 * (rate-limiter-flexible over the connection bull already holds). Every attempt from a client
 * address counts; per email only failures count, and a success clears them, so a user who
 * mistypes once is not punished for the rest of the window.
 */
@Injectable()
export class LoginLimiter {
  private readonly byAddress: RateLimiterRedis;
  private readonly byEmail: RateLimiterRedis;
  private readonly maxFailures: number;

  constructor(@InjectQueue(QUEUES.deliveries) queue: Queue, env: Env) {
    const common = { storeClient: queue.client, duration: env.LOGIN_WINDOW_SECONDS };
    this.byAddress = new RateLimiterRedis({ ...common, keyPrefix: `${env.REDIS_PREFIX}:login:addr`, points: env.LOGIN_MAX_ATTEMPTS_PER_ADDRESS });
    this.byEmail = new RateLimiterRedis({ ...common, keyPrefix: `${env.REDIS_PREFIX}:login:email`, points: env.LOGIN_MAX_FAILURES_PER_EMAIL });
    this.maxFailures = env.LOGIN_MAX_FAILURES_PER_EMAIL;
  }

  /** Counts this attempt against the address; refuses it when the address or the email is over its limit. */
  async admit(email: string, address: string): Promise<void> {
    try {
      await this.byAddress.consume(address);
    } catch (rejection) {
      throw tooMany(rejection);
    }
    const failures = await this.byEmail.get(email);
    if (failures && failures.consumedPoints >= this.maxFailures) throw tooMany(failures);
  }

  async failed(email: string): Promise<void> {
    await this.byEmail.penalty(email, 1);
  }

  async succeeded(email: string): Promise<void> {
    await this.byEmail.delete(email);
  }
}

function tooMany(rejection: unknown): Error {
  if (rejection instanceof RateLimiterRes) return new TooManyLoginsException(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
  return rejection as Error;
}
