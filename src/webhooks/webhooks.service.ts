import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PageQuery, toPage } from '../common/pagination';
import { notFound } from '../common/api-error';
import { selectEntities } from '../database/entity-sql';
import { fieldError } from '../common/validation';
import { Env } from '../config/env';
import { renderLimits } from '../templates/render-budget';
import { CLOSED, toColumns } from './circuit-breaker';
import { secretHint } from '../common/credential-mask';
import { SecretBox } from '../secrets/secret-box';
import type { RenderLimits } from '../templates/render-template';
import type { TenantRef } from '../common/tenant-ref';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { RotateSecretDto } from './dto/rotate-secret.dto';
import type { UpdateWebhookDto } from './dto/update-webhook.dto';
import type { WebhookFieldsDto } from './dto/webhook-fields.dto';
import type { WebhookPage } from './dto/webhook-view.dto';
import { checkedSuccessRule, newKnobs, resolveConfig } from './webhook-changes';
import type { WebhookConfig } from './webhook-rules';
import { WebhookActivity } from './webhook-activity';
import { toWebhookView, WebhookView } from './webhook-view';
import { Webhook, WEBHOOK_SECRET_COLUMNS } from './webhook.entity';

const DEFAULT_GRACE_SECONDS = 86_400;

const CONFIG_KEYS = [
  'name',
  'url',
  'method',
  'headers',
  'bodyTemplate',
  'secret',
  'signatureScheme',
  'basicAuthUsername',
  'basicAuthPassword',
  'triggerType',
  'events',
] as const;

/** A webhook with its secrets opened, for signing and authenticating (never returned by the API). */
export type WebhookWithSecrets = Webhook & { secret: string | null; previousSecret: string | null; basicAuthPassword: string | null };

@Injectable()
export class WebhooksService {
  private readonly limits: RenderLimits;

  constructor(
    @InjectRepository(Webhook) private readonly webhooks: Repository<Webhook>,
    private readonly box: SecretBox,
    private readonly activity: WebhookActivity,
    private readonly audit: AuditService,
    env: Env,
  ) {
    this.limits = renderLimits(env);
  }

  async create(tenant: TenantRef, dto: CreateWebhookDto): Promise<WebhookView> {
    if (!dto.name) throw fieldError('name', 'is required', 'required');
    const config = this.newConfig(dto);
    const row = this.webhooks.create({ ...this.sealed(config), ...newKnobs(dto), tenantId: tenant.id });
    const after = { ...config, ...newKnobs(dto) };
    await this.audit.transaction(
      this.webhooks.manager,
      (m) => m.insert(Webhook, row),
      () => ({ tenantId: tenant.id, resource: 'webhook', resourceId: row.id, action: 'created', after }),
    );
    return this.get(tenant, row.id);
  }

  /**
   * The webhook create would store, checked the same way (a 400 naming each bad field), but not
   * stored: for previewing an unsaved webhook. Id 0, secrets in the clear; a missing name is ''.
   */
  draft(tenant: TenantRef, dto: CreateWebhookDto): WebhookWithSecrets {
    const config = this.newConfig({ ...dto, name: dto.name ?? '' });
    const row = this.webhooks.create({ ...config, ...newKnobs(dto), tenantId: tenant.id, id: 0, previousSecret: null, previousSecretExpiresAt: null });
    return row as WebhookWithSecrets;
  }

  /** The webhook as an update would leave it, checked the same way, but not stored: for previewing unsaved edits. */
  async draftChange(tenant: TenantRef, id: number, dto: UpdateWebhookDto): Promise<WebhookWithSecrets> {
    const current = await this.findWithSecrets(tenant.id, id);
    const config = this.resolve(current, dto);
    const successRule = dto.successRule !== undefined ? checkedSuccessRule(dto.successRule) : current.successRule;
    return { ...current, ...config, successRule: successRule ?? null, previousSecret: dto.secret !== undefined ? null : current.previousSecret };
  }

  /** A new webhook's configuration from a create request (the defaults for what it leaves out). */
  private newConfig(dto: CreateWebhookDto): WebhookConfig {
    if (!dto.url) throw fieldError('url', 'is required', 'required');
    return this.resolve(
      {
        name: dto.name ?? '',
        url: dto.url,
        method: 'POST',
        headers: {},
        bodyTemplate: null,
        secret: null,
        signatureScheme: 'none',
        basicAuthUsername: null,
        basicAuthPassword: null,
        triggerType: 'manual',
        events: [],
      },
      dto,
    );
  }

