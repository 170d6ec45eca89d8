import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { bulkInsert } from '../database/entity-sql';
import { basicAuthorization, withDmsSignature } from '../signing/sign';
import type { TenantRef } from '../tenants/tenant-ref';
import { HERALD_VERSION } from '../version';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryQueue } from './delivery-queue.service';
import { toDeliveryDetail, toDeliveryView } from './delivery-view';
import { Delivery, DeliverySource } from './delivery.entity';
import type { DeliveryQueryDto } from './dto/delivery-query.dto';
import { maskHeaders } from './mask';
import { renderMessageBody } from './message-body';
import { TemplateCache } from './template-cache';
import type { CompiledTemplate } from '../templates/render-template';

/** One message to create: who it goes to, what it is about, and the namespaces its template may read. */
export interface NewDelivery {
  webhook: WebhookWithSecrets;
  source: DeliverySource;
  event: string;
  customer?: Record<string, unknown> & { id: number };
  context?: Record<string, unknown>;
  defaultBody?: unknown;
  broadcastId?: number;
  /** The outbox event a fixed-event message delivers. */
  eventId?: number;
  /** The journey run whose webhook node makes it. */
  journeyRunId?: number;
  maxAttempts?: number;
  /** Renders with this template instead of the webhook's saved one (previews of unsaved edits). */
  template?: CompiledTemplate | null;
}

/** The headers every attempt carries before the attempt's own (number, signatures). */
export function baseHeaders(d: Pick<Delivery, 'id' | 'event'>, webhook: WebhookWithSecrets): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': `Herald/${HERALD_VERSION}`,
    'X-Herald-Event': d.event,
    'X-Herald-Message-Id': d.id,
    ...webhook.headers,
  };
  if (webhook.basicAuthUsername) headers.Authorization = basicAuthorization(webhook.basicAuthUsername, webhook.basicAuthPassword ?? '');
  return headers;
}

@Injectable()
export class DeliveriesService {
  private readonly templates = new TemplateCache();

  constructor(
    private readonly db: DataSource,
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    @InjectRepository(DeliveryAttempt) private readonly attempts: Repository<DeliveryAttempt>,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Renders and stores messages (rows first), then enqueues them unless told not to. */
  async create(items: NewDelivery[], options: { enqueue: boolean } = { enqueue: true }): Promise<Delivery[]> {
    const rows = this.render(items);
    await bulkInsert(this.db.manager, Delivery, rows);
    if (options.enqueue) await this.queue.enqueue(rows);
    return rows;
  }

  /** Builds the rows (ids, rendered bodies, masked headers) without storing them. */
  render(items: NewDelivery[], now = new Date()): Delivery[] {
    return items.map((item) => this.build(item, now));
  }

  private build(item: NewDelivery, now: Date): Delivery {
    const { webhook } = item;
    const id = uuidv7();
    let body = renderMessageBody(item.template !== undefined ? item.template : this.templates.get(webhook), {
      messageId: id, event: item.event, tenantId: webhook.tenantId, sentAt: now,
      webhook: { id: webhook.id, name: webhook.name }, customer: item.customer ?? null,
      context: item.context ?? {}, defaultBody: item.defaultBody,
    });
    if (webhook.signatureScheme === 'dms' && webhook.secret && body && typeof body === 'object' && !Array.isArray(body)) {
      body = withDmsSignature(webhook.secret, webhook.url, body as Record<string, unknown>);
    }
    return this.deliveries.create({
      id, tenantId: webhook.tenantId, webhookId: webhook.id, source: item.source, event: item.event,
      customerId: item.customer?.id ?? null, broadcastId: item.broadcastId ?? null, eventId: item.eventId ?? null,
      journeyRunId: item.journeyRunId ?? null, status: 'pending', attempts: 0,
      maxAttempts: item.maxAttempts ?? webhook.maxAttempts, nextAttemptAt: now, lockedUntil: null, throttledUntil: null,
      requestMethod: webhook.method, requestUrl: webhook.url,
      requestHeaders: maskHeaders(baseHeaders({ id, event: item.event }, webhook)),
      requestBody: JSON.stringify(body), lastStatusCode: null, lastErrorClass: null, lastError: null, deliveredAt: null,
      createdAt: now, updatedAt: now,
    });
  }

  async list(tenant: TenantRef, q: DeliveryQueryDto) {
    const qb = this.deliveries
      .createQueryBuilder('d')
      .where('d.tenantId = :tenantId', { tenantId: tenant.id })
      .orderBy('d.id', 'DESC')
      .take(q.limit + 1);
    if (q.webhookId) qb.andWhere('d.webhookId = :webhookId', { webhookId: q.webhookId });
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.source) qb.andWhere('d.source = :source', { source: q.source });
    if (q.customerId) qb.andWhere('d.customerId = :customerId', { customerId: q.customerId });
    if (q.broadcastId) qb.andWhere('d.broadcastId = :broadcastId', { broadcastId: q.broadcastId });
    if (q.since) qb.andWhere('d.createdAt >= :since', { since: new Date(q.since) });
    if (q.until) qb.andWhere('d.createdAt < :until', { until: new Date(q.until) });
    if (q.after) qb.andWhere('d.id < :after', { after: q.after });
    const rows = await qb.getMany();
    const items = rows.slice(0, q.limit).map(toDeliveryView);
    return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
  }

  async find(tenant: TenantRef, id: string): Promise<Delivery> {
    const d = await this.deliveries.findOne({ where: { id, tenantId: tenant.id } });
    if (!d) throw new NotFoundException(`Delivery ${id} not found`);
    return d;
  }

  async detail(tenant: TenantRef, id: string) {
    const d = await this.find(tenant, id);
    const attempts = await this.attempts.find({ where: { deliveryId: id, tenantId: tenant.id }, order: { number: 'ASC' } });
    return toDeliveryDetail(d, attempts);
  }

  /** Sends a failed or cancelled delivery again, with a fresh round of attempts. */
  async retry(tenant: TenantRef, id: string, webhookMaxAttempts: number) {
    const d = await this.find(tenant, id);
    if (d.status !== 'failed' && d.status !== 'cancelled') {
      throw new ConflictException(`Delivery ${id} is ${d.status}: only failed or cancelled deliveries can be retried`);
    }
    const nextAttemptAt = new Date();
    const result = await this.deliveries.update(
      { id, tenantId: tenant.id, status: d.status },
      { status: 'pending', nextAttemptAt, maxAttempts: d.attempts + webhookMaxAttempts, throttledUntil: null },
    );
    if (!result.affected) throw new ConflictException(`Delivery ${id} changed meanwhile; try again`);
    await this.queue.enqueue([{ ...d, nextAttemptAt }]);
    return this.detail(tenant, id);
  }
}
