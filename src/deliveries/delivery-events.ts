import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'events';
import type { Delivery, DeliverySource, DeliveryStatus, SkipReason } from './delivery.entity';

export type { DeliverySource, SkipReason };

export interface DeliverySettled {
  deliveryId: string;
  tenantId: number;
  /** Where it came from (the delivery's `source` and `sourceId`): listeners pick their own. */
  source: DeliverySource;
  sourceId: number | null;
  status: Extract<DeliveryStatus, 'delivered' | 'failed' | 'cancelled'>;
}

/** Says which of the claimed rows must not be sent (e.g. their mass send was cancelled). */
export type DeliveryGate = (rows: Delivery[]) => Promise<Set<string>>;

/** Says which new messages must not be sent, and why (a frequency cap): they are stored `skipped`. */
export type DeliveryScreen = (rows: Delivery[]) => Promise<Map<string, SkipReason>>;

/**
 * Hooks between the engine and the domains that create messages, so the engine never imports
 * them: notice of deliveries reaching a final status (after commit), and gates checked before
 * sending.
 */
@Injectable()
export class DeliveryEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(50);
  private readonly gates: DeliveryGate[] = [];
  private readonly screens: DeliveryScreen[] = [];

  addGate(gate: DeliveryGate): void {
    this.gates.push(gate);
  }

  async blocked(rows: Delivery[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const gate of this.gates) for (const id of await gate(rows)) out.add(id);
    return out;
  }

  addScreen(screen: DeliveryScreen): void {
    this.screens.push(screen);
  }

  /** Before new messages are stored: the ones a screen turns down become `skipped`, with its reason. */
  async screen(rows: Delivery[]): Promise<void> {
    for (const screen of this.screens) {
      const open = rows.filter((r) => r.status === 'pending' || r.status === 'deferred');
      if (!open.length) return;
      const out = await screen(open);
      for (const r of open) {
        const reason = out.get(r.id);
        if (reason) Object.assign(r, { status: 'skipped', skipReason: reason, nextAttemptAt: null });
      }
    }
  }

  settled(events: DeliverySettled[]): void {
    if (events.length) this.emitter.emit('settled', events);
  }

  onSettled(listener: (events: DeliverySettled[]) => void): () => void {
    this.emitter.on('settled', listener);
    return () => this.emitter.off('settled', listener);
  }
}
