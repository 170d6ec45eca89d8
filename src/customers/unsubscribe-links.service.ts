import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';
import { UnsubscribeTokens } from '../signing/unsubscribe-token';
import { systemActor } from '../common/tenant-ref';
import { Customer } from './customer.entity';
import { CustomerSubscriptions } from './customer-subscription.service';
import { PageLang, renderUnsubscribePage, UnsubscribeState } from './unsubscribe-page';

/** One counter per client address per minute window, as the public forms count their posts. Returns [count, ms left]. */
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;
const WINDOW_MS = 60_000;

export interface PageReply {
  status: number;
  html: string;
  headers: Record<string, string>;
}

/**
 * The public side of `{{ unsubscribe_url }}`: the token names tenant and customer and is checked
 * by its MAC alone; a token that does not check out, or names a customer deleted since, is a
 * friendly 404 page. Confirmations count toward FORM_RATE_LIMIT_PER_MINUTE per client address.
 */
@Injectable()
export class UnsubscribeLinks {
  private readonly logger = new Logger(UnsubscribeLinks.name);
  private tokens?: UnsubscribeTokens;

  constructor(
    private readonly db: DataSource,
    private readonly subscriptions: CustomerSubscriptions,
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
    private readonly env: Env,
  ) {}

  async page(token: string, lang: PageLang): Promise<PageReply> {
    const customer = await this.customerOf(token);
    if (!customer) return reply(404, 'invalid', lang);
    return reply(200, customer.unsubscribedAt ? 'done' : 'confirm', lang);
  }

  async confirm(token: string, lang: PageLang, address: string | null): Promise<PageReply> {
    const limited = await this.limited(address ?? 'unknown');
    if (limited) return { ...reply(429, 'rate_limited', lang), headers: { 'Retry-After': String(limited) } };
    const customer = await this.customerOf(token);
    if (!customer) return reply(404, 'invalid', lang);
    await this.subscriptions.unsubscribe(systemActor(customer.tenantId), customer.id, 'link');
    return reply(200, 'done', lang);
  }

  private async customerOf(token: string): Promise<Customer | null> {
    this.tokens ??= UnsubscribeTokens.fromEnv(this.env);
    const subject = this.tokens.verify(token);
    if (!subject) return null;
    return this.db.getRepository(Customer).findOne({ where: { id: subject.customerId, tenantId: subject.tenantId, tombstone: 0 } });
  }

  /** Seconds to wait when the address posted too often; 0 when it may post. */
  private async limited(address: string): Promise<number> {
    const limit = this.env.FORM_RATE_LIMIT_PER_MINUTE;
    if (!limit) return 0;
    try {
      const key = `${this.env.REDIS_PREFIX}:unsubscribe-rate:${address}`;
      const [count, ttl] = (await this.queue.client.eval(HIT, 1, key, WINDOW_MS)) as [number, number];
      return Number(count) <= limit ? 0 : Math.max(1, Math.ceil(Number(ttl) / 1000));
    } catch (error) {
      // Fail open: a person's opt-out matters more than a few extra posts while Redis is away.
      this.logger.warn(`unsubscribe rate limit unavailable, allowing the post: ${(error as Error).message}`);
      return 0;
    }
  }
}

const reply = (status: number, state: UnsubscribeState, lang: PageLang): PageReply => ({
  status,
  html: renderUnsubscribePage(state, lang),
  headers: { 'Cache-Control': 'no-store' },
});
