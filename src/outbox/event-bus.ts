import { Injectable, Logger } from '@nestjs/common';
import type { RecordedEvent } from './outbox.types';

export type EventListener = (events: RecordedEvent[]) => Promise<void>;

/**
 * Where the relay offers each fixed event besides webhooks (journeys with an event trigger).
 * Delivery is at least once: a relay that dies midway offers the same events again, so
 * listeners must be idempotent (keyed by event id). A listener that throws holds the events
 * back for a retry.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly listeners: { name: string; listener: EventListener }[] = [];

  subscribe(name: string, listener: EventListener): void {
    this.listeners.push({ name, listener });
  }

  async offer(events: RecordedEvent[]): Promise<void> {
    for (const { name, listener } of this.listeners) {
      try {
        await listener(events);
      } catch (error) {
        this.logger.error(`event listener ${name} failed: ${(error as Error).message}`);
        throw error;
      }
    }
  }
}
