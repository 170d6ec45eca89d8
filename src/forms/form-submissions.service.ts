import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CustomerLookup } from '../customers/customer-lookup.service';
import { customerRef } from '../customers/customer-lookup.service';
import type { OriginName } from '../deliveries/message-origins.types';
import type { CustomerSummaryView } from '../openapi/summary.dto';
import { Form } from './form.entity';
import { DeliveryOutcomes, MessageStatus } from '../deliveries/delivery-outcomes.service';
import { JourneyRunsService } from '../journeys/journey-runs.service';
import { PageQuery } from '../common/pagination';
import { seesContactFields, type TenantRef } from '../common/tenant-ref';
import { maskEmail, maskMobile } from '../common/contact-mask';
import type { FormField } from './form-fields';
import type { FormSubmissionPage, FormSubmissionView } from './dto/form-view.dto';
import { FormSubmission } from './form-submission.entity';
import { FormsService } from './forms.service';

type CausedDelivery = MessageStatus;
interface CausedRun {
  id: string;
  journeyId: number;
  status: string;
}

/** A form's submissions for the tenant, each with the messages and journey runs it caused. */
@Injectable()
export class FormSubmissionsService {
  constructor(
    private readonly db: DataSource,
    private readonly forms: FormsService,
    private readonly messages: DeliveryOutcomes,
    private readonly runs: JourneyRunsService,
    private readonly customers: CustomerLookup,
  ) {}

  /** Newest first, keyset paged (`after` = the last id seen). A deleted form's submissions stay readable. */
  async list(tenant: TenantRef, formId: number, query: PageQuery): Promise<FormSubmissionPage> {
    const form = await this.forms.find(tenant, formId, { includeDeleted: true });
    const qb = this.db
      .getRepository(FormSubmission)
      .createQueryBuilder('s')
      .where('s.formId = :formId AND s.tenantId = :tenantId', { formId, tenantId: tenant.id })
      .orderBy('s.id', 'DESC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('s.id < :after', { after: query.after });
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    // What the page caused, in two queries whatever its size.
    const deliveries = await this.messages.statuses(
      tenant.id,
      page.flatMap((s) => s.deliveryIds),
    );
    const runs = await this.runs.statuses(
      tenant.id,
      page.flatMap((s) => s.runIds),
    );
    const customers = await this.customers.summaries(
      tenant.id,
      page.map((s) => s.customerId),
    );
    const items = page.map((s) => toSubmissionView(s, deliveries, runs, customers));
    if (!seesContactFields(tenant)) for (const item of items) item.data = maskedContactValues(item.data, form.fields);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  /** The names of the tenant's forms with these ids (deleted ones included): journeys' triggers. */
  async formNames(tenantId: number, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.getRepository(Form).find({ select: { id: true, name: true }, where: { tenantId, id: In(ids) }, withDeleted: true });
    return new Map(rows.map((f) => [f.id, f.name]));
  }

  /** Submissions named by their form (the form above each): the message log's origins. */
  async origins(tenantId: number, ids: number[]): Promise<Map<number, OriginName>> {
    const rows = await this.db.getRepository(FormSubmission).find({ select: { id: true, formId: true }, where: { tenantId, id: In(ids) } });
    const names = await this.formNames(tenantId, [...new Set(rows.map((s) => s.formId))]);
    return new Map(rows.map((s) => [Number(s.id), { name: names.get(s.formId) ?? '', parentId: s.formId }]));
  }
}

export function toSubmissionView(
  s: FormSubmission,
  deliveries: Map<string, CausedDelivery>,
  runs: Map<string, CausedRun>,
  customers: Map<number, CustomerSummaryView> = new Map(),
): FormSubmissionView {
  return {
    id: String(s.id),
    formId: s.formId,
    customerId: s.customerId,
    customer: customerRef(customers, s.customerId),
    data: s.data,
    clientAddress: s.clientAddress,
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    deliveries: s.deliveryIds.flatMap((id) => deliveries.get(id) ?? []),
    runs: s.runIds.flatMap((id) => runs.get(String(id)) ?? []),
  };
}

/** Submitted values of the fields that hold contact fields (a tel or email field, or one filling mobile or email), masked. */
function maskedContactValues(data: FormSubmissionView['data'], fields: FormField[]): FormSubmissionView['data'] {
  const out = { ...data };
  for (const f of fields) {
    const value = out[f.name];
    if (typeof value !== 'string') continue;
    if (f.type === 'tel' || f.maps === 'mobile') out[f.name] = maskMobile(value);
    else if (f.type === 'email' || f.maps === 'email') out[f.name] = maskEmail(value);
  }
  return out;
}
