import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { retryOnDeadlock } from '../database/deadlock-retry';
import { DeliveryEvents, DeliverySettled } from '../deliveries/delivery-events';
import { EventBus, EventListener } from '../outbox/event-bus';
import { evaluateRule, readPath } from '../groups/rule-eval';
import { customerFieldKind, Rule } from '../groups/segment-rule';
import { Journey } from './journey.entity';
import { NewRun, RunStarter } from './run-starter.service';
import { RunStore } from './run-store';

/** A fixed event as the outbox relay offers it. */
type OfferedEvent = Parameters<EventListener>[0][number];

/**
 * Worker only. Fixed events from the outbox relay start `event` journeys (the event's customer, or
 * its membership's, enters) and `attribute_threshold` journeys when a customer change crosses
 * into the condition. Settled messages wake the runs waiting for them. Both are idempotent: the
 * relay may offer an event twice (one run per event id), and a wake-up of a run that no longer
 * waits for that message changes nothing.
 */
@Injectable()
export class JourneyTriggers implements OnModuleInit {
  private readonly logger = new Logger(JourneyTriggers.name);

  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly bus: EventBus,
    private readonly deliveryEvents: DeliveryEvents,
    private readonly starter: RunStarter,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('journeys', (events) => this.onEvents(events));
    this.deliveryEvents.onSettled((settled) => {
      this.onSettled(settled).catch((error) => this.logger.error(`waking journey runs failed: ${(error as Error).message}`));
    });
  }

  async onEvents(events: OfferedEvent[]): Promise<void> {
    const tenantIds = [...new Set(events.map((e) => e.tenantId))];
    const journeys = await this.db.getRepository(Journey).find({
      where: { tenantId: In(tenantIds), status: 'active', triggerType: In(['event', 'attribute_threshold']) },
    });
    if (!journeys.length) return;
    const runs: NewRun[] = [];
    for (const e of events) {
      for (const j of journeys.filter((x) => x.tenantId === e.tenantId)) {
        const starts = j.triggerType === 'event' ? !e.silent && j.triggerRef === e.type : crossesThreshold(j, e);
        if (starts) {
          runs.push({ journey: j, customerId: e.customerId, occurrenceKey: `event:${e.id}`, trigger: e.payload, vars: { event: e.payload } });
        }
      }
    }
    await this.starter.start(runs);
  }

  /** Runs waiting for these messages become due (the sweeper does the same if this notice is lost). */
  async onSettled(settled: DeliverySettled[]): Promise<void> {
    const mine = settled.filter((s) => s.source === 'journey' && s.sourceId);
    if (!mine.length) return;
    const ids = mine.map((s) => s.sourceId!);
    // A deadlock victim beside a round's commit is run again: left to the sweeper, its runs waited
    // out the sweep grace (a 25 s tail in one journey bench run of three). The UPDATE is idempotent.
    await retryOnDeadlock(() =>
      this.runs.wake(
        ids,
        mine.map((s) => s.deliveryId),
      ),
    );
    await this.starter.enqueue(ids);
  }
}

/**
 * An attribute_threshold journey starts when a customer change moves the customer from outside the
 * condition to inside it: 480 → 510 crosses `activityScore >= 500`, 510 → 520 does not, and a
 * later fall below and rise again crosses again. A new customer that starts inside has crossed.
 */
export function crossesThreshold(j: Pick<Journey, 'definition'>, e: Pick<OfferedEvent, 'type' | 'payload' | 'previous'>): boolean {
  if (e.type !== 'customer/updated' && e.type !== 'customer/created') return false;
  const after = e.payload.customer as Record<string, unknown> | undefined;
  if (!after) return false;
  if (e.type === 'customer/updated' && !e.previous) return false;
  const { type: _, ...condition } = j.definition.trigger as unknown as Record<string, unknown>;
  const inside = (c: Record<string, unknown>) =>
    evaluateRule(condition as unknown as Rule, (field) => {
      const kind = customerFieldKind(field)!;
      return { kind, value: kind === 'attribute' ? readPath(c.attributes, field.split('.').slice(1), false) : c[field] };
    });
  const before = e.type === 'customer/created' ? null : { ...after, ...e.previous };
  return inside(after) && !(before && inside(before));
}
