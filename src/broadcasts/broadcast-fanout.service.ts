import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { nullIfNotFound } from '../common/not-found';
import type { CustomerShape } from '../customers/customer-shape';
import { customerView } from '../customers/customer-template-view';
import { systemActor } from '../common/tenant-ref';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { DeliveryQueue } from '../deliveries/delivery-queue.service';
import { DeliveryStore } from '../deliveries/delivery-store';
import { MANUAL_MESSAGE_EVENTS } from '../outbox/event-catalog';
import { GroupsService } from '../groups/groups.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { Broadcast } from './broadcast.entity';
import { BroadcastsService } from './broadcasts.service';

type Audience = Parameters<GroupsService['streamMembers']>[0];

const PAGE = 1000;
/**
 * The first page of a send (not of a resumed one) is small: its rows are rendered, stored and
 * enqueued — and the first messages are on the wire — before the first full page is even read.
 */
export const FIRST_PAGE = 100;

/**
 * Turns a started broadcast into delivery rows and jobs: streams the group in keyset pages,
 * inserts each page's rows in one statement, enqueues them in batches, and records its cursor.
 * A crash resumes after the cursor; the unique (source, sourceId, dedupeKey = customer) key makes any overlap a
 * no-op, so no recipient gets two messages.
 */
@Injectable()
export class BroadcastFanout {
  private readonly logger = new Logger(BroadcastFanout.name);

  constructor(
    private readonly db: DataSource,
    private readonly broadcasts: BroadcastsService,
    private readonly groups: GroupsService,
    private readonly webhooks: WebhooksService,
    private readonly deliveries: DeliveriesService,
    private readonly store: DeliveryStore,
    private readonly queue: DeliveryQueue,
  ) {}

  async run(broadcastId: number): Promise<void> {
    const repo = this.db.getRepository(Broadcast);
    const b = await repo.findOneBy({ id: broadcastId });
    if (!b || b.status !== 'sending' || b.fanoutDone) return;
    const tenant = systemActor(b.tenantId);
    const [webhook, group] = await Promise.all([
      this.webhooks.findWithSecrets(b.tenantId, b.webhookId).catch(nullIfNotFound),
      this.groups.find(tenant, b.groupId).catch(nullIfNotFound),
    ]);
    if (!webhook || !group) {
      this.logger.warn(`broadcast ${b.id}: ${webhook ? 'group' : 'webhook'} was deleted; cancelling`);
      await repo.update({ id: b.id, status: 'sending' }, { status: 'cancelled', cancelledAt: new Date() });
      await this.broadcasts.reconcile(b.id);
      return;
    }
    const context = { broadcast: { id: b.id, name: b.name, scheduledAt: b.scheduledAt?.toISOString() ?? null } };
    let resuming = b.fanoutCursor > 0;
    // One line per send: this, and the one reconcile logs when it finishes (nothing per message).
    this.logger.log(
      resuming
        ? `mass send ${b.id} resumed after customer ${b.fanoutCursor}`
        : `mass send ${b.id} started: "${b.name}" (webhook ${webhook.id} → group ${group.id})`,
    );
    for await (const page of this.pages(group, b)) {
      const rows = await this.deliveries.renderBatch(
        page.map((c) => ({
          webhook,
          source: 'broadcast' as const,
          event: MANUAL_MESSAGE_EVENTS.broadcast,
          customer: customerView(c),
          context,
          sourceId: b.id,
          dedupeKey: c.id,
        })),
      );
      const count = await this.deliveries.store(this.db.manager, rows, { ignore: true });
      // After a crash the first page may overlap rows that exist already (with other ids): enqueue what is stored.
      const toSend =
        resuming && count < rows.length
          ? await this.store.pendingOf(
              'broadcast',
              [b.id],
              page.map((c) => c.id),
            )
          : rows.filter((r) => r.status === 'pending');
      // Exact unless a resumed page overlapped (reconcile recounts from the rows at the end).
      const skipped = count === rows.length ? rows.filter((r) => r.status === 'skipped').length : 0;
      resuming = false;
      await this.queue.enqueue(toSend, { batch: true });
      const moved = await this.db
        .createQueryBuilder()
        .update(Broadcast)
        .set({ fanoutCursor: page[page.length - 1].id, total: () => `total + ${count}`, skipped: () => `skipped + ${skipped}` })
        .where('id = :id AND status = :sending', { id: b.id, sending: 'sending' })
        .execute();
      if (!moved.affected) {
        // Cancelled meanwhile: whatever this page added must not go out.
        await this.broadcasts.cancelPending(b.id);
        await this.broadcasts.reconcile(b.id);
        return;
      }
    }
    await repo.update({ id: b.id, status: 'sending' }, { fanoutDone: true });
    await this.broadcasts.reconcile(b.id);
  }

  /** The recipients after the cursor in keyset pages: FIRST_PAGE of them first when the send starts, then PAGE at a time. */
  private async *pages(group: Audience, b: Broadcast): AsyncGenerator<CustomerShape[]> {
    const scope = (after: number) => ({ after, maxCustomerId: b.recipientMaxCustomerId, addedBefore: b.startedAt });
    let after = b.fanoutCursor;
    if (after === 0) {
      // One page of the small size (the generator is left there; it holds no cursor between pages).
      const first = (await this.groups.streamMembers(group, FIRST_PAGE, scope(0)).next()).value;
      if (!first) return;
      yield first;
      if (first.length < FIRST_PAGE) return;
      after = first[first.length - 1].id;
    }
    yield* this.groups.streamMembers(group, PAGE, scope(after));
  }
}
