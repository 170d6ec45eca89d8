import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { DataSource, IsNull } from 'typeorm';
import { FieldProblem, notFound } from '../common/api-error';
import { PageQuery, mapPage, toPage } from '../common/pagination';
import { Env } from '../config/env';
import { renderLimits } from '../templates/render-budget';
import { fieldError, FieldValidationException } from '../common/validation';
import { secretHint } from '../common/credential-mask';
import { nullIfNotFound } from '../common/not-found';
import { JourneysService } from '../journeys/journeys.service';
import type { RenderLimits } from '../templates/render-budget';
import { compileTemplate, renderTemplate, TemplateError } from '../templates/render-template';
import { sampleContext } from '../outbox/template-sample';
import type { TenantRef } from '../common/tenant-ref';
import { headerProblems } from '../webhooks/webhook-rules';
import type { InboundRequestPage, InboundRequestView, InboundTriggerPage, InboundTriggerView } from './dto/inbound-trigger-view.dto';
import type { ChecksDto, CreateInboundTriggerDto, InboundRequestQueryDto, RotateTriggerSecretDto, UpdateInboundTriggerDto } from './dto/inbound-trigger.dto';
import { parseCidr } from './inbound-checks';
import { InboundRequest } from './inbound-request.entity';
import { InboundTrigger, PublicChecks, SECRET_COLUMNS, TriggerSecrets } from './inbound-trigger.entity';
import { SecretBox } from '../secrets/secret-box';

type SecretName = keyof TriggerSecrets;

export function newTriggerKey(): string {
  return randomBytes(18).toString('base64url');
}

function newSecret(check: SecretName): string {
  return check === 'standardWebhooks' ? `whsec_${randomBytes(32).toString('base64')}` : randomBytes(32).toString('hex');
}

/**
 * Headers an inbound response may not set: it is served from Herald's own origin (the console's),
 * so they would act on a visitor's browser there — cookies (a tenant could plant its own console
 * session: login CSRF), redirects, site data, transport security, cross-origin access.
 */
const ORIGIN_HEADERS =
  /^(set-cookie2?|clear-site-data|refresh|location|strict-transport-security|access-control-.*|content-security-policy.*|content-disposition|service-worker-allowed)$/i;

