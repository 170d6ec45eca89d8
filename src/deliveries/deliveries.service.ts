import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '../common/api-error';
import { mapPage, toPage } from '../common/pagination';
import { Env } from '../config/env';
import { renderLimits } from '../templates/render-budget';
import { bulkInsert, selectEntities } from '../database/entity-sql';
import { MetricsService } from '../metrics/metrics.service';
import { withDmsSignature } from '../signing/sign';
import type { TenantRef } from '../common/tenant-ref';
import { CompiledTemplate, RenderLimits, TemplateError } from '../templates/render-template';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import { baseHeaders } from './attempt-headers';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryEvents } from './delivery-events';
import { DeliveryQueue } from './delivery-queue.service';
import { type MessageRefs, toDeliveryDetail, toDeliveryView } from './delivery-view';
import type { DeliveryDetail, DeliveryPage } from './dto/delivery-view.dto';
import { Delivery, DeliverySource } from './delivery.entity';
import type { DeliveryQueryDto } from './dto/delivery-query.dto';
import { maskHeaders } from '../common/credential-mask';
import { renderMessageBody } from './message-body';
import { serializeBody } from '../templates/serialize-body';
import { TemplateCache } from './template-cache';
import { MessageSummaries } from './message-summaries.service';
import { StatsTally } from './delivery-stats';
import { DeliveryStatsBuffer } from './delivery-stats-buffer.service';
import { bySize, storedOf } from './delivery-insert';
import { optOutSkip, UnsubscribeLinks } from './opt-out';
import { SAMPLE_CUSTOMER, SAMPLE_UNSUBSCRIBE_URL } from '../outbox/template-sample';
import { QuietHold } from './quiet-hold';

/** A message as stored (what create/render return), for the modules that make messages. */
export type DeliveryRow = Delivery;

/** One message to create: who it goes to, what it is about, and the namespaces its template may read. */
export interface NewDelivery {
  webhook: WebhookWithSecrets;
  source: DeliverySource;
  event: string;
  customer?: Record<string, unknown> & { id: number };
  context?: Record<string, unknown>;
  defaultBody?: unknown;
  /** Which one of its source makes it (a mass send's id, an outbox event's, a journey run's…). */
  sourceId?: number;
  /** Set when the source must not make this message twice: one message per (source, sourceId, dedupeKey). */
  dedupeKey?: number;
  maxAttempts?: number;
  /** Renders with this template instead of the webhook's saved one (previews of unsaved edits). */
  template?: CompiledTemplate | null;
  /** The journey that sends it (its quiet-hours override applies). */
  journeyId?: number;
}

/** Rows of one INSERT stay under this many bytes: a page of large bodies would pass max_allowed_packet (16 MiB on MariaDB). */
const INSERT_BYTES = 4 * 1024 * 1024;
/** A long render (up to the per-message limit each) yields to the event loop this often: bull's lock renewals must run. */
const YIELD_AFTER_MS = 100;

@Injectable()
export class DeliveriesService {
  private readonly templates = new TemplateCache();
  private readonly limits: RenderLimits;
  private readonly links: UnsubscribeLinks;

  constructor(
    private readonly db: DataSource,
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    private readonly queue: DeliveryQueue,
    private readonly events: DeliveryEvents,
    private readonly metrics: MetricsService,
    private readonly summaries: MessageSummaries,
    private readonly stats: DeliveryStatsBuffer,
    private readonly quiet: QuietHold,
    env: Env,
  ) {
    this.limits = renderLimits(env);
    this.links = new UnsubscribeLinks(env);
  }

  /**
   * Renders and stores messages (rows first), then enqueues them unless told not to. `claimedBy`
   * stores them already claimed (`sending`, that token, for `claimMs`) by a caller that sends them
   * itself at once (a test send): no job, and no claim round trips.
   */
  async create(items: NewDelivery[], options: { enqueue: boolean; claimedBy?: { token: string; claimMs: number } } = { enqueue: true }): Promise<Delivery[]> {
    await this.prepare(items);
    const rows = this.render(items);
    if (options.claimedBy) {
      const lockedUntil = new Date(Date.now() + options.claimedBy.claimMs);
      for (const r of rows.filter((x) => x.status === 'pending')) Object.assign(r, { status: 'sending', claimToken: options.claimedBy.token, lockedUntil });
    }
    await this.store(this.db.manager, rows);
    if (options.enqueue) await this.queue.enqueue(rows.filter((r) => r.status === 'pending'));
    return rows;
  }

