import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuditAction } from '../audit/audit.types';
import { notFound } from '../common/api-error';
import { PageQuery, mapPage, toPage } from '../common/pagination';
import { Env } from '../config/env';
import { renderLimits } from '../templates/render-budget';
import { fieldError } from '../common/validation';
import { secretHint } from '../common/credential-mask';
import { nullIfNotFound } from '../common/not-found';
import { JourneysService } from '../journeys/journeys.service';
import { RunStarter, StartableJourney } from '../journeys/run-starter.service';
import { SingleFlight } from '../common/single-flight';
import type { RenderLimits } from '../templates/render-budget';
import type { TenantRef } from '../common/tenant-ref';
import type { InboundRequestPage, InboundTriggerPage, InboundTriggerView } from './dto/inbound-trigger-view.dto';
import type { CreateInboundTriggerDto, InboundRequestQueryDto, RotateTriggerSecretDto, UpdateInboundTriggerDto } from './dto/inbound-trigger.dto';
import { InboundRequest } from './inbound-request.entity';
import { InboundTrigger, SECRET_COLUMNS, TriggerSecrets } from './inbound-trigger.entity';
import { SecretBox } from '../secrets/secret-box';
import { applyPlainFields, newSecret, newTriggerKey, resolveChecks } from './inbound-trigger-settings';
import { toRequestView, toTriggerView } from './inbound-trigger-view';

type SecretName = keyof TriggerSecrets;

const triggerNotFound = (id: number) => notFound('inbound_trigger_not_found', `Inbound trigger ${id} not found`, { id });

