import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuditAction } from '../audit/audit.types';
import { FieldProblem, notFound } from '../common/api-error';
import { nullIfNotFound } from '../common/not-found';
import { PageQuery, toPage } from '../common/pagination';
import { fieldError, FieldValidationException } from '../common/validation';
import { Env } from '../config/env';
import type { TenantRef } from '../common/tenant-ref';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { FormPage, FormPreviewView, FormView } from './dto/form-view.dto';
import { previewPage } from './form-replies';
import type { CreateFormDto, FormPreviewDto, UpdateFormDto } from './dto/form.dto';
import { checkFields } from './form-fields';
import { FormSubmission } from './form-submission.entity';
import { Form } from './form.entity';

/** 18 random bytes: 24 url-safe characters, unguessable. */
export function newFormKey(): string {
  return randomBytes(18).toString('base64url');
}

export function toFormView(f: Form, publicBase: string, submissionCount = 0): FormView {
  return {
    id: f.id,
    name: f.name,
    key: f.key,
    publicUrl: `${publicBase.replace(/\/+$/, '')}/f/${f.key}`,
    title: f.title,
    description: f.description,
    fields: f.fields,
    webhookIds: f.webhookIds,
    thankYouText: f.thankYouText,
    redirectUrl: f.redirectUrl,
    enabled: f.enabled,
    submissionCount,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    deletedAt: f.deletedAt,
  };
}

const formNotFound = (id: number) => notFound('form_not_found', `Form ${id} not found`, { id });

/** Forms (表单) and their micro-page links. */
@Injectable()
export class FormsService {
  constructor(
    private readonly db: DataSource,
    private readonly webhooks: WebhooksService,
    private readonly env: Env,
    private readonly audit: AuditService,
  ) {}

  /** Writes a change to a form and its audit entry in one transaction (`write` answering 0 rows: nothing recorded). */
  private audited(
    tenant: TenantRef,
    id: number,
    action: AuditAction,
    write: (m: EntityManager) => Promise<{ affected?: number }>,
    before?: object,
    after?: object,
  ) {
    return this.audit.writeAudited(this.db.manager, { tenantId: tenant.id, resource: 'form', resourceId: id, action, before, after }, write);
  }

  async create(tenant: TenantRef, dto: CreateFormDto): Promise<FormView> {
    if (!dto.name) throw fieldError('name', 'is required', 'required');
    if (dto.fields === undefined) throw fieldError('fields', 'is required', 'required');
    const fields = this.checkedFields(dto.fields);
    await this.checkWebhooks(tenant, dto.webhookIds ?? []);
    const repo = this.db.getRepository(Form);
    const row = repo.create({
      tenantId: tenant.id,
      name: dto.name,
      key: newFormKey(),
      title: dto.title ?? null,
      description: dto.description ?? null,
      fields,
      webhookIds: dto.webhookIds ?? [],
      thankYouText: dto.thankYouText ?? null,
      redirectUrl: dto.redirectUrl ?? null,
      enabled: dto.enabled ?? true,
      deletedAt: null,
    });
    const { key: _key, tenantId: _t, deletedAt: _d, ...after } = row;
    await this.audit.transaction(
      this.db.manager,
      (m) => m.insert(Form, row),
      () => ({ tenantId: tenant.id, resource: 'form', resourceId: row.id, action: 'created', after }),
    );
    return this.get(tenant, row.id);
  }

  /** An unsaved form's page (the editor's preview): fields checked like create, nothing stored. */
  preview(dto: FormPreviewDto): FormPreviewView {
    const fields = this.checkedFields(dto.fields);
    return previewPage({ name: dto.name || '', title: dto.title ?? null, description: dto.description ?? null, fields });
  }

