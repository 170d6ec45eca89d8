import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';
import type { TenantRef } from '../common/tenant-ref';
import { WebhooksService } from '../webhooks/webhooks.service';
import { FrequencyCapView, PutFrequencyCapDto } from './dto/frequency-cap.dto';
import { FrequencyCap } from './frequency-cap.entity';

/** How long a process reuses a tenant's caps. A change is announced on Redis at once; this bounds a missed notice. */
export const CAP_SETTINGS_CACHE_MS = 2_000;
const TENANT = 0;
const DEFAULTS = { enabled: false, maxMessages: 3, windowHours: 24 };

/** The caps in force for a tenant: its own (if on) and the webhooks' own (those on). */
export interface TenantCaps {
  tenant: CapRule | null;
  webhooks: Map<number, CapRule>;
}
export interface CapRule {
  maxMessages: number;
  windowMs: number;
}

const rule = (c: FrequencyCap): CapRule => ({ maxMessages: c.maxMessages, windowMs: c.windowHours * 3_600_000 });

function toView(c: FrequencyCap | null, webhookId: number | null): FrequencyCapView {
  return c
    ? { enabled: c.enabled, maxMessages: c.maxMessages, windowHours: c.windowHours, webhookId, updatedAt: c.updatedAt }
    : { ...DEFAULTS, webhookId, updatedAt: null };
}

/**
 * Frequency cap settings: the tenant's and per webhook, and what is in force, cached per tenant in
 * each process; a change is published on Redis so every process drops its copy at once.
 */
@Injectable()
export class FrequencyCapsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(FrequencyCapsService.name);
  private readonly cache = new Map<number, { at: number; caps: Promise<TenantCaps> }>();
  private subscriber?: Redis;

  constructor(
    @InjectRepository(FrequencyCap) private readonly caps: Repository<FrequencyCap>,
    private readonly webhooks: WebhooksService,
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue,
    private readonly env: Env,
    private readonly audit: AuditService,
  ) {}

  private get channel(): string {
    return `${this.env.REDIS_PREFIX}:fcap:changed`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.queue.client.duplicate();
    this.subscriber.on('message', (_channel: string, tenantId: string) => this.cache.delete(Number(tenantId)));
    this.subscriber.on('error', (error: Error) => this.logger.warn(`frequency cap notices: ${error.message}`));
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  async get(tenant: TenantRef): Promise<FrequencyCapView> {
    return toView(await this.caps.findOneBy({ tenantId: tenant.id, webhookId: TENANT }), null);
  }

  async put(tenant: TenantRef, dto: PutFrequencyCapDto): Promise<FrequencyCapView> {
    await this.upsert(tenant.id, TENANT, dto);
    return this.get(tenant);
  }

  async getForWebhook(tenant: TenantRef, webhookId: number): Promise<FrequencyCapView> {
    await this.webhooks.findRow(tenant.id, webhookId);
    return toView(await this.caps.findOneBy({ tenantId: tenant.id, webhookId }), webhookId);
  }

  async putForWebhook(tenant: TenantRef, webhookId: number, dto: PutFrequencyCapDto): Promise<FrequencyCapView> {
    await this.webhooks.findRow(tenant.id, webhookId);
    await this.upsert(tenant.id, webhookId, dto);
    return this.getForWebhook(tenant, webhookId);
  }

  /** The caps in force, read at most once per CAP_SETTINGS_CACHE_MS per tenant (the fan-out asks per page). */
  inForce(tenantId: number): Promise<TenantCaps> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CAP_SETTINGS_CACHE_MS) return hit.caps;
    const caps = this.load(tenantId);
    this.cache.set(tenantId, { at: Date.now(), caps });
    caps.catch(() => this.cache.delete(tenantId));
    return caps;
  }

  private async load(tenantId: number): Promise<TenantCaps> {
    const rows = await this.caps.findBy({ tenantId, enabled: true });
    const own = rows.find((r) => r.webhookId === TENANT);
    return { tenant: own ? rule(own) : null, webhooks: new Map(rows.filter((r) => r.webhookId !== TENANT).map((r) => [r.webhookId, rule(r)])) };
  }

  private async upsert(tenantId: number, webhookId: number, dto: PutFrequencyCapDto): Promise<void> {
    const row = { tenantId, webhookId, enabled: dto.enabled, maxMessages: dto.maxMessages, windowHours: dto.windowHours };
    await this.caps.manager.transaction(async (m) => {
      const before = await m.findOneBy(FrequencyCap, { tenantId, webhookId });
      // A copy: upsert writes the generated columns back into what it is given.
      await m.upsert(FrequencyCap, { ...row }, ['tenantId', 'webhookId']);
      const resourceId = webhookId === TENANT ? 'tenant' : `webhook:${webhookId}`;
      await this.audit.record(m, {
        tenantId,
        resource: 'frequency_cap',
        resourceId,
        action: 'updated',
        before,
        after: { enabled: dto.enabled, maxMessages: dto.maxMessages, windowHours: dto.windowHours },
      });
    });
    this.cache.delete(tenantId);
    await this.queue.client.publish(this.channel, String(tenantId));
  }
}
