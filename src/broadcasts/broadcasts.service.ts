import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound } from '../common/api-error';
import { toPage } from '../common/pagination';
import { fieldError } from '../common/validation';
import { retryOnDeadlock } from '../database/deadlock-retry';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { CustomerLookup } from '../customers/customer-lookup.service';
import { DeliveryStore } from '../deliveries/delivery-store';
import type { DeliveryPage } from '../deliveries/dto/delivery-view.dto';
import { webhookDisabled } from '../deliveries/webhook-disabled';
import { GroupsService } from '../groups/groups.service';
import { QUEUES } from '../queues/queues';
import type { BroadcastFanoutJob } from '../queues/queues';
import type { TenantRef } from '../common/tenant-ref';
import { WebhooksService } from '../webhooks/webhooks.service';
import { Broadcast, BroadcastStatus } from './broadcast.entity';
import { BroadcastView, defaultBroadcastName, toBroadcastView } from './broadcast-view';
import type { OriginName } from '../deliveries/message-origins.types';
import { nullIfNotFound } from '../common/not-found';
import type { CreateBroadcastDto } from './dto/create-broadcast.dto';
import type { BroadcastDeliveriesQueryDto, BroadcastQueryDto } from './dto/broadcast-query.dto';
import type { BroadcastPage, BroadcastTimeline } from './dto/broadcast-view.dto';
import type { UpdateBroadcastDto } from './dto/update-broadcast.dto';

export function fanoutJobOptions(id: number) {
  // One fan-out job per broadcast at a time; removed when done or failed so it can be enqueued again.
  return { jobId: `fanout:${id}`, removeOnComplete: true, removeOnFail: true, attempts: 1 };
}

@Injectable()
export class BroadcastsService {
  private readonly logger = new Logger(BroadcastsService.name);

  constructor(
    private readonly db: DataSource,
    @InjectRepository(Broadcast) private readonly broadcasts: Repository<Broadcast>,
    @InjectQueue(QUEUES.broadcasts) private readonly fanoutQueue: Queue<BroadcastFanoutJob>,
    private readonly webhooks: WebhooksService,
    private readonly groups: GroupsService,
    private readonly deliveries: DeliveriesService,
    private readonly store: DeliveryStore,
    private readonly customers: CustomerLookup,
    private readonly audit: AuditService,
  ) {}

  async create(tenant: TenantRef, dto: CreateBroadcastDto): Promise<BroadcastView> {
    const webhook = await this.webhooks.findRow(tenant.id, dto.webhookId);
    if (webhook.triggerType === 'event') {
      throw fieldError('webhookId', 'is an event webhook (固定事件触发): it sends on its events, only manual webhooks can be mass-sent', 'webhook_not_manual', {
        id: webhook.id,
        triggerType: webhook.triggerType,
      });
    }
    if (!webhook.enabled) throw webhookDisabled(webhook);
    const group = await this.groups.find(tenant, dto.groupId);
    const scheduledAt = this.futureTime(dto.scheduledAt);
    const row = this.broadcasts.create({
      tenantId: tenant.id,
      webhookId: webhook.id,
      groupId: group.id,
      name: dto.name ?? defaultBroadcastName(webhook.name, group.name, scheduledAt ?? new Date()),
      status: scheduledAt ? 'scheduled' : 'sending',
      scheduledAt,
      startedAt: scheduledAt ? null : new Date(),
      recipientMaxCustomerId: scheduledAt ? null : await this.maxCustomerId(tenant.id),
    });
    const { tenantId: _t, ...after } = row;
    const action = scheduledAt ? 'created' : 'started';
    await this.audit.transaction(
      this.db.manager,
      (m) => m.insert(Broadcast, row),
      () => ({ tenantId: tenant.id, resource: 'broadcast', resourceId: row.id, action, after }),
    );
    if (!scheduledAt) await this.startFanout([row]);
    return this.get(tenant, row.id);
  }

  async list(tenant: TenantRef, q: BroadcastQueryDto): Promise<BroadcastPage> {
    const qb = this.broadcasts
      .createQueryBuilder('b')
      .where('b.tenantId = :tenantId', { tenantId: tenant.id })
      .orderBy('b.id', 'DESC')
      .take(q.limit + 1);
    if (q.webhookId) qb.andWhere('b.webhookId = :webhookId', { webhookId: q.webhookId });
    if (q.status) qb.andWhere('b.status = :status', { status: q.status });
    if (q.after) qb.andWhere('b.id < :after', { after: q.after });
    const page = toPage(await qb.getMany(), q.limit);
    return { ...page, items: await this.views(tenant, page.items) };
  }

