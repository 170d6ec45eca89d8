import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { CustomerLookup } from '../customers/customer-lookup.service';
import type { CustomerShape } from '../customers/customer-shape';
import { customerView } from '../customers/customer-template-view';
import { hydrate } from '../database/entity-sql';
import { DeliveriesService, NewDelivery } from '../deliveries/deliveries.service';
import { DeliveryQueue } from '../deliveries/delivery-queue.service';
import { DeliveryStore } from '../deliveries/delivery-store';
import { WebhooksService, WebhookWithSecrets } from '../webhooks/webhooks.service';
import { EventBus } from './event-bus';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxSignal } from './outbox-signal';

/** Events taken per round. */
const BATCH = 500;
/** A relay that dies holding events releases them after this long. */
const CLAIM_MS = 60_000;

/**
 * Worker only. Takes pending outbox events, creates one delivery per (event, subscribed enabled
 * webhook) — INSERT IGNORE on the unique (source, event id, dedupeKey = webhook), so running twice never doubles a
 * message — enqueues what is pending, offers the events to the event bus, then marks them
 * relayed. A crash anywhere before the mark means the events are relayed again after the claim
 * expires, with the same outcome.
 */
@Injectable()
export class EventRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** A wake-up arrived during a round. */
  private again = false;

  constructor(
    private readonly db: DataSource,
    private readonly webhooks: WebhooksService,
    private readonly deliveries: DeliveriesService,
    private readonly store: DeliveryStore,
    private readonly customerLookup: CustomerLookup,
    private readonly queue: DeliveryQueue,
    private readonly bus: EventBus,
    private readonly signal: OutboxSignal,
    private readonly env: Env,
  ) {}

  async onModuleInit(): Promise<void> {
    this.schedule(0);
    await this.signal.listen(() => this.wake());
  }

  /** A commit recorded events: relay now if idle, or once more right after the round in progress. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.again = false;
      this.running = this.relayOnce()
        .then((n) => this.schedule(n === BATCH || this.again ? 0 : this.env.RELAY_INTERVAL_MS))
        .catch((error) => {
          this.logger.error(`event relay failed: ${(error as Error).message}`);
          this.schedule(this.env.RELAY_INTERVAL_MS * 4);
        })
        .finally(() => (this.running = undefined));
    }, delayMs);
  }

  /** One round: returns how many events it relayed. */
  async relayOnce(): Promise<number> {
    const events = await this.claim();
    if (!events.length) return 0;
    const subscribers = new Map<string, WebhookWithSecrets[]>();
    for (const e of events) {
      const key = `${e.tenantId}:${e.type}`;
      if (!e.silent && !subscribers.has(key)) subscribers.set(key, await this.webhooks.subscribedTo(e.tenantId, e.type));
    }
    // Silent events (imports) and events nobody subscribes to need no message: their customers are not loaded.
    const sent = events.filter((e) => !e.silent && subscribers.get(`${e.tenantId}:${e.type}`)!.length);
    const customers = await this.customers(sent);
    const items: NewDelivery[] = [];
    for (const e of sent) {
      const customer = e.customerId ? customers.get(e.customerId) : undefined;
      for (const webhook of subscribers.get(`${e.tenantId}:${e.type}`)!) {
        items.push({
          webhook,
          source: 'event',
          event: e.type,
          sourceId: e.id,
          dedupeKey: webhook.id,
          defaultBody: e.payload,
          customer: customer ? customerView(customer) : undefined,
          context: { event: e.payload },
        });
      }
    }
    const ids = events.map((e) => e.id);
    if (items.length) {
      await this.deliveries.store(this.db.manager, await this.deliveries.renderBatch(items), { ignore: true });
      // What is stored (this round's rows, or an earlier round's after a crash) and still pending.
      await this.queue.enqueue(await this.store.pendingOf('event', ids), { batch: true });
    }
    await this.bus.offer(events);
    const counts = await this.store.countsPerSource('event', ids);
    await this.db.query(
      'UPDATE `event_outbox` SET `relayedAt` = NOW(3), `claimToken` = NULL, `lockedUntil` = NULL, ' +
        `\`deliveries\` = CASE \`id\` ${ids.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END WHERE \`id\` IN (?)`,
      [...ids.flatMap((id) => [id, counts.get(id) ?? 0]), ids],
    );
    return events.length;
  }

  private async claim(): Promise<OutboxEvent[]> {
    const token = randomUUID();
    const now = new Date();
    const result = await this.db.query(
      'UPDATE `event_outbox` SET `claimToken` = ?, `lockedUntil` = ? ' +
        'WHERE `relayedAt` IS NULL AND (`lockedUntil` IS NULL OR `lockedUntil` < ?) ORDER BY `id` LIMIT ?',
      [token, new Date(now.getTime() + CLAIM_MS), now, BATCH],
    );
    if (!result.affectedRows) return [];
    const rows = await this.db.query('SELECT * FROM `event_outbox` WHERE `relayedAt` IS NULL AND `claimToken` = ? ORDER BY `id`', [token]);
    return hydrate(this.db.manager, OutboxEvent, rows);
  }

  /** The customers the events are about, deleted ones included (customer/deleted still has its customer). */
  private customers(events: OutboxEvent[]): Promise<Map<number, CustomerShape>> {
    return this.customerLookup.byIds(events.map((e) => e.customerId).filter((x): x is number => !!x));
  }
}