/** Inbound triggers (NocoBase-style webhook triggers): definitions, their secrets, and the request log. */
@Injectable()
export class InboundTriggersService {
  private readonly publicUrl: string;
  private readonly limits: RenderLimits;
  private readonly lookups = new SingleFlight<{ trigger: InboundTrigger; secrets: TriggerSecrets } | null>();
  private readonly journeyLookups = new SingleFlight<StartableJourney | null>();

  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    private readonly journeys: JourneysService,
    private readonly starter: RunStarter,
    private readonly audit: AuditService,
    env: Env,
  ) {
    this.publicUrl = env.PUBLIC_URL;
    this.limits = renderLimits(env);
  }

  /** Writes a change to a trigger and its audit entry in one transaction (`write` answering 0 rows: nothing recorded). */
  private audited(
    tenant: TenantRef,
    id: number,
    action: AuditAction,
    write: (m: EntityManager) => Promise<{ affected?: number }>,
    before?: object,
    after?: object,
  ) {
    return this.audit.writeAudited(this.db.manager, { tenantId: tenant.id, resource: 'inbound_trigger', resourceId: id, action, before, after }, write);
  }

  async create(tenant: TenantRef, dto: CreateInboundTriggerDto): Promise<InboundTriggerView> {
    if (!dto.name) throw fieldError('name', 'is required', 'required');
    const { checks, secrets } = resolveChecks(dto.checks ?? {}, { checks: {}, secrets: {} });
    const row = this.db.getRepository(InboundTrigger).create({
      tenantId: tenant.id,
      name: dto.name,
      key: newTriggerKey(),
      enabled: dto.enabled ?? true,
      methods: dto.methods ?? ['POST'],
      mode: dto.mode ?? 'async',
      syncTimeoutMs: dto.syncTimeoutMs ?? 10_000,
      journeyId: null,
      response: null,
      customerMatch: null,
      checks,
      ...this.sealed(secrets),
      idHeader: dto.idHeader ?? null,
    });
    applyPlainFields(row, dto, this.limits);
    await this.checkJourney(tenant, null, dto.journeyId);
    row.journeyId = dto.journeyId ?? null;
    const after = { ...row };
    const change = () => ({ tenantId: tenant.id, resource: 'inbound_trigger', resourceId: row.id, action: 'created', after }) as const;
    await this.audit.transaction(this.db.manager, (m) => m.insert(InboundTrigger, row), change);
    // Shown once: every secret of a new trigger, given or generated.
    return this.view(tenant, row.id, secrets);
  }

  async list(tenant: TenantRef, query: PageQuery): Promise<InboundTriggerPage> {
    const qb = this.db
      .getRepository(InboundTrigger)
      .createQueryBuilder('t')
      .where('t.tenantId = :tenantId AND t.deletedAt IS NULL', { tenantId: tenant.id })
      .orderBy('t.id', 'ASC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('t.id > :after', { after: query.after });
    const page = toPage(await qb.getMany(), query.limit);
    return { ...page, items: page.items.map((t) => toTriggerView(t, this.publicUrl)) };
  }

  async view(tenant: TenantRef, id: number, revealed: TriggerSecrets = {}): Promise<InboundTriggerView> {
    return toTriggerView(await this.find(tenant.id, id), this.publicUrl, revealed);
  }

  async find(tenantId: number, id: number): Promise<InboundTrigger> {
    const t = await this.db.getRepository(InboundTrigger).findOneBy({ id, tenantId, deletedAt: IsNull() });
    if (!t) throw triggerNotFound(id);
    return t;
  }

  /** The names of the tenant's inbound triggers with these ids (deleted ones included): journeys' triggers. */
  async names(tenantId: number, ids: number[]): Promise<Map<number, string>> {
    const rows = await this.db.getRepository(InboundTrigger).find({ select: { id: true, name: true }, where: { tenantId, id: In(ids) } });
    return new Map(rows.map((t) => [t.id, t.name]));
  }

  /** The trigger behind a public key and its secrets opened (the hook endpoint checks callers with them). */
  /** The live trigger with this key and its secrets opened. A burst of calls to one hook shares the lookup in flight (nothing is cached). */
  byKey(key: string): Promise<{ trigger: InboundTrigger; secrets: TriggerSecrets } | null> {
    return this.lookups.run(key, async () => {
      const t = await this.withSealed().where('t.key = :key AND t.deletedAt IS NULL', { key }).getOne();
      return t ? { trigger: t, secrets: this.opened(t) } : null;
    });
  }

  /** The trigger's journey if it is active; concurrent calls share the lookup in flight. */
  activeJourney(tenantId: number, journeyId: number): Promise<StartableJourney | null> {
    return this.journeyLookups.run(`${tenantId}:${journeyId}`, () => this.starter.active(tenantId, journeyId));
  }

  private withSealed() {
    return this.db
      .getRepository(InboundTrigger)
      .createQueryBuilder('t')
      .addSelect(Object.values(SECRET_COLUMNS).map((c) => `t.${c}`));
  }

  private async secretsOf(tenantId: number, id: number): Promise<TriggerSecrets> {
    const t = await this.withSealed().where('t.id = :id AND t.tenantId = :tenantId', { id, tenantId }).getOneOrFail();
    return this.opened(t);
  }

  private opened(t: InboundTrigger): TriggerSecrets {
    const out: TriggerSecrets = {};
    for (const [name, column] of Object.entries(SECRET_COLUMNS) as [SecretName, keyof InboundTrigger][]) {
      const stored = t[column] as string | null;
      if (stored) out[name] = this.box.reveal(stored);
    }
    return out;
  }

  /** The sealed columns for these secrets (a check without a secret: null). */
  private sealed(secrets: TriggerSecrets): Pick<InboundTrigger, 'hmacSecret' | 'standardWebhooksSecret' | 'tokenSecret'> {
    const seal = (v: string | undefined) => (v ? this.box.seal(v) : null);
    return { hmacSecret: seal(secrets.hmac), standardWebhooksSecret: seal(secrets.standardWebhooks), tokenSecret: seal(secrets.token) };
  }

  async update(tenant: TenantRef, id: number, dto: UpdateInboundTriggerDto): Promise<InboundTriggerView> {
    const current = await this.find(tenant.id, id);
    const changes: Partial<InboundTrigger> = {};
    let revealed: TriggerSecrets = {};
    if (dto.checks !== undefined) {
      const resolved = resolveChecks(dto.checks, { checks: current.checks, secrets: await this.secretsOf(tenant.id, id) });
      Object.assign(changes, { checks: resolved.checks, ...this.sealed(resolved.secrets) });
      // New secrets (given or generated) are shown once; kept ones stay masked.
      revealed = Object.fromEntries(resolved.fresh.map((name) => [name, resolved.secrets[name]]));
    }
    if (dto.journeyId !== undefined) {
      await this.checkJourney(tenant, id, dto.journeyId);
      changes.journeyId = dto.journeyId;
    }
    applyPlainFields(changes, dto, this.limits);
    // Sealing is random: only the secrets that are new count as changed (masked).
    const { hmacSecret: _h, standardWebhooksSecret: _s, tokenSecret: _t, ...after } = changes;
    const fresh = Object.fromEntries(Object.entries(revealed).map(([name, v]) => [SECRET_COLUMNS[name as SecretName], v]));
    const write = (m: EntityManager) => m.update(InboundTrigger, { id, tenantId: tenant.id }, changes);
    if (Object.keys(changes).length) await this.audited(tenant, id, 'updated', write, current, { ...after, ...fresh });
    return this.view(tenant, id, revealed);
  }

  /** Soft delete: the request log stays readable; the URL answers 404. */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    const write = (m: EntityManager) => m.update(InboundTrigger, { id, tenantId: tenant.id, deletedAt: IsNull() }, { deletedAt: new Date(), enabled: false });
    const result = await this.audited(tenant, id, 'deleted', write);
    if (!result.affected) throw triggerNotFound(id);
  }

  async rotateKey(tenant: TenantRef, id: number): Promise<InboundTriggerView> {
    const before = await this.find(tenant.id, id);
    const key = newTriggerKey();
    await this.audited(tenant, id, 'key_rotated', (m) => m.update(InboundTrigger, { id, tenantId: tenant.id }, { key }), { key: before.key }, { key });
    return this.view(tenant, id);
  }

  /** A new secret for one check, shown once. */
  async rotateSecret(tenant: TenantRef, id: number, dto: RotateTriggerSecretDto): Promise<InboundTriggerView> {
    const t = await this.find(tenant.id, id);
    const check = t.checks[dto.check];
    if (!check) throw fieldError('check', `names a check this trigger does not use (${dto.check})`, 'check_not_used', { check: dto.check });
    if (dto.check === 'standardWebhooks' && dto.secret && !/^whsec_[A-Za-z0-9+/=]{32,}$/.test(dto.secret)) {
      throw fieldError('secret', 'must be whsec_ followed by at least 24 base64 bytes', 'matches');
    }
    const secret = dto.secret ?? newSecret(dto.check);
    const checks = { ...t.checks, [dto.check]: { ...check, hint: secretHint(secret) } };
    // The check exists, so its secret does (the sealed columns are not read here): masked either way.
    const column = SECRET_COLUMNS[dto.check];
    const write = (m: EntityManager) => m.update(InboundTrigger, { id, tenantId: tenant.id }, { checks, [column]: this.box.seal(secret) });
    await this.audited(tenant, id, 'secret_rotated', write, { [column]: 'set' }, { [column]: secret });
    return this.view(tenant, id, { [dto.check]: secret });
  }

  async requests(tenant: TenantRef, id: number, q: InboundRequestQueryDto): Promise<InboundRequestPage> {
    await this.find(tenant.id, id);
    const qb = this.db
      .getRepository(InboundRequest)
      .createQueryBuilder('r')
      .where('r.triggerId = :id AND r.tenantId = :tenantId', { id, tenantId: tenant.id })
      .orderBy('r.id', 'DESC')
      .take(q.limit + 1);
    if (q.verdict) qb.andWhere('r.verdict = :verdict', { verdict: q.verdict });
    if (q.after) qb.andWhere('r.id < :after', { after: q.after });
    return mapPage(toPage(await qb.getMany(), q.limit), toRequestView);
  }

  /** The journey must be the tenant's and listen to inbound hooks (this one, if it names one). */
  private async checkJourney(tenant: TenantRef, triggerId: number | null, journeyId: number | null | undefined): Promise<void> {
    if (!journeyId) return;
    const j = await this.journeys.find(tenant, journeyId).catch(nullIfNotFound);
    if (!j) throw fieldError('journeyId', `names no journey of yours (${journeyId})`, 'unknown_journey', { id: journeyId });
    const trigger = j.definition.trigger;
    if (trigger.type !== 'inbound') {
      throw fieldError(
        'journeyId',
        `names journey ${journeyId}, whose trigger is ${trigger.type}: use a journey with an inbound trigger`,
        'journey_not_inbound',
        { id: journeyId, triggerType: trigger.type },
      );
    }
    if (trigger.inboundTriggerId && trigger.inboundTriggerId !== triggerId) {
      throw fieldError('journeyId', `names journey ${journeyId}, which listens to inbound trigger ${trigger.inboundTriggerId}`, 'journey_listens_elsewhere', {
        id: journeyId,
        inboundTriggerId: trigger.inboundTriggerId,
      });
    }
  }
}