  async find(tenant: TenantRef, id: number): Promise<Broadcast> {
    const row = await this.broadcasts.findOneBy({ id, tenantId: tenant.id });
    if (!row) throw notFound('broadcast_not_found', `Broadcast ${id} not found`, { id });
    return row;
  }

  async get(tenant: TenantRef, id: number): Promise<BroadcastView> {
    return (await this.views(tenant, [await this.find(tenant, id)]))[0];
  }

  /** Sends with their webhook's and group's names, and a scheduled one's audience now (its group's size). */
  private async views(tenant: TenantRef, rows: Broadcast[]): Promise<BroadcastView[]> {
    const scheduled = [...new Set(rows.filter((b) => b.status === 'scheduled').map((b) => b.groupId))];
    const sending = rows.filter((b) => b.status === 'sending').map((b) => b.id);
    const [webhooks, groups, counts, deferred] = await Promise.all([
      this.webhooks.names(
        tenant.id,
        rows.map((b) => b.webhookId),
      ),
      this.groups.names(
        tenant.id,
        rows.map((b) => b.groupId),
      ),
      Promise.all(
        scheduled.map((id) =>
          this.groups.get(tenant, id).then(
            (g) => [id, g.memberCount] as const,
            (e) => [id, nullIfNotFound(e)] as const,
          ),
        ),
      ),
      this.store.countsPerSource('broadcast', sending, 'deferred'),
    ]);
    return rows.map((b) => toBroadcastView(b, { webhooks, groups, audience: new Map(counts), deferred }));
  }

  /** The names of the tenant's sends with these ids: the message log's origins, a customer's timeline. */
  async names(tenantId: number, ids: number[]): Promise<Map<number, OriginName>> {
    const rows = await this.broadcasts.find({ select: { id: true, name: true }, where: { tenantId, id: In(ids) } });
    return new Map(rows.map((b) => [b.id, { name: b.name }]));
  }

  deliveriesOf(tenant: TenantRef, id: number, q: BroadcastDeliveriesQueryDto): Promise<DeliveryPage> {
    return this.find(tenant, id).then(() => this.deliveries.list(tenant, { ...q, source: 'broadcast', sourceId: id }));
  }

  /** Finished messages per minute (UTC). */
  async timeline(tenant: TenantRef, id: number): Promise<BroadcastTimeline> {
    await this.find(tenant, id);
    return { items: await this.store.minutes(tenant.id, 'broadcast', id) };
  }

