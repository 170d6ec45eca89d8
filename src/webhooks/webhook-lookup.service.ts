import { Injectable } from '@nestjs/common';
import { nullIfNotFound } from '../common/not-found';
import { SingleFlight } from '../common/single-flight';
import { WebhooksService, WebhookWithSecrets } from './webhooks.service';

/** How long a looked-up webhook (or its absence) is reused: the delivery hot path asks per batch. */
export const WEBHOOK_CACHE_MS = 1_000;
/** Entries kept at most (oldest dropped first): bounds memory for tenants with many webhooks. */
const MAX_ENTRIES = 1_000;

/**
 * The webhooks the engine, journeys and forms send through, with their secrets opened, cached
 * briefly per tenant and id. null means deleted (the webhooks service said not found) and only
 * that: a database error or a secret that cannot be opened is thrown and not cached, so each caller
 * retries or reports it instead of treating the webhook as gone.
 */
@Injectable()
export class WebhookLookup {
  private readonly cache = new Map<string, { at: number; webhook: WebhookWithSecrets | null }>();
  private readonly loads = new SingleFlight<WebhookWithSecrets | null>();

  constructor(private readonly webhooks: WebhooksService) {}

  async get(tenantId: number, id: number): Promise<WebhookWithSecrets | null> {
    const key = `${tenantId}:${id}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < WEBHOOK_CACHE_MS) return cached.webhook;
    // A burst of callers missing together (e.g. form posts in flight when the entry expires) shares one load.
    return this.loads.run(key, async () => {
      const webhook = await this.webhooks.findWithSecrets(tenantId, id).catch(nullIfNotFound);
      // Re-inserted so Map order is oldest-first for the bound.
      this.cache.delete(key);
      this.cache.set(key, { at: Date.now(), webhook });
      if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      return webhook;
    });
  }
}