  async list(tenant: TenantRef, query: PageQuery): Promise<WebhookPage> {
    const qb = this.webhooks
      .createQueryBuilder('w')
      .where('w.tenantId = :tenantId AND w.deletedAt IS NULL', { tenantId: tenant.id })
      .orderBy('w.id', 'ASC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('w.id > :after', { after: query.after });
    const page = toPage(await qb.getMany(), query.limit);
    const last = await this.activity.lastDeliveries(
      tenant.id,
      page.items.map((w) => w.id),
    );
    return { ...page, items: page.items.map((w) => ({ ...toWebhookView(w), lastDelivery: last.get(w.id) ?? null })) };
  }

  /** Every webhook of a tenant (not deleted), by name and state: the overview names its figures with these. */
  async summaries(tenantId: number): Promise<Pick<Webhook, 'id' | 'name' | 'enabled' | 'circuitState' | 'circuitOpenedAt' | 'circuitReason'>[]> {
    return this.webhooks.find({
      select: { id: true, name: true, enabled: true, circuitState: true, circuitOpenedAt: true, circuitReason: true },
      where: { tenantId, deletedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  async get(tenant: TenantRef, id: number): Promise<WebhookView> {
    return toWebhookView(await this.findRow(tenant.id, id));
  }

  /**
   * The breaker's copy of a circuit on the row (Redis holds the live one), unless a newer epoch is
   * there already. `updatedAt = updatedAt`: runtime state, not a change of the webhook's configuration.
   */
  async recordCircuit(id: number, c: Pick<Webhook, 'circuitState' | 'circuitFailures' | 'circuitOpenedAt' | 'circuitReason' | 'circuitEpoch'>): Promise<void> {
    await this.webhooks.query(
      'UPDATE `webhooks` SET `circuitState` = ?, `circuitFailures` = ?, `circuitOpenedAt` = ?, `circuitReason` = ?, `circuitEpoch` = ?, ' +
        '`updatedAt` = `updatedAt` WHERE `id` = ? AND `circuitEpoch` < ?',
      [c.circuitState, c.circuitFailures, c.circuitOpenedAt, c.circuitReason, c.circuitEpoch, id, c.circuitEpoch],
    );
  }

  /** The names of the tenant's webhooks with these ids (deleted ones included: old messages keep theirs). */
  async names(tenantId: number, ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.webhooks.find({ select: { id: true, name: true }, where: { tenantId, id: In(unique) } });
    return new Map(rows.map((w) => [w.id, w.name]));
  }

  /** The row without its secrets. 404 for other tenants and deleted webhooks. */
  async findRow(tenantId: number, id: number): Promise<Webhook> {
    const w = await this.webhooks.findOneBy({ id, tenantId, deletedAt: IsNull() });
    if (!w) throw notFound('webhook_not_found', `Webhook ${id} not found`, { id });
    return w;
  }

  /**
   * The full row with its secrets opened, for signing (the engine, previews, test sends) and for
   * checking a change against them. 404 for other tenants and deleted webhooks.
   */
  async findWithSecrets(tenantId: number, id: number): Promise<WebhookWithSecrets> {
    // A plain SELECT (every send and test send reads this): the query builder was ~4 % of a test send's CPU.
    const [w] = await selectEntities(this.webhooks.manager, Webhook, '`id` = ? AND `tenantId` = ? AND `deletedAt` IS NULL', [id, tenantId]);
    if (!w) throw notFound('webhook_not_found', `Webhook ${id} not found`, { id });
    delete (w as Partial<Webhook>).deletedAt; // not selected before: kept out, as then
    return this.opened(w);
  }

  /** Enabled `event` webhooks of the tenant subscribed to `event`, secrets opened (for the event relay). */
  async subscribedTo(tenantId: number, event: string): Promise<WebhookWithSecrets[]> {
    const rows = await this.webhooks
      .createQueryBuilder('w')
      .addSelect(WEBHOOK_SECRET_COLUMNS.map((c) => `w.${c}`))
      .where('w.tenantId = :tenantId AND w.triggerType = :event AND w.enabled = 1 AND w.deletedAt IS NULL', { tenantId, event: 'event' })
      .getMany();
    return rows.filter((w) => w.events.includes(event)).map((w) => this.opened(w));
  }

  async update(tenant: TenantRef, id: number, dto: UpdateWebhookDto): Promise<WebhookView> {
    const current = await this.findWithSecrets(tenant.id, id);
    const config = this.resolve(current, dto);
    // Only the configuration: the row also holds runtime state (the circuit) that others change meanwhile.
    const plain = Object.fromEntries(CONFIG_KEYS.map((k) => [k, config[k]])) as unknown as WebhookConfig;
    const changes: Partial<Webhook> = this.sealed(plain);
    for (const key of [
      'enabled',
      'timeoutMs',
      'maxAttempts',
      'backoffBaseMs',
      'concurrency',
      'rateLimitPerMinute',
      'circuitBreakerThreshold',
      'retryRejected',
      'transactional',
    ] as const) {
      if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
    }
    if (dto.successRule !== undefined) changes.successRule = checkedSuccessRule(dto.successRule);
    // Turning the breaker off closes the circuit: a newer epoch on the row wins over Redis's copy.
    if (dto.circuitBreakerThreshold === 0 && (current.circuitState !== 'closed' || current.circuitFailures)) {
      Object.assign(changes, toColumns({ ...CLOSED, epoch: current.circuitEpoch + 1 }));
    }
    if (dto.enabled === true) changes.disabledReason = null;
    if (dto.secret !== undefined) {
      changes.previousSecret = null;
      changes.previousSecretExpiresAt = null;
    }
    // The diff compares secrets in the clear (sealing is random), masked by auditDiff; the hint is left out.
    const { secretHint: _hint, ...after } = { ...changes, ...plain };
    await this.changed(tenant, id, 'updated', changes, current, after);
    return this.get(tenant, id);
  }

  /** Writes a change and its audit entry in one transaction. */
  private changed(tenant: TenantRef, id: number, action: 'updated' | 'secret_rotated', changes: Partial<Webhook>, before: object, after: object) {
    const write = (m: EntityManager) => m.update(Webhook, { id, tenantId: tenant.id }, changes);
    return this.audit.transaction(this.webhooks.manager, write, () => ({ tenantId: tenant.id, resource: 'webhook', resourceId: id, action, before, after }));
  }

  /** Soft delete: deliveries keep pointing at it; nothing more is sent. */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    const result = await this.audit.transaction(
      this.webhooks.manager,
      (m) => m.update(Webhook, { id, tenantId: tenant.id, deletedAt: IsNull() }, { deletedAt: new Date(), enabled: false, disabledReason: 'deleted' }),
      (r) => (r.affected ? { tenantId: tenant.id, resource: 'webhook', resourceId: id, action: 'deleted' } : null),
    );
    if (!result.affected) throw notFound('webhook_not_found', `Webhook ${id} not found`, { id });
  }

  /** A new secret signs from now on; the old one keeps signing alongside it for the grace period. */
  async rotateSecret(tenant: TenantRef, id: number, dto: RotateSecretDto): Promise<WebhookView> {
    const current = await this.findWithSecrets(tenant.id, id);
    const scheme = current.signatureScheme === 'none' ? 'dmhub' : current.signatureScheme;
    this.resolve(current, { secret: dto.secret, signatureScheme: scheme });
    const grace = dto.graceSeconds ?? DEFAULT_GRACE_SECONDS;
    const previous = grace > 0 ? current.secret : null;
    const previousSecretExpiresAt = previous ? new Date(Date.now() + grace * 1000) : null;
    const changes = {
      secret: this.box.seal(dto.secret),
      secretHint: secretHint(dto.secret),
      signatureScheme: scheme,
      previousSecret: previous === null ? null : this.box.seal(previous),
      previousSecretExpiresAt,
    };
    await this.changed(tenant, id, 'secret_rotated', changes, current, { secret: dto.secret, signatureScheme: scheme, previousSecretExpiresAt });
    return this.get(tenant, id);
  }

  /** Called by the delivery engine when a receiver answers 410 Gone. */
  async disable(tenantId: number, id: number, reason: string): Promise<void> {
    await this.webhooks.update({ id, tenantId }, { enabled: false, disabledReason: reason.slice(0, 500) });
  }

  /** The configuration as stored: secret and password sealed, the secret's masked hint beside it. */
  private sealed(config: WebhookConfig): Partial<Webhook> {
    return {
      ...config,
      secret: config.secret === null ? null : this.box.seal(config.secret),
      secretHint: secretHint(config.secret),
      basicAuthPassword: config.basicAuthPassword === null ? null : this.box.seal(config.basicAuthPassword),
    };
  }

  /** Secrets in the clear (a value stored before encryption, not yet sealed by the migration or secrets:rotate, reads as is). */
  private opened(w: Webhook): WebhookWithSecrets {
    for (const column of WEBHOOK_SECRET_COLUMNS) {
      const value = w[column];
      if (value !== null && value !== undefined) w[column] = this.box.reveal(value);
    }
    return w as WebhookWithSecrets;
  }

  /** Merges a change into a configuration and checks it whole (webhook-changes.ts). */
  private resolve(current: WebhookConfig, dto: WebhookFieldsDto): WebhookConfig {
    return resolveConfig(current, dto, this.limits);
  }
}