/** What the API shows: secrets as their masked hints, or in clear the ones in `revealed` (once: on creation and rotation). */
export function toTriggerView(t: InboundTrigger, publicUrl: string, revealed: TriggerSecrets = {}): InboundTriggerView {
  const { hmac, standardWebhooks, token, ipAllowlist } = t.checks;
  const shown = (name: SecretName) => revealed[name] ?? t.checks[name]?.hint ?? null;
  return {
    id: t.id,
    name: t.name,
    key: t.key,
    url: `${publicUrl.replace(/\/$/, '')}/hooks/${t.key}`,
    enabled: t.enabled,
    methods: t.methods,
    mode: t.mode,
    syncTimeoutMs: t.syncTimeoutMs,
    journeyId: t.journeyId,
    response: t.response,
    customerMatch: t.customerMatch,
    idHeader: t.idHeader,
    checks: {
      hmac: hmac ? { header: hmac.header, algorithm: hmac.algorithm, secret: shown('hmac') } : null,
      standardWebhooks: standardWebhooks ? { secret: shown('standardWebhooks') } : null,
      token: token ? { header: token.header, value: shown('token') } : null,
      ipAllowlist: ipAllowlist ?? [],
    },
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export function toRequestView(r: InboundRequest): InboundRequestView {
  return {
    id: String(r.id),
    receivedAt: r.createdAt,
    method: r.method,
    clientIp: r.clientIp,
    headers: r.headers,
    query: r.query,
    body: r.body,
    bodyTruncated: r.bodyTruncated,
    deliveryKey: r.deliveryKey,
    verdict: r.verdict,
    status: r.status,
    runId: r.runId === null ? null : String(r.runId),
    error: r.error,
    response: r.response,
    durationMs: r.durationMs,
  };
}

const triggerNotFound = (id: number) => notFound('inbound_trigger_not_found', `Inbound trigger ${id} not found`, { id });

/** Inbound triggers (NocoBase-style webhook triggers): definitions, their secrets, and the request log. */
@Injectable()
export class InboundTriggersService {
  private readonly publicUrl: string;
  private readonly limits: RenderLimits;

  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    private readonly journeys: JourneysService,
    env: Env,
  ) {
    this.publicUrl = env.PUBLIC_URL;
    this.limits = renderLimits(env);
  }

  async create(tenant: TenantRef, dto: CreateInboundTriggerDto): Promise<InboundTriggerView> {
    if (!dto.name) throw fieldError('name', 'is required', 'required');
    const { checks, secrets } = this.resolveChecks(dto.checks ?? {}, { checks: {}, secrets: {} });
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
    this.applyPlainFields(row, dto);
    await this.checkJourney(tenant, null, dto.journeyId);
    row.journeyId = dto.journeyId ?? null;
    await this.db.getRepository(InboundTrigger).insert(row);
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

  /** The trigger behind a public key and its secrets opened (the hook endpoint checks callers with them). */
  async byKey(key: string): Promise<{ trigger: InboundTrigger; secrets: TriggerSecrets } | null> {
    const t = await this.withSealed().where('t.key = :key AND t.deletedAt IS NULL', { key }).getOne();
    return t ? { trigger: t, secrets: this.opened(t) } : null;
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
      const resolved = this.resolveChecks(dto.checks, { checks: current.checks, secrets: await this.secretsOf(tenant.id, id) });
      Object.assign(changes, { checks: resolved.checks, ...this.sealed(resolved.secrets) });
      // New secrets (given or generated) are shown once; kept ones stay masked.
      revealed = Object.fromEntries(resolved.fresh.map((name) => [name, resolved.secrets[name]]));
    }
    if (dto.journeyId !== undefined) {
      await this.checkJourney(tenant, id, dto.journeyId);
      changes.journeyId = dto.journeyId;
    }
    this.applyPlainFields(changes, dto);
    if (Object.keys(changes).length) await this.db.getRepository(InboundTrigger).update({ id, tenantId: tenant.id }, changes);
    return this.view(tenant, id, revealed);
  }

  /** Soft delete: the request log stays readable; the URL answers 404. */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    const result = await this.db
      .getRepository(InboundTrigger)
      .update({ id, tenantId: tenant.id, deletedAt: IsNull() }, { deletedAt: new Date(), enabled: false });
    if (!result.affected) throw triggerNotFound(id);
  }

  async rotateKey(tenant: TenantRef, id: number): Promise<InboundTriggerView> {
    await this.find(tenant.id, id);
    await this.db.getRepository(InboundTrigger).update({ id, tenantId: tenant.id }, { key: newTriggerKey() });
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
    await this.db.getRepository(InboundTrigger).update({ id, tenantId: tenant.id }, { checks, [SECRET_COLUMNS[dto.check]]: this.box.seal(secret) });
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

  private applyPlainFields(target: Partial<InboundTrigger>, dto: UpdateInboundTriggerDto): void {
    for (const key of ['name', 'enabled', 'methods', 'mode', 'syncTimeoutMs', 'idHeader'] as const) {
      if (dto[key] !== undefined) (target as Record<string, unknown>)[key] = dto[key];
    }
    if (dto.customerMatch !== undefined) {
      const m = dto.customerMatch;
      if (m && Object.keys(m).filter((k) => m[k as 'mobile' | 'email'] !== undefined).length !== 1) {
        throw fieldError('customerMatch', 'must name exactly one of mobile or email', 'one_of_mobile_email');
      }
      target.customerMatch = m ? { ...m } : null;
    }
    if (dto.response !== undefined) {
      const r = dto.response;
      if (r) {
        // Header problems are named from `headers.`: they move under `response.`, messages too.
        const problems: FieldProblem[] = headerProblems(r.headers ?? {}).map((p) => ({ ...p, path: `response.${p.path}`, message: `response.${p.message}` }));
        for (const name of Object.keys(r.headers ?? {})) {
          if (ORIGIN_HEADERS.test(name)) {
            const path = `response.headers.${name}`;
            problems.push({
              path,
              code: 'header_not_allowed',
              params: { name },
              message: `${path} would act on browsers at Herald's own address and cannot be set`,
            });
          }
        }
        if (r.body !== undefined && r.body !== null) {
          try {
            // Rendered once for sample values too: a template past the render limits for any request (a loop) is refused here.
            renderTemplate(compileTemplate(r.body, 'response.body'), { ...sampleContext(), trigger: {}, nodes: {} }, this.limits);
          } catch (error) {
            if (!(error instanceof TemplateError)) throw error;
            problems.push(error.toProblem());
          }
        }
        if (problems.length) throw new FieldValidationException(problems);
      }
      target.response = r ? { status: r.status ?? 200, headers: r.headers ?? {}, body: r.body ?? null } : null;
    }
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

  /** New checks: secrets kept when a check stays; given ones taken and missing ones generated (`fresh`: shown once). */
  private resolveChecks(dto: ChecksDto, current: { checks: PublicChecks; secrets: TriggerSecrets }) {
    const checks: PublicChecks = {};
    const secrets: TriggerSecrets = {};
    const fresh: SecretName[] = [];
    const secretFor = (name: SecretName, given: string | undefined) => {
      if (!given && current.secrets[name]) return current.secrets[name]!;
      fresh.push(name);
      return given ?? newSecret(name);
    };
    if (dto.hmac) {
      secrets.hmac = secretFor('hmac', dto.hmac.secret);
      checks.hmac = {
        header: dto.hmac.header ?? current.checks.hmac?.header ?? 'X-Hub-Signature-256',
        algorithm: dto.hmac.algorithm ?? current.checks.hmac?.algorithm ?? 'sha256',
        hint: secretHint(secrets.hmac),
      };
    }
    if (dto.standardWebhooks) {
      secrets.standardWebhooks = secretFor('standardWebhooks', dto.standardWebhooks.secret);
      checks.standardWebhooks = { hint: secretHint(secrets.standardWebhooks) };
    }
    if (dto.token) {
      secrets.token = secretFor('token', dto.token.value);
      checks.token = { header: dto.token.header ?? current.checks.token?.header ?? 'X-Herald-Token', hint: secretHint(secrets.token) };
    }
    if (dto.ipAllowlist?.length) {
      const problems: FieldProblem[] = [];
      dto.ipAllowlist.forEach((cidr, i) => {
        try {
          parseCidr(cidr);
        } catch {
          const path = `checks.ipAllowlist[${i}]`;
          problems.push({
            path,
            code: 'is_ip_range',
            params: { value: cidr },
            message: `${path} must be an IPv4 or IPv6 address or CIDR range (got ${JSON.stringify(cidr)})`,
          });
        }
      });
      if (problems.length) throw new FieldValidationException(problems);
      checks.ipAllowlist = dto.ipAllowlist;
    }
    return { checks, secrets, fresh };
  }
}