  /** Loads what render() needs to hold marketing messages in quiet hours (create and renderBatch call it). */
  prepare(items: NewDelivery[]): Promise<void> {
    return this.quiet.prepare(items);
  }

  /**
   * Builds the rows (ids, rendered bodies, masked headers) without storing them. A message whose
   * template fails (a render limit, or an error for this customer's data) is a `failed` row with
   * `lastErrorClass: 'template'`: it is never sent, and the other messages are not affected. A
   * marketing message to a customer who unsubscribed is a `skipped` row, not even rendered; one due in quiet hours
   * is `deferred` to the window's opening (after prepare()).
   */
  render(items: NewDelivery[], now = new Date()): Delivery[] {
    return items.map((item) => this.build(item, now));
  }

  /** render() for large batches (fan-out pages, outbox rounds): yields to the event loop between slow stretches. */
  async renderBatch(items: NewDelivery[], now = new Date()): Promise<Delivery[]> {
    await this.prepare(items);
    const rows: Delivery[] = [];
    let since = performance.now();
    for (const item of items) {
      rows.push(this.build(item, now));
      if (performance.now() - since > YIELD_AFTER_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
    return rows;
  }

  /** One message as it would be built, for previews: a template failure is thrown (TemplateError), not recorded. */
  draft(item: NewDelivery): Delivery {
    return this.build(item, new Date(), true);
  }

  /**
   * Screens new rows (a frequency cap may mark some `skipped`), inserts them in statements of bounded size, then reports the ones that failed to render
   * (metrics, settled listeners) — unless `ignore` skipped some rows (a resumed run), whose
   * outcome was reported by the run that stored them. Returns how many rows were inserted.
   */
  async store(manager: EntityManager, rows: Delivery[], options: { ignore?: boolean } = {}): Promise<number> {
    await this.events.screen(rows);
    let inserted = 0;
    const stats = new StatsTally();
    for (const part of bySize(rows, INSERT_BYTES)) {
      const n = (await bulkInsert(manager, Delivery, part, { ignore: options.ignore })).affectedRows;
      inserted += n;
      for (const r of await storedOf(manager, part, n)) {
        if (r.status === 'skipped') stats.count(r, 'skipped');
        else stats.count(r, 'created').count(r, 'failed', r.status === 'failed' ? 1 : 0);
      }
    }
    this.stats.add(stats);
    if (inserted === rows.length) this.reportUnrendered(rows);
    return inserted;
  }

  private reportUnrendered(rows: Delivery[]): void {
    const failed = rows.filter((r) => r.status === 'failed');
    if (!failed.length) return;
    this.metrics.deliveries.inc({ outcome: 'failed', error_class: 'template' }, failed.length);
    this.events.settled(failed.map((r) => ({ deliveryId: r.id, tenantId: r.tenantId, source: r.source, sourceId: r.sourceId, status: 'failed' as const })));
  }

  private build(item: NewDelivery, now: Date, strict = false): Delivery {
    const { webhook } = item;
    const id = uuidv7();
    let requestBody = '';
    let failure: TemplateError | null = null;
    const skipReason = strict ? null : optOutSkip(item);
    try {
      if (!skipReason) requestBody = this.renderBody(item, id, now);
    } catch (error) {
      if (!(error instanceof TemplateError) || strict) throw error;
      failure = error;
    }
    const hold = failure || skipReason ? null : this.quiet.holdAtCreation(item);
    return this.deliveries.create({
      id,
      tenantId: webhook.tenantId,
      webhookId: webhook.id,
      source: item.source,
      event: item.event,
      customerId: item.customer?.id ?? null,
      sourceId: item.sourceId ?? null,
      dedupeKey: item.dedupeKey ?? null,
      status: failure ? 'failed' : skipReason ? 'skipped' : hold ? 'deferred' : 'pending',
      skipReason,
      attempts: 0,
      maxAttempts: item.maxAttempts ?? webhook.maxAttempts,
      nextAttemptAt: failure || skipReason ? null : (hold ?? now),
      lockedUntil: null,
      throttledUntil: null,
      requestMethod: webhook.method,
      requestUrl: webhook.url,
      requestHeaders: maskHeaders(baseHeaders({ id, event: item.event }, webhook)),
      requestBody,
      lastStatusCode: null,
      lastErrorClass: failure ? 'template' : null,
      lastError: failure ? failure.message.slice(0, 500) : null,
      deliveredAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** The body as sent: rendered within the limits, signed for dms, and no larger than the body limit. */
  private renderBody(item: NewDelivery, id: string, now: Date): string {
    const { webhook } = item;
    const template = item.template !== undefined ? item.template : this.templates.get(webhook);
    let body = renderMessageBody(
      template,
      {
        messageId: id,
        event: item.event,
        tenantId: webhook.tenantId,
        sentAt: now,
        webhook: { id: webhook.id, name: webhook.name },
        customer: item.customer ?? null,
        context: item.context ?? {},
        defaultBody: item.defaultBody,
        unsubscribeUrl: template?.roots?.has('unsubscribe_url') ? this.unsubscribeUrl(item) : null,
      },
      this.limits,
    );
    if (webhook.signatureScheme === 'dms' && webhook.secret && body && typeof body === 'object' && !Array.isArray(body)) {
      body = withDmsSignature(webhook.secret, webhook.url, body as Record<string, unknown>);
    }
    return serializeBody(body, this.limits.outputChars, template ? 'bodyTemplate' : 'body');
  }

  /** The customer's opt-out link; the sample customer's unsubscribes nobody. */
  private unsubscribeUrl(item: NewDelivery): string | null {
    if (!item.customer) return null;
    if (item.customer === SAMPLE_CUSTOMER) return SAMPLE_UNSUBSCRIBE_URL;
    return this.links.forCustomer(item.webhook.tenantId, item.customer.id);
  }

  async list(tenant: TenantRef, q: DeliveryQueryDto): Promise<DeliveryPage> {
    const qb = this.deliveries
      .createQueryBuilder('d')
      .where('d.tenantId = :tenantId', { tenantId: tenant.id })
      .orderBy('d.id', 'DESC')
      .take(q.limit + 1);
    if (q.webhookId) qb.andWhere('d.webhookId = :webhookId', { webhookId: q.webhookId });
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.source) qb.andWhere('d.source = :source', { source: q.source });
    if (q.customerId) qb.andWhere('d.customerId = :customerId', { customerId: q.customerId });
    if (q.sourceId) qb.andWhere('d.sourceId = :sourceId', { sourceId: q.sourceId });
    // The older filter: a mass send's messages.
    if (q.broadcastId) qb.andWhere("d.source = 'broadcast' AND d.sourceId = :broadcastId", { broadcastId: q.broadcastId });
    if (q.since) qb.andWhere('d.createdAt >= :since', { since: new Date(q.since) });
    if (q.until) qb.andWhere('d.createdAt < :until', { until: new Date(q.until) });
    if (q.after) qb.andWhere('d.id < :after', { after: q.after });
    const page = toPage(await qb.getMany(), q.limit);
    const refs = await this.summaries.refs(tenant.id, page.items);
    return mapPage(page, (d) => toDeliveryView(d, refs));
  }

  async find(tenant: TenantRef, id: string): Promise<Delivery> {
    const d = await this.deliveries.findOne({ where: { id, tenantId: tenant.id } });
    if (!d) throw notFound('delivery_not_found', `Delivery ${id} not found`, { id });
    return d;
  }

  /** `refs`: the names it refers to, when the caller holds them already (a test send has just read its webhook and customer). */
  async detail(tenant: TenantRef, id: string, refs?: MessageRefs): Promise<DeliveryDetail> {
    // Both reads at once (every round trip shows in a test send's latency); plain SELECTs: two find()s were ~4 % of its CPU.
    const [[d], attempts] = await Promise.all([
      selectEntities(this.db.manager, Delivery, '`id` = ? AND `tenantId` = ?', [id, tenant.id]),
      selectEntities(this.db.manager, DeliveryAttempt, '`deliveryId` = ? AND `tenantId` = ? ORDER BY `number`', [id, tenant.id]),
    ]);
    if (!d) throw notFound('delivery_not_found', `Delivery ${id} not found`, { id });
    return toDeliveryDetail(d, attempts, refs ?? (await this.summaries.refs(tenant.id, [d])));
  }
}