  /** Live forms, newest first. */
  async list(tenant: TenantRef, query: PageQuery): Promise<FormPage> {
    const qb = this.db
      .getRepository(Form)
      .createQueryBuilder('f')
      .where('f.tenantId = :tenantId AND f.deletedAt IS NULL', { tenantId: tenant.id })
      .orderBy('f.id', 'DESC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('f.id < :after', { after: query.after });
    const page = toPage(await qb.getMany(), query.limit);
    const counts = await this.submissionCounts(page.items.map((f) => f.id));
    return { ...page, items: page.items.map((f) => toFormView(f, this.env.PUBLIC_URL, counts.get(f.id) ?? 0)) };
  }

  /** A deleted form is still found with `includeDeleted` (its detail and submissions stay readable). */
  async find(tenant: TenantRef, id: number, options: { includeDeleted?: boolean } = {}): Promise<Form> {
    const f = await this.db.getRepository(Form).findOneBy({ id, tenantId: tenant.id, ...(options.includeDeleted ? {} : { deletedAt: IsNull() }) });
    if (!f) throw formNotFound(id);
    return f;
  }

  /** Whether the tenant has this form, not deleted (a form_submitted journey names it). */
  exists(tenantId: number, id: number): Promise<boolean> {
    return this.db.getRepository(Form).existsBy({ id, tenantId, deletedAt: IsNull() });
  }

  async get(tenant: TenantRef, id: number): Promise<FormView> {
    const f = await this.find(tenant, id, { includeDeleted: true });
    return toFormView(f, this.env.PUBLIC_URL, (await this.submissionCounts([id])).get(id) ?? 0);
  }

  /** `fields` replaces the fields whole; earlier submissions keep the data they were given. */
  async update(tenant: TenantRef, id: number, dto: UpdateFormDto): Promise<FormView> {
    const before = await this.find(tenant, id);
    if (dto.name === null) throw fieldError('name', 'cannot be cleared', 'required');
    if (dto.enabled === null) throw fieldError('enabled', 'must be true or false', 'is_boolean');
    const changes: Partial<Form> = {};
    if (dto.fields !== undefined) changes.fields = this.checkedFields(dto.fields);
    if (dto.webhookIds !== undefined) {
      await this.checkWebhooks(tenant, dto.webhookIds);
      changes.webhookIds = dto.webhookIds;
    }
    for (const key of ['name', 'title', 'description', 'thankYouText', 'redirectUrl', 'enabled'] as const) {
      if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
    }
    if (Object.keys(changes).length) await this.audited(tenant, id, 'updated', (m) => m.update(Form, { id, tenantId: tenant.id }, changes), before, changes);
    return this.get(tenant, id);
  }

  /** Soft delete: the link answers 404 from now on; the form's detail and submissions stay readable. */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    const result = await this.audited(tenant, id, 'deleted', (m) =>
      m.update(Form, { id, tenantId: tenant.id, deletedAt: IsNull() }, { deletedAt: new Date() }),
    );
    if (!result.affected) throw formNotFound(id);
  }

  /** A new public key: the old link answers 404 at once. */
  async rotateKey(tenant: TenantRef, id: number): Promise<FormView> {
    const before = await this.find(tenant, id);
    const key = newFormKey();
    await this.audited(tenant, id, 'key_rotated', (m) => m.update(Form, { id, tenantId: tenant.id }, { key }), { key: before.key }, { key });
    return this.get(tenant, id);
  }

  private checkedFields(input: unknown) {
    if (input === null) throw fieldError('fields', 'must be a non-empty array of fields', 'is_array');
    const { fields, problems } = checkFields(input);
    if (problems.length) throw new FieldValidationException(problems);
    return fields;
  }

  /** Each id must name an enabled `manual` webhook of the tenant (400 naming `webhookIds[i]`). */
  private async checkWebhooks(tenant: TenantRef, ids: number[] | null): Promise<void> {
    if (ids === null) throw fieldError('webhookIds', 'must be an array of webhook ids ([] for none)', 'is_array');
    if (!ids.length) return;
    const found = new Map(
      await Promise.all([...new Set(ids)].map(async (id) => [id, await this.webhooks.findRow(tenant.id, id).catch(nullIfNotFound)] as const)),
    );
    const problems: FieldProblem[] = [];
    ids.forEach((id, i) => {
      const path = `webhookIds[${i}]`;
      const w = found.get(id);
      const add = (code: FieldProblem['code'], message: string) =>
        problems.push({ path, code, params: { id, ...(w ? { triggerType: w.triggerType } : {}) }, message: `${path} ${message}` });
      if (!w) add('unknown_webhook', `names no webhook of yours (${id})`);
      else if (w.triggerType !== 'manual') add('webhook_not_manual', `names webhook ${id}, whose trigger type is ${w.triggerType}: forms call manual webhooks`);
      else if (!w.enabled) add('webhook_disabled', `names webhook ${id}, which is disabled`);
    });
    if (problems.length) throw new FieldValidationException(problems);
  }

  private async submissionCounts(formIds: number[]): Promise<Map<number, number>> {
    if (!formIds.length) return new Map();
    const rows: { formId: number; n: string | number }[] = await this.db
      .getRepository(FormSubmission)
      .createQueryBuilder('s')
      .select('s.formId', 'formId')
      .addSelect('COUNT(*)', 'n')
      .where('s.formId IN (:...formIds)', { formIds })
      .groupBy('s.formId')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.formId), Number(r.n)]));
  }
}