  /** Reschedule or rename, only before it starts. */
  async update(tenant: TenantRef, id: number, dto: UpdateBroadcastDto): Promise<BroadcastView> {
    const b = await this.find(tenant, id);
    const changes: Partial<Broadcast> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.scheduledAt !== undefined) {
      if (b.status !== 'scheduled') {
        throw conflict('broadcast_not_scheduled', `Broadcast ${id} is ${b.status}: only a scheduled broadcast can be rescheduled`, { id, status: b.status });
      }
      changes.scheduledAt = this.futureTime(dto.scheduledAt);
    }
    // Nothing to change (`{}`): the broadcast as it is. TypeORM refuses an UPDATE without values (a 500).
    if (!Object.keys(changes).length) return this.get(tenant, id);
    const action = changes.scheduledAt ? 'rescheduled' : 'updated';
    const result = await this.audit.transaction(
      this.db.manager,
      (m) => m.update(Broadcast, { id, tenantId: tenant.id, status: b.status }, changes),
      (r) => (r.affected ? { tenantId: tenant.id, resource: 'broadcast', resourceId: id, action, before: b, after: changes } : null),
    );
    if (!result.affected) throw conflict('broadcast_changed', `Broadcast ${id} changed meanwhile (it may have started); try again`, { id });
    return this.get(tenant, id);
  }

  /** Nothing more is sent: pending messages become cancelled; ones already on the wire finish. */
  async cancel(tenant: TenantRef, id: number): Promise<BroadcastView> {
    const b = await this.find(tenant, id);
    const changes = { status: 'cancelled' as const, cancelledAt: new Date() };
    const result = await this.audit.transaction(
      this.db.manager,
      (m) => m.update(Broadcast, { id, tenantId: tenant.id, status: In(['scheduled', 'sending']) }, changes),
      (r) => (r.affected ? { tenantId: tenant.id, resource: 'broadcast', resourceId: id, action: 'cancelled', before: b, after: changes } : null),
    );
    if (!result.affected) throw conflict('broadcast_not_cancellable', `Broadcast ${id} is ${b.status}: it cannot be cancelled`, { id, status: b.status });
    await this.cancelPending(id);
    await this.reconcile(id);
    const done = await this.get(tenant, id);
    this.logger.log(`mass send ${id} cancelled: ${done.total} recipients, ${done.delivered} delivered, ${done.failed} failed, ${done.cancelled} not sent`);
    return done;
  }

  async cancelPending(broadcastId: number): Promise<void> {
    await this.store.cancelPending('broadcast', broadcastId, 'mass send cancelled: not sent');
  }

  /**
   * Sends every failed message of the broadcast again, with a fresh round of attempts. Messages
   * that were never rendered (template failures) have nothing to send and stay failed.
   */
  async retryFailed(tenant: TenantRef, id: number): Promise<BroadcastView> {
    const b = await this.find(tenant, id);
    if (b.status === 'cancelled' || b.status === 'scheduled') {
      throw conflict('broadcast_not_retryable', `Broadcast ${id} is ${b.status}: nothing to retry`, { id, status: b.status });
    }
    const webhook = await this.webhooks.findRow(tenant.id, b.webhookId);
    if (!webhook.enabled) {
      throw conflict('webhook_disabled', `Webhook ${webhook.id} is disabled: enable it before retrying`, { id: webhook.id, reason: webhook.disabledReason });
    }
    const changes = { status: 'sending' as const, completedAt: null };
    const change = { tenantId: tenant.id, resource: 'broadcast', resourceId: id, action: 'retried', before: b, after: changes } as const;
    await this.audit.transaction(
      this.db.manager,
      (m) => m.update(Broadcast, { id }, changes),
      () => change,
    );
    const retried = await this.store.retryFailed('broadcast', id, webhook.maxAttempts);
    this.logger.log(`mass send ${id}: ${retried} failed message(s) sent again`);
    await this.reconcile(id);
    return this.get(tenant, id);
  }

  /**
   * Counters from the delivery rows themselves (authoritative), and the final status once the
   * fan-out is done and nothing is pending or on the wire. The broadcast row is locked before
   * counting, so a live counter flush lands either before (and is replaced by a count that
   * includes its rows) or after (and adds to it) — never lost under the overwrite. At worst an
   * increment for rows already counted lands after: an over-count, which makes the counters'
   * settle check reconcile again. A deadlock victim (the fan-out's inserts hold a shared lock on
   * the broadcast row through the foreign key) counts again from the start.
   */
  async reconcile(id: number): Promise<void> {
    let finished: string | undefined;
    await retryOnDeadlock(() =>
      this.db.transaction(async (m) => {
        finished = undefined;
        const b = await m.findOne(Broadcast, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!b) return;
        const by = await this.store.countByStatus('broadcast', id, m);
        const total = Object.values(by).reduce((sum, n) => sum + n, 0);
        // Deferred messages (quiet hours) are still to go: the send is not finished while any wait.
        const open = (by.pending ?? 0) + (by.sending ?? 0) + (by.deferred ?? 0);
        let status: BroadcastStatus = b.status;
        if (b.status === 'sending' && b.fanoutDone && open === 0) status = by.failed ? 'completed_with_failures' : 'completed';
        const completedAt = new Date();
        await m.update(
          Broadcast,
          { id },
          {
            total,
            delivered: by.delivered ?? 0,
            failed: by.failed ?? 0,
            cancelled: by.cancelled ?? 0,
            skipped: by.skipped ?? 0,
            status,
            ...(status !== b.status ? { completedAt } : {}),
          },
        );
        if (status !== b.status) {
          const took = b.startedAt ? ` in ${((completedAt.getTime() - b.startedAt.getTime()) / 1000).toFixed(1)} s` : '';
          finished = `mass send ${id} ${status}: ${total} recipients, ${by.delivered ?? 0} delivered, ${by.failed ?? 0} failed${took}`;
        }
      }),
    );
    // Once, after the commit: the status changed in exactly one transaction.
    if (finished) this.logger.log(finished);
  }

  /** Pins "the group as it is now" for a send that starts now: later customers are not recipients. */
  maxCustomerId(tenantId: number): Promise<number> {
    return this.customers.maxId(tenantId);
  }

  async startFanout(rows: Pick<Broadcast, 'id' | 'tenantId'>[]): Promise<void> {
    if (rows.length) await this.fanoutQueue.addBulk(rows.map((b) => ({ data: { broadcastId: b.id, tenantId: b.tenantId }, opts: fanoutJobOptions(b.id) })));
  }

  private futureTime(iso: string | undefined): Date | null {
    if (iso === undefined) return null;
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) throw fieldError('scheduledAt', 'must be an ISO-8601 date-time', 'is_date_string');
    if (at.getTime() <= Date.now()) throw fieldError('scheduledAt', 'is in the past: omit it to send now', 'past_time');
    return at;
  }
}
