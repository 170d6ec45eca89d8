import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryOutcomes, MessageStatus } from '../deliveries/delivery-outcomes.service';
import { JourneyRunsService } from '../journeys/journey-runs.service';
import { PageQuery } from '../common/pagination';
import type { TenantRef } from '../common/tenant-ref';
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
  ) {}

  /** Newest first, keyset paged (`after` = the last id seen). A deleted form's submissions stay readable. */
  async list(tenant: TenantRef, formId: number, query: PageQuery): Promise<FormSubmissionPage> {
    await this.forms.find(tenant, formId, { includeDeleted: true });
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
    const items = page.map((s) => toSubmissionView(s, deliveries, runs));
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
  }
}

export function toSubmissionView(s: FormSubmission, deliveries: Map<string, CausedDelivery>, runs: Map<string, CausedRun>): FormSubmissionView {
  return {
    id: String(s.id),
    formId: s.formId,
    customerId: s.customerId,
    data: s.data,
    clientAddress: s.clientAddress,
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    deliveries: s.deliveryIds.flatMap((id) => deliveries.get(id) ?? []),
    runs: s.runIds.flatMap((id) => runs.get(String(id)) ?? []),
  };
}
